// The form's values ↔ the engine's answers, for every answer type, on a small definition written here.
import { describe, expect, it } from 'vitest';
import type { ScorecardDefinition } from '@dbi/schema';
import { answerOf, formModel, readNumber, toAnswers, toProfile, toValues } from './model.ts';

const T = (en: string) => ({ vi: en, en });
const opt = (id: string, points: number) => ({ id, text: T(id), points });
const def = {
  id: 'f',
  version: '1.0.0',
  kind: 'scorecard',
  title: T('F'),
  levels: [0, 1, 2].map((level) => ({ level, name: T(`L${level}`) })),
  profile: [
    { name: 'sector', type: 'string', required: true, text: T('s'), values: [{ value: 'retail', text: T('r') }] },
    { name: 'employees', type: 'integer', required: true, text: T('e'), minimum: 0 },
  ],
  pillars: [
    { id: '1', name: T('P1'), criteria: [{ id: '1.1', text: T('a'), weight: 2 }] },
    {
      id: '2',
      name: T('P2'),
      components: [
        {
          id: '2.1',
          name: T('C'),
          criteria: [
            { id: '2.1.1', type: 'choice', text: T('c'), options: [opt('a', 0), opt('b', 3)] },
            { id: '2.1.2', type: 'multi', text: T('m'), options: [opt('x', 1), opt('y', 2), opt('z', 4)], cap: 5 },
            { id: '2.1.3', type: 'boolean', text: T('b'), points: 4 },
            { id: '2.1.4', type: 'number', text: T('n'), min: 0, max: 10, bands: [{ upTo: 10, points: 1 }] },
          ],
        },
      ],
    },
  ],
  rules: { pillar: [{ level: 0, when: true }], overall: [{ level: 0, when: true }] },
} as unknown as ScorecardDefinition;

describe('the form model', () => {
  const m = formModel(def);

  it('has one field per criterion in definition order, grouped by pillar, with safe names', () => {
    expect(m.fields.map((f) => [f.name, f.criterion.id])).toEqual([
      ['f0', '1.1'],
      ['f1', '2.1.1'],
      ['f2', '2.1.2'],
      ['f3', '2.1.3'],
      ['f4', '2.1.4'],
    ]);
    expect(m.sections.map((s) => s.fields.length)).toEqual([1, 4]);
    expect(m.profile.map((p) => p.name)).toEqual(['p_sector', 'p_employees']);
  });

  it('turns form values into answers: empty is no data (null), numbers read with a decimal comma', () => {
    const answers = toAnswers(m, { f0: '2', f1: 'b', f2: ['z', 'x'], f3: 'no', f4: '2,5' });
    // Checkbox answers come back in the options' order, whatever order they were ticked in.
    expect(answers).toEqual({ '1.1': 2, '2.1.1': 'b', '2.1.2': ['x', 'z'], '2.1.3': false, '2.1.4': 2.5 });
    expect(toAnswers(m, { f0: '', f1: '', f2: [], f3: '', f4: 'abc' })).toEqual({
      '1.1': null,
      '2.1.1': null,
      '2.1.2': null,
      '2.1.3': null,
      '2.1.4': null,
    });
    expect(answerOf(m.fields[3]!.criterion, 'yes')).toBe(true);
  });

  it('reads profile facts by their type and starts the form from stored answers', () => {
    expect(toProfile(m, { p_sector: 'retail', p_employees: '12' })).toEqual({ sector: 'retail', employees: 12 });
    expect(toProfile(m, { p_sector: '', p_employees: 'x' })).toEqual({});
    const values = toValues(m, { '1.1': 1, '2.1.2': ['y'], '2.1.3': true, '2.1.4': 7 }, { employees: 3 });
    expect(values).toEqual({
      f0: '1',
      f1: '',
      f2: ['y'],
      f3: 'yes',
      f4: '7',
      p_sector: '',
      p_employees: '3',
    });
  });

  it('reads only plain decimals as numbers', () => {
    expect([readNumber('10'), readNumber(' -1.25 '), readNumber('.5'), readNumber('1e3'), readNumber('1.2.3')]).toEqual(
      [10, -1.25, 0.5, null, null],
    );
  });
});
