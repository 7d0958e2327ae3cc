// One store per designer instance (zustand vanilla store; React reads it through context.tsx). State and actions
// are kept apart: `state.actions` never changes identity, so components that only act never re-render.
// Every edit goes through `commit`, which runs @dbi/engine's definitionIssues (@dbi/schema's Ajv schema and
// meaning checks plus the engine's own, exactly as `dbi validate` and the server's publish), pins each issue on its node and re-runs the simulation with @dbi/engine.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { definitionIssues } from '@dbi/engine';
import { type Definition, type Issue, type LevelRule, type Profile, type ScoreAnswers } from '@dbi/schema';
import * as edit from './edit.js';
import { dropMove } from './from-flow.js';
import { buildTree, issuesByNode, keyAt, pillarKeyOf, pillarsOf, type DefinitionTree } from './tree.js';
import { presetAnswers, simulate, type Preset, type Simulation } from './simulate.js';
import { diffView } from './diff.js';
import type { DiffView, Lang } from './types.js';

export interface DesignerOptions {
  readOnly?: boolean;
  lang?: Lang;
  /**
   * Ids of collapsed pillars. Default: the definition's `layout.collapsed`, else every pillar when the index has
   * more than `collapseAbove` criteria (a 2,000-criterion index opens as six pillars), else none.
   */
  collapsed?: string[];
  collapseAbove?: number;
  answers?: ScoreAnswers;
  /** Profile facts for the simulation (v2 definitions). */
  profile?: Profile;
  diff?: DiffView | null;
  /** Undo depth (default 200). */
  historyLimit?: number;
}

export interface DesignerActions {
  /** Replaces the definition (a new version opened): history, selection and diff are reset. */
  load(definition: Definition, options?: Pick<DesignerOptions, 'readOnly' | 'collapsed' | 'diff'>): void;
  /** Records the current definition as saved (`dirty` becomes false); pass the stored copy when the server returns one. */
  markSaved(definition?: Definition): void;
  setReadOnly(readOnly: boolean): void;
  setLang(lang: Lang): void;
  select(key: string | null): void;
  /** Expands the node's pillar, selects it and asks the canvas to centre on it. */
  focus(key: string): void;
  toggleCollapsed(pillarId: string): void;
  setCollapsed(pillarIds: string[]): void;
  collapseAll(): void;
  expandAll(): void;

  setText(key: string, field: edit.TextField, lang: Lang, value: string): void;
  setId(key: string, id: string): void;
  setWeight(key: string, weight: number): void;
  addCriterion(componentKey: string, at?: number): void;
  addComponent(pillarKey: string, at?: number): void;
  remove(key: string): void;
  /** Moves a criterion into a component or a component into a pillar. */
  move(key: string, toKey: string, at?: number): void;
  reorder(key: string, delta: number): void;
  /** A canvas drop: returns whether it was a move. */
  drop(draggedKey: string, targetKey: string): boolean;
  setRules(place: edit.RulePlace, rules: LevelRule[] | undefined): void;
  setRule(place: edit.RulePlace, index: number, rule: LevelRule): void;
  syncMaxima(): void;
  /** Any pure edit; `coalesce` merges consecutive edits with the same key into one undo step (typing). */
  apply(fn: (def: Definition) => Definition, coalesce?: string): void;
  undo(): void;
  redo(): void;

  setAnswer(criterionId: string, value: ScoreAnswers[string] | undefined): void;
  setAnswers(answers: ScoreAnswers): void;
  /** One profile fact for the simulation (undefined removes it). */
  setProfileValue(name: string, value: Profile[string] | undefined): void;
  /** Adds a pillar holding one criterion directly (default: last) and selects it. */
  addPillar(at?: number): void;
  preset(preset: Preset, random?: () => number): void;
  /** Shows a fixed diff (e.g. between two stored versions). */
  setDiff(diff: DiffView | null): void;
  /** Compares the draft with an older version, live: the diff follows every edit. `null` ends the comparison. */
  compareWith(base: Definition | null): void;
}

export interface DesignerState {
  definition: Definition;
  /** The last loaded or saved definition. */
  saved: Definition;
  dirty: boolean;
  readOnly: boolean;
  lang: Lang;
  /** Canvas key of the selected node (`criterion:3.2.5`). */
  selected: string | null;
  /** Ids of collapsed pillars. */
  collapsed: string[];
  issues: Issue[];
  /** Issues by canvas key, so each is pinned on the node it concerns. */
  issuesByNode: Record<string, Issue[]>;
  /** A draft with issues cannot be published; nor can a read-only version. */
  canPublish: boolean;
  past: Definition[];
  future: Definition[];
  /** Bumped by `focus`: the canvas centres on `key`. */
  focusRequest: { key: string; nonce: number } | null;
  answers: ScoreAnswers;
  profile: Profile;
  simulation: Simulation;
  diff: DiffView | null;
  /** The version the draft is compared with, when comparing live. */
  diffBase: Definition | null;
  actions: DesignerActions;
}

export type DesignerStore = StoreApi<DesignerState>;

function criteriaCount(def: Definition): number {
  return def.kind === 'scorecard'
    ? def.pillars.reduce((s, p) => s + p.components!.reduce((t, c) => t + c.criteria.length, 0), 0)
    : 0;
}

function defaultCollapsed(def: Definition, options: DesignerOptions): string[] {
  if (options.collapsed) return options.collapsed;
  if (def.kind === 'scorecard' && def.layout?.collapsed) return [...def.layout.collapsed];
  if (criteriaCount(def) > (options.collapseAbove ?? 300)) return pillarsOf(def).map((p) => p.id);
  return [];
}

interface Derived {
  issues: Issue[];
  issuesByNode: Record<string, Issue[]>;
  canPublish: boolean;
  simulation: Simulation;
}

function derive(
  def: Definition,
  tree: DefinitionTree,
  readOnly: boolean,
  answers: ScoreAnswers,
  profile: Profile = {},
): Derived {
  const issues = definitionIssues(def);
  return {
    issues,
    issuesByNode: issuesByNode(tree, issues),
    canPublish: issues.length === 0 && !readOnly,
    simulation: issues.length
      ? { ok: false, reason: 'invalid-definition', issues, message: `${issues.length} issues` }
      : simulate(def, answers, profile),
  };
}

export function createDesignerStore(definition: Definition, options: DesignerOptions = {}): DesignerStore {
  const historyLimit = options.historyLimit ?? 200;
  let coalesceKey: string | null = null;
  let tree = buildTree(definition);
  let nonce = 0;

  return createStore<DesignerState>()((set, get) => {
    const pathOf = (key: string) => {
      const node = tree.byKey.get(key);
      if (!node) throw new edit.EditError(`no node ${key}`);
      return node.path;
    };

    /** The one way the definition changes. */
    const commit = (
      next: Definition,
      opts: { coalesce?: string; select?: (t: DefinitionTree) => string | null | undefined } = {},
    ) => {
      const s = get();
      if (s.readOnly || next === s.definition) return;
      const merge = opts.coalesce !== undefined && opts.coalesce === coalesceKey;
      coalesceKey = opts.coalesce ?? null;
      tree = buildTree(next);
      const past = merge ? s.past : [...s.past, s.definition].slice(-historyLimit);
      const picked = opts.select?.(tree);
      const selected = picked !== undefined ? picked : s.selected && tree.byKey.has(s.selected) ? s.selected : null;
      set({
        definition: next,
        dirty: next !== s.saved,
        past,
        future: [],
        selected,
        ...derive(next, tree, s.readOnly, s.answers, s.profile),
        ...(s.diffBase ? { diff: diffView(s.diffBase, next) } : {}),
      });
    };

    /** Runs an edit on the node at `key`; edits on vanished nodes (a stale panel) are ignored. */
    const onNode = (key: string, fn: (def: Definition, path: ReturnType<typeof pathOf>) => void) => {
      const node = tree.byKey.get(key);
      if (node) fn(get().definition, node.path);
    };

    const placed = (result: edit.Placed) => commit(result.definition, { select: (t) => keyAt(t, result.path) ?? null });

    const travel = (from: 'past' | 'future') => {
      const s = get();
      if (s.readOnly) return;
      const stack = s[from];
      const target = stack[stack.length - 1];
      if (!target) return;
      coalesceKey = null;
      tree = buildTree(target);
      const rest = stack.slice(0, -1);
      const other = from === 'past' ? [...s.future, s.definition] : [...s.past, s.definition];
      set({
        definition: target,
        dirty: target !== s.saved,
        past: from === 'past' ? rest : other,
        future: from === 'past' ? other : rest,
        selected: s.selected && tree.byKey.has(s.selected) ? s.selected : null,
        ...derive(target, tree, s.readOnly, s.answers, s.profile),
        ...(s.diffBase ? { diff: diffView(s.diffBase, target) } : {}),
      });
    };

    const setAnswers = (answers: ScoreAnswers) => {
      const s = get();
      set({ answers, simulation: s.issues.length ? s.simulation : simulate(s.definition, answers, s.profile) });
    };

    const actions: DesignerActions = {
      load(def, opts = {}) {
        coalesceKey = null;
        tree = buildTree(def);
        const readOnly = opts.readOnly ?? false;
        const answers = get().answers;
        const profile = get().profile;
        set({
          definition: def,
          saved: def,
          dirty: false,
          readOnly,
          selected: null,
          collapsed: defaultCollapsed(def, {
            ...options,
            ...(opts.collapsed ? { collapsed: opts.collapsed } : { collapsed: undefined }),
          }),
          past: [],
          future: [],
          focusRequest: null,
          diff: opts.diff ?? null,
          diffBase: null,
          ...derive(def, tree, readOnly, answers, profile),
        });
      },
      markSaved(def) {
        const s = get();
        const saved = def ?? s.definition;
        if (def && def !== s.definition) {
          tree = buildTree(def);
          set({ definition: def, saved, dirty: false, ...derive(def, tree, s.readOnly, s.answers, s.profile) });
        } else set({ saved, dirty: false });
      },
      setReadOnly(readOnly) {
        set((s) => ({ readOnly, canPublish: s.issues.length === 0 && !readOnly }));
      },
      setLang(lang) {
        set({ lang });
      },
      select(key) {
        coalesceKey = null;
        set({ selected: key });
      },
      focus(key) {
        coalesceKey = null;
        const s = get();
        const pk = tree.byKey.has(key) ? pillarKeyOf(tree, key) : undefined;
        const pillarId = pk && pk !== key ? tree.byKey.get(pk)!.id : undefined;
        set({
          selected: key,
          collapsed:
            pillarId && s.collapsed.includes(pillarId) ? s.collapsed.filter((x) => x !== pillarId) : s.collapsed,
          focusRequest: { key, nonce: ++nonce },
        });
      },
      toggleCollapsed(pillarId) {
        set((s) => ({
          collapsed: s.collapsed.includes(pillarId)
            ? s.collapsed.filter((x) => x !== pillarId)
            : [...s.collapsed, pillarId],
        }));
      },
      setCollapsed(ids) {
        set({ collapsed: ids });
      },
      collapseAll() {
        set((s) => ({ collapsed: pillarsOf(s.definition).map((p) => p.id) }));
      },
      expandAll() {
        set({ collapsed: [] });
      },

      setText(key, field, lang, value) {
        onNode(key, (def, path) =>
          commit(edit.setText(def, path, field, lang, value), { coalesce: `text:${key}:${field}:${lang}` }),
        );
      },
      setId(key, id) {
        onNode(key, (def, path) =>
          commit(edit.setId(def, path, id), { coalesce: `id:${key}`, select: (t) => keyAt(t, path) ?? null }),
        );
      },
      setWeight(key, weight) {
        onNode(key, (def, path) => commit(edit.setWeight(def, path, weight), { coalesce: `weight:${key}` }));
      },
      addCriterion(componentKey, at) {
        onNode(componentKey, (def, path) => placed(edit.addCriterion(def, path, at)));
      },
      addComponent(pillarKey, at) {
        onNode(pillarKey, (def, path) => placed(edit.addComponent(def, path, at)));
      },
      remove(key) {
        const parent = tree.byKey.get(key)?.parent ?? null;
        onNode(key, (def, path) =>
          commit(edit.removeNode(def, path), { select: (t) => (parent && t.byKey.has(parent) ? parent : null) }),
        );
      },
      move(key, toKey, at) {
        const to = tree.byKey.get(toKey);
        if (to) onNode(key, (def, path) => placed(edit.moveNode(def, path, to.path, at)));
      },
      reorder(key, delta) {
        onNode(key, (def, path) => placed(edit.reorderNode(def, path, delta)));
      },
      drop(draggedKey, targetKey) {
        if (get().readOnly) return false;
        const result = dropMove(get().definition, draggedKey, targetKey);
        if (!result) return false;
        placed(result);
        return true;
      },
      setRules(place, rules) {
        commit(edit.setRules(get().definition, place, rules));
      },
      setRule(place, index, rule) {
        commit(edit.setRule(get().definition, place, index, rule), {
          coalesce: `rule:${JSON.stringify(place)}:${index}`,
        });
      },
      syncMaxima() {
        commit(edit.syncMaxima(get().definition));
      },
      apply(fn, coalesce) {
        commit(fn(get().definition), coalesce === undefined ? {} : { coalesce });
      },
      undo() {
        travel('past');
      },
      redo() {
        travel('future');
      },

      setAnswer(id, value) {
        const answers = { ...get().answers };
        if (value === undefined) delete answers[id];
        else answers[id] = value;
        setAnswers(answers);
      },
      setAnswers,
      setProfileValue(name, value) {
        const s = get();
        const profile = { ...s.profile };
        if (value === undefined) delete profile[name];
        else profile[name] = value;
        set({ profile, simulation: s.issues.length ? s.simulation : simulate(s.definition, s.answers, profile) });
      },
      addPillar(at) {
        placed(edit.addPillar(get().definition, at));
      },
      preset(preset, random) {
        const def = get().definition;
        if (def.kind === 'scorecard') setAnswers(presetAnswers(def, preset, random));
      },
      setDiff(diff) {
        set({ diff, diffBase: null });
      },
      compareWith(base) {
        set({ diffBase: base, diff: base ? diffView(base, get().definition) : null });
      },
    };

    const readOnly = options.readOnly ?? false;
    const answers = options.answers ?? {};
    const profile = options.profile ?? {};
    return {
      definition,
      saved: definition,
      dirty: false,
      readOnly,
      lang: options.lang ?? 'vi',
      selected: null,
      collapsed: defaultCollapsed(definition, options),
      past: [],
      future: [],
      focusRequest: null,
      answers,
      profile,
      diff: options.diff ?? null,
      diffBase: null,
      ...derive(definition, tree, readOnly, answers, profile),
      actions,
    };
  });
}
