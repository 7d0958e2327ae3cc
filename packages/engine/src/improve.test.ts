// "What to improve first", with every expected value worked out by hand in the comments (never read back from the
// engine): the pillar rules below are thresholds on points or on the exact score, so each candidate's outcome is
// simple arithmetic.
import { describe, expect, it } from 'vitest';
import type { ScorecardDefinition } from '@dbi/schema';
import { compile, improvements, type CompiledScorecard } from './index.js';

const T = (en: string) => ({ vi: en, en });
const common = {
  version: '1.0.0',
  kind: 'scorecard',
  title: T('Test'),
  instrument: { number: 'T', title: T('T'), issuer: T('T'), signed: '2026-01-01', effective: '2026-01-01' },
  source: { document: 'test' },
};

describe('level criteria (the 1970 shape): points = level × weight', () => {
  // Levels 0..3 are both the answer scale and the result levels. Pillar level: 3 at ≥ 15 points, 2 at ≥ 6, 1 at ≥ 3.
  const def = {
    ...common,
    id: 'lv',
    levels: [0, 1, 2, 3].map((level) => ({ level, name: T(`L${level}`) })),
    pillars: [
      {
        id: '1',
        name: T('P1'),
        criteria: [
          { id: '1.a', text: T('a'), weight: 1 },
          { id: '1.b', text: T('b'), weight: 2 },
          { id: '1.c', text: T('c'), weight: 3 },
        ],
      },
      {
        id: '2',
        name: T('P2'),
        criteria: [
          { id: '2.d', text: T('d'), weight: 1 },
          { id: '2.e', text: T('e'), weight: 1 },
        ],
      },
    ],
    rules: {
      pillar: [
        { level: 3, when: { '>=': [{ var: 'points' }, 15] } },
        { level: 2, when: { '>=': [{ var: 'points' }, 6] } },
        { level: 1, when: { '>=': [{ var: 'points' }, 3] } },
        { level: 0, when: true },
      ],
      overall: [{ level: 0, when: true }],
    },
  } as unknown as ScorecardDefinition;
  const c = compile(def) as CompiledScorecard;

  it('lists, per pillar, the criteria that reach the next level alone, fewest points first', () => {
    // P1: a=1, b=1, c=0 → 1 + 2 + 0 = 3 points → level 1; level 2 needs 6, i.e. 3 more.
    //   a: 2 → 4, 3 → 5 points: never 6 → not listed.
    //   b: 2 → 1 + 4 = 5 (no); 3 → 1 + 6 = 7 → level 2, gain 4.
    //   c: 1 → 3 + 3 = 6 → level 2, gain 3 (2 → 9 also reaches it but gains 6).
    // P2: nothing answered → 0 → level 0; level 1 needs 3: d at 3 (gain 3) or e at 3 (gain 3), in definition order.
    const r = improvements(c, { answers: { '1.a': 1, '1.b': 1, '1.c': 0 } });
    expect(r).toEqual([
      {
        pillar: '1',
        level: 1,
        next: 2,
        steps: [
          { criterion: '1.c', answer: 1, gain: 3, level: 2 },
          { criterion: '1.b', answer: 3, gain: 4, level: 2 },
        ],
      },
      {
        pillar: '2',
        level: 0,
        next: 1,
        steps: [
          { criterion: '2.d', answer: 3, gain: 3, level: 1 },
          { criterion: '2.e', answer: 3, gain: 3, level: 1 },
        ],
      },
    ]);
  });

  it('a pillar at the top level has no next level and no steps; one no single criterion can lift has none', () => {
    // P1: 3 + 6 + 9 = 18 ≥ 15 → level 3, the top. P2: d=1, e=0 → 1 point (level 0); d at 3 → 3 (gain 2) reaches
    // level 1; e at 2 → 1 + 2 = 3 (gain 2) too; e at 1 → 2 (no).
    const r = improvements(c, { answers: { '1.a': 3, '1.b': 3, '1.c': 3, '2.d': 1, '2.e': 0 } });
    expect(r[0]).toEqual({ pillar: '1', level: 3, next: null, steps: [] });
    expect(r[1]!.steps).toEqual([
      { criterion: '2.d', answer: 3, gain: 2, level: 1 },
      { criterion: '2.e', answer: 2, gain: 2, level: 1 },
    ]);
    // P1 at level 2 with 14 points (a=3, b=1, c=3: 3 + 2 + 9): b at 2 → 16 (gain 2) reaches 3; a is already at the top
    // of the scale and c too, so b is the only step.
    const r2 = improvements(c, { answers: { '1.a': 3, '1.b': 1, '1.c': 3 } });
    expect(r2[0]).toEqual({
      pillar: '1',
      level: 2,
      next: 3,
      steps: [{ criterion: '1.b', answer: 2, gain: 2, level: 3 }],
    });
  });
});

describe('v2 answer types: choice, checkboxes, yes/no, number bands', () => {
  // Levels 1..4 on the exact pillar score (100 · points / max): 4 at ≥ 80, 3 at ≥ 60, 2 at ≥ 40, else 1.
  const bands = [
    { level: 4, when: { '>=': [{ var: 'score' }, 80] } },
    { level: 3, when: { '>=': [{ var: 'score' }, 60] } },
    { level: 2, when: { '>=': [{ var: 'score' }, 40] } },
    { level: 1, when: true },
  ];
  const opt = (id: string, points: number) => ({ id, text: T(id), points });
  const def = {
    ...common,
    id: 'v2',
    levels: [1, 2, 3, 4].map((level) => ({ level, name: T(`L${level}`) })),
    pillars: [
      {
        id: 'Q',
        name: T('Q'),
        criteria: [
          // max 5
          { id: 'q1', type: 'choice', text: T('q1'), options: [opt('a', 0), opt('b', 2), opt('c', 5)] },
          // max 1 + 1 + 3 = 5
          { id: 'q2', type: 'multi', text: T('q2'), options: [opt('a', 1), opt('b', 1), opt('c', 3)] },
          // max 4
          { id: 'q3', type: 'boolean', text: T('q3'), points: 4 },
          // max 6: ≤ 10 → 0, ≤ 50 → 2, ≤ 100 → 6
          {
            id: 'q4',
            type: 'number',
            text: T('q4'),
            min: 0,
            max: 100,
            bands: [
              { upTo: 10, points: 0 },
              { upTo: 50, points: 2 },
              { upTo: 100, points: 6 },
            ],
          },
        ],
      },
      {
        id: 'R',
        name: T('R'),
        criteria: [
          {
            id: 'r1',
            type: 'choice',
            text: T('r1'),
            options: [opt('a', 0), opt('b', 1), { id: 'n', text: T('n/a'), notApplicable: true }],
          },
          { id: 'r2', type: 'boolean', text: T('r2'), points: 1 },
        ],
      },
    ],
    rules: { pillar: bands, overall: bands },
  } as unknown as ScorecardDefinition;
  const c = compile(def) as CompiledScorecard;

  it('finds the lowest answer of each type that lifts the pillar, and never advises "not applicable"', () => {
    // Q: q1 b (2) + q2 [a] (1) + q3 no (0) + q4 20 (2) = 5 of 20 = 25 % → level 1; level 2 needs 40 % = 8 points.
    //   q1 → c: 8 (gain 3) ✓.  q2 + b: 6 (no); q2 + c → [a, c]: 1 + 3 = 4, total 8 (gain 3) ✓.
    //   q3 → yes: 9 (gain 4) ✓.  q4 → 10: 0 points (lower); 50: 2 (same); 100: 6, total 9 (gain 4) ✓.
    // R: r1 a (0) + r2 yes (1) = 1 of 2 = 50 % → level 2; level 3 needs 60 %.
    //   r1 → b: 2 of 2 = 100 % → level 4 (gain 1) ✓. r1 → n (not applicable) would make it 1 of 1 with no gain:
    //   it must not be offered. r2 is already yes.
    const r = improvements(c, { answers: { q1: 'b', q2: ['a'], q3: false, q4: 20, r1: 'a', r2: true } });
    expect(r).toEqual([
      {
        pillar: 'Q',
        level: 1,
        next: 2,
        steps: [
          { criterion: 'q1', answer: 'c', gain: 3, level: 2 },
          { criterion: 'q2', answer: ['a', 'c'], gain: 3, level: 2 },
          { criterion: 'q3', answer: true, gain: 4, level: 2 },
          { criterion: 'q4', answer: 100, gain: 4, level: 2 },
        ],
      },
      { pillar: 'R', level: 2, next: 3, steps: [{ criterion: 'r1', answer: 'b', gain: 1, level: 4 }] },
    ]);
  });
});

describe('compile with the published hash', () => {
  const def = {
    ...common,
    id: 'h',
    levels: [0, 1].map((level) => ({ level, name: T(`L${level}`) })),
    pillars: [{ id: '1', name: T('P'), criteria: [{ id: '1.1', text: T('a'), weight: 1 }] }],
    rules: { pillar: [{ level: 0, when: true }], overall: [{ level: 0, when: true }] },
  } as unknown as ScorecardDefinition;

  it('accepts the content it was published as and refuses any other', () => {
    const hash = compile(def).stamp.hash;
    const copy = structuredClone(def);
    expect(compile(copy, { publishedHash: hash }).stamp.hash).toBe(hash);
    const changed = structuredClone(def);
    (changed.pillars[0]!.criteria![0] as { weight: number }).weight = 2;
    expect(() => compile(changed, { publishedHash: hash })).toThrow(/is not the published/);
  });
});
