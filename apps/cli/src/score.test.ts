// `dbi score` on single documents: enterprise and group inputs, FILE and stdin, --explain, --pretty, and every
// class of bad input. Expected levels are worked out by hand from the Decision (Appendices I–III).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type Definition } from '@dbi/schema';
import { MAXIMA, answers, criteriaByPillar, dbi, national, tempDir, writeJson } from '../test/run.js';

const sme = national('sme');
const large = national('large');
const group = national('group');
const stamp = (d: Definition) => ({ id: d.id, version: d.version, hash: contentHash(d) });
let dir: string;
beforeAll(() => {
  dir = tempDir();
});

/**
 * Answering level k on every criterion scores k/5 of each pillar's maximum: 0%, 20%, 40%, 60%, 80%, 100%, which
 * Table 2 puts at pillar level k (10–20% is level 1, "above 20% to 40%" level 2, …; an edge stays in the lower band).
 * The totals 64k (SME) and 139k (large) then meet the section 2.2 rule for level k and not the next one, whose
 * threshold is "above" exactly that total (e.g. level 4 for SME needs more than 192 points, and all-3 is 192).
 */
const uniform = (maxima: readonly number[], k: number) =>
  maxima.map((max, i) => ({ id: String(i + 1), points: (max * k) / 5, max, level: k }));

describe.concurrent('dbi score on an enterprise (scorecard)', () => {
  it('sme, every answer 3: each pillar 60% → level 3; 192 points is not above 192 → overall level 3', async () => {
    const file = writeJson(dir, 'sme-3.json', { answers: answers(sme, () => 3) });
    const r = await dbi(['score', 'sme@1.0.0', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ index: stamp(sme), total: 192, max: 320, level: 3, missing: [] });
    expect(out.pillars).toEqual(uniform(MAXIMA.sme, 3));
    expect(typeof out.engine).toBe('string');
    expect(out.trace).toBeUndefined();
  });

  it.each([
    ['sme', 64, MAXIMA.sme],
    ['large', 139, MAXIMA.large],
  ] as const)(
    '%s, every answer k for k = 0..5 (one --ndjson batch) → every pillar and the overall level are k',
    async (id, perLevel, maxima) => {
      const def = id === 'sme' ? sme : large;
      const input = [0, 1, 2, 3, 4, 5].map((k) => JSON.stringify({ answers: answers(def, () => k) })).join('\n');
      const r = await dbi(['score', `${id}@1.0.0`, '--ndjson'], input);
      expect(r.code).toBe(0);
      const out = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(out.map((o) => [o.total, o.level])).toEqual([0, 1, 2, 3, 4, 5].map((k) => [perLevel * k, k]));
      out.forEach((o, k) => expect(o.pillars).toEqual(uniform(maxima, k)));
    },
  );

  it('large, every answer 3 read from stdin: 417 points is not above 417 → level 3 (not 4)', async () => {
    const r = await dbi(
      ['score', 'large@1.0.0', '-'],
      JSON.stringify({ ref: 'acme', answers: answers(large, () => 3) }),
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ref: 'acme', index: stamp(large), total: 417, max: 695, level: 3, missing: [] });
    expect(out.pillars).toEqual(uniform(MAXIMA.large, 3));
  });

  it("the Decision's example: 39 of pillar 1's 65 points is level 3; with no other data the enterprise stays at level 0", async () => {
    const r = await dbi(
      ['score', 'sme@1.0.0'],
      JSON.stringify({ answers: answers(sme, (p) => (p === '1' ? 3 : null)) }),
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.pillars[0]).toEqual({ id: '1', points: 39, max: 65, level: 3 });
    expect(out.pillars.slice(1).map((p: { level: number }) => p.level)).toEqual([0, 0, 0, 0, 0]);
    // 39 > 20 points, but level 1 also needs four pillars at level 1 or above.
    expect(out.total).toBe(39);
    expect(out.level).toBe(0);
    const byPillar = criteriaByPillar(sme);
    expect(out.missing).toEqual(['2', '3', '4', '5', '6'].flatMap((p) => byPillar.get(p)!));
  });

  it('absent answers are missing and score 0, like null', async () => {
    const r = await dbi(['score', 'sme@1.0.0'], '{"answers": {}}');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.total).toBe(0);
    expect(out.level).toBe(0);
    expect(out.missing).toEqual([...criteriaByPillar(sme).values()].flat());
  });

  it('overall needs both the points and four pillars: 141 points with pillars 1–4 at 3 → 3; 128 points → 2', async () => {
    const input = [
      // Pillars 1–4 all 3 (39+15+48+39 = 141 > 128, four pillars at 3) and 5–6 answered 0.
      { answers: answers(sme, (p) => (Number(p) <= 4 ? 3 : 0)) },
      // Pillar 4 at 2 instead (26 points, 40% → level 2): 128 is not above 128, so level 2 (> 64, four pillars ≥ 2).
      { answers: answers(sme, (p) => (Number(p) <= 3 ? 3 : p === '4' ? 2 : 0)) },
    ];
    const r = await dbi(['score', 'sme@1.0.0', '--ndjson'], input.map((i) => JSON.stringify(i)).join('\n'));
    const [a, b] = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect([a.total, a.level]).toEqual([141, 3]);
    expect(b.total).toBe(128);
    expect(b.pillars.map((p: { level: number }) => p.level)).toEqual([3, 3, 3, 2, 0, 0]);
    expect(b.level).toBe(2);
  });

  it('--explain adds the trace: the rule that decided each level', async () => {
    const r = await dbi(['score', 'sme@1.0.0', '--explain'], JSON.stringify({ answers: answers(sme, () => 3) }));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out.trace)).toBe(true);
    const overall = out.trace.find((s: { scope: string }) => s.scope === 'overall');
    expect(overall).toMatchObject({ level: 3 });
    expect(overall.values).toMatchObject({ total: 192 });
    for (const p of ['1', '2', '3', '4', '5', '6'])
      expect(out.trace.some((s: { scope: string; level: number }) => s.scope === `pillar:${p}` && s.level === 3)).toBe(
        true,
      );
  });

  it('--pretty indents the result', async () => {
    const r = await dbi(['score', '--pretty', 'sme@1.0.0'], JSON.stringify({ answers: answers(sme, () => 2) }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n  "index": {\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 128, level: 2, pillars: uniform(MAXIMA.sme, 2) });
  });
});

describe.concurrent('dbi score on a group (aggregate, Appendix III)', () => {
  const unit = (id: string, relation: string, headcount: number, index: string, level: number) => ({
    id,
    relation,
    headcount,
    index,
    answers: answers(index.startsWith('sme') ? sme : large, () => level),
  });

  it('parent at 3 (large) and a subsidiary at 5 (SME), 100 staff each: Dth = 4 → level 4; an affiliate is listed but left out', async () => {
    const file = writeJson(dir, 'group.json', {
      units: [
        unit('hq', 'parent', 100, 'large@1.0.0', 3),
        unit('sub', 'subsidiary', 100, 'sme@1.0.0', 5),
        unit('aff', 'affiliate', 1000, 'sme@1.0.0', 0),
      ],
    });
    const r = await dbi(['score', 'group@1.0.0', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Σ level·headcount = 3·100 + 5·100 = 800 over 200 staff: "from 4 to below 5" → level 4.
    expect(out).toMatchObject({
      index: stamp(group),
      score: 4,
      weighted: { sum: 800, weight: 200 },
      level: 4,
      parent: { id: 'hq', level: 3 },
    });
    expect(out.pillars).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((id) => ({ id, score: 4, weighted: { sum: 800, weight: 200 }, level: 4 })),
    );
    expect(
      out.units.map((u: { id: string; included: boolean; result: { level: number; index: { id: string } } }) => [
        u.id,
        u.included,
        u.result.index.id,
        u.result.level,
      ]),
    ).toEqual([
      ['hq', true, 'large', 3],
      ['sub', true, 'sme', 5],
      ['aff', false, 'sme', 0],
    ]);
  });

  it('Dth 3.75 (above 3.5, below 4) is level 4 only when the parent is at level 4 or above', async () => {
    const groups = [
      // Parent at 4 with 3 staff, subsidiary at 3 with 1: (12 + 3) / 4 = 3.75, parent 4 → level 4 (step 4, level 4 (i)).
      { units: [unit('p', 'parent', 3, 'large@1.0.0', 4), unit('s', 'subsidiary', 1, 'sme@1.0.0', 3)] },
      // Parent at 3 with 1 staff, subsidiary at 4 with 3: the same 3.75 but the parent is at 3 → level 3 (from 3 to below 4).
      { units: [unit('p', 'parent', 1, 'large@1.0.0', 3), unit('s', 'subsidiary', 3, 'sme@1.0.0', 4)] },
    ];
    const r = await dbi(['score', 'group@1.0.0', '--ndjson'], groups.map((g) => JSON.stringify(g)).join('\n'));
    expect(r.code).toBe(0);
    const [a, b] = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a).toMatchObject({ weighted: { sum: 15, weight: 4 }, level: 4, parent: { level: 4 } });
    expect(b).toMatchObject({ weighted: { sum: 15, weight: 4 }, level: 3, parent: { level: 3 } });
  });

  it('--explain on a group carries the trace', async () => {
    const r = await dbi(
      ['score', 'group@1.0.0', '--explain'],
      JSON.stringify({ units: [unit('p', 'parent', 10, 'large@1.0.0', 2)] }),
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.level).toBe(2);
    expect(out.trace.find((s: { scope: string }) => s.scope === 'overall')).toMatchObject({ level: 2 });
  });
});

describe.concurrent('dbi score: bad input exits 1 naming the field and the reason, never with a stack trace', () => {
  const bad = async (args: string[], stdin?: string) => {
    const r = await dbi(args, stdin);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
    return r.stderr;
  };

  it('a level above the highest level', async () => {
    const err = await bad(['score', 'sme@1.0.0'], '{"answers": {"1.1.1": 7}}');
    expect(err).toMatch(/\/answers\/1\.1\.1: [^\n]*7[^\n]*5/);
  });

  it('an unknown criterion id', async () => {
    const err = await bad(['score', 'sme@1.0.0'], '{"answers": {"1.1.1": 2, "9.9.9": 1}}');
    expect(err).toMatch(/\/answers\/9\.9\.9: [^\n]*(unknown|not a criterion|no criterion)/i);
  });

  it('a negative headcount', async () => {
    const err = await bad(
      ['score', 'group@1.0.0'],
      JSON.stringify({ units: [{ id: 'p', relation: 'parent', headcount: -5, index: 'large@1.0.0', answers: {} }] }),
    );
    expect(err).toMatch(/\/units\/0\/headcount: [^\n]*0/);
  });

  it('a group without a parent unit', async () => {
    const err = await bad(
      ['score', 'group@1.0.0'],
      JSON.stringify({ units: [{ id: 's', relation: 'subsidiary', headcount: 5, index: 'sme@1.0.0', answers: {} }] }),
    );
    expect(err).toMatch(/\/units[^\n]*: [^\n]*parent/);
  });

  it('a member naming an index version that does not exist', async () => {
    const err = await bad(
      ['score', 'group@1.0.0'],
      JSON.stringify({ units: [{ id: 'p', relation: 'parent', headcount: 5, index: 'large@9.9.9', answers: {} }] }),
    );
    expect(err).toMatch(/\/units\/0\/index: [^\n]*large@9\.9\.9/);
  });

  it('an unknown index version lists the versions there are', async () => {
    const err = await bad(['score', 'large@9.9.9'], '{"answers": {}}');
    expect(err).toContain('unknown index version large@9.9.9; available versions of large: 1.0.0');
  });

  it('an unknown index lists every index', async () => {
    const err = await bad(['score', 'nope@1.0.0'], '{"answers": {}}');
    expect(err).toContain(
      'unknown index nope@1.0.0; available: group@1.0.0, large@1.0.0, readiness-example@1.0.0, size@1.0.0, sme@1.0.0',
    );
  });

  it('invalid JSON names the line and column', async () => {
    const file = writeJson(dir, 'broken.json', '{\n  "answers": {\n    "1.1.1": 3,\n  }\n}\n');
    const err = await bad(['score', 'sme@1.0.0', file]);
    expect(err).toContain(`${file}:4:3: invalid JSON: unexpected '}': expected a property name in double quotes`);
  });

  it('invalid JSON on stdin', async () => {
    const err = await bad(['score', 'sme@1.0.0'], '{"answers": {"1.1.1": 3}');
    expect(err).toContain("<stdin>:1:25: invalid JSON: unexpected end of input: expected ',' or '}'");
  });

  it('two documents without --ndjson: the second is an error, with a hint', async () => {
    const err = await bad(['score', 'sme@1.0.0'], '{"answers": {}}\n{"answers": {}}\n');
    expect(err).toContain(
      "<stdin>:2:1: invalid JSON: unexpected '{' after the JSON value (one document expected; for one per line use --ndjson)",
    );
  });

  it('an empty input', async () => {
    expect(await bad(['score', 'sme@1.0.0'], '')).toContain(
      '<stdin>:1:1: invalid JSON: unexpected end of input: expected a value',
    );
  });

  it('a wrong shape: a property that is not allowed, an answer of the wrong type', async () => {
    const err = await bad(['score', 'sme@1.0.0'], '{"answer": {}, "answers": {"1.1.1": "three"}}');
    expect(err).toMatch(/\n  \/answer: /);
    expect(err).toMatch(/\n  \/answers\/1\.1\.1: /);
  });

  it('an unreadable FILE names the path and the reason', async () => {
    const missing = join(dir, 'no-such.json');
    expect(await bad(['score', 'sme@1.0.0', missing])).toContain(`${missing}: cannot read: no such file`);
    expect(await bad(['score', 'sme@1.0.0', dir])).toContain(`${dir}: cannot read: is a directory`);
  });
});
