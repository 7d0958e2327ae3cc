// The v2 definition language written as data (issue 8, "Done when"): each revision a ministry editor could not
// write before is a definition here, scored by the engine, with expected values worked out by hand in comments.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Definition, LevelCriterion, ScorecardDefinition } from '@dbi/schema';
import { EngineError, checkDefinitionForEngine, classify, compile, score, type CompiledScorecard } from './index.js';
import { display, weightedMean } from './rational.js';
import { loadDefinition, answersFor } from '../test/fixtures.js';

const T = (en: string) => ({ vi: en, en });
const LEVELS = [1, 2, 3, 4].map((level) => ({ level, name: T(`L${level}`) }));
/** A small v2 scorecard: pillars given, levels 1..4 named, pillar/overall bands on the exact score. */
function scorecard(pillars: unknown[], extra: Record<string, unknown> = {}): ScorecardDefinition {
  const bands = [
    { level: 4, when: { '>=': [{ var: 'score' }, 80] } },
    { level: 3, when: { '>=': [{ var: 'score' }, 60] } },
    { level: 2, when: { '>=': [{ var: 'score' }, 40] } },
    { level: 1, when: true },
  ];
  return {
    id: 'test',
    version: '1.0.0',
    kind: 'scorecard',
    title: T('Test'),
    instrument: { number: 'T', title: T('T'), issuer: T('T'), signed: '2026-01-01', effective: '2026-01-01' },
    source: { document: 'test' },
    levels: LEVELS,
    pillars,
    rules: { pillar: bands, overall: bands },
    ...extra,
  } as ScorecardDefinition;
}
const opts = (points: number[]) => points.map((p, i) => ({ id: 'abcdefgh'[i]!, text: T(`o${i}`), points: p }));
const sc = (d: Definition) => compile(d) as CompiledScorecard;
const codes = (d: unknown) => checkDefinitionForEngine(d).map((i) => `${i.path} ${i.code}`);

describe('a 7-pillar questionnaire with uneven option points and named levels', () => {
  const def = JSON.parse(
    readFileSync(new URL('../../../indices/readiness-example/1.0.0.json', import.meta.url), 'utf8'),
  ) as ScorecardDefinition;
  it('is readiness-example@1.0.0: 7 pillars of questions, levels named from "Cơ bản"', () => {
    expect(def.pillars).toHaveLength(7);
    expect(def.levels[0]).toMatchObject({ level: 1, name: { vi: 'Cơ bản', en: 'Basic' } });
    // 1.1's options score 0, 2, 3, 6: choosing "c" gives 3 of 13 in pillar 1 (23.08 → level 1 "Cơ bản").
    const r = score(sc(def), { profile: { sector: 'retail', employees: 1 }, answers: { '1.1': 'c' } });
    expect(r.pillars[0]).toEqual({ id: '1', points: 3, max: 13, score: '23.08', level: 1 });
  });
});

describe('a capped checkbox question', () => {
  // Options 3, 3, 2, 2 (sum 10), cap 6: the criterion's maximum is 6.
  const def = scorecard([
    {
      id: '1',
      name: T('P'),
      criteria: [{ id: '1.1', type: 'multi', text: T('q'), options: opts([3, 3, 2, 2]), cap: 6 }],
    },
  ]);
  it.each([
    [[], 0],
    [['c'], 2],
    [['a', 'c'], 5],
    [['a', 'b'], 6],
    [['a', 'b', 'c', 'd'], 6], // 10, capped at 6
  ])('%j scores %i of 6', (answer, points) => {
    expect(score(sc(def), { answers: { '1.1': answer } }).pillars[0]).toMatchObject({ points, max: 6 });
  });
});

describe('sector-specific questions with the applicable maximum', () => {
  const sector = (s: string) => ({ '==': [{ var: 'profile.sector' }, s] });
  const def = scorecard(
    [
      {
        id: '1',
        name: T('General'),
        criteria: [{ id: '1.1', type: 'boolean', text: T('q'), points: 4 }],
      },
      {
        id: '2',
        name: T('Sector'),
        components: [
          {
            id: '2.A',
            name: T('Agriculture'),
            applies: sector('agri'),
            criteria: [{ id: '2.A.1', type: 'choice', text: T('q'), options: opts([0, 5, 10]) }],
          },
          {
            id: '2.B',
            name: T('Retail'),
            applies: sector('retail'),
            criteria: [
              { id: '2.B.1', type: 'boolean', text: T('q'), points: 2 },
              { id: '2.B.2', type: 'boolean', text: T('q'), points: 3 },
            ],
          },
        ],
      },
    ],
    {
      profile: [
        { name: 'sector', type: 'string', required: true, text: T('Sector'), values: [
          { value: 'agri', text: T('Agriculture') }, { value: 'retail', text: T('Retail') }, { value: 'it', text: T('IT') }] },
      ],
    }, // prettier-ignore
  );
  const answers = { '1.1': true, '2.A.1': 'b', '2.B.1': true, '2.B.2': false };
  it('agriculture: pillar 2 max 10, the retail component does not apply', () => {
    const r = score(sc(def), { profile: { sector: 'agri' }, answers });
    expect(r.pillars[1]).toMatchObject({ points: 5, max: 10, score: '50.00', level: 2 });
    expect([r.total, r.max]).toEqual([9, 14]); // 4 + 5 of 4 + 10
    expect(r.notApplicable).toEqual(['2.B', '2.B.1', '2.B.2']);
  });
  it('retail: pillar 2 max 2 + 3 = 5', () => {
    const r = score(sc(def), { profile: { sector: 'retail' }, answers });
    expect(r.pillars[1]).toMatchObject({ points: 2, max: 5, score: '40.00', level: 2 });
    expect(r.notApplicable).toEqual(['2.A', '2.A.1']);
  });
  it('a sector with no sector questions: pillar 2 does not apply at all and leaves the result', () => {
    const r = score(sc(def), { profile: { sector: 'it' }, answers });
    expect(r.pillars.map((p) => p.id)).toEqual(['1']);
    expect([r.total, r.max, r.score]).toEqual([4, 4, '100.00']);
    expect(r.notApplicable).toEqual(['2', '2.A', '2.A.1', '2.B', '2.B.1', '2.B.2']);
  });
});

describe('weighted dimensions normalised to 0–100 (six dimensions, equal weights)', () => {
  // Six dimensions, each one checkbox question of two options; the picks give 5/10, 5/5, 2/8, 1/4, 15/20, 1/3.
  const dims = [[5, 5], [4, 1], [6, 2], [3, 1], [5, 15], [2, 1]]; // prettier-ignore
  const def = scorecard(
    dims.map(([x, y], i) => ({
      id: `D${i + 1}`,
      name: T(`Dimension ${i + 1}`),
      weight: 1,
      criteria: [{ id: `D${i + 1}.1`, type: 'multi', text: T('q'), options: opts([x!, y!]) }],
    })),
  );
  it('S = mean of 50, 100, 25, 25, 75, 33.33… = (275 + 100/3)/6 = 925/18 = 51.388… → "51.39"', () => {
    const picks = { 'D1.1': ['a'], 'D2.1': ['a', 'b'], 'D3.1': ['b'], 'D4.1': ['b'], 'D5.1': ['b'], 'D6.1': ['b'] };
    const r = score(sc(def), { answers: picks });
    expect(r.pillars.map((p) => p.score)).toEqual(['50.00', '100.00', '25.00', '25.00', '75.00', '33.33']);
    expect(r.score).toBe('51.39');
    expect(r.level).toBe(2);
  });
  it('weights count: weights 3 and 1 on scores 100 and 0 give 75', () => {
    const d = scorecard([
      { id: 'A', name: T('A'), weight: 3, criteria: [{ id: 'A.1', type: 'boolean', text: T('q'), points: 1 }] },
      { id: 'B', name: T('B'), weight: 1, criteria: [{ id: 'B.1', type: 'boolean', text: T('q'), points: 1 }] },
    ]);
    expect(score(sc(d), { answers: { 'A.1': true, 'B.1': false } })).toMatchObject({ score: '75.00', level: 3 });
  });
  it('either every pillar has a weight or none does', () => {
    const d = scorecard([
      { id: 'A', name: T('A'), weight: 3, criteria: [{ id: 'A.1', type: 'boolean', text: T('q'), points: 1 }] },
      { id: 'B', name: T('B'), criteria: [{ id: 'B.1', type: 'boolean', text: T('q'), points: 1 }] },
    ]);
    expect(codes(d)).toEqual(['/pillars/1/weight weight-required']);
  });
});

describe('a sector variant of large@1.0.0 that drops and adds criteria and raises a threshold', () => {
  const large = loadDefinition<ScorecardDefinition>('large');
  const variant = structuredClone(large);
  variant.id = 'large-agriculture';
  variant.derivedFrom = 'large@1.0.0';
  const c11 = variant.pillars[0]!.components![0]!;
  // Drop 1.1.8 and 1.1.9 (weight 1 each: 5 points each), add a 3-option question worth at most 5.
  c11.criteria = c11.criteria.filter((k) => k.id !== '1.1.8' && k.id !== '1.1.9');
  c11.criteria.push({ id: '1.1.10', type: 'choice', text: T('Traceability platform'), options: opts([0, 3, 5]) });
  c11.max = 45 - 10 + 5; // 40
  variant.pillars[0]!.max = 125 - 10 + 5; // 120
  variant.max = 695 - 10 + 5; // 690
  // Overall level 3: total > 278 → > 300.
  const rule3 = variant.rules.overall.find((r) => r.level === 3)!;
  rule3.when = { and: [{ '>': [{ var: 'total' }, 300] }, { '>=': [{ var: 'atLeast.3' }, 4] }] };

  it('compiles with the maxima worked out by hand', () => {
    expect(codes(variant)).toEqual([]);
  });
  it('total 286 with five pillars at level 3: level 3 in large@1.0.0, level 2 in the variant', () => {
    // P2 60/120 = 50%, P3 73/145 = 50.3%, P4 55/110, P5 55/110, P6 43/85 = 50.6%: each "above 40% up to 60%" → 3;
    // P1 0. Total 60 + 73 + 55 + 55 + 43 = 286: > 278 (large) but not > 300 (variant); > 139 with ≥ 4 at level 2.
    const answers = answersFor(large, [0, 60, 73, 55, 55, 43]);
    const national = score(compile(large) as CompiledScorecard, { answers });
    expect([national.total, national.level, national.pillars.map((p) => p.level)]).toEqual([
      286,
      3,
      [0, 3, 3, 3, 3, 3],
    ]);
    delete answers['1.1.8'];
    delete answers['1.1.9'];
    const r = score(sc(variant), { answers: { ...answers, '1.1.10': 'c' } });
    // P1 = 5 (1.1.10 "c") of 120 = 4.17% → level 0.
    expect([r.total, r.max, r.level, r.pillars[0]!.points, r.pillars[0]!.level]).toEqual([291, 690, 2, 5, 0]);
    expect(r.missing).toEqual([]);
  });
  it('the variant still refuses answers to the dropped criteria', () => {
    expect(() => score(sc(variant), { answers: { '1.1.8': 3 } })).toThrow('"1.1.8" is not a criterion of');
  });
});

describe('banded numeric answers (exact decimal edges)', () => {
  const def = scorecard([
    {
      id: '1',
      name: T('P'),
      criteria: [
        {
          id: '1.1',
          type: 'number',
          text: T('share'),
          min: 0,
          max: 100,
          unit: T('%'),
          bands: [
            { upTo: 0.1, points: 0 },
            { upTo: 33.3, points: 2 },
            { upTo: 100, points: 4 },
          ],
        },
      ],
    },
  ]);
  it.each([
    [0, 0],
    [0.1, 0], // 1/10 ≤ 1/10 (0.1 is not read as 0.1000000000000000055…)
    [0.10000000000000002, 2], // the next double above 0.1 is above the edge
    [33.3, 2],
    [33.300000000000004, 4],
    [100, 4],
  ])('%s scores %i', (v, points) => {
    expect(score(sc(def), { answers: { '1.1': v } }).pillars[0]!.points).toBe(points);
  });
  it('edges must increase and reach the maximum', () => {
    const bad = structuredClone(def);
    const k = bad.pillars[0]!.criteria![0] as unknown as { bands: { upTo: number; points: number }[] };
    k.bands = [
      { upTo: 50, points: 1 },
      { upTo: 20, points: 2 },
    ];
    expect(codes(bad)).toEqual([
      '/pillars/0/criteria/0/bands/1/upTo bands-not-increasing',
      '/pillars/0/criteria/0/bands/1/upTo bands-incomplete',
    ]);
  });
});

describe('a gate on named pillars’ levels', () => {
  // Overall: level 4 needs score ≥ 80 AND pillar "SEC" at level 4 AND pillar "DATA" at level ≥ 3.
  const bool = (id: string) => ({ id, type: 'boolean', text: T('q'), points: 1 });
  const def = scorecard([
    { id: 'SEC', name: T('Security'), criteria: [bool('S1'), bool('S2'), bool('S3'), bool('S4'), bool('S5')] },
    { id: 'DATA', name: T('Data'), criteria: [bool('D1'), bool('D2'), bool('D3'), bool('D4'), bool('D5')] },
    { id: 'OPS', name: T('Operations'), criteria: [bool('O1')] },
  ]);
  def.rules.overall = [
    {
      level: 4,
      when: {
        and: [
          { '>=': [{ var: 'score' }, 80] },
          { '==': [{ var: 'pillar.SEC.level' }, 4] },
          { '>=': [{ var: 'pillar.DATA.level' }, 3] },
        ],
      },
    },
    { level: 3, when: { '>=': [{ var: 'score' }, 60] } },
    { level: 1, when: true },
  ];
  const all = (prefix: string, yes: number) =>
    Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`${prefix}${i}`, i <= yes]));
  it('SEC 5/5, DATA 3/5 (60 → level 3), OPS 1/1: total 9 of 11 = 81.82 → level 4', () => {
    const r = score(sc(def), { answers: { ...all('S', 5), ...all('D', 3), O1: true } });
    expect([r.score, r.level]).toEqual(['81.82', 4]);
  });
  it('SEC 4/5 (80 → level 4), DATA 5/5, OPS 0: 9 of 11 = 81.82 → level 4', () => {
    expect(score(sc(def), { answers: { ...all('S', 4), ...all('D', 5), O1: false } }).level).toBe(4);
  });
  it('SEC 3/5 (60 → level 3): the gate fails although 9 of 11 = 81.82 → level 3', () => {
    const r = score(sc(def), { answers: { ...all('S', 3), ...all('D', 5), O1: true } });
    expect([r.score, r.level]).toEqual(['81.82', 3]);
  });
  it('a gate on a pillar that does not exist is refused when the definition is checked', () => {
    const bad = structuredClone(def);
    bad.rules.overall[0]!.when = { '==': [{ var: 'pillar.NOPE.level' }, 4] };
    expect(codes(bad)).toEqual(['/rules/overall/0/when/==/0/var rule-unknown-var']);
  });
});

describe('exact scores in rules', () => {
  const k = (id: string, m: number) => ({ id, type: 'choice', text: T('q'), options: opts([0, m]) });
  it('a score is compared as the fraction it is: 57 of 100 is ≥ 57 (100 · (57/100) in floating point is not)', () => {
    expect(100 * (57 / 100) < 57).toBe(true); // the trap an inexact engine falls into
    const def = scorecard([{ id: '1', name: T('P'), criteria: [k('1.1', 57), k('1.2', 43)] }]);
    def.rules.pillar = [
      { level: 3, when: { '>=': [{ var: 'score' }, 57] } },
      { level: 1, when: true },
    ];
    expect(score(sc(def), { answers: { '1.1': 'b', '1.2': 'a' } }).pillars[0]).toMatchObject({
      score: '57.00',
      level: 3,
    });
  });
  it('2 of 3 = 66.66…: above 66, below 67, never equal to 66.67', () => {
    const def = scorecard([{ id: '1', name: T('P'), criteria: [k('1.1', 2), k('1.2', 1)] }]);
    def.rules.pillar = [
      { level: 4, when: { '>=': [{ var: 'score' }, 67] } },
      { level: 3, when: { '>': [{ var: 'score' }, 66] } },
      { level: 1, when: true },
    ];
    expect(score(sc(def), { answers: { '1.1': 'b', '1.2': 'a' } }).pillars[0]).toMatchObject({
      score: '66.67',
      level: 3,
    });
  });
  it('scores can only be compared: arithmetic or truth tests on a score are refused', () => {
    const def = scorecard([{ id: '1', name: T('P'), criteria: [k('1.1', 1)] }]);
    def.rules.pillar = [
      { level: 2, when: { '>': [{ '*': [{ var: 'score' }, 2] }, 100] } },
      { level: 3, when: { var: 'score' } },
      { level: 1, when: true },
    ];
    expect(codes(def)).toEqual([
      '/rules/pillar/0/when/>/0/*/0 rule-score-compare-only',
      '/rules/pillar/1/when rule-score-compare-only',
    ]);
  });
  it('rules read criteria points and profile facts, checked at compile time', () => {
    const def = scorecard([{ id: '1', name: T('P'), criteria: [k('1.1', 5), k('1.2', 5)] }], {
      profile: [{ name: 'employees', type: 'integer', required: true, minimum: 0, maximum: 1000, text: T('n') }],
    });
    def.rules.overall = [
      { level: 4, when: { and: [{ '==': [{ var: 'criterion.1.1.points' }, 5] }, { '>': [{ var: 'profile.employees' }, 50] }] } },
      { level: 1, when: true },
    ]; // prettier-ignore
    const c = sc(def);
    expect(score(c, { profile: { employees: 51 }, answers: { '1.1': 'b' } }).level).toBe(4);
    expect(score(c, { profile: { employees: 50 }, answers: { '1.1': 'b' } }).level).toBe(1);
    expect(score(c, { profile: { employees: 51 }, answers: { '1.2': 'b' } }).level).toBe(1);
    // employees ≤ 1000, so employees · employees ≤ 10^6 is exact; an unbounded fact would not be.
    const unbounded = structuredClone(def);
    unbounded.profile![0]!.maximum = undefined;
    unbounded.rules.overall[0]!.when = {
      '>': [{ '*': [{ var: 'profile.employees' }, { var: 'profile.employees' }] }, 9],
    };
    expect(codes(unbounded)).toEqual(['/rules/overall/0/when/>/0/* rule-unsafe-integer']);
  });
});

describe('classifier rules get the same exactness checks', () => {
  const classifier = (when: unknown) => ({
    id: 'c',
    version: '1.0.0',
    kind: 'classifier',
    title: T('c'),
    instrument: { number: 'T', title: T('T'), issuer: T('T'), signed: '2026-01-01', effective: '2026-01-01' },
    source: { document: 't' },
    inputs: [{ name: 'a', type: 'integer', required: true, minimum: 0, text: T('a') }],
    outputs: [{ name: 'size', values: ['big', 'small'], default: 'small', rules: [{ value: 'big', when }] }],
  });
  it('a*a can exceed 2^53 for an integer input: refused', () => {
    expect(codes(classifier({ '>': [{ '*': [{ var: 'a' }, { var: 'a' }] }, 100] }))).toEqual([
      '/outputs/0/rules/0/when/>/0/* rule-unsafe-integer',
    ]);
  });
  it('comparisons on the input stay allowed and classify as before', () => {
    const c = compile(classifier({ '>': [{ var: 'a' }, 100] }) as Definition);
    expect(classify(c as never, { a: 101 }).size).toBe('big');
    expect(classify(c as never, { a: 100 }).size).toBe('small');
  });
});

describe('display scores: exact, rounded half-up to 2 decimals', () => {
  it.each([
    [1n, 8n, '0.13'], // 0.125 → 0.13 (half-up; half-even would give 0.12)
    [107n, 40n, '2.68'], // 2.675 → 2.68, where (2.675).toFixed(2) gives "2.67"
    [1n, 200n, '0.01'], // 0.005
    [1n, 201n, '0.00'], // 0.004975…
    [2n, 3n, '0.67'],
    [1n, 3n, '0.33'],
    [10000n, 1n, '10000.00'],
    [0n, 1n, '0.00'],
  ])('%i/%i → %s', (n, d, want) => {
    expect(display({ n, d })).toBe(want);
  });
  it('the float trap is real', () => expect((2.675).toFixed(2)).toBe('2.67'));
  it('weighted mean is exact: (100/3 + 100/3 + 100/3)/3 = 100/3', () => {
    const third = { n: 100n, d: 3n };
    expect(weightedMean([third, third, third], [1, 1, 1])).toEqual({ n: 100n, d: 3n });
  });
});

describe('definition checks for the new fields', () => {
  it('options: ids unique, points or not-applicable, no not-applicable in checkboxes', () => {
    const def = scorecard([
      {
        id: '1',
        name: T('P'),
        criteria: [
          { id: '1.1', type: 'choice', text: T('q'), options: [
            { id: 'a', text: T('a'), points: 1 }, { id: 'a', text: T('a2'), points: 2 },
            { id: 'n', text: T('n'), points: 1, notApplicable: true }, { id: 'x', text: T('x') }] },
          { id: '1.2', type: 'multi', text: T('q'), options: [{ id: 'a', text: T('a'), notApplicable: true }] },
        ],
      },
    ]); // prettier-ignore
    expect(codes(def)).toEqual([
      '/pillars/0/criteria/0/options/1/id duplicate-id',
      '/pillars/0/criteria/0/options/2/points option-points-not-applicable',
      '/pillars/0/criteria/0/options/3/points option-points-required',
      '/pillars/0/criteria/1/options/0/notApplicable option-not-applicable-multi',
      '/pillars/0/criteria/1/options options-no-points',
    ]);
  });
  it('a pillar holds components or criteria, not both and not neither', () => {
    const crit = [{ id: '1.1', type: 'boolean', text: T('q'), points: 1 }];
    const both = scorecard([{ id: '1', name: T('P'), criteria: crit, components: [{ id: 'c', name: T('c'), criteria: [{ ...crit[0], id: '1.2' }] }] }]); // prettier-ignore
    expect(codes(both)).toEqual(['/pillars/0/components pillar-content']);
    const neither = scorecard([{ id: '1', name: T('P') }]);
    expect(codes(neither)).toEqual(['/pillars/0/criteria pillar-content']);
  });
  it('applies rules read only declared profile facts', () => {
    const def = scorecard([
      { id: '1', name: T('P'), applies: { '==': [{ var: 'profile.sector' }, 'x'] }, criteria: [{ id: '1.1', type: 'boolean', text: T('q'), points: 1 }] },
    ]); // prettier-ignore
    expect(codes(def)).toEqual(['/pillars/0/applies/==/0/var rule-unknown-var']);
  });
  it('the national definitions keep the default answer type: no `type` field in their criteria', () => {
    const sme = loadDefinition<ScorecardDefinition>('sme');
    expect((sme.pillars[0]!.components![0]!.criteria[0] as LevelCriterion).type).toBeUndefined();
  });
});

it('EngineError is what bad input throws', () => {
  expect(() => score(sc(scorecard([{ id: '1', name: T('P'), criteria: [{ id: '1.1', type: 'boolean', text: T('q'), points: 1 }] }])), { answers: { '1.1': 1 } })).toThrow(EngineError); // prettier-ignore
});
