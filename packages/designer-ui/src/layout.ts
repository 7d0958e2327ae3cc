// Automatic left-to-right layout with dagre. Each pillar's subtree is laid out on its own and the blocks are
// stacked: subtrees of a tree never share edges, so this is what one global layout would give, while an edit or a
// collapse re-lays out only the pillar it touches (dagre is superlinear: 2,000 criteria in one graph take ~1.5 s).
// Dagre's upper-left alignment puts each parent level with its first child, so the tree reads like an outline from
// the top: index → pillar 1 → component 1.1 → criterion 1.1.1 on one line, each band starting with its parent
// (a centred pillar of 29 criteria would sit a screen away from the first of them).
import dagre from '@dagrejs/dagre';
import type { NodeKind } from './types.js';

/** Each kind's fixed size (nodes/specifications.ts holds them; passed in so layout stays free of React). */
export type NodeSizes = Readonly<Record<NodeKind, { width: number; height: number }>>;

export const RANK_GAP = 48;
export const SIBLING_GAP = 10;
const PILLAR_GAP = 28;

export interface LayoutNode {
  kind: NodeKind;
  children: readonly string[];
}

/** Anything shaped as a tree of keyed nodes (the definition tree, or it plus ghosts of removed nodes). */
export interface LayoutTree {
  root: string;
  byKey: ReadonlyMap<string, LayoutNode>;
}

export interface Point {
  x: number;
  y: number;
}

interface Block {
  /** Top-left positions relative to the block's top-left. */
  positions: Map<string, Point>;
  height: number;
}

// One cache per size table (in practice one), so a block laid out for other sizes is never reused.
const caches = new WeakMap<NodeSizes, Map<string, Block>>();
const CACHE_LIMIT = 256;

function signature(tree: LayoutTree, key: string): string {
  const parts: string[] = [];
  const walk = (k: string) => {
    const node = tree.byKey.get(k)!;
    parts.push(k, node.kind, String(node.children.length));
    node.children.forEach(walk);
  };
  walk(key);
  return parts.join('\u0000');
}

function layoutBlock(tree: LayoutTree, key: string, sizes: NodeSizes): Block {
  let cache = caches.get(sizes);
  if (!cache) caches.set(sizes, (cache = new Map()));
  const sig = signature(tree, key);
  const hit = cache.get(sig);
  if (hit) return hit;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', align: 'UL', nodesep: SIBLING_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const walk = (k: string) => {
    const node = tree.byKey.get(k)!;
    g.setNode(k, { ...sizes[node.kind] });
    for (const child of node.children) {
      walk(child);
      g.setEdge(k, child);
    }
  };
  walk(key);
  dagre.layout(g);
  let minX = Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const raw = new Map<string, Point>();
  for (const k of g.nodes()) {
    const n = g.node(k);
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    raw.set(k, { x, y });
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y + n.height);
  }
  const positions = new Map<string, Point>();
  for (const [k, p] of raw) positions.set(k, { x: p.x - minX, y: p.y - minY });
  const block = { positions, height: maxY - minY };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(sig, block);
  return block;
}

/**
 * Top-left positions for every node reachable from the root, skipping the children of collapsed keys.
 * The root sits left, vertically centred on its children; each child subtree is one dagre block.
 */
export function layoutTree(
  tree: LayoutTree,
  sizes: NodeSizes,
  collapsed: ReadonlySet<string> = new Set(),
): Map<string, Point> {
  // Collapsed nodes are laid out as leaves.
  const view = new Map<string, LayoutNode>();
  for (const [k, n] of tree.byKey) view.set(k, collapsed.has(k) ? { kind: n.kind, children: [] } : n);
  const visible: LayoutTree = { root: tree.root, byKey: view };

  const out = new Map<string, Point>();
  const root = view.get(tree.root)!;
  const rootSize = sizes[root.kind];
  const left = rootSize.width + RANK_GAP;
  let y = 0;
  for (const child of root.children) {
    const block = layoutBlock(visible, child, sizes);
    for (const [k, p] of block.positions) out.set(k, { x: left + p.x, y: y + p.y });
    y += block.height + PILLAR_GAP;
  }
  // The root sits level with its first child, like every other parent.
  const first = root.children[0];
  const firstAt = first ? out.get(first) : undefined;
  const firstSize = first ? sizes[view.get(first)!.kind] : rootSize;
  out.set(tree.root, { x: 0, y: firstAt ? firstAt.y + firstSize.height / 2 - rootSize.height / 2 : 0 });
  return out;
}
