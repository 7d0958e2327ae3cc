// `--ndjson`: one result per input line, in order; bad lines become error lines and the batch goes on;
// exit 0 only when every line succeeded.
import { beforeAll, describe, expect, it } from 'vitest';
import { answers, dbi, national, tempDir, writeJson } from '../test/run.js';

const sme = national('sme');
const large = national('large');
let dir: string;
beforeAll(() => {
  dir = tempDir();
});

const line = (k: number, ref?: string) => JSON.stringify({ ...(ref ? { ref } : {}), answers: answers(sme, () => k) });
const parseLines = (stdout: string) => {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
};

describe.concurrent('dbi score --ndjson', () => {
  it('keeps the order of 1,000 lines; every answer k gives level k (section 2.2, worked out in score.test.ts)', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => line(i % 6, `r${i}`));
    const file = writeJson(dir, 'batch.ndjson', lines.join('\n') + '\n');
    const r = await dbi(['score', 'sme@1.0.0', '--ndjson', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = parseLines(r.stdout);
    expect(out).toHaveLength(1000);
    out.forEach((o, i) => {
      expect(o.ref).toBe(`r${i}`);
      expect(o.level).toBe(i % 6);
      expect(o.total).toBe(64 * (i % 6));
    });
  });

  it('a bad line yields an error on its own line, the batch goes on, exit 1', async () => {
    const input =
      [
        line(3, 'first'),
        '{"answers": {"1.1.1": 3,}}', // invalid JSON
        '', // an empty line keeps its place
        JSON.stringify({ ref: 'seven', answers: { '1.1.1': 7 } }), // invalid input
        '[1, 2]', // valid JSON, not an input
        line(5, 'last'),
      ].join('\n') + '\n';
    const r = await dbi(['score', 'sme@1.0.0', '--ndjson'], input);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = parseLines(r.stdout);
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({ ref: 'first', level: 3 });
    expect(out[1]).toEqual({
      line: 2,
      error: {
        message: "invalid JSON at column 25: unexpected '}': expected a property name in double quotes",
        issues: [
          {
            path: '/',
            code: 'json-syntax',
            message: "invalid JSON at column 25: unexpected '}': expected a property name in double quotes",
          },
        ],
      },
    });
    expect(out[2]).toMatchObject({ line: 3, error: { message: 'empty line' } });
    expect(out[3]).toMatchObject({ line: 4, ref: 'seven' });
    const e4 = out[3]!.error as { message: string; issues: { path: string; message: string; code: string }[] };
    expect(e4.issues.map((i) => i.path)).toContain('/answers/1.1.1');
    expect(e4.message).toContain('/answers/1.1.1');
    expect(out[4]).toMatchObject({ line: 5 });
    expect((out[4]!.error as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    expect(out[5]).toMatchObject({ ref: 'last', level: 5 });
  });

  it('a BOM, CRLF line ends, no newline after the last line, and no trailing empty result for the final newline', async () => {
    const a = await dbi(['score', 'sme@1.0.0', '--ndjson'], `\ufeff${line(1)}\r\n${line(2)}`);
    expect(a.code).toBe(0);
    expect(parseLines(a.stdout).map((o) => o.level)).toEqual([1, 2]);
    const b = await dbi(['score', 'sme@1.0.0', '--ndjson'], `${line(4)}\n\n`);
    expect(b.code).toBe(1); // the second line is empty; only the newline that ends it is not a line
    expect(parseLines(b.stdout)).toEqual([expect.objectContaining({ level: 4 }), expect.objectContaining({ line: 2 })]);
  });

  it('an empty input gives no output and exit 0', async () => {
    const r = await dbi(['score', 'sme@1.0.0', '--ndjson'], '');
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('group lines and --explain', async () => {
    const unit = { id: 'p', relation: 'parent', headcount: 7, index: 'large@1.0.0', answers: answers(large, () => 4) };
    const input = [
      JSON.stringify({ ref: 'g1', units: [unit] }),
      JSON.stringify({ ref: 'g2', units: [{ ...unit, relation: 'branch' }] }),
    ].join('\n');
    const r = await dbi(['score', 'group@1.0.0', '--ndjson', '--explain', '-'], input);
    expect(r.code).toBe(1);
    const [g1, g2] = parseLines(r.stdout);
    // A group of its parent alone at level 4: Dth = 4 → level 4.
    expect(g1).toMatchObject({ ref: 'g1', level: 4, weighted: { sum: 28, weight: 7 } });
    expect(Array.isArray(g1!.trace)).toBe(true);
    expect(g2).toMatchObject({ line: 2, ref: 'g2' });
    expect(JSON.stringify(g2!.error)).toMatch(/parent/);
  });

  it('a missing FILE is exit 1 before any output; --pretty is a usage error', async () => {
    const missing = `${dir}/none.ndjson`;
    const a = await dbi(['score', 'sme@1.0.0', '--ndjson', missing]);
    expect(a).toMatchObject({ code: 1, stdout: '' });
    expect(a.stderr).toContain(`${missing}: cannot read: no such file`);
    const b = await dbi(['score', 'sme@1.0.0', '--ndjson', '--pretty'], line(1));
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--pretty cannot be combined with --ndjson');
  });
});
