import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@dbi/schema';
import { buildTree, findPath, INDEX_KEY, issuesByNode, keyAt, keyForPointer, nodeAt, pillarKeyOf } from './tree.js';
import { setId, setWeight } from './edit.js';
import { group, large, size } from './testing/fixtures.js';

describe('buildTree', () => {
  it('keys the large index as index → 6 pillars → 25 components → 139 criteria, in document order', () => {
    const tree = buildTree(large());
    const kinds = tree.order.map((k) => tree.byKey.get(k)!.kind);
    expect(kinds.filter((k) => k === 'index')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'pillar')).toHaveLength(6);
    expect(kinds.filter((k) => k === 'component')).toHaveLength(25);
    expect(kinds.filter((k) => k === 'criterion')).toHaveLength(139);
    expect(tree.order.slice(0, 4)).toEqual([INDEX_KEY, 'pillar:1', 'component:1.1', 'criterion:1.1.1']);
    expect(tree.byKey.get('criterion:3.2.5')).toMatchObject({
      parent: 'component:3.2',
      path: { kind: 'criterion', p: 2, c: 1, k: 4 },
      pointer: '/pillars/2/components/1/criteria/4',
    });
  });

  it('gives a duplicated id a distinct key, so the canvas never sees two nodes with one key', () => {
    const def = large();
    const dup = setId(def, findPath(def, 'criterion', '1.1.2')!, '1.1.1');
    const tree = buildTree(dup);
    expect(tree.criterionKeys[0]![0]!.slice(0, 2)).toEqual(['criterion:1.1.1', 'criterion:1.1.1#2']);
    expect(new Set(tree.order).size).toBe(tree.order.length);
  });

  it('has pillars without children for a group index and only the index for a classifier', () => {
    expect(buildTree(group()).order).toEqual([
      INDEX_KEY,
      'pillar:1',
      'pillar:2',
      'pillar:3',
      'pillar:4',
      'pillar:5',
      'pillar:6',
    ]);
    expect(buildTree(size()).order).toEqual([INDEX_KEY]);
  });
});

describe('keyForPointer', () => {
  const tree = buildTree(large());
  it.each([
    ['/pillars/2/components/1/criteria/4/weight', 'criterion:3.2.5'],
    ['/pillars/2/components/1/criteria/4/text/en', 'criterion:3.2.5'],
    ['/pillars/2/components/1/criteria/4', 'criterion:3.2.5'],
    ['/pillars/2/components/1/criteria', 'component:3.2'],
    ['/pillars/2/components/1/max', 'component:3.2'],
    ['/pillars/2/rules/0/when', 'pillar:3'],
    ['/pillars/2', 'pillar:3'],
    ['/rules/overall/1/when', INDEX_KEY],
    ['/max', INDEX_KEY],
    ['/', INDEX_KEY],
    ['', INDEX_KEY],
    // Positions that do not exist fall back to the nearest existing ancestor.
    ['/pillars/2/components/99/criteria/0', 'pillar:3'],
    ['/pillars/99', INDEX_KEY],
    ['/pillars/x/components/0', INDEX_KEY],
  ])('%s → %s', (pointer, key) => {
    expect(keyForPointer(tree, pointer)).toBe(key);
  });
});

describe('issuesByNode', () => {
  it('pins the validator’s issues on the nodes they concern', () => {
    const def = large();
    // 3.2.5 now weighs 2: the declared maxima of its component, pillar and index no longer add up.
    const edited = setWeight(def, findPath(def, 'criterion', '3.2.5')!, 2);
    const checked = validateDefinition(edited);
    expect(checked.ok).toBe(false);
    const byNode = issuesByNode(buildTree(edited), checked.ok ? [] : checked.issues);
    expect(Object.keys(byNode).sort()).toEqual(['component:3.2', INDEX_KEY, 'pillar:3'].sort());
    expect(byNode['component:3.2']![0]!.code).toBe('max-mismatch');

    // A fractional weight is a shape error on the criterion itself.
    const fractional = setWeight(def, findPath(def, 'criterion', '3.2.5')!, 1.5);
    const checked2 = validateDefinition(fractional);
    const byNode2 = issuesByNode(buildTree(fractional), checked2.ok ? [] : checked2.issues);
    expect(byNode2['criterion:3.2.5']?.[0]?.path).toBe('/pillars/2/components/1/criteria/4/weight');
  });
});

describe('paths', () => {
  it('finds nodes by id and reads them back', () => {
    const def = large();
    const path = findPath(def, 'criterion', '3.2.5')!;
    expect(path).toEqual({ kind: 'criterion', p: 2, c: 1, k: 4 });
    const at = nodeAt(def, path);
    expect(at?.kind === 'criterion' && at.value.id).toBe('3.2.5');
    expect(keyAt(buildTree(def), path)).toBe('criterion:3.2.5');
    expect(findPath(def, 'criterion', 'nope')).toBeUndefined();
    expect(nodeAt(def, { kind: 'criterion', p: 9, c: 0, k: 0 })).toBeUndefined();
    expect(pillarKeyOf(buildTree(def), 'criterion:3.2.5')).toBe('pillar:3');
  });
});
