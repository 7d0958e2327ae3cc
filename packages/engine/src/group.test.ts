// The group index (Appendix III). Expected levels follow step 4's text, with Dth = Σ(level × headcount) / Σ headcount
// over the included units; the fractions used below are chosen so each case sits exactly on, just above or just
// below an edge of step 4.
import { describe, expect, it } from 'vitest';
import type { AggregateDefinition, Definition, ScorecardDefinition } from '@dbi/schema';
import { EngineError, compile, createRegistry, run, scoreGroup, type CompiledAggregate } from './index.js';
import { answersForPillar, loadDefinition, national, pillarsOf, uniform } from '../test/fixtures.js';

const reg = national();
const group = () => reg.get('group@1.0.0') as CompiledAggregate;
const defs = {
  'large@1.0.0': loadDefinition<ScorecardDefinition>('large'),
  'sme@1.0.0': loadDefinition<ScorecardDefinition>('sme'),
};
type MemberRef = keyof typeof defs;

interface UnitIn {
  id: string;
  relation: string;
  headcount: number;
  index: string;
  answers: Record<string, unknown>;
  name?: string;
}

/** A unit whose every criterion is answered `level`. */
const unit = (
  id: string,
  relation: string,
  headcount: number,
  level: number,
  index: MemberRef = 'large@1.0.0',
): UnitIn => ({
  id,
  relation,
  headcount,
  index,
  answers: uniform(defs[index], level),
});

const roll = (units: UnitIn[], explain = false) => scoreGroup(group(), { units }, { resolve: reg.resolve, explain });

function issuesOf(units: unknown, c: CompiledAggregate = group(), resolve = reg.resolve) {
  try {
    scoreGroup(c, { units }, { resolve });
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as EngineError).issues;
  }
  throw new Error('expected an EngineError');
}

describe('member units', () => {
  // Answering every criterion with level L gives each pillar L×20% of its maximum, i.e. level L by Table 2
  // ("from 10% to 20%" is level 1, "above 20% to 40%" level 2, …), and a total of L/5 of the maximum: for the large
  // index 139·L, which passes the threshold of level L (40, 139, 278, 417, 556) but not that of L+1; for the SME
  // index 64·L against 20, 64, 128, 192, 256 likewise. So the unit is at level L overall and in every pillar.
  it.each([0, 1, 2, 3, 4, 5])(
    'a unit answering %i everywhere is at that level, overall and in every pillar',
    (level) => {
      const r = roll([unit('p', 'parent', 10, level), unit('s', 'subsidiary', 10, level, 'sme@1.0.0')]);
      for (const u of r.units) {
        expect(u.result.level).toBe(level);
        expect(u.result.pillars.map((p) => p.level)).toEqual([level, level, level, level, level, level]);
      }
    },
  );
});

describe('step 4 edges (overall)', () => {
  it.each([1, 2, 3, 4])('Dth = %i exactly is that level, even with the parent below it', (k) => {
    // parent at k-1 and a subsidiary at k+1, equal staff: Dth = k; "from k points up to below k+1" → k.
    const r = roll([unit('p', 'parent', 7, k - 1), unit('s', 'subsidiary', 7, k + 1)]);
    expect(r.weighted).toEqual({ sum: 14 * k, weight: 14 });
    expect(r.score).toBe(k);
    expect(r.level).toBe(k);
  });

  it('Dth = 5 ("Đth đạt 5 điểm") is level 5', () => {
    const r = roll([unit('p', 'parent', 3, 5), unit('s', 'subsidiary', 9, 5), unit('b', 'branch', 1, 5)]);
    expect(r.weighted).toEqual({ sum: 65, weight: 13 });
    expect(r.level).toBe(5);
  });

  it('Dth = 0 is level 0', () => {
    expect(roll([unit('p', 'parent', 5, 0), unit('s', 'subsidiary', 5, 0)]).level).toBe(0);
  });

  it('Dth = 0.5 exactly is level 0 ("nhỏ hơn hoặc bằng 0,5 điểm"), even with the parent at level 1', () => {
    const r = roll([unit('p', 'parent', 1, 1), unit('s', 'subsidiary', 1, 0)]);
    expect(r.weighted).toEqual({ sum: 1, weight: 2 });
    expect(r.level).toBe(0);
  });

  describe.each([1, 2, 3, 4, 5])('around %i − 0.5', (k) => {
    it(`Dth just above ${k - 0.5} with the parent at level ${k} is level ${k} (condition i)`, () => {
      // (k·501 + (k-1)·499) / 1000 = k − 0.499
      const r = roll([unit('p', 'parent', 501, k), unit('s', 'subsidiary', 499, k - 1)]);
      expect(r.weighted).toEqual({ sum: 1000 * k - 499, weight: 1000 });
      expect(r.level).toBe(k);
    });

    it(`Dth just above ${k - 0.5} with the parent below level ${k} is level ${k - 1}`, () => {
      const r = roll([unit('p', 'parent', 499, k - 1), unit('s', 'subsidiary', 501, k)]);
      expect(r.weighted).toEqual({ sum: 1000 * k - 499, weight: 1000 });
      expect(r.parent.level).toBe(k - 1);
      expect(r.level).toBe(k - 1);
    });

    it(`Dth exactly ${k - 0.5} is level ${k - 1} even with the parent at level ${k} ("từ trên" is strict)`, () => {
      const r = roll([unit('p', 'parent', 2, k), unit('s', 'subsidiary', 2, k - 1)]);
      expect(r.weighted).toEqual({ sum: 4 * k - 2, weight: 4 });
      expect(r.level).toBe(k - 1);
    });
  });

  it('a parent above the required level also satisfies condition (i): Dth 2.6 with the parent at 5 is level 3', () => {
    const r = roll([
      unit('p', 'parent', 1, 5),
      ...[1, 2, 3, 4].map((i) => unit(`s${i}`, 'subsidiary', 1, 2, 'sme@1.0.0')),
    ]);
    expect(r.weighted).toEqual({ sum: 13, weight: 5 });
    expect(r.level).toBe(3);
  });

  it('Dth just below an integer with no parent help stays below: 2.999 with the parent at 2 is level 2', () => {
    const r = roll([unit('p', 'parent', 1, 2), unit('s', 'subsidiary', 999, 3)]);
    expect(r.weighted).toEqual({ sum: 2999, weight: 1000 });
    expect(r.level).toBe(2);
  });
});

describe('headcount weighting (step 2) and what is left out', () => {
  it('weights units by staff: a small parent at 1 and a large subsidiary at 5 give Dth 4.6 → level 4', () => {
    const r = roll([unit('p', 'parent', 100, 1), unit('s', 'subsidiary', 900, 5)]);
    expect(r.weighted).toEqual({ sum: 4600, weight: 1000 });
    expect(r.score).toBeCloseTo(4.6, 12);
    // The plain mean of the two levels would be 3; weighting by staff gives 4 (parent at 1 is below 5, so not 5).
    expect(r.level).toBe(4);
  });

  it('three units of different sizes and indices', () => {
    // (3·1200 + 4·300 + 1·500) / 2000 = 5300 / 2000 = 2.65 → above 2.5 with the parent at 3 → 3.
    const r = roll([
      unit('p', 'parent', 1200, 3),
      unit('d', 'dependent', 300, 4),
      unit('s', 'subsidiary', 500, 1, 'sme@1.0.0'),
    ]);
    expect(r.weighted).toEqual({ sum: 5300, weight: 2000 });
    expect(r.level).toBe(3);
  });

  it('affiliates are listed with their result but carry no weight', () => {
    const base = [unit('p', 'parent', 100, 4), unit('s', 'subsidiary', 100, 4)];
    const without = roll(base);
    const withAffiliate = roll([...base, unit('a', 'affiliate', 1_000_000, 0)]);
    expect(withAffiliate.level).toBe(without.level);
    expect(withAffiliate.weighted).toEqual({ sum: 800, weight: 200 });
    expect(withAffiliate.pillars).toEqual(without.pillars);
    const a = withAffiliate.units[2]!;
    expect(a).toMatchObject({ id: 'a', relation: 'affiliate', headcount: 1_000_000, included: false });
    expect(a.result.level).toBe(0);
    expect(withAffiliate.units.slice(0, 2).every((u) => u.included)).toBe(true);
  });

  it('every kind of member except affiliates counts', () => {
    const kinds = ['subsidiary', 'dependent', 'branch', 'representative-office', 'public-service-unit'];
    const r = roll([unit('p', 'parent', 1, 0), ...kinds.map((k, i) => unit(`u${i}`, k, 1, 5))]);
    // (0 + 5·5) / 6 = 4.1666… → level 4
    expect(r.weighted).toEqual({ sum: 25, weight: 6 });
    expect(r.level).toBe(4);
  });
});

describe('per-pillar roll-up (section II.5)', () => {
  it("uses each unit's pillar level and the parent's level in that pillar", () => {
    const large = pillarsOf(defs['large@1.0.0']);
    const sme = pillarsOf(defs['sme@1.0.0']);
    // Parent (large): pillar 1 full (125/125 → level 5), nothing else. Subsidiary (SME): pillar 1 at 13/65 = 20%
    // (level 1), pillar 2 full (level 5), pillar 3 at 33/80 (41.25% → level 3).
    const parent = {
      id: 'p',
      relation: 'parent',
      headcount: 300,
      index: 'large@1.0.0',
      answers: answersForPillar(large[0]!, 125),
    };
    const sub = {
      id: 's',
      relation: 'subsidiary',
      headcount: 100,
      index: 'sme@1.0.0',
      answers: { ...answersForPillar(sme[0]!, 13), ...answersForPillar(sme[1]!, 25), ...answersForPillar(sme[2]!, 33) },
    };
    const r = roll([parent, sub]);
    expect(r.units.map((u) => u.result.pillars.map((p) => p.level))).toEqual([
      [5, 0, 0, 0, 0, 0],
      [1, 5, 3, 0, 0, 0],
    ]);
    expect(r.pillars).toEqual([
      // (5·300 + 1·100) / 400 = 4 exactly → 4
      { id: '1', score: 4, weighted: { sum: 1600, weight: 400 }, level: 4 },
      // (0·300 + 5·100) / 400 = 1.25, parent 0 → "from 1 up to below 2" → 1
      { id: '2', score: 1.25, weighted: { sum: 500, weight: 400 }, level: 1 },
      // 300/400 = 0.75: above 0.5 but the parent's pillar 3 is at 0 → 0
      { id: '3', score: 0.75, weighted: { sum: 300, weight: 400 }, level: 0 },
      { id: '4', score: 0, weighted: { sum: 0, weight: 400 }, level: 0 },
      { id: '5', score: 0, weighted: { sum: 0, weight: 400 }, level: 0 },
      { id: '6', score: 0, weighted: { sum: 0, weight: 400 }, level: 0 },
    ]);
    // Overall: both units are at level 0 (parent: 125 points but one pillar at level ≥ 1; SME: 13+25+33 = 71
    // points with three pillars at level ≥ 1, four needed).
    expect(r.units.map((u) => u.result.level)).toEqual([0, 0]);
    expect(r.level).toBe(0);
  });

  it("the parent's pillar level lifts a pillar just above k − 0.5", () => {
    const large = pillarsOf(defs['large@1.0.0']);
    // Pillar 6 (85 points): parent at 85 (level 5), subsidiary at 68 = 80% (level 4); staff 501 / 499 → 4.501.
    const r = roll([
      { id: 'p', relation: 'parent', headcount: 501, index: 'large@1.0.0', answers: answersForPillar(large[5]!, 85) },
      {
        id: 's',
        relation: 'subsidiary',
        headcount: 499,
        index: 'large@1.0.0',
        answers: answersForPillar(large[5]!, 68),
      },
    ]);
    expect(r.pillars[5]).toEqual({ id: '6', score: 4.501, weighted: { sum: 4501, weight: 1000 }, level: 5 });
  });
});

describe('result and trace', () => {
  it('names the parent, lists units in input order and explains each decision', () => {
    const r = roll([unit('s', 'subsidiary', 1, 3), unit('p', 'parent', 1, 3)], true);
    expect(r.parent).toEqual({ id: 'p', level: 3 });
    expect(r.units.map((u) => u.id)).toEqual(['s', 'p']);
    expect(r.index).toEqual(group().stamp);
    expect(r.trace!.map((s) => s.scope)).toEqual([
      'overall',
      'pillar:1',
      'pillar:2',
      'pillar:3',
      'pillar:4',
      'pillar:5',
      'pillar:6',
    ]);
    expect(r.trace![0]).toMatchObject({ level: 3, values: { sum: 6, weight: 2, parent: 3, units: 2 } });
    expect(r.trace![0]!.text!.en).toContain('from 3 up to below 4');
    expect(r.units[0]!.result.trace).toHaveLength(7);
    expect(roll([unit('p', 'parent', 1, 3)]).trace).toBeUndefined();
  });

  it('echoes ref', () => {
    const r = scoreGroup(group(), { ref: 'vnpt-2024', units: [unit('p', 'parent', 1, 2)] }, { resolve: reg.resolve });
    expect(r.ref).toBe('vnpt-2024');
    expect(Object.keys(r)[0]).toBe('ref');
  });
});

describe('bad group input', () => {
  it('no parent unit', () => {
    expect(issuesOf([unit('s', 'subsidiary', 1, 1)])).toEqual([
      { path: '/units', code: 'no-parent', message: 'no unit has relation "parent"' },
    ]);
    expect(issuesOf([])).toEqual([{ path: '/units', code: 'no-parent', message: 'no unit has relation "parent"' }]);
  });

  it('more than one parent', () => {
    expect(issuesOf([unit('a', 'parent', 1, 1), unit('b', 'parent', 1, 1)])).toEqual([
      {
        path: '/units/1/relation',
        code: 'second-parent',
        message: 'a group has exactly one parent unit; /units/0 is already the parent',
      },
    ]);
  });

  it('duplicate unit id', () => {
    expect(issuesOf([unit('a', 'parent', 1, 1), unit('a', 'branch', 1, 1)])).toEqual([
      expect.objectContaining({ path: '/units/1/id', code: 'duplicate-unit' }),
    ]);
  });

  it('an index the group does not allow, and the parent scored with the SME index', () => {
    const bad = { ...unit('s', 'subsidiary', 1, 1), index: 'size@1.0.0' };
    expect(issuesOf([unit('p', 'parent', 1, 1), bad])).toEqual([
      expect.objectContaining({ path: '/units/1/index', code: 'index-not-allowed' }),
    ]);
    expect(issuesOf([unit('p', 'parent', 1, 1, 'sme@1.0.0')])).toEqual([
      {
        path: '/units/0/index',
        code: 'parent-index-not-allowed',
        message: 'the parent unit is scored with large@1.0.0, not sme@1.0.0',
      },
    ]);
  });

  it('an allowed index that cannot be resolved', () => {
    const variant = loadDefinition<AggregateDefinition>('group');
    variant.version = '1.1.0';
    variant.members.indices.push('large@9.0.0');
    const c = compile(variant) as CompiledAggregate;
    const units = [
      unit('p', 'parent', 1, 1),
      unit('s', 'subsidiary', 1, 1),
      unit('b', 'branch', 1, 1),
      { ...unit('x', 'branch', 1, 1), index: 'large@9.0.0' },
    ];
    expect(issuesOf(units, c)).toEqual([
      { path: '/units/3/index', code: 'unknown-index', message: 'index large@9.0.0 is not available' },
    ]);
  });

  it("a member index lacking one of the group's pillars", () => {
    const variant = loadDefinition<AggregateDefinition>('group');
    variant.version = '1.2.0';
    variant.pillars.push({ id: '7', name: { vi: 'Trụ cột 7', en: 'Pillar 7' } });
    const c = compile(variant) as CompiledAggregate;
    expect(issuesOf([unit('p', 'parent', 1, 1)], c)).toEqual([
      expect.objectContaining({ path: '/units/0/index', code: 'index-lacks-pillar' }),
    ]);
  });

  it('headcounts: negative, fractional, and an included total of 0', () => {
    expect(issuesOf([unit('p', 'parent', 1, 1), unit('s', 'subsidiary', 1, 1), unit('b', 'branch', -3, 1)])).toEqual([
      expect.objectContaining({ path: '/units/2/headcount', code: 'invalid-headcount' }),
    ]);
    expect(issuesOf([unit('p', 'parent', 2.5, 1)])[0]).toMatchObject({
      path: '/units/0/headcount',
      code: 'invalid-headcount',
    });
    expect(issuesOf([unit('p', 'parent', 0, 1), unit('s', 'subsidiary', 0, 1), unit('a', 'affiliate', 50, 1)])).toEqual(
      [expect.objectContaining({ path: '/units', code: 'no-headcount' })],
    );
  });

  it("problems inside a unit's answers carry the unit's pointer", () => {
    const s = unit('s', 'subsidiary', 1, 1, 'sme@1.0.0');
    s.answers['1.1.1'] = 7;
    s.answers['9.9.9'] = 1;
    expect(issuesOf([unit('p', 'parent', 1, 1), s])).toEqual([
      { path: '/units/1/answers/1.1.1', code: 'level-out-of-range', message: 'level 7 is above the highest level 5' },
      { path: '/units/1/answers/9.9.9', code: 'unknown-criterion', message: '"9.9.9" is not a criterion of sme@1.0.0' },
    ]);
  });

  it('collects every problem of every unit at once', () => {
    const issues = issuesOf([
      { ...unit('a', 'parent', 1, 1), colour: 'red' },
      { ...unit('a', 'sister', -1, 1) },
      { id: '', relation: 'branch', headcount: 1, index: 'large@1.0.0' },
      'unit',
    ]);
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      '/units/0/colour unknown-property',
      '/units/1/id duplicate-unit',
      '/units/1/relation invalid-relation',
      '/units/1/headcount invalid-headcount',
      '/units/2/id invalid-id',
      '/units/2/answers required',
      '/units/3 unit-not-object',
    ]);
  });

  it('inputs that are not a group', () => {
    const of = (input: unknown) => {
      try {
        scoreGroup(group(), input, { resolve: reg.resolve });
      } catch (e) {
        return (e as EngineError).issues;
      }
      throw new Error('expected an EngineError');
    };
    expect(of(null)[0]).toMatchObject({ path: '/', code: 'input-not-object' });
    expect(of({})[0]).toMatchObject({ path: '/units', code: 'required' });
    expect(of({ units: {} })[0]).toMatchObject({ path: '/units', code: 'units-not-array' });
    expect(of({ units: [unit('p', 'parent', 1, 1)], extra: 1 })[0]).toMatchObject({
      path: '/extra',
      code: 'unknown-property',
    });
  });

  it('run() needs a resolver for an aggregate', () => {
    expect(() => run(group(), { units: [unit('p', 'parent', 1, 1)] })).toThrow(EngineError);
    expect(run(group(), { units: [unit('p', 'parent', 1, 2)] }, { resolve: reg.resolve })).toMatchObject({ level: 2 });
  });

  it('a registry of variants resolves members by exact version', () => {
    const large2 = loadDefinition<ScorecardDefinition>('large');
    large2.version = '2.0.0';
    const g = loadDefinition<AggregateDefinition>('group');
    g.version = '2.0.0';
    g.members.indices = ['large@2.0.0'];
    g.members.parentIndices = ['large@2.0.0'];
    const r2 = createRegistry([large2, g] as Definition[]);
    const out = scoreGroup(
      r2.get('group@2.0.0') as CompiledAggregate,
      { units: [{ ...unit('p', 'parent', 1, 4), index: 'large@2.0.0' }] },
      { resolve: r2.resolve },
    );
    expect(out.units[0]!.result.index.version).toBe('2.0.0');
    expect(out.level).toBe(4);
  });
});
