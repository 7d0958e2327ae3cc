// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { AggregateDefinition, ScorecardDefinition } from '@dbi/schema';
import { RulesTable } from './rules-table.js';
import { RulesEditor } from './rules-editor.js';
import { DesignerProvider } from '../../context.js';
import { createDesignerStore } from '../../store.js';
import { group, large } from '../../testing/fixtures.js';
import type { RulePlace } from '../../edit.js';

afterEach(cleanup);

function setup(place: RulePlace, def: ScorecardDefinition | AggregateDefinition = large()) {
  const store = createDesignerStore(def, { lang: 'en' });
  const view = render(
    <DesignerProvider store={store}>
      <RulesTable place={place} />
    </DesignerProvider>,
  );
  const row = (i: number) => view.container.querySelector<HTMLTableRowElement>(`tr[data-rule="${i}"]`)!;
  return { store, view, row };
}

describe('RulesTable', () => {
  it('shows pillar bands as percentages and writes an edited one back exactly', () => {
    const { store, row } = setup({ scope: 'pillar' });
    const percent = row(0).querySelector<HTMLInputElement>('input[aria-label="%"]')!;
    expect(percent.value).toBe('80');
    fireEvent.change(percent, { target: { value: '85' } });
    expect((store.getState().definition as ScorecardDefinition).rules.pillar[0]!.when).toEqual({
      '>': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, 85] }],
    });
    // The raw json-logic beside it follows.
    expect(JSON.parse(row(0).querySelector<HTMLTextAreaElement>('.dbi-rules__raw textarea')!.value)).toEqual({
      '>': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, 85] }],
    });
    expect(store.getState().issues).toEqual([]);
    expect(row(5).textContent).toContain('always (default)');
  });

  it('warns when a changed threshold leaves the explanation stale', () => {
    const { row } = setup({ scope: 'pillar' });
    expect(row(0).querySelector('.dbi-rule-warning')).toBeNull();
    fireEvent.change(row(0).querySelector<HTMLInputElement>('input[aria-label="%"]')!, { target: { value: '85' } });
    expect(row(0).querySelector('.dbi-rule-warning')!.textContent).toBe(
      '⚠ The explanation may be stale: it does not mention 85 of the condition',
    );
  });

  it('shows overall thresholds and minimum pillar counts as numbers', () => {
    const { store, row } = setup({ scope: 'overall' });
    const nums = [...row(1).querySelectorAll<HTMLInputElement>('.dbi-input--num')];
    expect(nums.map((n) => n.value)).toEqual(['417', '5']);
    fireEvent.change(nums[0]!, { target: { value: '420' } });
    fireEvent.change(nums[1]!, { target: { value: '6' } });
    expect((store.getState().definition as ScorecardDefinition).rules.overall[1]!.when).toEqual({
      and: [{ '>': [{ var: 'total' }, 420] }, { '>=': [{ var: 'atLeast.4' }, 6] }],
    });
  });

  it('edits the raw json-logic: bad JSON stays local, a forbidden operation is pinned on its row', () => {
    const { store, row } = setup({ scope: 'pillar' });
    const raw = row(2).querySelector<HTMLTextAreaElement>('.dbi-rules__raw textarea')!;
    const before = store.getState().definition;
    fireEvent.change(raw, { target: { value: '{"<": [' } });
    expect(row(2).textContent).toContain('Invalid JSON');
    expect(store.getState().definition).toBe(before);
    fireEvent.change(raw, { target: { value: '{">": [{"/": [{"var": "points"}, {"var": "max"}]}, 0.4]}' } });
    expect(store.getState().canPublish).toBe(false);
    expect(row(2).className).toBe('has-issues');
    expect(row(2).textContent).toMatch(/not allowed/);
    expect(row(2).textContent).toContain('Custom condition');
    fireEvent.change(raw, {
      target: { value: '{">": [{"*": [{"var": "points"}, 100]}, {"*": [{"var": "max"}, 40]}]}' },
    });
    expect(store.getState().issues).toEqual([]);
  });

  it('adds, moves and removes rows', () => {
    const { store } = setup({ scope: 'pillar' });
    const rules = () => (store.getState().definition as ScorecardDefinition).rules.pillar;
    fireEvent.click(screen.getByRole('button', { name: '+ Add rule' }));
    expect(rules()).toHaveLength(7);
    fireEvent.click(screen.getAllByRole('button', { name: 'Up' })[6]!);
    expect(rules()[5]!.when).toEqual({ '>=': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, 0] }] });
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[5]!);
    expect(rules()).toEqual(large().rules.pillar);
  });

  it('shows group rules as weighted-mean bounds and the parent’s level', () => {
    const { store, row } = setup({ scope: 'overall' }, group());
    const mean = row(1).querySelector<HTMLInputElement>('input[aria-label="weighted mean (Dth)"]')!;
    expect(mean.value).toBe('4.5');
    fireEvent.change(mean, { target: { value: '4.25' } });
    expect((store.getState().definition as AggregateDefinition).rules.overall[1]!.when).toEqual({
      and: [
        { '>': [{ '*': [{ var: 'sum' }, 4] }, { '*': [{ var: 'weight' }, 17] }] },
        { '<': [{ var: 'sum' }, { '*': [{ var: 'weight' }, 5] }] },
        { '>=': [{ var: 'parent' }, 5] },
      ],
    });
    expect(store.getState().issues).toEqual([]);
  });
});

describe('RulesEditor', () => {
  it('lets a group give pillars their own rules', () => {
    const store = createDesignerStore(group(), { lang: 'en' });
    render(
      <DesignerProvider store={store}>
        <RulesEditor />
      </DesignerProvider>,
    );
    expect(screen.getByText('Pillars use the same rules as the overall level.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Give pillars their own rules' }));
    expect((store.getState().definition as AggregateDefinition).rules.pillar).toEqual(group().rules.overall);
  });
});
