// Definition → React Flow nodes and edges. Pure: the same definition, collapsed set, issues, diff and simulation
// result always give the same graph. Nothing here is written back into the definition; from-flow.ts and edit.ts
// go the other way.
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { Component, Criterion, Definition, Issue, Pillar, ScoreAnswers, ScoreResult } from '@dbi/schema';
import { answerScale, maxOfCriterion } from '@dbi/schema';
import { buildTree, criteriaAt, INDEX_KEY, nodeKey, pillarsOf, type DefinitionTree } from './tree.js';
import { layoutTree, type LayoutNode } from './layout.js';
import type { DiffStatus, DiffView, NodeKind } from './types.js';
import { NODE_SIZE, nodeSpecifications, type DesignerNode } from './nodes/specifications.js';
import type { CommonNodeData, NodeContext, NodeSpecification } from './nodes/specification.js';
import type { PillarValue } from './nodes/pillar.specification.js';

export type { IndexNodeData, IndexFlowNode } from './nodes/index.specification.js';
export type { PillarNodeData, PillarFlowNode } from './nodes/pillar.specification.js';
export type { ComponentNodeData, ComponentFlowNode } from './nodes/component.specification.js';
export type { CriterionNodeData, CriterionFlowNode } from './nodes/criterion.specification.js';
export type { DesignerNode, DesignerNodeData } from './nodes/specifications.js';

export interface ToFlowOptions {
  /** Ids of collapsed pillars. */
  collapsed?: ReadonlySet<string> | readonly string[];
  issuesByNode?: Readonly<Record<string, readonly Issue[]>>;
  diff?: DiffView | null;
  result?: ScoreResult | null;
  answers?: ScoreAnswers;
  selected?: string | null;
  readOnly?: boolean;
}

export interface Flow {
  nodes: DesignerNode[];
  edges: Edge[];
}

const GHOST = 'ghost:';
export const isGhostKey = (key: string) => key.startsWith(GHOST);

type Payload =
  | { kind: 'index'; value: Definition }
  | { kind: 'pillar'; value: PillarValue }
  | { kind: 'component'; value: Component }
  | { kind: 'criterion'; value: Criterion };

interface ViewNode extends LayoutNode {
  key: string;
  children: string[];
  payload: Payload;
  ghost: boolean;
}

/** The tree to draw: the definition's own, plus ghosts of nodes a diff says were removed. */
function viewTree(def: Definition, tree: DefinitionTree, diff: DiffView | null | undefined): Map<string, ViewNode> {
  const out = new Map<string, ViewNode>();
  const pillars = pillarsOf(def);
  for (const key of tree.order) {
    const t = tree.byKey.get(key)!;
    let payload: Payload;
    const path = t.path;
    if (path.kind === 'index') payload = { kind: 'index', value: def };
    else if (path.kind === 'pillar') payload = { kind: 'pillar', value: pillars[path.p]! };
    else if (path.kind === 'component') payload = { kind: 'component', value: pillars[path.p]!.components![path.c]! };
    else payload = { kind: 'criterion', value: criteriaAt(pillars[path.p] as Pillar, path.c)![path.k]! };
    out.set(key, { key, kind: t.kind, children: [...t.children], payload, ghost: false });
  }
  if (!diff) return out;
  const removed = new Set(
    diff.marks.filter((m) => m.status === 'removed').map((m) => nodeKey(m.kind as NodeKind, m.id)),
  );
  if (removed.size === 0) return out;
  // Walk the older version; a removed node whose parent is still drawn becomes a ghost there (its whole subtree
  // comes with it), at its old position among the siblings.
  const addGhost = (parentKey: string, at: number, payload: Payload, children: Payload[]) => {
    const key = GHOST + nodeKey(payload.kind, (payload.value as { id: string }).id);
    if (out.has(key)) return key;
    const node: ViewNode = { key, kind: payload.kind, children: [], payload, ghost: true };
    out.set(key, node);
    const parent = out.get(parentKey)!;
    parent.children.splice(Math.min(at, parent.children.length), 0, key);
    children.forEach((child, i) => {
      const grand =
        child.kind === 'component' ? child.value.criteria.map((k): Payload => ({ kind: 'criterion', value: k })) : [];
      addGhost(key, i, child, grand);
    });
    return key;
  };
  pillarsOf(diff.base).forEach((pillar, p) => {
    const pk = nodeKey('pillar', pillar.id);
    if (removed.has(pk) && !out.has(pk)) {
      addGhost(
        INDEX_KEY,
        p,
        { kind: 'pillar', value: pillar },
        'criteria' in pillar && pillar.criteria
          ? pillar.criteria.map((k): Payload => ({ kind: 'criterion', value: k }))
          : (pillar.components ?? []).map((c): Payload => ({ kind: 'component', value: c })),
      );
      return;
    }
    if (!out.has(pk)) return;
    ('criteria' in pillar ? (pillar.criteria ?? []) : []).forEach((criterion, k) => {
      const kk = nodeKey('criterion', criterion.id);
      if (removed.has(kk) && !out.has(kk)) addGhost(pk, k, { kind: 'criterion', value: criterion }, []);
    });
    (pillar.components ?? []).forEach((component, c) => {
      const ck = nodeKey('component', component.id);
      if (removed.has(ck) && !out.has(ck)) {
        addGhost(
          pk,
          c,
          { kind: 'component', value: component },
          component.criteria.map((k): Payload => ({ kind: 'criterion', value: k })),
        );
        return;
      }
      if (!out.has(ck)) return;
      component.criteria.forEach((criterion, k) => {
        const kk = nodeKey('criterion', criterion.id);
        if (removed.has(kk) && !out.has(kk)) addGhost(ck, k, { kind: 'criterion', value: criterion }, []);
      });
    });
  });
  return out;
}

const NO_ISSUES: readonly Issue[] = [];
const HANDLE = 8;

const handleCache = new Map<NodeKind, NodeHandle[]>();
function handlesFor(kind: NodeKind): NodeHandle[] {
  let list = handleCache.get(kind);
  if (!list) {
    const { size, handles } = nodeSpecifications[kind];
    const { width, height } = size;
    const y = height / 2 - HANDLE / 2;
    list = [];
    if (handles.target)
      list.push({ type: 'target', position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE });
    if (handles.source)
      list.push({ type: 'source', position: Position.Right, x: width - HANDLE / 2, y, width: HANDLE, height: HANDLE });
    handleCache.set(kind, list);
  }
  return list;
}

/** Definition (+ collapsed pillars, issues, diff, simulation) → positioned nodes and edges. */
export function toFlow(def: Definition, options: ToFlowOptions = {}): Flow {
  const tree = buildTree(def);
  const view = viewTree(def, tree, options.diff);
  const collapsedIds = new Set(options.collapsed ?? []);
  const collapsedKeys = new Set<string>();
  for (const pk of tree.pillarKeys) if (collapsedIds.has(tree.byKey.get(pk)!.id)) collapsedKeys.add(pk);
  const positions = layoutTree({ root: INDEX_KEY, byKey: view }, NODE_SIZE, collapsedKeys);

  const marks = new Map<string, { status: DiffStatus; fields?: readonly string[] }>();
  for (const m of options.diff?.marks ?? []) {
    const key =
      m.key ??
      (['pillar', 'component', 'criterion'].includes(m.kind)
        ? nodeKey(m.kind as NodeKind, m.id)
        : m.kind === 'index'
          ? INDEX_KEY
          : undefined);
    if (key && m.status !== 'removed') marks.set(key, { status: m.status, ...(m.fields ? { fields: m.fields } : {}) });
  }
  const issuesOf = (key: string) => options.issuesByNode?.[key] ?? NO_ISSUES;
  const levels = def.kind === 'classifier' ? [] : def.levels;
  const scale = def.kind === 'scorecard' ? answerScale(def) : levels;
  const maxOf = (k: Criterion) => maxOfCriterion(k, scale);
  const notApplicable = new Set(options.result?.notApplicable ?? []);
  const readOnly = options.readOnly ?? false;
  const pillarResults = new Map((options.result?.pillars ?? []).map((r) => [r.id, r]));

  const nodes: DesignerNode[] = [];
  const edges: Edge[] = [];
  const countBelow = (key: string, f: (k: string) => number): number => {
    let n = 0;
    for (const child of view.get(key)!.children) n += f(child) + countBelow(child, f);
    return n;
  };

  const visit = (key: string, parent: string | null, hidden: boolean) => {
    const v = view.get(key)!;
    if (!hidden) {
      const position = positions.get(key)!;
      const mark = v.ghost ? { status: 'removed' as const } : marks.get(key);
      const common: CommonNodeData = {
        key,
        id: (v.payload.value as { id: string }).id,
        issues: v.ghost ? NO_ISSUES : issuesOf(key),
        ...(mark ? { diff: mark.status } : {}),
        ...(mark && 'fields' in mark && mark.fields ? { diffFields: mark.fields } : {}),
        ...(v.ghost ? { ghost: true } : {}),
        ...(readOnly ? { readOnly: true } : {}),
      };
      const spec = nodeSpecifications[v.kind] as unknown as NodeSpecification<NodeKind, unknown, { kind: NodeKind }>;
      const ctx: NodeContext = {
        def,
        key,
        ghost: v.ghost,
        levels,
        maxOf,
        notApplicable,
        collapsed: collapsedKeys.has(key),
        hiddenIssues: () => countBelow(key, (k) => issuesOf(k).length),
        hiddenChanges: () => countBelow(key, (k) => (marks.has(k) || isGhostKey(k) ? 1 : 0)),
        result: options.result ?? null,
        pillarResult: (id) => pillarResults.get(id),
        ...(options.answers ? { answers: options.answers } : {}),
      };
      nodes.push({
        id: key,
        type: v.kind,
        position,
        // Sizes and handle places are fixed by kind (CSS matches them), so nodes need no measuring before edges
        // and fit-view work: the large index is drawn in one pass.
        width: spec.size.width,
        height: spec.size.height,
        measured: spec.size,
        handles: handlesFor(v.kind),
        selected: options.selected === key,
        draggable: spec.movable && !readOnly && !v.ghost,
        data: { ...common, ...spec.data(v.payload.value, ctx) },
      } as DesignerNode);
      if (parent) {
        edges.push({
          id: `${parent}->${key}`,
          source: parent,
          target: key,
          type: 'smoothstep',
          selectable: false,
          focusable: false,
          ...(v.ghost ? { className: 'dbi-edge-removed' } : {}),
        });
      }
    }
    const hideChildren = hidden || collapsedKeys.has(key);
    if (!hideChildren) for (const child of v.children) visit(child, key, false);
  };
  visit(INDEX_KEY, null, false);
  return { nodes, edges };
}

function equalish(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth === 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka)
    if (!equalish((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth - 1)) return false;
  return true;
}

/**
 * Keeps the previous node object when nothing about it changed, so memoised node components skip rendering and
 * an edit to one criterion re-renders one node, not two thousand.
 */
export function reconcileNodes<N extends Node>(prev: readonly N[], next: N[]): N[] {
  if (prev.length === 0) return next;
  const byId = new Map(prev.map((n) => [n.id, n]));
  let reused = 0;
  const out = next.map((n) => {
    const old = byId.get(n.id);
    if (
      old &&
      old.type === n.type &&
      old.selected === n.selected &&
      old.draggable === n.draggable &&
      old.position.x === n.position.x &&
      old.position.y === n.position.y &&
      equalish(old.data, n.data, 4)
    ) {
      reused++;
      return old;
    }
    return n;
  });
  return reused === out.length && out.length === prev.length ? (prev as N[]) : out;
}
