// Scoring the national scorecards. Every expectation below is read from the Decision's text (Appendix I and II:
// Table 2's pillar bands and section 2.2's overall rules), never from the engine's own output.
import { describe, expect, it } from 'vitest';
import { contentHash, type ScorecardDefinition } from '@dbi/schema';
import { EngineError, ENGINE_VERSION, score } from './index.js';
import { answersFor, answersForPillar, pillarsOf, reachable, scorecard, type PillarShape } from '../test/fixtures.js';

type Ref = 'sme@1.0.0' | 'large@1.0.0';
const def = (ref: Ref) => scorecard(ref).definition;

/**
 * Table 2 (identical in Appendices I and II), read literally: below 10% of the pillar's maximum → 0; from 10% to
 * 20% → 1; above 20% to 40% → 2; above 40% to 60% → 3; above 60% to 80% → 4; above 80% → 5.
 * "points/max vs pct%" is compared as points·100 vs pct·max: integers only.
 */
function tableTwo(points: number, max: number): number {
  const p = points * 100;
  if (p < 10 * max) return 0;
  if (p <= 20 * max) return 1;
  if (p <= 40 * max) return 2;
  if (p <= 60 * max) return 3;
  if (p <= 80 * max) return 4;
  return 5;
}

/** Each edge of Table 2 and the level just below it, on it, and just above it (for pillars scored point by point). */
const EDGES = [
  { pct: 10, below: 0, at: 1, above: 1 },
  { pct: 20, below: 1, at: 1, above: 2 },
  { pct: 40, below: 2, at: 2, above: 3 },
  { pct: 60, below: 3, at: 3, above: 4 },
  { pct: 80, below: 4, at: 4, above: 5 },
];

/** Section 2.2 of each appendix: level L needs a total above T[L-1] and NEED[L-1] pillars at level L or higher. */
const THRESHOLDS: Record<Ref, number[]> = {
  'sme@1.0.0': [20, 64, 128, 192, 256],
  // Level 3's threshold is missing in Appendix II's text ("trên điểm"); Table 1 gives 278.
  'large@1.0.0': [40, 139, 278, 417, 556],
};
const NEED = [4, 4, 4, 5, 6];

function pillarOnly(ref: Ref, pillar: PillarShape, points: number) {
  return score(scorecard(ref), { answers: answersForPillar(pillar, points) });
}

describe.each(['sme@1.0.0', 'large@1.0.0'] as const)('%s pillar bands (Table 2)', (ref) => {
  const pillars = pillarsOf(def(ref));
  for (const pillar of pillars) {
    const sums = reachable(pillar);
    const fine = pillar.criteria.every((k) => k.weight === 1);
    for (const edge of EDGES) {
      it(`pillar ${pillar.id} (max ${pillar.max}) around ${edge.pct}%`, () => {
        const M = pillar.max;
        // Largest reachable points below the edge, the edge itself when reachable, smallest above it.
        const below = sums.filter((p) => p * 100 < M * edge.pct).at(-1)!;
        const at = sums.find((p) => p * 100 === M * edge.pct);
        const above = sums.find((p) => p * 100 > M * edge.pct)!;
        const pos = pillars.indexOf(pillar);
        for (const points of [below, at, above]) {
          if (points === undefined) continue;
          const r = pillarOnly(ref, pillar, points);
          expect(r.pillars[pos]).toEqual({ id: pillar.id, points, max: M, level: tableTwo(points, M) });
        }
        if (fine) {
          expect(pillarOnly(ref, pillar, below).pillars[pos]!.level).toBe(edge.below);
          if (at !== undefined) expect(pillarOnly(ref, pillar, at).pillars[pos]!.level).toBe(edge.at);
          expect(pillarOnly(ref, pillar, above).pillars[pos]!.level).toBe(edge.above);
        }
      });
    }
  }
});

describe("the Decision's worked examples", () => {
  it('sme: 39 of 65 points in pillar 1 is level 3 ("đạt mức 3 – đã hình thành")', () => {
    const p1 = pillarsOf(def('sme@1.0.0'))[0]!;
    expect(p1.max).toBe(65);
    expect(pillarOnly('sme@1.0.0', p1, 39).pillars[0]).toEqual({ id: '1', points: 39, max: 65, level: 3 });
  });

  it('large: the example\'s "350 points" cannot be in a 125-point pillar; 75/125 (60%) is level 3, 76/125 is 4', () => {
    const p1 = pillarsOf(def('large@1.0.0'))[0]!;
    expect(p1.max).toBe(125);
    expect(pillarOnly('large@1.0.0', p1, 75).pillars[0]!.level).toBe(3);
    expect(pillarOnly('large@1.0.0', p1, 76).pillars[0]!.level).toBe(4);
    expect(pillarOnly('large@1.0.0', p1, 100).pillars[0]!.level).toBe(4);
    expect(pillarOnly('large@1.0.0', p1, 101).pillars[0]!.level).toBe(5);
  });

  it('maxima match the Decision: sme 320 (65, 25, 80, 65, 50, 35), large 695 (125, 120, 145, 110, 110, 85)', () => {
    const sme = score(scorecard('sme@1.0.0'), { answers: {} });
    expect(sme.max).toBe(320);
    expect(sme.pillars.map((p) => p.max)).toEqual([65, 25, 80, 65, 50, 35]);
    const large = score(scorecard('large@1.0.0'), { answers: {} });
    expect(large.max).toBe(695);
    expect(large.pillars.map((p) => p.max)).toEqual([125, 120, 145, 110, 110, 85]);
  });
});

/** Every vector of six pillar levels 0..5. */
function* levelVectors(): Generator<number[]> {
  for (let n = 0; n < 6 ** 6; n++) {
    const v: number[] = [];
    for (let i = 0, x = n; i < 6; i++, x = Math.floor(x / 6)) v.push(x % 6);
    yield v;
  }
}

/** Points per pillar with the given Table-2 levels adding up to `total`, or undefined when impossible. */
function pointsFor(pillars: PillarShape[], bands: number[][][], levels: number[], total: number): number[] | undefined {
  const sets = levels.map((l, i) => bands[i]![l]!);
  if (sets.some((s) => s.length === 0)) return undefined;
  const out = sets.map((s) => s[0]!);
  let rest = total - out.reduce((a, b) => a + b, 0);
  if (rest < 0) return undefined;
  sets.forEach((s, i) => {
    // The largest reachable value in the band that the remaining points allow (bands are runs of integers,
    // or single values for sme's one-criterion pillar).
    const pick = s.filter((p) => p - out[i]! <= rest).at(-1)!;
    rest -= pick - out[i]!;
    out[i] = pick;
  });
  return rest === 0 && pillars.length === out.length ? out : undefined;
}

describe.each(['sme@1.0.0', 'large@1.0.0'] as const)('%s overall thresholds (section 2.2)', (ref) => {
  const d = def(ref) as ScorecardDefinition;
  const pillars = pillarsOf(d);
  const bands = pillars.map((p) => {
    const byLevel: number[][] = [[], [], [], [], [], []];
    for (const pts of reachable(p)) byLevel[tableTwo(pts, p.max)]!.push(pts);
    return byLevel;
  });
  const T = THRESHOLDS[ref];
  const atLeast = (v: number[], l: number) => v.filter((x) => x >= l).length;
  const run = (points: number[]) => score(scorecard(ref), { answers: answersFor(d, points) });

  for (let L = 1; L <= 5; L++) {
    const t = T[L - 1]!;
    const need = NEED[L - 1]!;
    const enough = (v: number[]) => atLeast(v, L) >= need;

    it(`level ${L}: a total of exactly ${t} is not enough even with ${need} pillars at level ${L}`, () => {
      let found: number[] | undefined;
      let minTotal = Infinity;
      for (const v of levelVectors()) {
        if (!enough(v)) continue;
        minTotal = Math.min(
          minTotal,
          v.reduce((s, l, i) => s + bands[i]![l]![0]!, 0),
        );
        found ??= pointsFor(pillars, bands, v, t);
      }
      if (found) {
        const r = run(found);
        expect(r.total).toBe(t);
        expect(
          atLeast(
            r.pillars.map((p) => p.level),
            L,
          ),
        ).toBeGreaterThanOrEqual(need);
        expect(r.level).toBe(L - 1);
      } else {
        // The pillar condition alone already forces a total above the threshold, so it never binds here.
        expect(minTotal).toBeGreaterThan(t);
      }
    });

    it(`level ${L}: just above ${t} with ${need} pillars at level ${L} reaches level ${L}`, () => {
      let best: number[] | undefined;
      for (let total = t + 1; !best && total <= d.max!; total++) {
        for (const v of levelVectors()) {
          if (!enough(v)) continue;
          best = pointsFor(pillars, bands, v, total);
          if (best) break;
        }
      }
      const r = run(best!);
      expect(r.total).toBeGreaterThan(t);
      expect(
        atLeast(
          r.pillars.map((p) => p.level),
          L,
        ),
      ).toBeGreaterThanOrEqual(need);
      expect(r.level).toBe(L);
    });

    it(`level ${L}: well above ${t} points but one pillar short of ${need} at level ${L} stays at ${L - 1}`, () => {
      // need-1 pillars at level 5 and the rest at level L-1: as many points as possible without the pillar count.
      const v = pillars.map((_, i) => (i < need - 1 ? 5 : L - 1));
      const most = v.reduce((s, l, i) => s + bands[i]![l]!.at(-1)!, 0);
      expect(most).toBeGreaterThan(t);
      const r = run(pointsFor(pillars, bands, v, most)!);
      expect(r.total).toBeGreaterThan(t);
      expect(
        atLeast(
          r.pillars.map((p) => p.level),
          L,
        ),
      ).toBe(need - 1);
      expect(r.level).toBe(L - 1);
    });
  }

  it(`at most ${T[0]} points is level 0 whatever the pillars`, () => {
    const v = [1, 1, 1, 1, 1, 1];
    for (const total of [0, T[0]!]) {
      const pts = pointsFor(pillars, bands, v, total);
      if (pts) expect(run(pts).level).toBe(0);
    }
    expect(score(scorecard(ref), { answers: {} }).level).toBe(0);
  });
});

describe('sme criterion 2.1.1 is worth 5 points a level', () => {
  // Pillar 2 has this single criterion (max 25): level k gives 5k points = 20k% of the pillar.
  it.each([
    [0, 0, 0],
    [1, 5, 1], // 20%: "from 10% to 20%" → 1
    [2, 10, 2], // 40% → 2
    [3, 15, 3], // 60% → 3
    [4, 20, 4], // 80% → 4
    [5, 25, 5], // 100% → 5
  ])('answer %i → %i points, pillar level %i', (answer, points, level) => {
    const r = score(scorecard('sme@1.0.0'), { answers: { '2.1.1': answer } });
    expect(r.pillars[1]).toEqual({ id: '2', points, max: 25, level });
    expect(r.total).toBe(points);
  });
});

describe('missing answers', () => {
  it('absent and null answers score 0 and are listed in definition order', () => {
    const c = scorecard('sme@1.0.0');
    const r = score(c, { answers: { '6.1.7': null, '1.1.2': 4, '1.1.1': null } });
    const ids = pillarsOf(c.definition).flatMap((p) => p.criteria.map((k) => k.id));
    expect(r.missing).toEqual(ids.filter((id) => id !== '1.1.2'));
    expect(r.total).toBe(4);
    expect(r.pillars[0]!.points).toBe(4);
  });

  it('no answers at all: everything missing, level 0 everywhere', () => {
    const r = score(scorecard('large@1.0.0'), { answers: {} });
    expect(r.missing).toHaveLength(139);
    expect(r.total).toBe(0);
    expect(r.level).toBe(0);
    expect(r.pillars.every((p) => p.level === 0 && p.points === 0)).toBe(true);
  });

  it('a complete answer set has no missing criteria', () => {
    const c = scorecard('sme@1.0.0');
    const r = score(c, { answers: answersFor(c.definition, [65, 25, 80, 65, 50, 35]) });
    expect(r.missing).toEqual([]);
    expect(r.total).toBe(320);
    expect(r.level).toBe(5);
  });
});

describe('result shape', () => {
  it('stamps the index (id, version, content hash) and the engine version, and echoes ref', () => {
    const c = scorecard('sme@1.0.0');
    const r = score(c, { ref: 'enterprise-42', answers: { '1.1.1': 5 } });
    expect(Object.keys(r)).toEqual(['ref', 'index', 'engine', 'total', 'max', 'level', 'pillars', 'missing']);
    expect(r.ref).toBe('enterprise-42');
    expect(r.index).toEqual({ id: 'sme', version: '1.0.0', hash: contentHash(c.definition) });
    expect(r.engine).toBe(ENGINE_VERSION);
    expect(r.pillars.map((p) => p.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect('ref' in score(c, { answers: {} })).toBe(false);
  });

  it('explain adds which rule decided each level and the values it saw', () => {
    const c = scorecard('sme@1.0.0');
    const r = score(c, { answers: answersFor(c.definition, [39, 25, 0, 0, 0, 0]) }, { explain: true });
    const steps = r.trace!;
    expect(steps.map((s) => s.scope)).toEqual([
      'pillar:1',
      'pillar:2',
      'pillar:3',
      'pillar:4',
      'pillar:5',
      'pillar:6',
      'overall',
    ]);
    expect(steps[0]).toMatchObject({ level: 3, values: { points: 39, max: 65, criteria: 13, answered: 13 } });
    expect(steps[0]!.text!.vi).toContain('Trên 40% đến 60%');
    expect(steps[0]!.rule).toBe(c.definition.rules.pillar.findIndex((x) => x.level === 3));
    // Pillar 1 at level 3 and pillar 2 at level 5 only: 64 points but two pillars at level ≥ 1, not four → 0.
    expect(steps[6]).toMatchObject({
      scope: 'overall',
      level: 0,
      values: {
        total: 64,
        max: 320,
        pillars: 6,
        'atLeast.0': 6,
        'atLeast.1': 2,
        'atLeast.3': 2,
        'atLeast.4': 1,
        'atLeast.5': 1,
      },
    });
    expect(score(c, { answers: {} }).trace).toBeUndefined();
  });
});

describe('bad input: every problem named with its JSON pointer, all at once', () => {
  const c = () => scorecard('sme@1.0.0');
  const issuesOf = (input: unknown) => {
    try {
      score(c(), input);
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      return (e as EngineError).issues;
    }
    throw new Error('expected an EngineError');
  };

  it('unknown criterion and level 7', () => {
    expect(issuesOf({ answers: { '9.9.9': 1, '1.1.1': 7 } })).toEqual([
      { path: '/answers/9.9.9', code: 'unknown-criterion', message: '"9.9.9" is not a criterion of sme@1.0.0' },
      { path: '/answers/1.1.1', code: 'level-out-of-range', message: 'level 7 is above the highest level 5' },
    ]);
  });

  it('negative, fractional, string and boolean levels', () => {
    const issues = issuesOf({ answers: { '1.1.1': -1, '1.1.2': 2.5, '1.1.3': '3', '1.1.4': true, '1.1.5': 3 } });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/answers/1.1.1', 'level-out-of-range'],
      ['/answers/1.1.2', 'level-not-integer'],
      ['/answers/1.1.3', 'level-not-integer'],
      ['/answers/1.1.4', 'level-not-integer'],
    ]);
    expect(issues[0]!.message).toBe('level -1 is below the lowest level 0');
    expect(issues[1]!.message).toContain('2.5');
  });

  it('a pillar or component id is not a criterion; pointer characters are escaped', () => {
    expect(issuesOf({ answers: { '1.1': 2, 'a/b~c': 1 } }).map((i) => i.path)).toEqual([
      '/answers/1.1',
      '/answers/a~1b~0c',
    ]);
  });

  it('inputs that are not objects', () => {
    expect(issuesOf(null)[0]).toMatchObject({ path: '/', code: 'input-not-object' });
    expect(issuesOf([1, 2])[0]).toMatchObject({ path: '/', code: 'input-not-object' });
    expect(issuesOf('{"answers":{}}')[0]).toMatchObject({ path: '/', code: 'input-not-object' });
    expect(issuesOf({})).toEqual([{ path: '/answers', code: 'required', message: 'is required' }]);
    expect(issuesOf({ answers: [3, 4] })[0]).toMatchObject({ path: '/answers', code: 'answers-not-object' });
    expect(issuesOf({ answers: null })[0]).toMatchObject({ path: '/answers', code: 'answers-not-object' });
  });

  it('unknown top-level fields and a bad ref are reported together with answer problems', () => {
    expect(issuesOf({ answer: {}, ref: 5, answers: { x: 1 } }).map((i) => i.path)).toEqual([
      '/answer',
      '/ref',
      '/answers/x',
    ]);
  });

  it('the error message names the first problem', () => {
    expect(() => score(c(), { answers: { '1.1.1': 9 } })).toThrow(
      '/answers/1.1.1: level 9 is above the highest level 5',
    );
  });

  it('only own properties count as answers', () => {
    const answers = Object.create({ '1.1.1': 5 }) as Record<string, unknown>;
    answers['1.1.2'] = 2;
    const r = score(c(), { answers });
    expect(r.total).toBe(2);
    expect(r.missing).toContain('1.1.1');
  });
});

describe('inputs one after another', () => {
  it.each(['sme@1.0.0', 'large@1.0.0'] as const)(
    '%s: key order changes, unknown keys and bad values between calls do not leak',
    (ref) => {
      const c = scorecard(ref);
      const first = score(c, { answers: { '1.1.1': 5, '1.1.2': 3, '2.1.1': 1 } });
      const swapped = score(c, { answers: { '2.1.1': 1, '1.1.2': 3, '1.1.1': 5 } });
      expect(swapped).toEqual(first);
      expect(() => score(c, { answers: { '9.9.9': 5, '1.1.2': 3, '2.1.1': 1 } })).toThrow(EngineError);
      expect(() => score(c, { answers: { '1.1.1': 6, '1.1.2': 3, '2.1.1': 1 } })).toThrow(EngineError);
      const fewer = score(c, { answers: { '1.1.2': 3 } });
      expect(fewer.total).toBe(3);
      expect(fewer.missing).toContain('1.1.1');
      expect(score(c, { answers: { '1.1.1': 5, '1.1.2': 3, '2.1.1': 1 } })).toEqual(first);
    },
  );
});
