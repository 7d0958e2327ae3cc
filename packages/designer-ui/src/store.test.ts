import type { NationalScorecard } from './testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { createDesignerStore } from './store.js';
import { nodeKey, INDEX_KEY } from './tree.js';
import { large, sme } from './testing/fixtures.js';
import { largeRevision } from './testing/revisions.js';
import { syntheticScorecard } from './testing/synthetic.js';

const K = (id: string) => nodeKey('criterion', id);
const criterion = (def: unknown, id: string) =>
  (def as NationalScorecard).pillars
    .flatMap((p) => p.components)
    .flatMap((c) => c.criteria)
    .find((k) => k.id === id);

describe('createDesignerStore', () => {
  it('starts valid and publishable, with no history', () => {
    const s = createDesignerStore(large()).getState();
    expect(s).toMatchObject({
      issues: [],
      canPublish: true,
      dirty: false,
      past: [],
      future: [],
      lang: 'vi',
      selected: null,
      collapsed: [],
    });
  });

  it('validates every edit and pins issues on nodes; a draft with issues cannot be published', () => {
    const store = createDesignerStore(large());
    const { actions } = store.getState();
    actions.setWeight(K('3.2.5'), 1.5);
    let s = store.getState();
    expect(s.canPublish).toBe(false);
    expect(s.issuesByNode[K('3.2.5')]!.map((i) => i.path)).toEqual(['/pillars/2/components/1/criteria/4/weight']);
    actions.setWeight(K('3.2.5'), 2);
    s = store.getState();
    expect(Object.keys(s.issuesByNode).sort()).toEqual(['component:3.2', INDEX_KEY, 'pillar:3'].sort());
    actions.syncMaxima();
    s = store.getState();
    expect(s.issues).toEqual([]);
    expect(s.canPublish).toBe(true);
    expect(s.dirty).toBe(true);
  });

  it('undoes and redoes whole definitions; typing in one field is one step', () => {
    const original = large();
    const store = createDesignerStore(original);
    const { actions } = store.getState();
    for (const text of ['C', 'Cl', 'Clo', 'Cloud']) actions.setText(K('3.2.5'), 'text', 'en', text);
    actions.setWeight(K('3.2.5'), 2);
    expect(store.getState().past).toHaveLength(2);
    expect(criterion(store.getState().definition, '3.2.5')).toMatchObject({ weight: 2, text: { en: 'Cloud' } });
    actions.undo();
    expect(criterion(store.getState().definition, '3.2.5')).toMatchObject({ weight: 1, text: { en: 'Cloud' } });
    actions.undo();
    expect(store.getState().definition).toBe(original);
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().issues).toEqual([]);
    actions.undo(); // nothing left: no change
    expect(store.getState().definition).toBe(original);
    actions.redo();
    actions.redo();
    expect(criterion(store.getState().definition, '3.2.5')).toMatchObject({ weight: 2 });
    expect(store.getState().issues.length).toBeGreaterThan(0); // redo re-validates too
    actions.undo();
    actions.setWeight(K('1.1.1'), 3); // a new edit drops the redo stack
    expect(store.getState().future).toEqual([]);
  });

  it('selects what an add or move produced and the parent of what was removed', () => {
    const store = createDesignerStore(large());
    const { actions } = store.getState();
    actions.addCriterion('component:6.3');
    expect(store.getState().selected).toBe(K('6.3.4'));
    actions.move(K('6.3.4'), 'component:6.1');
    expect(store.getState().selected).toBe(K('6.3.4'));
    actions.remove(K('6.3.4'));
    expect(store.getState().selected).toBe('component:6.1');
    actions.addComponent('pillar:2');
    expect(store.getState().selected).toBe('component:2.7');
    actions.reorder('component:2.7', -1);
    expect(
      (store.getState().definition as NationalScorecard).pillars[1]!.components.map((c) => c.id).slice(-2),
    ).toEqual(['2.7', '2.6']);
  });

  it('follows a renamed node', () => {
    const store = createDesignerStore(large());
    store.getState().actions.select(K('3.2.5'));
    store.getState().actions.setId(K('3.2.5'), '3.2.50');
    expect(store.getState().selected).toBe(K('3.2.50'));
  });

  it('drops on the canvas move nodes, and say when they do not', () => {
    const store = createDesignerStore(large());
    expect(store.getState().actions.drop(K('2.2.3'), 'component:2.1')).toBe(true);
    expect(criterion(store.getState().definition, '2.2.3')).toBeDefined();
    expect((store.getState().definition as NationalScorecard).pillars[1]!.components[0]!.criteria.at(-1)!.id).toBe(
      '2.2.3',
    );
    expect(store.getState().actions.drop(K('2.2.3'), 'pillar:3')).toBe(false);
  });

  it('edits nothing when read-only (a published version)', () => {
    const original = large();
    const store = createDesignerStore(original, { readOnly: true });
    const { actions } = store.getState();
    actions.setWeight(K('3.2.5'), 2);
    actions.setText(K('3.2.5'), 'text', 'vi', 'x');
    actions.remove(K('3.2.5'));
    actions.syncMaxima();
    expect(actions.drop(K('2.2.3'), 'component:2.1')).toBe(false);
    expect(store.getState().definition).toBe(original);
    expect(store.getState().canPublish).toBe(false);
    // Viewing still works: selection, language, collapse, simulation.
    actions.select(K('3.2.5'));
    actions.setLang('en');
    actions.toggleCollapsed('1');
    actions.preset({ kind: 'level', level: 3 });
    expect(store.getState()).toMatchObject({ selected: K('3.2.5'), lang: 'en', collapsed: ['1'] });
    expect(store.getState().simulation).toMatchObject({ ok: true, result: { level: 3 } });
  });

  it('focus expands the pillar, selects and asks the canvas to centre', () => {
    const store = createDesignerStore(large(), { collapsed: ['1', '3'] });
    store.getState().actions.focus(K('3.2.5'));
    const s = store.getState();
    expect(s.collapsed).toEqual(['1']);
    expect(s.selected).toBe(K('3.2.5'));
    expect(s.focusRequest).toMatchObject({ key: K('3.2.5') });
    const nonce = s.focusRequest!.nonce;
    store.getState().actions.focus(K('3.2.5'));
    expect(store.getState().focusRequest!.nonce).toBe(nonce + 1);
  });

  it('collapses every pillar of a very large index by default, else what the definition says', () => {
    expect(createDesignerStore(syntheticScorecard(large(), 2000)).getState().collapsed).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(createDesignerStore({ ...large(), layout: { collapsed: ['2'] } }).getState().collapsed).toEqual(['2']);
    const s = createDesignerStore(large());
    s.getState().actions.collapseAll();
    expect(s.getState().collapsed).toHaveLength(6);
    s.getState().actions.expandAll();
    expect(s.getState().collapsed).toEqual([]);
  });

  it('re-scores the simulation after answers and after edits', () => {
    const store = createDesignerStore(large());
    const { actions } = store.getState();
    actions.preset({ kind: 'level', level: 3 });
    expect(store.getState().simulation).toMatchObject({ ok: true, result: { total: 417, level: 3 } });
    actions.setAnswer('1.1.1', 5);
    expect(store.getState().simulation).toMatchObject({ ok: true, result: { total: 419 } });
    actions.setAnswer('1.1.1', undefined);
    expect(store.getState().simulation).toMatchObject({ ok: true, result: { total: 414, missing: ['1.1.1'] } });
    actions.setWeight(K('3.2.5'), 2);
    expect(store.getState().simulation).toMatchObject({ ok: false, reason: 'invalid-definition' });
    actions.syncMaxima();
    // 3.2.5 now weighs 2: its level-3 answer scores 6 instead of 3 (414 + 3), out of 695 + 5.
    expect(store.getState().simulation).toMatchObject({ ok: true, result: { total: 417, max: 700 } });
    actions.preset({ kind: 'clear' });
    expect(store.getState().answers).toEqual({});
  });

  it('compares live with an older version', () => {
    const { base, head } = largeRevision();
    const store = createDesignerStore(head);
    store.getState().actions.compareWith(base);
    expect(store.getState().diff!.marks.find((m) => m.key === K('1.3.3'))).toMatchObject({ status: 'removed' });
    store.getState().actions.setText(K('1.1.1'), 'text', 'en', 'Changed');
    expect(store.getState().diff!.marks.find((m) => m.key === K('1.1.1'))).toMatchObject({
      status: 'changed',
      fields: ['text'],
    });
    store.getState().actions.compareWith(null);
    expect(store.getState().diff).toBeNull();
  });

  it('loads another version, resetting history and selection; markSaved clears dirty', () => {
    const store = createDesignerStore(large());
    store.getState().actions.setWeight(K('1.1.1'), 2);
    store.getState().actions.select(K('1.1.1'));
    store.getState().actions.markSaved();
    expect(store.getState().dirty).toBe(false);
    const other = sme();
    store.getState().actions.load(other, { readOnly: true });
    expect(store.getState()).toMatchObject({
      definition: other,
      readOnly: true,
      past: [],
      selected: null,
      dirty: false,
      canPublish: false,
    });
  });
});
