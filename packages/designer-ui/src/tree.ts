// The definition seen as a tree of keyed nodes: index → pillars → components → criteria. Keys name canvas nodes
// (`criterion:3.2.5`); positions (`NodePath`) name places in the definition. JSON pointers from validation map
// onto the node they concern, so every issue can be pinned on the canvas.
import type { Component, Criterion, Definition, Issue, Pillar, Text } from '@dbi/schema';
import type { NodeKind, NodePath } from './types.js';

export const INDEX_KEY = 'index';

export function nodeKey(kind: NodeKind, id: string): string {
  return kind === 'index' ? INDEX_KEY : `${kind}:${id}`;
}

export interface TreeNode {
  key: string;
  kind: NodeKind;
  id: string;
  path: NodePath;
  /** JSON pointer of the node's object in the definition ('' for the index). */
  pointer: string;
  parent: string | null;
  children: string[];
}

export interface DefinitionTree {
  byKey: Map<string, TreeNode>;
  /** Keys in document order (index first). */
  order: string[];
  pillarKeys: string[];
  componentKeys: string[][];
  criterionKeys: string[][][];
  /** Keys of criteria held directly by each pillar (path `c` = DIRECT). */
  directKeys: string[][];
}

/** `c` of a criterion held directly by its pillar (no component between them). */
export const DIRECT = -1;

/** A pillar's (c = DIRECT) or a component's criteria. */
export function criteriaAt(pillar: Pillar, c: number): readonly Criterion[] | undefined {
  return c === DIRECT ? pillar.criteria : pillar.components?.[c]?.criteria;
}

/** Every criterion of a pillar, through its components or held directly. */
export function pillarCriteria(pillar: Pillar): readonly Criterion[] {
  return pillar.criteria ?? (pillar.components ?? []).flatMap((c) => c.criteria);
}

/** Pillars of a scorecard have components; pillars of an aggregate are names only. */
export function pillarsOf(def: Definition): readonly (Pillar | { id: string; name: Text; components?: undefined })[] {
  return def.kind === 'classifier' ? [] : def.pillars;
}

/**
 * Builds the keyed tree. A duplicated id (possible in a draft; validation reports it) gets a `#2`, `#3` suffix so
 * canvas keys stay unique.
 */
export function buildTree(def: Definition): DefinitionTree {
  const byKey = new Map<string, TreeNode>();
  const order: string[] = [];
  const claim = (kind: NodeKind, id: string): string => {
    const base = nodeKey(kind, id);
    let key = base;
    for (let n = 2; byKey.has(key); n++) key = `${base}#${n}`;
    return key;
  };
  const add = (node: TreeNode) => {
    byKey.set(node.key, node);
    order.push(node.key);
    if (node.parent) byKey.get(node.parent)!.children.push(node.key);
  };
  add({ key: INDEX_KEY, kind: 'index', id: def.id, path: { kind: 'index' }, pointer: '', parent: null, children: [] });
  const pillarKeys: string[] = [];
  const componentKeys: string[][] = [];
  const criterionKeys: string[][][] = [];
  const directKeys: string[][] = [];
  pillarsOf(def).forEach((pillar, p) => {
    const pk = claim('pillar', pillar.id);
    pillarKeys.push(pk);
    add({
      key: pk,
      kind: 'pillar',
      id: pillar.id,
      path: { kind: 'pillar', p },
      pointer: `/pillars/${p}`,
      parent: INDEX_KEY,
      children: [],
    });
    const cks: string[] = [];
    const kks: string[][] = [];
    const direct: string[] = [];
    ('criteria' in pillar ? (pillar.criteria ?? []) : []).forEach((criterion, k) => {
      const kk = claim('criterion', criterion.id);
      direct.push(kk);
      add({
        key: kk,
        kind: 'criterion',
        id: criterion.id,
        path: { kind: 'criterion', p, c: DIRECT, k },
        pointer: `/pillars/${p}/criteria/${k}`,
        parent: pk,
        children: [],
      });
    });
    directKeys.push(direct);
    (pillar.components ?? []).forEach((component, c) => {
      const ck = claim('component', component.id);
      cks.push(ck);
      add({
        key: ck,
        kind: 'component',
        id: component.id,
        path: { kind: 'component', p, c },
        pointer: `/pillars/${p}/components/${c}`,
        parent: pk,
        children: [],
      });
      const row: string[] = [];
      component.criteria.forEach((criterion, k) => {
        const kk = claim('criterion', criterion.id);
        row.push(kk);
        add({
          key: kk,
          kind: 'criterion',
          id: criterion.id,
          path: { kind: 'criterion', p, c, k },
          pointer: `/pillars/${p}/components/${c}/criteria/${k}`,
          parent: ck,
          children: [],
        });
      });
      kks.push(row);
    });
    componentKeys.push(cks);
    criterionKeys.push(kks);
  });
  return { byKey, order, pillarKeys, componentKeys, criterionKeys, directKeys };
}

export function keyAt(tree: DefinitionTree, path: NodePath): string | undefined {
  switch (path.kind) {
    case 'index':
      return INDEX_KEY;
    case 'pillar':
      return tree.pillarKeys[path.p];
    case 'component':
      return tree.componentKeys[path.p]?.[path.c];
    case 'criterion':
      return path.c === DIRECT ? tree.directKeys[path.p]?.[path.k] : tree.criterionKeys[path.p]?.[path.c]?.[path.k];
  }
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const INDEX_SEGMENT = /^(0|[1-9][0-9]*)$/;

/**
 * The node a JSON pointer concerns: the deepest pillar/component/criterion on its way, else the index.
 * `/pillars/2/components/1/criteria/4/weight` → that criterion; `/pillars/2/rules/0/when` → the pillar;
 * `/pillars/0/components/1/criteria` (e.g. "must have at least 1 item") → the component; `/rules/…`, `/max` → the index.
 */
export function keyForPointer(tree: DefinitionTree, pointer: string): string {
  const s = parsePointer(pointer);
  let key = INDEX_KEY;
  if (s[0] !== 'pillars' || s[1] === undefined || !INDEX_SEGMENT.test(s[1])) return key;
  const p = Number(s[1]);
  key = tree.pillarKeys[p] ?? key;
  if (s[2] === 'criteria' && s[3] !== undefined && INDEX_SEGMENT.test(s[3]))
    return tree.directKeys[p]?.[Number(s[3])] ?? key;
  if (s[2] !== 'components' || s[3] === undefined || !INDEX_SEGMENT.test(s[3])) return key;
  const c = Number(s[3]);
  key = tree.componentKeys[p]?.[c] ?? key;
  if (s[4] !== 'criteria' || s[5] === undefined || !INDEX_SEGMENT.test(s[5])) return key;
  const k = Number(s[5]);
  return tree.criterionKeys[p]?.[c]?.[k] ?? key;
}

/** Groups issues by the node they concern. */
export function issuesByNode(tree: DefinitionTree, issues: readonly Issue[]): Record<string, Issue[]> {
  const out: Record<string, Issue[]> = {};
  for (const issue of issues) {
    const key = keyForPointer(tree, issue.path);
    (out[key] ??= []).push(issue);
  }
  return out;
}

/** First node with this kind and id. */
export function findPath(def: Definition, kind: NodeKind, id: string): NodePath | undefined {
  if (kind === 'index') return { kind: 'index' };
  const pillars = pillarsOf(def);
  for (let p = 0; p < pillars.length; p++) {
    const pillar = pillars[p]!;
    if (kind === 'pillar' && pillar.id === id) return { kind: 'pillar', p };
    if (kind === 'criterion' && 'criteria' in pillar && pillar.criteria) {
      const k = pillar.criteria.findIndex((x) => x.id === id);
      if (k >= 0) return { kind: 'criterion', p, c: DIRECT, k };
    }
    const components = pillar.components ?? [];
    for (let c = 0; c < components.length; c++) {
      const component = components[c]!;
      if (kind === 'component' && component.id === id) return { kind: 'component', p, c };
      if (kind === 'criterion') {
        const k = component.criteria.findIndex((x) => x.id === id);
        if (k >= 0) return { kind: 'criterion', p, c, k };
      }
    }
  }
  return undefined;
}

export type NodeAt =
  | { kind: 'index'; value: Definition }
  | { kind: 'pillar'; value: Pillar | { id: string; name: Text } }
  | { kind: 'component'; value: Component }
  | { kind: 'criterion'; value: Criterion };

/** The definition's object at a path, or undefined when the path does not exist. */
export function nodeAt(def: Definition, path: NodePath): NodeAt | undefined {
  if (path.kind === 'index') return { kind: 'index', value: def };
  const pillar = pillarsOf(def)[path.p];
  if (!pillar) return undefined;
  if (path.kind === 'pillar') return { kind: 'pillar', value: pillar };
  if (path.kind === 'criterion' && path.c === DIRECT) {
    const criterion = 'criteria' in pillar ? pillar.criteria?.[path.k] : undefined;
    return criterion ? { kind: 'criterion', value: criterion } : undefined;
  }
  const component = pillar.components?.[path.c];
  if (!component) return undefined;
  if (path.kind === 'component') return { kind: 'component', value: component };
  const criterion = component.criteria[path.k];
  return criterion ? { kind: 'criterion', value: criterion } : undefined;
}

export function pointerOf(path: NodePath): string {
  switch (path.kind) {
    case 'index':
      return '';
    case 'pillar':
      return `/pillars/${path.p}`;
    case 'component':
      return `/pillars/${path.p}/components/${path.c}`;
    case 'criterion':
      return path.c === DIRECT
        ? `/pillars/${path.p}/criteria/${path.k}`
        : `/pillars/${path.p}/components/${path.c}/criteria/${path.k}`;
  }
}

/** The pillar key that contains a node (itself for a pillar), or undefined for the index. */
export function pillarKeyOf(tree: DefinitionTree, key: string): string | undefined {
  let node = tree.byKey.get(key);
  while (node && node.kind !== 'pillar') node = node.parent ? tree.byKey.get(node.parent) : undefined;
  return node?.key;
}
