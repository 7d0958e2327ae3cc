// The rest of the command surface: help, version, usage errors (exit 2), validate, show, list, --definition and
// the admin hand-off.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type ScorecardDefinition } from '@dbi/schema';
import { loadBundled } from '@dbi/indices';
import { answers, cliDir, dbi, national, repoRoot, tempDir, writeJson } from '../test/run.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe.concurrent('help and version', () => {
  it('dbi --help lists every command and the exit codes', async () => {
    const r = await dbi(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['score', 'classify', 'validate', 'show', 'list', 'admin']) expect(r.stdout).toContain(`dbi ${c}`);
    expect(r.stdout).toMatch(/2 +usage/);
  });

  it.each(['score', 'classify', 'validate', 'show', 'list'])('dbi %s --help', async (c) => {
    const r = await dbi([c, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`Usage: dbi ${c}`)).toBe(true);
    expect((await dbi(['help', c])).stdout).toBe(r.stdout);
  });

  it('--version names dbi and the engine', async () => {
    const pkg = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8'));
    const r = await dbi(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^dbi ${pkg.version.replace(/\./g, '\\.')} \\(engine \\d+\\.\\d+\\.\\d+\\)\\n$`),
    );
  });
});

describe.concurrent('usage errors exit 2 with a message and no stack', () => {
  it.each([
    [[], 'Usage:'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['score', 'sme@1.0.0', '--frobnicate'], 'unknown option --frobnicate'],
    [['score', 'sme@1.0.0', '-x'], 'unknown option -x'],
    [['score'], 'missing <index>@<version>'],
    [['score', 'sme@1.0.0', 'a.json', 'b.json'], 'unexpected argument "b.json"'],
    [
      ['score', 'large'],
      '"large" is not an index reference: expected <index>@<version>, e.g. large@1.0.0 (available: large@1.0.0)',
    ],
    [['score', 'sme@1.0.0', '--explain=yes'], '--explain takes no value'],
    [['classify', '--with'], '--with needs a value'],
    [['classify', '--with', '--ndjson'], '--with needs a value'],
    [['validate'], 'missing FILE'],
    [['show'], 'missing <index>@<version>'],
    [['list', 'extra'], 'unexpected argument "extra"'],
    [['help', 'nothing'], 'no help for "nothing"'],
  ])('dbi %j', async (args, message) => {
    const r = await dbi(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    noStack(r.stderr);
  });
});

describe.concurrent('dbi validate', () => {
  const sme = national('sme') as ScorecardDefinition;

  it('a valid definition: "valid: <id>@<version> <hash>", exit 0', async () => {
    const r = await dbi(['validate', join(repoRoot, 'indices', 'sme', '1.0.0.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`valid: sme@1.0.0 ${contentHash(sme)}\n`);
  });

  it('a broken definition: every problem as "<pointer>: <message> [code]", exit 1', async () => {
    const broken = structuredClone(sme);
    const first = broken.pillars[0]!.components[0]!.criteria;
    first[1]!.id = first[0]!.id; // duplicate id
    broken.pillars[0]!.max = 66; // Table 1 says 65
    // No such variable ("score" was the example here until the v2 language made the exact score readable).
    broken.rules.pillar[0]!.when = { '>': [{ var: 'percent' }, 1] };
    const r = await dbi(['validate', writeJson(dir, 'broken.json', broken)]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain(
      `/pillars/0/components/0/criteria/1/id: id "${first[0]!.id}" is already used at /pillars/0/components/0/criteria/0/id [duplicate-id]`,
    );
    expect(lines).toContain('/pillars/0/max: declared maximum 66 but its components add up to 65 [max-mismatch]');
    expect(
      lines.some(
        (l) =>
          l.startsWith('/rules/pillar/0/when/>/0/var: variable "percent" is not available here') &&
          l.endsWith('[rule-unknown-var]'),
      ),
    ).toBe(true);
    expect(r.stderr).toContain('problems');
  });

  it('a shape problem names the missing field', async () => {
    const { title: _t, ...untitled } = sme;
    const r = await dbi(['validate', writeJson(dir, 'untitled.json', untitled)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('/title: is required [schema-required]');
  });

  it('invalid JSON is exit 1 with the place and the reason', async () => {
    const file = writeJson(dir, 'syntax.json', '{"id": "x",\n "version" "1.0.0"}');
    const a = await dbi(['validate', file]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`${file}:2:12: invalid JSON: unexpected '"': expected ':' after the property name`);
    noStack(a.stderr);
  });
});

describe.concurrent('dbi show and dbi list', () => {
  it('show prints the definition', async () => {
    const r = await dbi(['show', 'large@1.0.0']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(national('large'));
  });

  it('show of an unknown version lists the versions (exit 1)', async () => {
    const r = await dbi(['show', 'sme@2.0.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown index version sme@2.0.0; available versions of sme: 1.0.0');
  });

  it('list gives each index version, its kind and content hash', async () => {
    const r = await dbi(['list']);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/ {2,}/));
    const example = loadBundled('readiness-example@1.0.0')!;
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ...(['group', 'large'] as const).map((id) => [`${id}@1.0.0`, national(id).kind, contentHash(national(id))]),
      ['readiness-example@1.0.0', 'scorecard', contentHash(example)],
      ...(['size', 'sme'] as const).map((id) => [`${id}@1.0.0`, national(id).kind, contentHash(national(id))]),
    ]);
  });
});

describe.concurrent('--definition: local definition files (sector variants) beside the national indices', () => {
  const sme = national('sme') as ScorecardDefinition;
  // A variant whose pillar 1 is always at level 5: proof the local rules, not the national ones, were used.
  const variant = { ...structuredClone(sme), id: 'sme-agri', derivedFrom: 'sme@1.0.0' } as ScorecardDefinition;
  variant.pillars[0]!.rules = [{ level: 5, when: true }];

  it('score, list and show see the variant', async () => {
    const file = writeJson(dir, 'variant.json', variant);
    const r = await dbi(
      ['score', 'sme-agri@1.0.0', '--definition', file],
      JSON.stringify({ answers: answers(sme, () => 3) }),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.index).toEqual({ id: 'sme-agri', version: '1.0.0', hash: contentHash(variant) });
    // Pillar 1 at 5, the others at 3 (60%); 192 points is not above 192, so the overall level is still 3.
    expect(out.pillars.map((p: { level: number }) => p.level)).toEqual([5, 3, 3, 3, 3, 3]);
    expect(out.level).toBe(3);
    const listed = (await dbi(['list', `--definition=${file}`])).stdout
      .split('\n')
      .map((l) => l.split(/ {2,}/).slice(0, 3));
    expect(listed).toContainEqual(['sme-agri@1.0.0', 'scorecard', contentHash(variant)]);
    expect(JSON.parse((await dbi(['show', 'sme-agri@1.0.0', '--definition', file])).stdout)).toEqual(variant);
  });

  it('a group resolves its members through the same registry; a national index file given again is harmless', async () => {
    const file = join(dir, 'large-copy.json');
    copyFileSync(join(repoRoot, 'indices', 'large', '1.0.0.json'), file);
    const unit = {
      id: 'p',
      relation: 'parent',
      headcount: 1,
      index: 'large@1.0.0',
      answers: answers(national('large'), () => 1),
    };
    const r = await dbi(['score', 'group@1.0.0', '--definition', file], JSON.stringify({ units: [unit] }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ level: 1, weighted: { sum: 1, weight: 1 } });
  });

  it('an invalid definition file, or one reusing a national id@version with other content, is exit 1', async () => {
    const bad = await dbi(['list', '--definition', writeJson(dir, 'bad-variant.json', { ...variant, max: 1 })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad-variant.json: not a valid definition');
    expect(bad.stderr).toContain('/max: declared maximum 1 but the pillars add up to 320 [max-mismatch]');
    const clash = await dbi(['list', '--definition', writeJson(dir, 'clash.json', { ...variant, id: 'sme' })]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      'clash.json: sme@1.0.0 is already defined by the national indices with different content',
    );
  });
});

describe('dbi admin', () => {
  it('hands over to admin.ts, or says admin commands are not available (exit 2) when it is absent', async () => {
    const r = await dbi(['admin', '--help']);
    noStack(r.stderr);
    if (existsSync(join(cliDir, 'src', 'admin.ts'))) expect(r.stderr).not.toContain('admin commands are not available');
    else expect(r).toMatchObject({ code: 2, stderr: 'dbi: admin commands are not available\n' });
  });
});
