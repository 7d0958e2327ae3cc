// `dbi classify`: the size classification of Appendix IV as Decree 80/2021/NĐ-CP art. 5 states it (labour is
// required, with revenue OR total capital). A few boundaries here; the engine's tests cover every one.
import { describe, expect, it } from 'vitest';
import { contentHash } from '@dbi/schema';
import { dbi, national, tempDir, writeJson } from '../test/run.js';

const size = national('size');
const stamp = { id: 'size', version: '1.0.0', hash: contentHash(size) };
const AIC = 'agriculture-industry-construction';
const TS = 'trade-services';
const bn = (n: number) => n * 1_000_000_000;

describe.concurrent('dbi classify', () => {
  it('one enterprise from a FILE: 45 staff in trade/services with 120 bn revenue is medium (small ends at 50 staff, 100 bn) → sme', async () => {
    const file = writeJson(tempDir(), 'e.json', {
      sector: TS,
      employees: 45,
      revenueVnd: bn(120),
      capitalVnd: bn(30),
      hasSubsidiaries: false,
    });
    const r = await dbi(['classify', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    // 45 ≤ 50 staff, but revenue 120 bn > 100 bn and capital 30 bn ≤ 50 bn: capital qualifies it as small.
    expect(JSON.parse(r.stdout)).toMatchObject({ classifier: stamp, size: 'small', index: 'sme' });
  });

  // [input, size, index] — each derived from the Decree's thresholds.
  const cases: [Record<string, unknown>, string, string][] = [
    [{ sector: AIC, employees: 10, revenueVnd: bn(3) }, 'micro', 'sme'], // ≤ 10 staff and revenue ≤ 3 bn
    [{ sector: AIC, employees: 11, revenueVnd: bn(3) }, 'small', 'sme'], // one more person: small (≤ 100, ≤ 50 bn)
    [{ sector: AIC, employees: 10, revenueVnd: bn(3) + 1 }, 'small', 'sme'], // one more đồng of revenue
    [{ sector: AIC, employees: 10, revenueVnd: bn(3) + 1, capitalVnd: bn(3) }, 'micro', 'sme'], // capital ≤ 3 bn suffices
    [{ sector: AIC, employees: 100, capitalVnd: bn(20) }, 'small', 'sme'],
    [{ sector: AIC, employees: 101, capitalVnd: bn(20) }, 'medium', 'sme'],
    [{ sector: AIC, employees: 200, revenueVnd: bn(200) }, 'medium', 'sme'],
    [{ sector: AIC, employees: 201, revenueVnd: 0 }, 'large', 'large'], // more than 200 staff is large whatever the money
    [{ sector: AIC, employees: 200, revenueVnd: bn(200) + 1, capitalVnd: bn(100) + 1 }, 'large', 'large'],
    [{ sector: TS, employees: 10, revenueVnd: bn(10) }, 'micro', 'sme'],
    [{ sector: TS, employees: 50, revenueVnd: bn(100) }, 'small', 'sme'],
    [{ sector: TS, employees: 51, revenueVnd: bn(100) }, 'medium', 'sme'],
    [{ sector: TS, employees: 100, revenueVnd: bn(300) }, 'medium', 'sme'],
    [{ sector: TS, employees: 101, revenueVnd: bn(1) }, 'large', 'large'],
    [{ sector: TS, employees: 5, revenueVnd: bn(1), hasSubsidiaries: true }, 'micro', 'group'], // parent–subsidiary → group index
  ];

  it('boundaries, as a batch through --ndjson (stdin), in order', async () => {
    const r = await dbi(['classify', '--ndjson'], cases.map(([input]) => JSON.stringify(input)).join('\n') + '\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => [o.size, o.index])).toEqual(cases.map(([, s, i]) => [s, i]));
    for (const o of out) expect(o.classifier).toEqual(stamp);
  });

  it('--with names the classifier; --explain adds the trace; dbi score on a classifier classifies too', async () => {
    const input = JSON.stringify({ sector: AIC, employees: 10, revenueVnd: bn(3) });
    const a = await dbi(['classify', '--with', 'size@1.0.0', '--explain'], input);
    expect(a.code).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out).toMatchObject({ size: 'micro', index: 'sme' });
    expect(
      out.trace.some((s: { scope: string; level: string }) => s.scope === 'output:size' && s.level === 'micro'),
    ).toBe(true);
    const b = await dbi(['score', 'size@1.0.0'], input);
    expect(JSON.parse(b.stdout)).toMatchObject({ classifier: stamp, size: 'micro', index: 'sme' });
  });

  it('bad input exits 1 naming the field', async () => {
    const neither = await dbi(['classify'], JSON.stringify({ sector: AIC, employees: 3 }));
    expect(neither.code).toBe(1);
    expect(neither.stderr).toMatch(/revenueVnd/);
    expect(neither.stderr).toMatch(/capitalVnd/);
    const lines = [
      { sector: AIC, employees: -1, revenueVnd: 1 },
      { sector: 'mining', employees: 1, revenueVnd: 1 },
    ];
    const r = await dbi(['classify', '--ndjson'], lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(r.code).toBe(1);
    const [negative, sector] = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(negative.error.issues.map((i: { path: string }) => i.path)).toEqual(['/employees']);
    expect(sector.error.issues).toEqual([
      expect.objectContaining({ path: '/sector', message: expect.stringContaining('trade-services') }),
    ]);
  });

  it('--ndjson with a bad line: error line in place, exit 1', async () => {
    const r = await dbi(
      ['classify', '--ndjson'],
      [
        JSON.stringify({ sector: TS, employees: 1, capitalVnd: 1 }),
        '{"sector":',
        JSON.stringify({ sector: TS, employees: 1000, capitalVnd: 1 }),
      ].join('\n'),
    );
    expect(r.code).toBe(1);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.size ?? o.line)).toEqual(['micro', 2, 'large']);
  });

  it('--with a scorecard is a usage error (exit 2)', async () => {
    const r = await dbi(['classify', '--with', 'sme@1.0.0'], '{}');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sme@1.0.0 is a scorecard index, not a classifier');
  });
});
