// readiness-example@1.0.0 (indices/readiness-example/1.0.0.json) against issue 8, item 7. Every expected number
// below is worked out by hand from the issue's text, with the arithmetic in the comments; none is read back from
// the engine. Maxima by hand:
//   P1 = 6 + 4 + 3 = 13; P2 = min(7, 5) + 5 + 4 = 14 (10 when 2.3 is "n");
//   P3 = 3 + 2 = 5, + 5 + 4 = 14 for manufacturing, + 6 + 2 = 13 for retail;
//   P4 = 5·2 + min(10, 6) + 1 = 17; P5 = 3 + 5 + 3 = 11; P6 = 4 + 4 = 8, + 3 = 11 with employees ≥ 10;
//   P7 = min(12, 8) + 5 = 13. Weights 20, 15, 15, 15, 15, 10, 10 (Σ 100).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Definition } from '@dbi/schema';
import { EngineError, compile, score, type CompiledScorecard } from './index.js';

const def = JSON.parse(
  readFileSync(new URL('../../../indices/readiness-example/1.0.0.json', import.meta.url), 'utf8'),
) as Definition;
const c = compile(def) as CompiledScorecard;

type Answers = Record<string, unknown>;
const run = (sector: string, employees: number, answers: Answers) =>
  score(c, { profile: { sector, employees }, answers });
const pillar = (r: ReturnType<typeof run>, id: string) => r.pillars.find((p) => p.id === id)!;
const issues = (input: unknown) => {
  try {
    score(c, input);
  } catch (e) {
    if (e instanceof EngineError) return e.issues.map((i) => `${i.path} ${i.message}`);
    throw e;
  }
  return [];
};

/** Every pillar at its maximum (manufacturing, ≥ 10 employees). */
const BEST: Answers = {
  '1.1': 'd', '1.2': 'd', '1.3': true,
  '2.1': ['a', 'b', 'c', 'd', 'e'], '2.2': 100, '2.3': 'c',
  '3.1': 'c', '3.2': true, '3.3': 'd', '3.4': ['a', 'b', 'c', 'd'],
  '4.1': 5, '4.2': ['a', 'b', 'c', 'd', 'e'], '4.3': true,
  '5.1': 'd', '5.2': 'c', '5.3': 52,
  '6.1': 'c', '6.2': 100, '6.3': true,
  '7.1': ['a', 'b', 'c', 'd', 'e', 'f'], '7.2': 'e',
}; // prettier-ignore

describe('readiness-example@1.0.0: the definition', () => {
  it('is marked as an example and declares the issue’s levels, profile and weights', () => {
    const d = c.definition;
    expect(d.example).toBe(true);
    expect(d.levels.map((l) => [l.level, l.name.vi, l.name.en])).toEqual([
      [1, 'Cơ bản', 'Basic'],
      [2, 'Trung cấp', 'Intermediate'],
      [3, 'Khá', 'Proficient'],
      [4, 'Nâng cao', 'Advanced'],
    ]);
    expect(d.pillars.map((p) => [p.id, p.weight, p.components])).toEqual([
      ['1', 20, undefined],
      ['2', 15, undefined],
      ['3', 15, undefined],
      ['4', 15, undefined],
      ['5', 15, undefined],
      ['6', 10, undefined],
      ['7', 10, undefined],
    ]);
    expect(d.profile!.map((f) => [f.name, f.type, f.required])).toEqual([
      ['sector', 'string', true],
      ['employees', 'integer', true],
    ]);
  });
});

describe('readiness-example@1.0.0: maxima, capped checkboxes and applicability', () => {
  it('everything at its best (manufacturing, 12 employees): 93 of 93, every pillar 100, level 4', () => {
    // 2.1 picks a..e = 1+1+2+2+1 = 7, capped at 5; 4.2 picks 5 × 2 = 10, capped at 6; 7.1 picks 12, capped at 8.
    const r = run('manufacturing', 12, BEST);
    expect(r.pillars.map((p) => [p.id, p.points, p.max, p.score, p.level])).toEqual([
      ['1', 13, 13, '100.00', 4],
      ['2', 14, 14, '100.00', 4],
      ['3', 14, 14, '100.00', 4],
      ['4', 17, 17, '100.00', 4],
      ['5', 11, 11, '100.00', 4],
      ['6', 11, 11, '100.00', 4],
      ['7', 13, 13, '100.00', 4],
    ]);
    expect([r.total, r.max, r.score, r.level]).toEqual([93, 93, '100.00', 4]);
    expect(r.missing).toEqual([]);
    expect(r.notApplicable).toEqual(['3.5', '3.6']);
  });

  it('retail: 3.3 and 3.4 do not apply (an answer to them is ignored), 3.5 and 3.6 do; P3 max 13', () => {
    const r = run('retail', 12, { ...BEST, '3.5': 'c', '3.6': true });
    expect(pillar(r, '3')).toMatchObject({ points: 13, max: 13 }); // 3 + 2 + 6 + 2
    expect(r.notApplicable).toEqual(['3.3', '3.4']);
    // 3.3 answered "d" (5 points) still counts nothing under retail.
    const s = run('retail', 12, { '3.3': 'd', '3.4': ['a'] });
    expect(pillar(s, '3')).toMatchObject({ points: 0, max: 13 });
    expect(s.missing).toContain('3.5');
    expect(s.missing).not.toContain('3.3');
  });

  it.each(['services', 'agriculture'])('%s: no sector question applies; P3 max 3 + 2 = 5', (sector) => {
    const r = run(sector, 12, BEST);
    expect(pillar(r, '3')).toMatchObject({ points: 5, max: 5, score: '100.00' });
    expect(r.notApplicable).toEqual(['3.3', '3.4', '3.5', '3.6']);
    expect(r.max).toBe(93 - 14 + 5); // 84
  });

  it('employees ≥ 10: 6.3 applies at 10, not at 9 (P6 max 11 vs 8)', () => {
    expect(pillar(run('services', 10, BEST), '6')).toMatchObject({ points: 11, max: 11 });
    const r = run('services', 9, BEST);
    expect(pillar(r, '6')).toMatchObject({ points: 8, max: 8 });
    expect(r.notApplicable).toContain('6.3');
  });

  it('2.3 "n" (not applicable) leaves points and max: P2 max 14 → 10; a missing answer stays in max', () => {
    const na = run('manufacturing', 12, { ...BEST, '2.3': 'n' });
    expect(pillar(na, '2')).toMatchObject({ points: 10, max: 10 });
    expect(na.notApplicable).toEqual(['2.3', '3.5', '3.6']);
    expect(na.missing).toEqual([]);
    const missing = run('manufacturing', 12, { ...BEST, '2.3': null });
    expect(pillar(missing, '2')).toMatchObject({ points: 10, max: 14, score: '71.43' }); // 1000/14 = 71.428…
    expect(missing.missing).toEqual(['2.3']);
    expect(missing.notApplicable).toEqual(['3.5', '3.6']);
  });

  it('an empty checkbox answer is answered with 0 points, not missing', () => {
    const r = run('services', 12, { '2.1': [] });
    expect(pillar(r, '2').points).toBe(0);
    expect(r.missing).not.toContain('2.1');
  });
});

describe('readiness-example@1.0.0: number bands at every edge (exact decimals)', () => {
  // Only the number question answered: the pillar's points are that question's points.
  const points = (id: string, value: number, pillarId: string) =>
    pillar(run('services', 12, { [id]: value }), pillarId).points;
  it.each([
    [0, 0],
    [0.001, 1],
    [10, 1],
    [10.1, 3], // 101/10 > 10: the next band, exactly
    [10.000001, 3],
    [30, 3],
    [30.01, 5],
    [99.99, 5],
    [100, 5],
  ])('2.2 = %s (percent) scores %i', (v, want) => expect(points('2.2', v, '2')).toBe(want));
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [52, 3],
  ])('5.3 = %i weeks scores %i', (v, want) => expect(points('5.3', v, '5')).toBe(want));
  it.each([
    [0, 0],
    [0.5, 1],
    [25, 1],
    [25.01, 2],
    [50, 2],
    [50.5, 4],
    [100, 4],
  ])('6.2 = %s (percent) scores %i', (v, want) => expect(points('6.2', v, '6')).toBe(want));
});

describe('readiness-example@1.0.0: pillar levels at the band edges (s < 40 → 1, < 60 → 2, < 80 → 3, else 4)', () => {
  // Pillar 2 with 2.3 = "n" has max 10, so points p give exactly s = 10p.
  it.each([
    [['c', 'd'], null, 4, '40.00', 2], // 2 + 2 = 4 → 40: level 2 at the edge
    [['c'], 0.5, 3, '30.00', 1], // 2 + 1 = 3 → 30
    [['a'], 100, 6, '60.00', 3], // 1 + 5 → 60: level 3 at the edge
    [['c', 'd'], 20, 7, '70.00', 3], // 4 + 3 → 70
    [['a', 'c', 'd'], 20, 8, '80.00', 4], // 5 + 3 → 80: level 4 at the edge
  ])('2.1 %j, 2.2 %s → %i points, score %s, level %i', (multi, number, pts, s, level) => {
    const r = run('services', 12, { '2.1': multi, '2.2': number, '2.3': 'n' });
    expect(pillar(r, '2')).toEqual({ id: '2', points: pts, max: 10, score: s, level });
  });
  it('just under 40: P1 5 of 13 = 38.46… → level 1; 6 of 13 = 46.15… → level 2', () => {
    expect(pillar(run('services', 12, { '1.1': 'c', '1.2': 'c' }), '1')).toMatchObject({
      points: 5, // 3 + 2
      score: '38.46', // 500/13 = 38.4615…
      level: 1,
    });
    expect(pillar(run('services', 12, { '1.1': 'd' }), '1')).toMatchObject({ points: 6, score: '46.15', level: 2 });
  });
});

describe('readiness-example@1.0.0: overall score S = Σ weight·s / Σ weight and its levels', () => {
  it('S = 40 exactly → level 2; just under → level 1', () => {
    // P1, P6, P7 at 100 (services, 12 employees), the rest 0: S = (20·100 + 10·100 + 10·100)/100 = 40.
    const at = {
      '1.1': 'd',
      '1.2': 'd',
      '1.3': true,
      '6.1': 'c',
      '6.2': 100,
      '6.3': true,
      '7.1': ['e', 'f', 'c'],
      '7.2': 'e',
    };
    const r = run('services', 12, at);
    expect([r.score, r.level]).toEqual(['40.00', 2]);
    // 7.2 "d" (3): P7 = 8 + 3 = 11 of 13; S = (2000 + 1000 + 10·1100/13)/100 = 38.4615… → level 1.
    const under = run('services', 12, { ...at, '7.2': 'd' });
    expect([under.score, under.level]).toEqual(['38.46', 1]);
  });

  it('S = 60 exactly → level 3; just under → level 2', () => {
    // P1, P4, P5, P6 at 100: S = (2000 + 1500 + 1500 + 1000)/100 = 60.
    const at = {
      '1.1': 'd', '1.2': 'd', '1.3': true,
      '4.1': 5, '4.2': ['a', 'b', 'c'], '4.3': true,
      '5.1': 'd', '5.2': 'c', '5.3': 52,
      '6.1': 'c', '6.2': 100, '6.3': true,
    }; // prettier-ignore
    const r = run('services', 12, at);
    expect([r.score, r.level]).toEqual(['60.00', 3]);
    // 6.2 = 50 (2 instead of 4): P6 = 9 of 11; S = (5000 + 10·900/11)/100 = 50 + 8.1818… = 58.18 → level 2.
    const under = run('services', 12, { ...at, '6.2': 50 });
    expect([under.score, under.level]).toEqual(['58.18', 2]);
  });

  it('S = 80 exactly with every pillar at level ≥ 3 → level 4; just under → level 3', () => {
    // services, 5 employees (6.3 does not apply), 2.3 = "n":
    //   P1 1.1 d + 1.3 yes = 9/13 (69.23…, level 3)   P2 2.1 c,d + 2.2 100 = 4 + 5 = 9/10 (90, level 4)
    //   P3 3.1 c = 3/5 (60, level 3)                  P4 10 + 6 + 1 = 17/17 (100)   P5 3 + 5 + 3 = 11/11 (100)
    //   P6 6.1 c + 6.2 50 = 4 + 2 = 6/8 (75, level 3) P7 7.1 e,f + 7.2 c = 6 + 2 = 8/13 (61.53…, level 3)
    //   Σ w·s = 20·900/13 + 10·800/13 + 15·90 + 15·60 + 15·100 + 15·100 + 10·75
    //         = 26000/13 + 1350 + 900 + 1500 + 1500 + 750 = 2000 + 6000 = 8000 → S = 80.
    const at = {
      '1.1': 'd', '1.2': 'a', '1.3': true,
      '2.1': ['c', 'd'], '2.2': 100, '2.3': 'n',
      '3.1': 'c', '3.2': false,
      '4.1': 5, '4.2': ['a', 'b', 'c'], '4.3': true,
      '5.1': 'd', '5.2': 'c', '5.3': 52,
      '6.1': 'c', '6.2': 50,
      '7.1': ['e', 'f'], '7.2': 'c',
    }; // prettier-ignore
    const r = run('services', 5, at);
    expect(r.pillars.map((p) => [p.id, p.points, p.max, p.score, p.level])).toEqual([
      ['1', 9, 13, '69.23', 3],
      ['2', 9, 10, '90.00', 4],
      ['3', 3, 5, '60.00', 3],
      ['4', 17, 17, '100.00', 4],
      ['5', 11, 11, '100.00', 4],
      ['6', 6, 8, '75.00', 3],
      ['7', 8, 13, '61.54', 3],
    ]);
    expect([r.total, r.max, r.score, r.level]).toEqual([63, 77, '80.00', 4]);
    expect(r.notApplicable).toEqual(['2.3', '3.3', '3.4', '3.5', '3.6', '6.3']);
    // 6.2 = 25 (1 point): P6 = 5/8 = 62.5, S = 80 − 10·12.5/100 = 78.75 → level 3.
    const under = run('services', 5, { ...at, '6.2': 25 });
    expect([under.score, under.level]).toEqual(['78.75', 3]);
  });

  it('the gate: S ≥ 80 but one pillar below level 3 → 3; that pillar at level 3 → 4', () => {
    // P1..P6 at 100 (manufacturing, 12 employees); P7 = 7.1 a,b,c + 7.2 c = 4 + 2 = 6/13 = 46.15… (level 2).
    // S = (9000 + 10·600/13)/100 = 90 + 60/13 = 94.615… → "94.62"; P7 at level 2 → overall level 3.
    const gated = run('manufacturing', 12, { ...BEST, '7.1': ['a', 'b', 'c'], '7.2': 'c' });
    expect(pillar(gated, '7')).toMatchObject({ points: 6, level: 2 });
    expect([gated.score, gated.level]).toEqual(['94.62', 3]);
    // P7 = 7.1 e,f + 7.2 c = 8/13 = 61.53… (level 3): S = 90 + 80/13 = 96.153… → level 4.
    const open = run('manufacturing', 12, { ...BEST, '7.1': ['e', 'f'], '7.2': 'c' });
    expect([open.score, open.level]).toEqual(['96.15', 4]);
    // S = 80 exactly with P6 and P7 at 0: (2000 + 1500·4)/100 = 80, but two pillars at level 1 → level 3.
    const edge = run('manufacturing', 12, { ...BEST, '6.1': null, '6.2': null, '6.3': null, '7.1': null, '7.2': null });
    expect([edge.score, edge.level]).toEqual(['80.00', 3]);
  });

  it('nothing answered: every pillar 0, level 1, everything applicable listed as missing', () => {
    const r = run('agriculture', 0, {});
    expect([r.total, r.max, r.score, r.level]).toEqual([0, 84 - 3, '0.00', 1]); // 13+14+5+17+11+8+13 = 81
    expect(r.missing).toHaveLength(23 - 4 - 1); // 3+3+6+3+3+3+2 = 23 criteria; 3.3–3.6 and 6.3 do not apply
  });
});

describe('readiness-example@1.0.0: bad input, in the criterion’s own terms', () => {
  it('names the criterion and the reason, with JSON pointers', () => {
    expect(
      issues({
        profile: { sector: 'services', employees: 3 },
        answers: { '1.1': 'z', '2.2': 100.5, '5.3': 2.5, '2.1': ['a', 'a'], '1.3': 'yes', '6.2': -1, '9.9': 1 },
      }),
    ).toEqual([
      "/answers/1.1 1.1: 'z' is not one of a, b, c, d",
      '/answers/2.2 2.2: 100.5 is above the maximum 100',
      '/answers/5.3 5.3: 2.5 is not a whole number',
      "/answers/2.1 2.1: 'a' is chosen twice",
      '/answers/1.3 1.3: must be true or false (or null), found "yes"',
      '/answers/6.2 6.2: -1 is below the minimum 0',
      '/answers/9.9 "9.9" is not a criterion of readiness-example@1.0.0',
    ]);
  });
  it('profile facts: required, from the list, whole numbers ≥ 0', () => {
    expect(issues({ answers: {} })).toEqual([
      '/profile/sector profile.sector is required',
      '/profile/employees profile.employees is required',
    ]);
    expect(issues({ profile: { sector: 'mining', employees: -1, size: 'x' }, answers: {} })).toEqual([
      '/profile/size profile.size is not a profile fact of readiness-example@1.0.0 (facts: sector, employees)',
      "/profile/sector profile.sector: 'mining' is not one of manufacturing, retail, services, agriculture",
      '/profile/employees profile.employees: -1 is below the minimum 0',
    ]);
    expect(issues({ profile: { sector: 'retail', employees: 2.5 }, answers: {} })).toEqual([
      '/profile/employees profile.employees must be a whole number, found 2.5',
    ]);
  });
});
