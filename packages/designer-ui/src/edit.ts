// Edit operations: pure functions from a definition to a new definition. They never validate (the store runs
// @dbi/schema's validateDefinition after each one, so a draft may be invalid while it is being edited) and they
// share every untouched object with the input, so unchanged parts keep their identity.
import type { Component, Criterion, Definition, LevelRule, Pillar, ScorecardDefinition, Text } from '@dbi/schema';
import { criterionMax } from '@dbi/schema';
import type { Lang, NodePath } from './types.js';
import { nodeAt } from './tree.js';

export class EditError extends Error {
  override name = 'EditError';
}

function scorecard(def: Definition): ScorecardDefinition {
  if (def.kind !== 'scorecard') throw new EditError(`this edit applies to scorecards, not to a ${def.kind}`);
  return def;
}

function replaceAt<T>(list: readonly T[], i: number, value: T): T[] {
  if (i < 0 || i >= list.length) throw new EditError(`no item at position ${i}`);
  const out = list.slice();
  out[i] = value;
  return out;
}

function updatePillar(def: ScorecardDefinition, p: number, fn: (x: Pillar) => Pillar): ScorecardDefinition {
  const pillar = def.pillars[p];
  if (!pillar) throw new EditError(`no pillar at position ${p}`);
  return { ...def, pillars: replaceAt(def.pillars, p, fn(pillar)) };
}

function updateComponent(
  def: ScorecardDefinition,
  p: number,
  c: number,
  fn: (x: Component) => Component,
): ScorecardDefinition {
  return updatePillar(def, p, (pillar) => {
    const component = pillar.components![c];
    if (!component) throw new EditError(`no component at position ${p}/${c}`);
    return { ...pillar, components: replaceAt(pillar.components!, c, fn(component)) };
  });
}

function updateCriterion(
  def: ScorecardDefinition,
  p: number,
  c: number,
  k: number,
  fn: (x: Criterion) => Criterion,
): ScorecardDefinition {
  return updateComponent(def, p, c, (component) => {
    const criterion = component.criteria[k];
    if (!criterion) throw new EditError(`no criterion at position ${p}/${c}/${k}`);
    return { ...component, criteria: replaceAt(component.criteria, k, fn(criterion)) };
  });
}

/** Text fields per node kind. Optional ones (`description`, `statement`, `group`) are dropped when both languages are empty. */
export type TextField = 'title' | 'description' | 'name' | 'statement' | 'text' | 'group';
const OPTIONAL_TEXT: ReadonlySet<TextField> = new Set(['description', 'statement', 'group']);

export const TEXT_FIELDS: Record<NodePath['kind'], readonly TextField[]> = {
  index: ['title', 'description'],
  pillar: ['name'],
  component: ['name', 'statement'],
  criterion: ['text', 'group'],
};

function withText<T extends object>(obj: T, field: TextField, lang: Lang, value: string): T {
  const current = (obj as Record<string, unknown>)[field] as Text | undefined;
  const next: Text = { vi: current?.vi ?? '', en: current?.en ?? '', [lang]: value };
  const out = { ...obj } as Record<string, unknown>;
  if (OPTIONAL_TEXT.has(field) && next.vi === '' && next.en === '') delete out[field];
  else out[field] = next;
  return out as T;
}

/** Sets one language of a text field (`setText(def, path, 'text', 'en', '…')`). */
export function setText(def: Definition, path: NodePath, field: TextField, lang: Lang, value: string): Definition {
  if (!TEXT_FIELDS[path.kind].includes(field)) throw new EditError(`a ${path.kind} has no text field "${field}"`);
  switch (path.kind) {
    case 'index':
      return withText(def, field, lang, value);
    case 'pillar': {
      if (def.kind === 'classifier') throw new EditError('a classifier has no pillars');
      const pillar = def.pillars[path.p];
      if (!pillar) throw new EditError(`no pillar at position ${path.p}`);
      const pillars = replaceAt<(typeof def.pillars)[number]>(
        def.pillars,
        path.p,
        withText(pillar, field, lang, value),
      );
      return { ...def, pillars } as Definition;
    }
    case 'component':
      return updateComponent(scorecard(def), path.p, path.c, (x) => withText(x, field, lang, value));
    case 'criterion':
      return updateCriterion(scorecard(def), path.p, path.c, path.k, (x) => withText(x, field, lang, value));
  }
}

/** Renames a pillar, component or criterion (answers are keyed by criterion id: renaming is a breaking change). */
export function setId(def: Definition, path: NodePath, id: string): Definition {
  switch (path.kind) {
    case 'index':
      return { ...def, id };
    case 'pillar': {
      if (def.kind === 'classifier') throw new EditError('a classifier has no pillars');
      const pillar = def.pillars[path.p];
      if (!pillar) throw new EditError(`no pillar at position ${path.p}`);
      return {
        ...def,
        pillars: replaceAt<(typeof def.pillars)[number]>(def.pillars, path.p, { ...pillar, id }),
      } as Definition;
    }
    case 'component':
      return updateComponent(scorecard(def), path.p, path.c, (x) => ({ ...x, id }));
    case 'criterion':
      return updateCriterion(scorecard(def), path.p, path.c, path.k, (x) => ({ ...x, id }));
  }
}

/** Points per answer level: answering level k scores k × weight. Any number is accepted; validation reports non-integers. */
export function setWeight(def: Definition, path: NodePath, weight: number): Definition {
  if (path.kind !== 'criterion') throw new EditError('only criteria have a weight');
  return updateCriterion(scorecard(def), path.p, path.c, path.k, (x) => ({ ...x, weight }));
}

/** An id not used anywhere in the definition, numbered under `prefix` (`1.2` → `1.2.7`). */
export function freshId(def: Definition, prefix: string): string {
  const used = new Set<string>();
  if (def.kind === 'scorecard') {
    for (const p of def.pillars) {
      used.add(p.id);
      for (const c of p.components!) {
        used.add(c.id);
        for (const k of c.criteria) used.add(k.id);
      }
    }
  }
  for (let n = 1; ; n++) {
    const id = prefix ? `${prefix}.${n}` : String(n);
    if (!used.has(id)) return id;
  }
}

export const NEW_CRITERION_TEXT: Text = { vi: 'Tiêu chí mới', en: 'New criterion' };
export const NEW_COMPONENT_NAME: Text = { vi: 'Thành phần mới', en: 'New component' };

export interface Placed {
  definition: Definition;
  path: NodePath;
}

/** Adds a criterion (weight 1) to a component, at `at` (default: last). */
export function addCriterion(def: Definition, component: NodePath, at?: number): Placed {
  if (component.kind !== 'component') throw new EditError('criteria are added to a component');
  const sc = scorecard(def);
  const comp = sc.pillars[component.p]?.components?.[component.c];
  if (!comp) throw new EditError('no such component');
  const k = at === undefined ? comp.criteria.length : clamp(at, 0, comp.criteria.length);
  const criterion: Criterion = { id: freshId(sc, comp.id), text: { ...NEW_CRITERION_TEXT }, weight: 1 };
  const next = updateComponent(sc, component.p, component.c, (x) => ({
    ...x,
    criteria: insertAt(x.criteria, k, criterion),
  }));
  return { definition: next, path: { kind: 'criterion', p: component.p, c: component.c, k } };
}

/** Adds a component with one new criterion to a pillar, at `at` (default: last). */
export function addComponent(def: Definition, pillar: NodePath, at?: number): Placed {
  if (pillar.kind !== 'pillar') throw new EditError('components are added to a pillar');
  const sc = scorecard(def);
  const pil = sc.pillars[pillar.p];
  if (!pil) throw new EditError('no such pillar');
  const c = at === undefined ? pil.components!.length : clamp(at, 0, pil.components!.length);
  const id = freshId(sc, pil.id);
  const component: Component = {
    id,
    name: { ...NEW_COMPONENT_NAME },
    criteria: [{ id: `${id}.1`, text: { ...NEW_CRITERION_TEXT }, weight: 1 }],
  };
  const next = updatePillar(sc, pillar.p, (x) => ({ ...x, components: insertAt(x.components!, c, component) }));
  return { definition: next, path: { kind: 'component', p: pillar.p, c } };
}

/**
 * Removes a component or criterion. Removing the last child is allowed: the validator then reports the empty list
 * on the parent, which is how the user learns why it cannot be published.
 */
export function removeNode(def: Definition, path: NodePath): Definition {
  const sc = scorecard(def);
  if (path.kind === 'criterion') {
    return updateComponent(sc, path.p, path.c, (x) => {
      if (!x.criteria[path.k]) throw new EditError('no such criterion');
      return { ...x, criteria: removeAt(x.criteria, path.k) };
    });
  }
  if (path.kind === 'component') {
    return updatePillar(sc, path.p, (x) => {
      if (!x.components![path.c]) throw new EditError('no such component');
      return { ...x, components: removeAt(x.components!, path.c) };
    });
  }
  throw new EditError(`a ${path.kind} cannot be removed here`);
}

/** Moves a criterion to a component or a component to a pillar, at `at` (default: last). */
export function moveNode(def: Definition, path: NodePath, to: NodePath, at?: number): Placed {
  const sc = scorecard(def);
  if (path.kind === 'criterion') {
    if (to.kind !== 'component') throw new EditError('a criterion moves into a component');
    const item = sc.pillars[path.p]?.components?.[path.c]?.criteria[path.k];
    if (!item || !sc.pillars[to.p]?.components?.[to.c]) throw new EditError('no such criterion or component');
    const removed = updateComponent(sc, path.p, path.c, (x) => ({ ...x, criteria: removeAt(x.criteria, path.k) }));
    const target = removed.pillars[to.p]!.components![to.c]!;
    const k = at === undefined ? target.criteria.length : clamp(at, 0, target.criteria.length);
    const next = updateComponent(removed, to.p, to.c, (x) => ({ ...x, criteria: insertAt(x.criteria, k, item) }));
    return { definition: next, path: { kind: 'criterion', p: to.p, c: to.c, k } };
  }
  if (path.kind === 'component') {
    if (to.kind !== 'pillar') throw new EditError('a component moves into a pillar');
    const item = sc.pillars[path.p]?.components?.[path.c];
    if (!item || !sc.pillars[to.p]) throw new EditError('no such component or pillar');
    const removed = updatePillar(sc, path.p, (x) => ({ ...x, components: removeAt(x.components!, path.c) }));
    const target = removed.pillars[to.p]!;
    const c = at === undefined ? target.components!.length : clamp(at, 0, target.components!.length);
    const next = updatePillar(removed, to.p, (x) => ({ ...x, components: insertAt(x.components!, c, item) }));
    return { definition: next, path: { kind: 'component', p: to.p, c } };
  }
  throw new EditError(`a ${path.kind} cannot be moved`);
}

/** Moves a node up (delta < 0) or down among its siblings; stays put at either end. */
export function reorderNode(def: Definition, path: NodePath, delta: number): Placed {
  if (path.kind === 'criterion') {
    const count = scorecard(def).pillars[path.p]?.components?.[path.c]?.criteria.length ?? 0;
    const k = clamp(path.k + delta, 0, count - 1);
    if (k === path.k) return { definition: def, path };
    return moveNode(def, path, { kind: 'component', p: path.p, c: path.c }, k);
  }
  if (path.kind === 'component') {
    const count = scorecard(def).pillars[path.p]?.components?.length ?? 0;
    const c = clamp(path.c + delta, 0, count - 1);
    if (c === path.c) return { definition: def, path };
    return moveNode(def, path, { kind: 'pillar', p: path.p }, c);
  }
  if (path.kind === 'pillar') {
    if (def.kind === 'classifier') throw new EditError('a classifier has no pillars');
    const list = def.pillars as readonly unknown[];
    const p = clamp(path.p + delta, 0, list.length - 1);
    if (p === path.p) return { definition: def, path };
    const out = removeAt(list, path.p);
    return {
      definition: { ...def, pillars: insertAt(out, p, list[path.p]) } as Definition,
      path: { kind: 'pillar', p },
    };
  }
  throw new EditError('the index cannot be moved');
}

/** Where a list of level rules lives. */
export type RulePlace = { scope: 'pillar' } | { scope: 'overall' } | { scope: 'pillar-override'; p: number };

export function rulePlacePointer(place: RulePlace): string {
  return place.scope === 'pillar-override' ? `/pillars/${place.p}/rules` : `/rules/${place.scope}`;
}

/** The rules at a place; for an aggregate's optional pillar rules, undefined means "same as overall". */
export function getRules(def: Definition, place: RulePlace): LevelRule[] | undefined {
  if (def.kind === 'classifier') return undefined;
  if (place.scope === 'pillar-override') return def.kind === 'scorecard' ? def.pillars[place.p]?.rules : undefined;
  return def.rules[place.scope];
}

/** Replaces the rules at a place; `undefined` removes an optional list (a pillar's override, an aggregate's pillar rules). */
export function setRules(def: Definition, place: RulePlace, rules: LevelRule[] | undefined): Definition {
  if (def.kind === 'classifier') throw new EditError('a classifier has output rules, not level rules');
  if (place.scope === 'pillar-override') {
    return updatePillar(scorecard(def), place.p, (x) => {
      const out = { ...x };
      if (rules === undefined) delete out.rules;
      else out.rules = rules;
      return out;
    });
  }
  if (rules === undefined) {
    if (def.kind === 'scorecard' || place.scope === 'overall') throw new EditError(`rules.${place.scope} is required`);
    const { pillar: _dropped, ...rest } = def.rules;
    return { ...def, rules: rest };
  }
  return { ...def, rules: { ...def.rules, [place.scope]: rules } } as Definition;
}

/** Replaces one rule of a list. */
export function setRule(def: Definition, place: RulePlace, i: number, rule: LevelRule): Definition {
  const rules = getRules(def, place);
  if (!rules) throw new EditError('no rules at this place');
  return setRules(def, place, replaceAt(rules, i, rule));
}

/**
 * Sets every declared `max` (component, pillar, index) to the sum below it. Undeclared maxima stay undeclared.
 * This is the one-click answer to `max-mismatch` after weights change.
 */
export function syncMaxima(def: Definition): Definition {
  if (def.kind !== 'scorecard') return def;
  let total = 0;
  let changed = false;
  const pillars = def.pillars.map((pillar) => {
    let pillarMax = 0;
    let pillarChanged = false;
    const components = pillar.components!.map((component) => {
      const sum = component.criteria.reduce((s, k) => s + criterionMax('weight' in k ? k.weight : 0, def.levels), 0);
      pillarMax += sum;
      if (component.max === undefined || component.max === sum) return component;
      pillarChanged = true;
      return { ...component, max: sum };
    });
    total += pillarMax;
    if (!pillarChanged && (pillar.max === undefined || pillar.max === pillarMax)) return pillar;
    changed = true;
    return { ...pillar, components, ...(pillar.max === undefined ? {} : { max: pillarMax }) };
  });
  const maxChanged = def.max !== undefined && def.max !== total;
  if (!changed && !maxChanged) return def;
  return { ...def, pillars, ...(def.max === undefined ? {} : { max: total }) };
}

/** Sums as the engine sees them: a criterion's maximum is weight × top level. */
export function sumMax(def: Definition, path: NodePath): number | undefined {
  if (def.kind !== 'scorecard') return undefined;
  const at = nodeAt(def, path);
  if (!at) return undefined;
  const top = (w: number) => criterionMax(w, def.levels);
  const comp = (c: Component) => c.criteria.reduce((s, k) => s + top('weight' in k ? k.weight : 0), 0);
  const pil = (p: Pillar) => p.components!.reduce((s, c) => s + comp(c), 0);
  switch (at.kind) {
    case 'index':
      return def.pillars.reduce((s, p) => s + pil(p), 0);
    case 'pillar':
      return pil(at.value as Pillar);
    case 'component':
      return comp(at.value);
    case 'criterion':
      return top('weight' in at.value ? at.value.weight : 0);
  }
}

/** The definition with its designer view hints (only collapsed pillars; never canvas coordinates). */
export function withLayout(def: Definition, collapsed: readonly string[]): Definition {
  if (def.kind !== 'scorecard') return def;
  const { layout: _old, ...rest } = def;
  return collapsed.length ? { ...rest, layout: { collapsed: [...collapsed] } } : rest;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
function insertAt<T>(list: readonly T[], i: number, item: T): T[] {
  const out = list.slice();
  out.splice(i, 0, item);
  return out;
}
function removeAt<T>(list: readonly T[], i: number): T[] {
  const out = list.slice();
  out.splice(i, 1);
  return out;
}
