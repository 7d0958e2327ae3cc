// Scores reach rules as exact fractions (100·points/max) and comparisons with them are compiled to bigint
// cross-multiplication. Property: for every points/max and integer threshold, the compiled comparison answers
// exactly what integer arithmetic says (100·p ⋚ k·m), and agrees with json-logic-js itself on a context holding the
// score as a JavaScript number — which is exact enough at these sizes (|100p/m − k| ≥ 1/m, far above rounding).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import type { Issue } from '@dbi/schema';
import { compileCondition, type Ratio, type Slot } from './rule.js';

const OPS = ['<', '<=', '>', '>=', '==', '===', '!=', '!=='] as const;
const exact: Record<(typeof OPS)[number], (a: bigint, b: bigint) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '!==': (a, b) => a !== b,
};
const slots = new Map<string, Slot>([
  ['score', { slot: 0, numeric: false, lo: NaN, hi: NaN, rational: true }],
  ['points', { slot: 1, numeric: true, lo: 0, hi: 1000 }],
]);

describe('score comparisons', () => {
  it('equal integer cross-multiplication and json-logic-js, either side, with a literal or a variable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: -5, max: 105 }),
        fc.constantFrom(...OPS),
        fc.boolean(),
        fc.boolean(),
        (m, p0, k, op, scoreFirst, kFromVar) => {
          const p = p0 % (m + 1);
          const threshold = kFromVar ? { var: 'points' } : k;
          const rule = { [op]: scoreFirst ? [{ var: 'score' }, threshold] : [threshold, { var: 'score' }] };
          const issues: Issue[] = [];
          const when = compileCondition(rule, { slots, exact: true }, '', issues);
          expect(issues).toEqual([]);
          const kk = kFromVar ? Math.min(k < 0 ? 0 : k, 1000) : k;
          const score: Ratio = { n: 100n * BigInt(p), d: BigInt(m) };
          const got = when([score, kk]);
          const a = 100n * BigInt(p),
            b = BigInt(kk) * BigInt(m);
          expect(got).toBe(scoreFirst ? exact[op](a, b) : exact[op](b, a));
          expect(got).toBe(!!jsonLogic.apply(rule, { score: (100 * p) / m, points: kk }));
        },
      ),
      { numRuns: 5000 },
    );
  });
  it('between: {"<=": [60, score, 80]} holds exactly from 60 to 80 inclusive', () => {
    const issues: Issue[] = [];
    const when = compileCondition({ '<=': [60, { var: 'score' }, 80] }, { slots, exact: true }, '', issues);
    expect(issues).toEqual([]);
    const at = (n: bigint, d: bigint) => when([{ n, d }, 0]);
    expect([at(5999n, 100n), at(60n, 1n), at(80n, 1n), at(8001n, 100n), at(200n, 3n)]).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
  });
});
