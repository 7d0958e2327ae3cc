import { describe, expect, it } from 'vitest';
import { validateDefinition, type ScorecardDefinition } from '@dbi/schema';
import { reconcileNodes, toFlow, type DesignerNode } from './to-flow.js';
import { NODE_SIZE } from './nodes/specifications.js';
import { buildTree, findPath, issuesByNode } from './tree.js';
import { setText, setWeight } from './edit.js';
import { diffView } from './diff.js';
import { presetAnswers, simulate } from './simulate.js';
import { group, large, sme } from './testing/fixtures.js';
import { largeRevision } from './testing/revisions.js';
import { syntheticScorecard } from './testing/synthetic.js';

const byId = (nodes: DesignerNode[]) => new Map(nodes.map((n) => [n.id, n]));

function overlaps(nodes: DesignerNode[]): [string, string] | undefined {
  const boxes = nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, w: n.width!, h: n.height! }));
  boxes.sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j]!.x < boxes[i]!.x + boxes[i]!.w; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) return [a.id, b.id];
    }
  }
  return undefined;
}

describe('toFlow', () => {
  it('draws the large index as a left-to-right tree: one node per element, one edge per parent link', () => {
    const { nodes, edges } = toFlow(large());
    expect(nodes).toHaveLength(1 + 6 + 25 + 139);
    expect(edges).toHaveLength(nodes.length - 1);
    const m = byId(nodes);
    for (const e of edges) {
      expect(m.has(e.source) && m.has(e.target)).toBe(true);
      // Children sit to the right of their parent.
      expect(m.get(e.target)!.position.x).toBeGreaterThan(m.get(e.source)!.position.x + m.get(e.source)!.width!);
    }
    expect(overlaps(nodes)).toBeUndefined();
    // Each kind has its column.
    const xs = (type: string) => new Set(nodes.filter((n) => n.type === type).map((n) => n.position.x));
    for (const type of ['index', 'pillar', 'component', 'criterion']) expect(xs(type).size).toBe(1);
  });

  it('keeps pillars in document order from top to bottom, each subtree in its own band', () => {
    const { nodes } = toFlow(large());
    const pillars = nodes.filter((n) => n.type === 'pillar');
    expect(pillars.map((n) => n.id)).toEqual(['pillar:1', 'pillar:2', 'pillar:3', 'pillar:4', 'pillar:5', 'pillar:6']);
    const ys = pillars.map((n) => n.position.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    const m = byId(nodes);
    const c11 = m.get('criterion:1.1.1')!.position.y;
    const c611 = m.get('criterion:6.1.1')!.position.y;
    expect(c11).toBeLessThan(c611);
  });

  it('gives every node a fixed size and handles, so nothing waits for measuring', () => {
    const { nodes } = toFlow(sme());
    for (const n of nodes) {
      expect(n.measured).toEqual(NODE_SIZE[n.type]);
      expect(n.width).toBe(NODE_SIZE[n.type].width);
      expect(n.handles!.length).toBe(n.type === 'index' || n.type === 'criterion' ? 1 : 2);
    }
  });

  it('carries the data the node kinds show: ids, texts, points (weight × top level), weights', () => {
    const m = byId(toFlow(sme()).nodes);
    const k = m.get('criterion:2.1.1')!;
    expect(k.type).toBe('criterion');
    expect(k.data).toMatchObject({ kind: 'criterion', id: '2.1.1', weight: 5, max: 25 });
    expect(m.get('pillar:1')!.data).toMatchObject({
      kind: 'pillar',
      max: 65,
      components: 2,
      criteria: 13,
      collapsed: false,
    });
    expect(m.get('index')!.data).toMatchObject({ kind: 'index', max: 320, pillars: 6, criteria: 60, version: '1.0.0' });
  });

  it('hides the subtree of a collapsed pillar, keeping its issue count on the pillar', () => {
    const def = setWeight(large(), findPath(large(), 'criterion', '3.2.5')!, 1.5);
    const checked = validateDefinition(def);
    const issues = issuesByNode(buildTree(def), checked.ok ? [] : checked.issues);
    const { nodes, edges } = toFlow(def, { collapsed: ['3'], issuesByNode: issues });
    expect(nodes.some((n) => n.id.startsWith('criterion:3.'))).toBe(false);
    expect(nodes.some((n) => n.id.startsWith('component:3.'))).toBe(false);
    expect(nodes).toHaveLength(1 + 6 + (25 - 5) + (139 - 29)); // pillar 3: 5 components, 29 criteria
    expect(edges).toHaveLength(nodes.length - 1);
    const pillar = byId(nodes).get('pillar:3')!;
    expect(pillar.data).toMatchObject({ collapsed: true, hiddenIssues: 1 });
    const open = byId(toFlow(def, { issuesByNode: issues }).nodes);
    expect(open.get('criterion:3.2.5')!.data.issues).toHaveLength(1);
    expect(overlaps(nodes)).toBeUndefined();
  });

  it('shows simulation results on the index and pillars and answers on criteria', () => {
    const def = large();
    const answers = presetAnswers(def, { kind: 'level', level: 3 });
    const sim = simulate(def, answers);
    if (!sim.ok) throw new Error(sim.message);
    const m = byId(toFlow(def, { result: sim.result, answers }).nodes);
    expect(m.get('pillar:1')!.data).toMatchObject({ sim: { points: 75, max: 125, level: 3 } });
    expect(m.get('index')!.data).toMatchObject({ sim: { total: 417, max: 695, level: 3 } });
    expect(m.get('criterion:1.1.1')!.data).toMatchObject({ answer: 3 });
  });

  it('marks diff statuses and draws removed nodes as ghosts where they were', () => {
    const { base, head } = largeRevision();
    const view = diffView(base, head);
    const { nodes, edges } = toFlow(head, { diff: view });
    const m = byId(nodes);
    expect(m.get('criterion:3.2.5')!.data).toMatchObject({ diff: 'changed' });
    expect(m.get('criterion:2.2.3')!.data).toMatchObject({ diff: 'moved' });
    expect(m.get('criterion:6.3.4')!.data).toMatchObject({ diff: 'added' });
    const ghost = m.get('ghost:criterion:1.3.3')!;
    expect(ghost.data).toMatchObject({ diff: 'removed', ghost: true, id: '1.3.3' });
    expect(ghost.draggable).toBe(false);
    expect(edges.find((e) => e.target === ghost.id)).toMatchObject({
      source: 'component:1.3',
      className: 'dbi-edge-removed',
    });
    expect(m.get('criterion:1.1.1')!.data.diff).toBeUndefined();
    expect(overlaps(nodes)).toBeUndefined();
  });

  it('draws a group index as the index and its pillars', () => {
    const { nodes } = toFlow(group());
    expect(nodes.map((n) => n.id)).toEqual([
      'index',
      'pillar:1',
      'pillar:2',
      'pillar:3',
      'pillar:4',
      'pillar:5',
      'pillar:6',
    ]);
  });

  it('never writes into the definition', () => {
    const def = large();
    const before = JSON.stringify(def);
    toFlow(def, { collapsed: ['1'], selected: 'criterion:1.1.1' });
    expect(JSON.stringify(def)).toBe(before);
  });

  it('lays out 2,000 criteria without overlaps, readable and all connected', () => {
    const def = syntheticScorecard(large(), 2000);
    expect(validateDefinition(def).ok).toBe(true);
    const { nodes, edges } = toFlow(def);
    expect(nodes.filter((n) => n.type === 'criterion')).toHaveLength(2000);
    expect(edges).toHaveLength(nodes.length - 1);
    expect(overlaps(nodes)).toBeUndefined();
  });

  it('marks read-only nodes as not draggable', () => {
    const { nodes } = toFlow(sme(), { readOnly: true });
    expect(nodes.every((n) => n.draggable === false)).toBe(true);
    expect(toFlow(sme()).nodes.find((n) => n.type === 'criterion')!.draggable).toBe(true);
  });
});

describe('reconcileNodes', () => {
  it('keeps the previous object of every node an edit did not touch', () => {
    const def = large();
    const first = toFlow(def).nodes;
    const edited = setText(def, findPath(def, 'criterion', '3.2.5')!, 'text', 'en', 'Cloud') as ScorecardDefinition;
    const second = reconcileNodes(first, toFlow(edited).nodes);
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual(['criterion:3.2.5']);
    expect(reconcileNodes(second, toFlow(edited).nodes)).toBe(second);
  });
});
