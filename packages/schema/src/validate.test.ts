import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LevelCriterion, ScorecardDefinition } from './definition.js';
import { validateDefinition, validateGroupInput, validateScoreInput } from './validate.js';
import { checkRule, RULE_LIMITS } from './rules.js';

const t = (s: string) => ({ vi: s, en: s });
const levels = [0, 1, 2].map((level) => ({ level, name: t(`L${level}`) }));

/** A small, valid scorecard: two pillars, weights 1 and 2, levels 0..2. */
function fixture(): ScorecardDefinition {
  return {
    id: 'demo',
    version: '1.0.0',
    kind: 'scorecard',
    title: t('Demo'),
    instrument: { number: 'X/2024', title: t('X'), issuer: t('Y'), signed: '2024-01-01', effective: '2024-01-02' },
    source: { document: 'X/2024' },
    levels,
    max: 8,
    pillars: [
      {
        id: '1',
        name: t('P1'),
        max: 4,
        components: [
          {
            id: '1.1',
            name: t('C'),
            max: 4,
            criteria: [
              { id: '1.1.1', text: t('a'), weight: 1 },
              { id: '1.1.2', text: t('b'), weight: 1 },
            ],
          },
        ],
      },
      {
        id: '2',
        name: t('P2'),
        max: 4,
        components: [{ id: '2.1', name: t('C'), criteria: [{ id: '2.1.1', text: t('c'), weight: 2 }] }],
      },
    ],
    rules: {
      pillar: [
        { level: 2, when: { '>': [{ '*': [{ var: 'points' }, 2] }, { var: 'max' }] } },
        { level: 0, when: true },
      ],
      overall: [
        { level: 2, when: { '>=': [{ var: 'atLeast.2' }, { var: 'pillars' }] } },
        { level: 0, when: true },
      ],
    },
  };
}

const codes = (r: ReturnType<typeof validateDefinition>) => (r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`));

describe('validateDefinition', () => {
  it('accepts a consistent definition', () => {
    expect(validateDefinition(fixture())).toMatchObject({ ok: true });
  });

  it('names the field and the reason for shape errors', () => {
    const def = fixture() as unknown as Record<string, unknown>;
    def.version = '1.0';
    (def.pillars as Array<Record<string, unknown>>)[0]!.colour = 'red';
    delete def.title;
    const r = validateDefinition(def);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        '/version schema-pattern',
        '/pillars/0/colour schema-additionalProperties',
        '/title schema-required',
      ]),
    );
  });

  it('rejects an unknown kind and non-objects', () => {
    expect(codes(validateDefinition({ kind: 'survey' }))).toEqual(['/kind schema-enum']);
    expect(codes(validateDefinition([]))).toEqual(['/ schema-type']);
  });

  it('finds duplicate ids across the tree', () => {
    const def = fixture();
    def.pillars[1]!.components![0]!.criteria[0]!.id = '1.1.2';
    expect(codes(validateDefinition(def))).toContain('/pillars/1/components/0/criteria/0/id duplicate-id');
  });

  it('checks that declared maxima add up at every level', () => {
    const def = fixture();
    (def.pillars[0]!.components![0]!.criteria[0] as LevelCriterion).weight = 3;
    expect(codes(validateDefinition(def))).toEqual([
      '/pillars/0/components/0/max max-mismatch',
      '/pillars/0/max max-mismatch',
      '/max max-mismatch',
    ]);
  });

  it('requires levels 0..n in order', () => {
    const def = fixture();
    def.levels = [levels[0]!, levels[2]!];
    expect(codes(validateDefinition(def))).toContain('/levels/1/level levels-not-contiguous');
  });

  it('rejects rules that use unknown variables, levels or operations', () => {
    const def = fixture();
    def.rules.pillar[0]!.when = { '>': [{ var: 'total' }, 1] };
    def.rules.overall[0]!.level = 7;
    def.rules.overall[1]!.when = { '/': [{ var: 'total' }, 2] };
    expect(codes(validateDefinition(def))).toEqual([
      '/rules/pillar/0/when/>/0/var rule-unknown-var',
      '/rules/overall/0/level rule-unknown-level',
      '/rules/overall/1/when/~1 rule-operation-not-allowed',
    ]);
  });

  it('lets overall rules read atLeast.k only for defined levels', () => {
    const def = fixture();
    def.rules.overall[0]!.when = { '>=': [{ var: 'atLeast.3' }, 1] };
    expect(codes(validateDefinition(def))).toEqual(['/rules/overall/0/when/>=/0/var rule-unknown-var']);
  });
});

describe('checkRule', () => {
  const vars = new Set(['points', 'max']);
  it.each([
    [{ method: ['x', 'constructor'] }, 'rule-operation-not-allowed'],
    [{ var: '__proto__' }, 'rule-unknown-var'],
    [{ var: 'constructor.name' }, 'rule-unknown-var'],
    [{ var: [{ var: 'points' }] }, 'rule-var-not-literal'],
    [{ '>': [{ var: 'points' }, 0.5] }, 'rule-inexact-number'],
    [{ '>': [1, 2], '<': [1, 2] }, 'rule-invalid'],
    [{ map: [[1], { var: '' }] }, 'rule-operation-not-allowed'],
  ])('rejects %j', (rule, code) => {
    expect(checkRule(rule, vars, '').map((i) => i.code)).toContain(code);
  });

  it('bounds depth and size', () => {
    let deep: unknown = { var: 'points' };
    for (let i = 0; i < RULE_LIMITS.depth + 2; i++) deep = { '!': [deep] };
    expect(checkRule(deep, vars, '').map((i) => i.code)).toContain('rule-too-deep');
    const wide = { and: Array.from({ length: RULE_LIMITS.nodes }, () => ({ var: 'points' })) };
    expect(checkRule(wide, vars, '').map((i) => i.code)).toContain('rule-too-large');
  });

  it('accepts every allowed shape', () => {
    const rule = {
      if: [
        {
          and: [{ '<=': [0, { var: ['points', 0] }, { '*': [{ var: 'max' }, 2] }] }, { '!!': [{ in: ['a', ['a']] }] }],
        },
        { max: [1, { '+': [1, 2] }] },
        { '-': [{ min: [3, 4] }] },
      ],
    };
    expect(checkRule(rule, vars, '')).toEqual([]);
  });
});

describe('input validators', () => {
  // Answers of any type pass the shape check (2.5 is a valid number answer); whether an answer fits its criterion
  // (a level 0..5 for sme) is the engine's check: see score.test.ts "refuses levels that are not integers".
  it('score input: answers are JSON answer values or null; the path names the criterion', () => {
    expect(
      validateScoreInput({
        answers: { '1.1.1': 3, '1.1.2': null, '2.1': 'a', '2.2': ['a', 'b'], '2.3': 10.5, '2.4': true },
      }).ok,
    ).toBe(true);
    const r = validateScoreInput({ answers: { '1.1.1': { level: 2 } }, extra: 1 });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/answers/1.1.1', '/extra']));
  });
  it('group input: relation and headcount are checked', () => {
    const r = validateGroupInput({
      units: [{ id: 'a', relation: 'cousin', headcount: -1, index: 'large@1.0.0', answers: {} }],
    });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => `${i.path} ${i.message}`);
    expect(paths.some((p) => p.startsWith('/units/0/relation must be one of "parent"'))).toBe(true);
    expect(paths.some((p) => p.startsWith('/units/0/headcount'))).toBe(true);
  });
});

describe('answer types: errors of the branch the criterion names', () => {
  const example = () =>
    JSON.parse(readFileSync(new URL('../../../indices/readiness-example/1.0.0.json', import.meta.url), 'utf8'));
  it('a choice criterion gets choice errors; an unknown type gets the list of types', () => {
    const d = example();
    d.pillars[0].criteria[0].options[0] = { id: 'a', points: 'x' };
    d.pillars[0].criteria[1].type = 'choise';
    d.pillars[0].criteria[2].points = -1;
    d.pillars[3].criteria[0].weight = 'x';
    const r = validateDefinition(d);
    expect(r.ok ? [] : r.issues.map((i) => `${i.path} ${i.message}`)).toEqual([
      '/pillars/0/criteria/0/options/0/text is required',
      '/pillars/0/criteria/0/options/0/points must be integer',
      '/pillars/0/criteria/2/points must be >= 0',
      '/pillars/3/criteria/0/weight must be integer',
      '/pillars/0/criteria/1/type must be one of "level", "choice", "multi", "number", "boolean"',
    ]);
  });
  it('a criterion without a type is a level criterion and gets level errors', () => {
    const d = example();
    d.pillars[3].criteria[0] = { id: '4.1', text: { vi: 'x', en: 'x' }, weight: 1.5 };
    const r = validateDefinition(d);
    expect(r.ok ? [] : r.issues.map((i) => `${i.path} ${i.message}`)).toEqual([
      '/pillars/3/criteria/0/weight must be integer',
    ]);
  });
});
