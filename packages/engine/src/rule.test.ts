// compileRule: json-logic-js 2.0.5 semantics for the allow-listed operations, own-property variables only.
// Expected values follow jsonlogic.com's operation reference; the differential test in rule.property.test.ts
// checks the same against json-logic-js itself on generated rules.
import { describe, expect, it } from 'vitest';
import { EngineError, compileRule } from './index.js';

const run = (rule: unknown, data: Record<string, unknown> = {}) => compileRule(rule)(data);
const issuesOf = (rule: unknown) => {
  try {
    compileRule(rule);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as EngineError).issues;
  }
  throw new Error('expected an EngineError');
};

describe('operations', () => {
  it('var: dotted paths, defaults, array indices, the whole data for ""', () => {
    const data = { a: { b: { c: 3 } }, list: ['x', 'y'], z: null, zero: 0 };
    expect(run({ var: 'a.b.c' }, data)).toBe(3);
    expect(run({ var: ['a.b.x', 7] }, data)).toBe(7);
    expect(run({ var: 'a.b.x' }, data)).toBeNull();
    expect(run({ var: 'list.1' }, data)).toBe('y');
    expect(run({ var: 'list.length' }, data)).toBe(2);
    expect(run({ var: ['z', 5] }, data)).toBeNull(); // present but null: json-logic-js keeps null, no default
    expect(run({ var: ['zero', 5] }, data)).toBe(0);
    expect(run({ var: 'z.q' }, data)).toBeNull();
    expect(run({ var: '' }, data)).toBe(data);
    expect(run({ var: ['missing', { '+': [1, 2] }] }, data)).toBe(3);
  });

  it('== is loose, === strict; != and !== likewise', () => {
    expect(run({ '==': [1, '1'] })).toBe(true);
    expect(run({ '==': [0, false] })).toBe(true);
    expect(run({ '==': [null, 0] })).toBe(false);
    expect(run({ '===': [1, '1'] })).toBe(false);
    expect(run({ '!=': [1, '1'] })).toBe(false);
    expect(run({ '!==': [1, '1'] })).toBe(true);
  });

  it('< and <= take a third operand as "between"', () => {
    expect(run({ '<': [1, 2, 3] })).toBe(true);
    expect(run({ '<': [1, 1, 3] })).toBe(false);
    expect(run({ '<=': [1, 1, 3] })).toBe(true);
    expect(run({ '<=': [1, 4, 3] })).toBe(false);
    expect(run({ '>': [2, 1] })).toBe(true);
    expect(run({ '>=': [1, 1] })).toBe(true);
  });

  it('! and !! use json-logic truthiness: an empty array is false', () => {
    expect(run({ '!!': [[]] })).toBe(false);
    expect(run({ '!!': [[0]] })).toBe(true);
    expect(run({ '!': [[]] })).toBe(true);
    expect(run({ '!': '' })).toBe(true);
    expect(run({ '!!': '0' })).toBe(true);
  });

  it('and / or return an operand, not a boolean', () => {
    expect(run({ and: [1, 'a', 3] })).toBe(3);
    expect(run({ and: [1, [], 3] })).toEqual([]);
    expect(run({ or: [0, '', 'x'] })).toBe('x');
    expect(run({ or: [0, false] })).toBe(false);
    expect(run({ and: [] })).toBeUndefined();
  });

  it('if and ?: with several branches', () => {
    const grade = { if: [{ '<': [{ var: 't' }, 10] }, 'low', { '<': [{ var: 't' }, 20] }, 'mid', 'high'] };
    expect(run(grade, { t: 5 })).toBe('low');
    expect(run(grade, { t: 15 })).toBe('mid');
    expect(run(grade, { t: 25 })).toBe('high');
    expect(run({ '?:': [false, 1, 2] })).toBe(2);
    expect(run({ if: [false, 1] })).toBeNull();
    expect(run({ if: [] })).toBeNull();
  });

  it('arithmetic: unary +, strings through parseFloat, -, *, min, max', () => {
    expect(run({ '+': '3.14' })).toBe(3.14);
    expect(run({ '+': [1, '2', 3] })).toBe(6);
    expect(run({ '+': [] })).toBe(0);
    expect(run({ '-': [5, 2] })).toBe(3);
    expect(run({ '-': 2 })).toBe(-2);
    expect(run({ '*': [2, '3'] })).toBe(6);
    expect(run({ '*': ['7'] })).toBe('7'); // one operand comes back untouched
    expect(run({ min: [3, 1, 2] })).toBe(1);
    expect(run({ max: [3, 1, 2] })).toBe(3);
    expect(run({ max: [] })).toBe(-Infinity);
  });

  it('in: substring and array membership', () => {
    expect(run({ in: ['Spring', 'Springfield'] })).toBe(true);
    expect(run({ in: ['b', ['a', 'b']] })).toBe(true);
    expect(run({ in: ['c', ['a', 'b']] })).toBe(false);
    expect(run({ in: ['', ''] })).toBe(false); // an empty string is falsy: json-logic-js returns false
    expect(run({ in: [1, 123] })).toBe(false);
  });

  it('array literals are evaluated item by item, fresh each time', () => {
    const f = compileRule([1, { var: 'x' }]);
    const a = f({ x: 2 });
    expect(a).toEqual([1, 2]);
    expect(f({ x: 2 })).not.toBe(a);
  });
});

describe('no rule reaches a prototype, a global or unbounded work', () => {
  it('refuses __proto__, constructor and prototype anywhere in a variable path', () => {
    for (const name of ['__proto__', 'constructor.name', 'a.__proto__.x', 'x.prototype']) {
      expect(issuesOf({ var: name })).toEqual([expect.objectContaining({ path: '/var', code: 'rule-unsafe-var' })]);
    }
  });

  it('reads own properties only: inherited members are not found', () => {
    expect(run({ var: 'toString' })).toBeNull();
    expect(run({ var: 'hasOwnProperty' }, { a: 1 })).toBeNull();
    expect(run({ var: ['n.toFixed', 'none'] }, { n: 5 })).toBe('none');
    expect(run({ var: 'a.valueOf' }, { a: [1] })).toBeNull();
    const inherited = Object.create({ secret: 1 }) as Record<string, unknown>;
    expect(run({ var: 'secret' }, inherited)).toBeNull();
  });

  it('refuses operations outside the allow-list, with their pointer', () => {
    expect(issuesOf({ and: [true, { '/': [1, 2] }] })[0]).toMatchObject({
      path: '/and/1/~1',
      code: 'rule-operation-not-allowed',
    });
    expect(issuesOf({ log: 1 })[0]!.code).toBe('rule-operation-not-allowed');
    expect(issuesOf({ map: [[1], { var: '' }] })[0]!.code).toBe('rule-operation-not-allowed');
    expect(issuesOf({ 'Math.max': [1] })[0]!.code).toBe('rule-operation-not-allowed');
  });

  it('refuses computed variable names, non-integers, "*" without operands and rules too deep or too large', () => {
    expect(issuesOf({ var: { var: 'x' } })[0]!.code).toBe('rule-var-not-literal');
    expect(issuesOf({ '+': [1.5, 1] })[0]!.code).toBe('rule-inexact-number');
    expect(issuesOf({ '*': [] })[0]).toMatchObject({ path: '/*', code: 'rule-invalid' });
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { '!': [deep] };
    expect(issuesOf(deep).some((i) => i.code === 'rule-too-deep')).toBe(true);
    expect(issuesOf({ '+': new Array(2500).fill(1) }).some((i) => i.code === 'rule-too-large')).toBe(true);
  });
});
