// Differential test: on generated rules and data, compileRule agrees with json-logic-js's own `apply` — the same
// value (Object.is on numbers, so -0 and NaN count), or both refuse.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { compileRule } from './index.js';

// Names the data may hold; a few are absent on purpose. Paths reach into arrays, strings and a nested object.
const KEYS = ['a', 'b', 'c', 's', 'list', 'obj'];
const VAR_NAMES = [
  ...KEYS,
  'nope',
  'obj.x',
  'obj.y',
  'obj.nope',
  'list.0',
  'list.2',
  'list.length',
  's.0',
  's.length',
  'a.b',
  'nope.x',
  '',
];

const scalar = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, NaN, Infinity, 2 ** 53, 1e21),
  fc.constantFrom('', '0', '1', '2.5', ' 3', 'a', 'abc', 'b', '1e3', 'x1'),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });
const data = fc
  .record({
    a: value,
    b: value,
    c: value,
    s: fc.constantFrom('', 'abc', '12', 'b'),
    list: fc.array(scalar, { maxLength: 4 }),
    obj: fc.record({ x: value, y: value }),
  })
  // Plain objects, as JSON.parse makes them (fast-check's records have no prototype, so "" == record would throw).
  .map((d) => structuredClone(d));

// Literals rules may contain: integers (the checker refuses other numbers), strings, booleans, null.
const literal = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom('', '0', '1', '2.5', 'a', 'abc', 'b', 'x1'),
  fc.boolean(),
  fc.constant(null),
);

const OPS = [
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  '?:',
  '+',
  '-',
  '*',
  'min',
  'max',
  'in',
];

const { rule } = fc.letrec<{ rule: unknown; variable: unknown; op: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    { weight: 2, arbitrary: literal },
    { weight: 2, arbitrary: tie('variable') },
    { weight: 5, arbitrary: tie('op') },
    { weight: 1, arbitrary: fc.array(tie('rule'), { maxLength: 3 }) },
  ),
  variable: fc
    .record({
      name: fc.constantFrom(...VAR_NAMES),
      dflt: fc.option(tie('rule'), { nil: undefined }),
      sugar: fc.boolean(),
    })
    .map(({ name, dflt, sugar }) =>
      dflt !== undefined ? { var: [name, dflt] } : sugar ? { var: name } : { var: [name] },
    ),
  op: fc
    .record({ op: fc.constantFrom(...OPS), args: fc.array(tie('rule'), { maxLength: 4 }), sugar: fc.boolean() })
    .map(({ op, args, sugar }) =>
      // Unary sugar: {"!": x} instead of {"!": [x]}.
      sugar && args.length === 1 && !Array.isArray(args[0]) ? { [op]: args[0] } : { [op]: args },
    ),
}));

type Outcome = { ok: true; value: unknown } | { ok: false };
const attempt = (f: () => unknown): Outcome => {
  try {
    return { ok: true, value: f() };
  } catch {
    return { ok: false };
  }
};

/**
 * json-logic-js throws on "*" without operands only when it evaluates it; compileRule refuses such a rule up front.
 * That is the one construct refused at compile time that json-logic-js would accept on some paths.
 */
function hasEmptyTimes(r: unknown): boolean {
  if (Array.isArray(r)) return r.some(hasEmptyTimes);
  if (r === null || typeof r !== 'object') return false;
  const [op, arg] = Object.entries(r)[0]!;
  if (op === '*' && Array.isArray(arg) && arg.length === 0) return true;
  return hasEmptyTimes(arg);
}

function same(x: unknown, y: unknown): boolean {
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => same(v, y[i]));
  return Object.is(x, y);
}

describe('compileRule agrees with json-logic-js 2.0.5', () => {
  it('on generated rules and data', () => {
    fc.assert(
      fc.property(rule, data, (r, d) => {
        const compiled = attempt(() => compileRule(r));
        if (!compiled.ok) {
          expect(hasEmptyTimes(r)).toBe(true);
          return;
        }
        const expected = attempt(() => jsonLogic.apply(r as jsonLogic.RulesLogic, d));
        const actual = attempt(() => (compiled.value as (d: unknown) => unknown)(d));
        if (!expected.ok) {
          expect(actual.ok).toBe(false);
          return;
        }
        expect(actual.ok).toBe(true);
        if (actual.ok && !same(actual.value, expected.value)) {
          throw new Error(
            `rule ${JSON.stringify(r)} on ${JSON.stringify(d)}: engine ${String(actual.value)}, json-logic-js ${String(expected.value)}`,
          );
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('truthiness of the result agrees too (what level rules use)', () => {
    fc.assert(
      fc.property(rule, data, (r, d) => {
        if (hasEmptyTimes(r)) return;
        const expected = attempt(() => jsonLogic.truthy(jsonLogic.apply(r as jsonLogic.RulesLogic, d)));
        const actual = attempt(() => {
          const v = compileRule(r)(d);
          return Array.isArray(v) ? v.length > 0 : !!v;
        });
        expect(actual).toEqual(expected);
      }),
      { numRuns: 5_000 },
    );
  });
});
