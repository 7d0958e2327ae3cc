// A rule's `when` must be a boolean expression: a string such as "points > 1000" is truthy whatever the points,
// so it would always match. Each wrong shape is an issue with its pointer; the national indices have none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from './check.js';
import type { Definition, ScorecardDefinition } from './definition.js';
import { checkCondition } from './rules.js';

const national = (id: string) =>
  JSON.parse(readFileSync(new URL(`../../../indices/${id}/1.0.0.json`, import.meta.url), 'utf8')) as Definition;

describe('checkCondition', () => {
  it('refuses bare strings, numbers, null, lists and arithmetic, each at its pointer', () => {
    const cases: [unknown, string][] = [
      ['points > 1000', '/w'],
      [1, '/w'],
      [0, '/w'],
      [null, '/w'],
      [[true], '/w'],
      [{ '+': [{ var: 'points' }, 1] }, '/w'],
      [{ and: [true, 'yes'] }, '/w/and/1'],
      [{ or: [{ '>': [1, 0] }, { max: [1, 2] }] }, '/w/or/1'],
      [{ if: [{ var: 'points' }, 7, false] }, '/w/if/1'],
    ];
    for (const [when, pointer] of cases) {
      const issues = checkCondition(when, '/w');
      expect(issues, JSON.stringify(when)).toEqual([
        expect.objectContaining({ path: pointer, code: 'rule-not-boolean' }),
      ]);
    }
  });

  it('accepts comparisons, negations, variables, literals true/false and and/or/if of them', () => {
    const ok: unknown[] = [
      true,
      false,
      { '>': [{ var: 'points' }, 1000] },
      { '!': { var: 'answered' } },
      { var: 'atLeast.3' },
      { in: ['a', ['a', 'b']] },
      { and: [{ '>=': [1, 0] }, { or: [false, { '==': [1, 1] }] }] },
      { if: [{ var: 'points' }, { '<': [1, 2] }, true] },
    ];
    for (const when of ok) expect(checkCondition(when, '/w'), JSON.stringify(when)).toEqual([]);
  });

  it('leaves unknown operations and malformed objects to checkRule (one issue per fault)', () => {
    expect(checkCondition({ eval: 'x' }, '/w')).toEqual([]);
    expect(checkCondition({ '>': [1, 0], '<': [0, 1] }, '/w')).toEqual([]);
  });
});

describe('checkDefinition type-checks every rule condition', () => {
  it('a string condition in a scorecard is an error at /rules/pillar/0/when', () => {
    const def = national('large') as ScorecardDefinition;
    const bad = structuredClone(def);
    (bad.rules.pillar[0] as { when: unknown }).when = 'points > 1000';
    expect(checkDefinition(bad)).toEqual([
      expect.objectContaining({ path: '/rules/pillar/0/when', code: 'rule-not-boolean' }),
    ]);
  });

  it('the national indices have no such issue', () => {
    for (const id of ['sme', 'large', 'group', 'size'])
      expect(
        checkDefinition(national(id)).filter((i) => i.code === 'rule-not-boolean'),
        id,
      ).toEqual([]);
  });
});
