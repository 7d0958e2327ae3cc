// React Flow gestures → edit operations on the definition. Positions on the canvas are never saved: a drag only
// means "move this criterion into that component" (or a component into a pillar); the layout then places it.
import type { Definition } from '@dbi/schema';
import { buildTree, type DefinitionTree } from './tree.js';
import { moveNode, type Placed } from './edit.js';
import type { NodePath } from './types.js';

/** The definition position a canvas node key stands for (undefined for ghosts and unknown keys). */
export function pathOfKey(treeOrDef: DefinitionTree | Definition, key: string): NodePath | undefined {
  const tree = 'byKey' in treeOrDef ? treeOrDef : buildTree(treeOrDef);
  return tree.byKey.get(key)?.path;
}

/**
 * A node dropped on another: a criterion onto a component (or onto a criterion, meaning "into its component,
 * just before it"), a component onto a pillar (or onto a component: before it). Anything else is not a move.
 */
export function dropMove(def: Definition, draggedKey: string, targetKey: string): Placed | undefined {
  if (draggedKey === targetKey) return undefined;
  const tree = buildTree(def);
  const from = pathOfKey(tree, draggedKey);
  const to = pathOfKey(tree, targetKey);
  if (!from || !to) return undefined;
  if (from.kind === 'criterion') {
    if (to.kind === 'component') {
      if (to.p === from.p && to.c === from.c) return undefined;
      return moveNode(def, from, to);
    }
    if (to.kind === 'criterion') {
      const sameList = to.p === from.p && to.c === from.c;
      const at = sameList && from.k < to.k ? to.k - 1 : to.k;
      if (sameList && at === from.k) return undefined;
      return moveNode(def, from, { kind: 'component', p: to.p, c: to.c }, at);
    }
  }
  if (from.kind === 'component') {
    if (to.kind === 'pillar') {
      if (to.p === from.p) return undefined;
      return moveNode(def, from, to);
    }
    if (to.kind === 'component') {
      const sameList = to.p === from.p;
      const at = sameList && from.c < to.c ? to.c - 1 : to.c;
      if (sameList && at === from.c) return undefined;
      return moveNode(def, from, { kind: 'pillar', p: to.p }, at);
    }
  }
  return undefined;
}
