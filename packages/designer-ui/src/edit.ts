// Edit operations: pure functions from a definition to a new definition. They never validate (the store runs
// @dbi/schema's validateDefinition after each one, so a draft may be invalid while it is being edited) and they
// share every untouched object with the input, so unchanged parts keep their identity.
import type {
  AnswerType,
  Component,
  Criterion,
  Definition,
  Instrument,
  Level,
  LevelRule,
  Pillar,
  ProfileFact,
  ScorecardDefinition,
  Text,
} from '@dbi/schema';
import { answerScale, maxOfCriterion } from '@dbi/schema';
import type { Lang, NodePath } from './types.js';
import { DIRECT, nodeAt, pillarCriteria } from './tree.js';

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
  return updateCriteria(def, p, c, (list) => {
    const criterion = list[k];
    if (!criterion) throw new EditError(`no criterion at position ${p}/${c}/${k}`);
    return replaceAt(list, k, fn(criterion));
  });
}

/** Edits the criteria list of a component, or of a pillar that holds criteria directly (c = DIRECT). */
function updateCriteria(
  def: ScorecardDefinition,
  p: number,
  c: number,
  fn: (list: readonly Criterion[]) => Criterion[],
): ScorecardDefinition {
  if (c === DIRECT)
    return updatePillar(def, p, (pillar) => {
      if (!pillar.criteria) throw new EditError(`pillar at position ${p} holds components, not criteria`);
      return { ...pillar, criteria: fn(pillar.criteria) };
    });
  return updateComponent(def, p, c, (component) => ({ ...component, criteria: fn(component.criteria) }));
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
  return updateCriterion(scorecard(def), path.p, path.c, path.k, (x) => {
    if (x.type !== undefined && x.type !== 'level') throw new EditError('only level criteria have a weight');
    return { ...x, weight };
  });
}

/** An id not used anywhere in the definition, numbered under `prefix` (`1.2` → `1.2.7`). */
export function freshId(def: Definition, prefix: string): string {
  const used = new Set<string>();
  if (def.kind === 'scorecard') {
    for (const p of def.pillars) {
      used.add(p.id);
      for (const c of p.components ?? []) used.add(c.id);
      for (const k of pillarCriteria(p)) used.add(k.id);
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

/**
 * Adds a criterion (a level criterion of weight 1) to a component, or directly to a pillar that holds criteria
 * (or holds nothing yet), at `at` (default: last).
 */
export function addCriterion(def: Definition, parent: NodePath, at?: number): Placed {
  const sc = scorecard(def);
  let c: number;
  let list: readonly Criterion[];
  let prefix: string;
  const p = 'p' in parent ? parent.p : -1;
  if (parent.kind === 'component') {
    const comp = sc.pillars[parent.p]?.components?.[parent.c];
    if (!comp) throw new EditError('no such component');
    [c, list, prefix] = [parent.c, comp.criteria, comp.id];
  } else if (parent.kind === 'pillar') {
    const pil = sc.pillars[parent.p];
    if (!pil) throw new EditError('no such pillar');
    if (pil.components?.length) throw new EditError('this pillar holds components: add the criterion to one of them');
    [c, list, prefix] = [DIRECT, pil.criteria ?? [], pil.id];
  } else throw new EditError('criteria are added to a component or a pillar');
  const k = at === undefined ? list.length : clamp(at, 0, list.length);
  const criterion: Criterion = { id: freshId(sc, prefix), text: { ...NEW_CRITERION_TEXT }, weight: 1 };
  const base =
    c === DIRECT
      ? updatePillar(sc, p, (x) => {
          const { components: _none, ...rest } = x;
          return { ...rest, criteria: x.criteria ?? [] };
        })
      : sc;
  const next = updateCriteria(base, p, c, (x) => insertAt(x, k, criterion));
  return { definition: next, path: { kind: 'criterion', p, c, k } };
}

export const NEW_PILLAR_NAME: Text = { vi: 'Trụ cột mới', en: 'New pillar' };

/** Adds a pillar holding one new criterion directly, at `at` (default: last). */
export function addPillar(def: Definition, at?: number): Placed {
  const sc = scorecard(def);
  const p = at === undefined ? sc.pillars.length : clamp(at, 0, sc.pillars.length);
  const id = freshId(sc, '');
  const weighted = sc.pillars.some((x) => x.weight !== undefined);
  const pillar: Pillar = {
    id,
    name: { ...NEW_PILLAR_NAME },
    // Pillars all have a weight or none does: a new one joins in with weight 1.
    ...(weighted ? { weight: 1 } : {}),
    criteria: [{ id: `${id}.1`, text: { ...NEW_CRITERION_TEXT }, weight: 1 }],
  };
  return { definition: { ...sc, pillars: insertAt(sc.pillars, p, pillar) }, path: { kind: 'pillar', p } };
}

/** Replaces the object at a path (an editor builds the new criterion, pillar or component from the old one). */
export function replaceNode<T extends Pillar | Component | Criterion>(
  def: Definition,
  path: NodePath,
  fn: (x: T) => T,
): Definition {
  const sc = scorecard(def);
  switch (path.kind) {
    case 'pillar':
      return updatePillar(sc, path.p, (x) => fn(x as T) as Pillar);
    case 'component':
      return updateComponent(sc, path.p, path.c, (x) => fn(x as T) as Component);
    case 'criterion':
      return updateCriterion(sc, path.p, path.c, path.k, (x) => fn(x as T) as Criterion);
    default:
      throw new EditError('the index is edited with its own operations');
  }
}

/** Sets (or with undefined removes) an optional field of a node: `applies`, a pillar's `weight`. */
export function setNodeField(def: Definition, path: NodePath, field: 'applies' | 'weight', value: unknown): Definition {
  return replaceNode(def, path, (x: Pillar | Component | Criterion) => {
    const out = { ...x } as Record<string, unknown>;
    if (value === undefined) delete out[field];
    else out[field] = value;
    return out as unknown as Pillar;
  });
}

/** Weights for every pillar (the overall score is then their weighted mean), or none (`undefined`). */
export function setPillarWeights(def: Definition, weights: readonly number[] | undefined): Definition {
  const sc = scorecard(def);
  return {
    ...sc,
    pillars: sc.pillars.map((p, i) => {
      const { weight: _old, ...rest } = p;
      return weights === undefined ? rest : { ...rest, weight: weights[i] ?? 1 };
    }),
  };
}

/** The criterion converted to another answer type, keeping id, texts and applicability; new parts start simple. */
export function withAnswerType(k: Criterion, type: AnswerType): Criterion {
  const current = k.type ?? 'level';
  if (current === type) return k;
  const { id, text, group, help, applies } = k;
  const common = {
    id,
    text,
    ...(group ? { group } : {}),
    ...(help ? { help } : {}),
    ...(applies !== undefined ? { applies } : {}),
  };
  const options =
    'options' in k
      ? k.options
      : [
          { id: 'a', text: { vi: 'Chưa có', en: 'Not yet' }, points: 0 },
          { id: 'b', text: { vi: 'Đã có', en: 'In place' }, points: 1 },
        ];
  switch (type) {
    case 'level':
      return { ...common, weight: 1 };
    case 'choice':
      return {
        ...common,
        type,
        options:
          options.length >= 2 ? options : [...options, { id: 'z', text: { vi: 'Khác', en: 'Other' }, points: 0 }],
      };
    case 'multi':
      return {
        ...common,
        type,
        options: options.map(({ notApplicable: _na, ...o }) => ({ ...o, points: o.points ?? 0 })),
      };
    case 'number':
      return {
        ...common,
        type,
        integer: true,
        min: 0,
        max: 100,
        bands: [
          { upTo: 0, points: 0 },
          { upTo: 100, points: 1 },
        ],
      };
    case 'boolean':
      return { ...common, type, points: 1 };
  }
}

/** The result level scale (any count; names and descriptions in both languages; numbered 0, 1, …). */
export function setLevels(def: Definition, levels: Level[]): Definition {
  if (def.kind === 'classifier') throw new EditError('a classifier has no levels');
  return { ...def, levels: levels.map((l, i) => ({ ...l, level: i })) } as Definition;
}

/** The scorecard's profile facts (or none). */
export function setProfile(def: Definition, profile: ProfileFact[] | undefined): Definition {
  const sc = scorecard(def);
  const { profile: _old, ...rest } = sc;
  return profile === undefined || profile.length === 0 ? rest : { ...rest, profile };
}

/** The legal instrument (number, title, issuer, signed and effective dates). */
export function setInstrument(def: Definition, instrument: Instrument): Definition {
  return { ...def, instrument } as Definition;
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
    return updateCriteria(sc, path.p, path.c, (x) => {
      if (!x[path.k]) throw new EditError('no such criterion');
      return removeAt(x, path.k);
    });
  }
  if (path.kind === 'pillar') {
    if (!sc.pillars[path.p]) throw new EditError('no such pillar');
    return { ...sc, pillars: removeAt(sc.pillars, path.p) };
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
    // Into a component, or into a pillar that holds criteria directly.
    const toC = to.kind === 'component' ? to.c : to.kind === 'pillar' ? DIRECT : undefined;
    if (toC === undefined || to.kind === 'index' || to.kind === 'criterion')
      throw new EditError('a criterion moves into a component or a pillar');
    const from = sc.pillars[path.p];
    const item = from && (path.c === DIRECT ? from.criteria?.[path.k] : from.components?.[path.c]?.criteria[path.k]);
    const dest = sc.pillars[to.p];
    const destList = dest && (toC === DIRECT ? dest.criteria : dest.components?.[toC]?.criteria);
    if (!item || !destList) throw new EditError('no such criterion, component or pillar with criteria');
    const removed = updateCriteria(sc, path.p, path.c, (x) => removeAt(x, path.k));
    const target =
      toC === DIRECT ? removed.pillars[to.p]!.criteria! : removed.pillars[to.p]!.components![toC]!.criteria;
    const k = at === undefined ? target.length : clamp(at, 0, target.length);
    const next = updateCriteria(removed, to.p, toC, (x) => insertAt(x, k, item));
    return { definition: next, path: { kind: 'criterion', p: to.p, c: toC, k } };
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
    const pillar = scorecard(def).pillars[path.p];
    const count =
      (pillar && (path.c === DIRECT ? pillar.criteria : pillar.components?.[path.c]?.criteria)?.length) ?? 0;
    const k = clamp(path.k + delta, 0, count - 1);
    if (k === path.k) return { definition: def, path };
    const parent: NodePath =
      path.c === DIRECT ? { kind: 'pillar', p: path.p } : { kind: 'component', p: path.p, c: path.c };
    return moveNode(def, path, parent, k);
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
  const scale = answerScale(def);
  const sumOf = (list: readonly Criterion[]) => list.reduce((s, k) => s + maxOfCriterion(k, scale), 0);
  let total = 0;
  let changed = false;
  const pillars = def.pillars.map((pillar) => {
    let pillarMax = 0;
    let pillarChanged = false;
    const components = pillar.components?.map((component) => {
      const sum = sumOf(component.criteria);
      pillarMax += sum;
      if (component.max === undefined || component.max === sum) return component;
      pillarChanged = true;
      return { ...component, max: sum };
    });
    if (pillar.criteria) pillarMax += sumOf(pillar.criteria);
    total += pillarMax;
    if (!pillarChanged && (pillar.max === undefined || pillar.max === pillarMax)) return pillar;
    changed = true;
    return {
      ...pillar,
      ...(components ? { components } : {}),
      ...(pillar.max === undefined ? {} : { max: pillarMax }),
    };
  });
  const maxChanged = def.max !== undefined && def.max !== total;
  if (!changed && !maxChanged) return def;
  return { ...def, pillars, ...(def.max === undefined ? {} : { max: total }) };
}

/** Sums as the engine sees them: a criterion's maximum follows from its answer type (schema's maxOfCriterion). */
export function sumMax(def: Definition, path: NodePath): number | undefined {
  if (def.kind !== 'scorecard') return undefined;
  const at = nodeAt(def, path);
  if (!at) return undefined;
  const scale = answerScale(def);
  const sum = (list: readonly Criterion[]) => list.reduce((s, k) => s + maxOfCriterion(k, scale), 0);
  switch (at.kind) {
    case 'index':
      return def.pillars.reduce((s, p) => s + sum(pillarCriteria(p)), 0);
    case 'pillar':
      return sum(pillarCriteria(at.value as Pillar));
    case 'component':
      return sum(at.value.criteria);
    case 'criterion':
      return maxOfCriterion(at.value, scale);
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
