import type { NationalScorecard } from './testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@dbi/schema';
import {
  addComponent,
  addCriterion,
  EditError,
  freshId,
  getRules,
  moveNode,
  removeNode,
  reorderNode,
  setId,
  setRule,
  setRules,
  setText,
  setWeight,
  sumMax,
  syncMaxima,
  withLayout,
} from './edit.js';
import { findPath, nodeAt } from './tree.js';
import { group, large, sme } from './testing/fixtures.js';

const ids = (def: NationalScorecard, component: string) =>
  def.pillars
    .flatMap((p) => p.components)
    .find((c) => c.id === component)!
    .criteria.map((k) => k.id);
const issuesOf = (def: unknown) => {
  const r = validateDefinition(def);
  return r.ok ? [] : r.issues;
};

describe('text and weight edits', () => {
  it('change one language of one field and share every untouched object', () => {
    const def = large();
    const before = structuredClone(def);
    const path = findPath(def, 'criterion', '3.2.5')!;
    const next = setText(def, path, 'text', 'en', 'Uses cloud computing') as NationalScorecard;
    expect(def).toEqual(before); // the input is never mutated
    const at = nodeAt(next, path);
    expect(at?.kind === 'criterion' && at.value.text).toEqual({
      vi: def.pillars[2]!.components[1]!.criteria[4]!.text.vi,
      en: 'Uses cloud computing',
    });
    expect(next.pillars[0]).toBe(def.pillars[0]);
    expect(next.pillars[2]!.components[0]).toBe(def.pillars[2]!.components[0]);
    expect(next.pillars[2]!.components[1]!.criteria[3]).toBe(def.pillars[2]!.components[1]!.criteria[3]);
    expect(issuesOf(next)).toEqual([]);
  });

  it('drops an optional text when both languages are emptied, and keeps a required one for the validator', () => {
    const def = large();
    const comp = findPath(def, 'component', '3.2')!;
    let next = setText(def, comp, 'statement', 'vi', '');
    expect('statement' in (nodeAt(next, comp)!.value as object)).toBe(true); // English is still there
    next = setText(next, comp, 'statement', 'en', '');
    expect('statement' in (nodeAt(next, comp)!.value as object)).toBe(false);
    const crit = findPath(def, 'criterion', '1.1.1')!;
    const emptied = setText(def, crit, 'text', 'en', '');
    expect(issuesOf(emptied).map((i) => i.path)).toEqual(['/pillars/0/components/0/criteria/0/text/en']);
  });

  it('sets the index title and rejects fields a node does not have', () => {
    const def = large();
    expect(setText(def, { kind: 'index' }, 'title', 'en', 'Large').title.en).toBe('Large');
    expect(() => setText(def, findPath(def, 'criterion', '1.1.1')!, 'name', 'en', 'x')).toThrow(EditError);
  });

  it('a new weight breaks the declared maxima until they are synced; sync then makes it valid again', () => {
    const def = large();
    const next = setWeight(def, findPath(def, 'criterion', '3.2.5')!, 2) as NationalScorecard;
    expect(
      issuesOf(next)
        .map((i) => `${i.code} ${i.path}`)
        .sort(),
    ).toEqual(['max-mismatch /max', 'max-mismatch /pillars/2/components/1/max', 'max-mismatch /pillars/2/max'].sort());
    const synced = syncMaxima(next) as NationalScorecard;
    expect(issuesOf(synced)).toEqual([]);
    // 3.2 had 7 criteria × 5 points = 35; one now weighs 2, so 6×5 + 10 = 40; the pillar 145 → 150; the index 695 → 700.
    expect(synced.pillars[2]!.components[1]!.max).toBe(40);
    expect(synced.pillars[2]!.max).toBe(150);
    expect(synced.max).toBe(700);
    expect(syncMaxima(def)).toBe(def); // nothing to do: same object
  });

  it('sums maxima the way the Decision does: a criterion is worth weight × top level', () => {
    const def = sme();
    expect(sumMax(def, { kind: 'index' })).toBe(320);
    expect(sumMax(def, findPath(def, 'pillar', '2')!)).toBe(25); // one criterion of weight 5: 5 × 5
    expect(sumMax(def, findPath(def, 'criterion', '2.1.1')!)).toBe(25);
  });
});

describe('structure edits', () => {
  it('adds a criterion with a fresh id at the end of a component (or at a position)', () => {
    const def = large();
    const comp = findPath(def, 'component', '6.3')!;
    const { definition, path } = addCriterion(def, comp);
    expect(ids(definition as NationalScorecard, '6.3')).toEqual(['6.3.1', '6.3.2', '6.3.3', '6.3.4']);
    expect(path).toEqual({ kind: 'criterion', p: 5, c: 2, k: 3 });
    const first = addCriterion(def, comp, 0);
    expect(ids(first.definition as NationalScorecard, '6.3')[0]).toBe('6.3.4');
    // Only the maxima are off (the new criterion adds 5 points).
    expect(new Set(issuesOf(definition).map((i) => i.code))).toEqual(new Set(['max-mismatch']));
  });

  it('adds a component with one criterion to a pillar', () => {
    const def = large();
    const { definition, path } = addComponent(def, findPath(def, 'pillar', '6')!);
    const d = definition as NationalScorecard;
    expect(d.pillars[5]!.components.map((c) => c.id)).toEqual(['6.1', '6.2', '6.3', '6.4']);
    expect(d.pillars[5]!.components[3]!.criteria.map((k) => k.id)).toEqual(['6.4.1']);
    expect(path).toEqual({ kind: 'component', p: 5, c: 3 });
  });

  it('removes criteria and components; an emptied component is reported by the validator on that component', () => {
    const def = large();
    const removed = removeNode(def, findPath(def, 'criterion', '1.3.2')!) as NationalScorecard;
    expect(ids(removed, '1.3')).toEqual(['1.3.1', '1.3.3']);
    let d: NationalScorecard = def;
    for (const id of ['1.3.1', '1.3.2', '1.3.3']) d = removeNode(d, findPath(d, 'criterion', id)!) as NationalScorecard;
    expect(issuesOf(d).some((i) => i.path === '/pillars/0/components/2/criteria')).toBe(true);
    const noComp = removeNode(def, findPath(def, 'component', '1.3')!) as NationalScorecard;
    expect(noComp.pillars[0]!.components.map((c) => c.id)).toEqual(['1.1', '1.2', '1.4']);
    // Pillars can be removed too (index language v2: pillars are added, removed and reordered); the index cannot.
    const noPillar = removeNode(def, { kind: 'pillar', p: 0 }) as NationalScorecard;
    expect(noPillar.pillars.map((p) => p.id)).toEqual(def.pillars.slice(1).map((p) => p.id));
    expect(noPillar.pillars[0]).toBe(def.pillars[1]);
    expect(() => removeNode(def, { kind: 'index' })).toThrow(EditError);
  });

  it('moves a criterion to another component and a component to another pillar', () => {
    const def = large();
    const moved = moveNode(def, findPath(def, 'criterion', '2.2.3')!, findPath(def, 'component', '2.1')!, 1);
    const d = moved.definition as NationalScorecard;
    expect(ids(d, '2.1')).toEqual(['2.1.1', '2.2.3', '2.1.2', '2.1.3', '2.1.4']);
    expect(ids(d, '2.2')).toEqual(['2.2.1', '2.2.2']);
    expect(moved.path).toEqual({ kind: 'criterion', p: 1, c: 0, k: 1 });
    const comp = moveNode(def, findPath(def, 'component', '1.4')!, findPath(def, 'pillar', '2')!);
    expect((comp.definition as NationalScorecard).pillars[1]!.components.at(-1)!.id).toBe('1.4');
    expect(() => moveNode(def, findPath(def, 'criterion', '1.1.1')!, findPath(def, 'pillar', '2')!)).toThrow(EditError);
  });

  it('re-orders among siblings and stays put at either end', () => {
    const def = large();
    const down = reorderNode(def, findPath(def, 'criterion', '3.2.5')!, 1);
    expect(ids(down.definition as NationalScorecard, '3.2')).toEqual([
      '3.2.1',
      '3.2.2',
      '3.2.3',
      '3.2.4',
      '3.2.6',
      '3.2.5',
      '3.2.7',
    ]);
    expect(down.path).toEqual({ kind: 'criterion', p: 2, c: 1, k: 5 });
    const up = reorderNode(def, findPath(def, 'criterion', '3.2.5')!, -1);
    expect(ids(up.definition as NationalScorecard, '3.2')).toEqual([
      '3.2.1',
      '3.2.2',
      '3.2.3',
      '3.2.5',
      '3.2.4',
      '3.2.6',
      '3.2.7',
    ]);
    const top = reorderNode(def, findPath(def, 'criterion', '3.2.1')!, -1);
    expect(top.definition).toBe(def);
    const comp = reorderNode(def, findPath(def, 'component', '3.1')!, 1);
    expect((comp.definition as NationalScorecard).pillars[2]!.components.map((c) => c.id)).toEqual([
      '3.2',
      '3.1',
      '3.3',
      '3.4',
      '3.5',
    ]);
    // Moves and re-orders keep the definition valid: nothing is lost, maxima still add up.
    expect(issuesOf(comp.definition)).toEqual([]);
  });

  it('renames ids (the validator reports a clash)', () => {
    const def = large();
    const clash = setId(def, findPath(def, 'criterion', '1.1.2')!, '1.1.1');
    expect(issuesOf(clash).map((i) => `${i.code} ${i.path}`)).toEqual([
      'duplicate-id /pillars/0/components/0/criteria/1/id',
    ]);
  });

  it('numbers new ids after the highest free one', () => {
    expect(freshId(large(), '1.1')).toBe('1.1.10');
    expect(freshId(large(), '')).toBe('7');
  });
});

describe('rules', () => {
  it('replace a rule, a list, or a pillar’s own override', () => {
    const def = large();
    const rule = { level: 5, when: { '>': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, 90] }] } };
    const next = setRule(def, { scope: 'pillar' }, 0, rule);
    expect(getRules(next, { scope: 'pillar' })![0]).toEqual(rule);
    expect(getRules(next, { scope: 'pillar' })!.slice(1)).toEqual(def.rules.pillar.slice(1));
    const own = setRules(def, { scope: 'pillar-override', p: 2 }, [{ level: 0, when: true }]) as NationalScorecard;
    expect(own.pillars[2]!.rules).toEqual([{ level: 0, when: true }]);
    const dropped = setRules(own, { scope: 'pillar-override', p: 2 }, undefined) as NationalScorecard;
    expect('rules' in dropped.pillars[2]!).toBe(false);
    expect(() => setRules(def, { scope: 'overall' }, undefined)).toThrow(EditError);
  });

  it('an aggregate’s pillar rules are optional', () => {
    const g = group();
    const withPillar = setRules(g, { scope: 'pillar' }, structuredClone(g.rules.overall));
    expect(issuesOf(withPillar)).toEqual([]);
    const without = setRules(withPillar, { scope: 'pillar' }, undefined);
    expect(without.kind === 'aggregate' && 'pillar' in without.rules).toBe(false);
  });
});

describe('layout', () => {
  it('stores only collapsed pillar ids, never canvas fields, and the result validates', () => {
    const def = large();
    const saved = withLayout(def, ['1', '3']);
    expect((saved as NationalScorecard).layout).toEqual({ collapsed: ['1', '3'] });
    expect(issuesOf(saved)).toEqual([]);
    expect('layout' in withLayout(saved, [])).toBe(false);
  });
});
