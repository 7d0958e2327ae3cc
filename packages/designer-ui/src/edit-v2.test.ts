// The index language v2 in the designer's pure core: criteria directly under pillars (tree, pointers, edits),
// pillars added and removed, answer types converted, pillar weights, the level scale, profile facts. Expected
// values are worked out by hand from readiness-example@1.0.0 (issue 8 item 7) and the edits' own inputs.
import { describe, expect, it } from 'vitest';
import { loadBundled } from '@dbi/indices';
import type { Criterion, ScorecardDefinition } from '@dbi/schema';
import { definitionIssues } from '@dbi/engine';
import {
  addCriterion,
  addPillar,
  moveNode,
  removeNode,
  reorderNode,
  setLevels,
  setNodeField,
  setPillarWeights,
  setProfile,
  sumMax,
  syncMaxima,
  withAnswerType,
} from './edit.js';
import { buildTree, DIRECT, findPath, keyForPointer, nodeAt, pointerOf } from './tree.js';
import { toFlow } from './to-flow.js';
import { large } from './testing/fixtures.js';

const readiness = () => structuredClone(loadBundled('readiness-example@1.0.0')) as ScorecardDefinition;

describe('criteria directly under pillars', () => {
  it('are nodes of the tree with their own pointers, found by id, and drawn under their pillar', () => {
    const def = readiness();
    const tree = buildTree(def);
    expect(tree.byKey.get('pillar:3')!.children).toEqual([
      'criterion:3.1',
      'criterion:3.2',
      'criterion:3.3',
      'criterion:3.4',
      'criterion:3.5',
      'criterion:3.6',
    ]);
    const path = findPath(def, 'criterion', '3.3')!;
    expect(path).toEqual({ kind: 'criterion', p: 2, c: DIRECT, k: 2 });
    expect(pointerOf(path)).toBe('/pillars/2/criteria/2');
    expect(keyForPointer(tree, '/pillars/2/criteria/2/options/1/points')).toBe('criterion:3.3');
    expect((nodeAt(def, path)!.value as Criterion).id).toBe('3.3');
    const flow = toFlow(def);
    expect(flow.edges.some((e) => e.source === 'pillar:3' && e.target === 'criterion:3.3')).toBe(true);
  });

  it('maxima follow each answer type: pillar 2 = 5 (multi, cap 5) + 5 (number bands) + 4 (choice) = 14', () => {
    const def = readiness();
    expect(sumMax(def, findPath(def, 'criterion', '2.1')!)).toBe(5);
    expect(sumMax(def, findPath(def, 'criterion', '2.2')!)).toBe(5);
    expect(sumMax(def, findPath(def, 'criterion', '2.3')!)).toBe(4);
    expect(sumMax(def, findPath(def, 'pillar', '2')!)).toBe(14);
    // 4.1 is a level criterion of weight 2 on the 0..5 answer scale: 10.
    expect(sumMax(def, findPath(def, 'criterion', '4.1')!)).toBe(10);
    expect(syncMaxima(def)).toBe(def); // nothing declared, nothing to change
  });

  it('are added, reordered, moved between pillars and removed', () => {
    const def = readiness();
    const added = addCriterion(def, findPath(def, 'pillar', '1')!);
    expect(added.path).toEqual({ kind: 'criterion', p: 0, c: DIRECT, k: 3 });
    const d1 = added.definition as ScorecardDefinition;
    expect(d1.pillars[0]!.criteria!.map((k) => k.id)).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(d1.pillars[0]!.criteria![3]).toMatchObject({ id: '1.4', weight: 1 });
    const up = reorderNode(d1, added.path, -1);
    expect((up.definition as ScorecardDefinition).pillars[0]!.criteria!.map((k) => k.id)).toEqual([
      '1.1',
      '1.2',
      '1.4',
      '1.3',
    ]);
    const moved = moveNode(d1, added.path, { kind: 'pillar', p: 1 }, 0);
    const d2 = moved.definition as ScorecardDefinition;
    expect(d2.pillars[1]!.criteria!.map((k) => k.id)).toEqual(['1.4', '2.1', '2.2', '2.3']);
    expect(d2.pillars[0]!.criteria!.map((k) => k.id)).toEqual(['1.1', '1.2', '1.3']);
    const d3 = removeNode(d2, moved.path) as ScorecardDefinition;
    expect(d3.pillars[1]!.criteria!.map((k) => k.id)).toEqual(['2.1', '2.2', '2.3']);
    // A pillar holding components takes no direct criterion.
    const l = large();
    expect(() => addCriterion(l, findPath(l, 'pillar', '1')!)).toThrow(/holds components/);
  });
});

describe('pillars, weights, answer types, levels and profile facts', () => {
  it('adds a pillar with one criterion, joining the weights with weight 1, and the result is valid', () => {
    const def = readiness();
    const { definition, path } = addPillar(def);
    const d = definition as ScorecardDefinition;
    expect(path).toEqual({ kind: 'pillar', p: 7 });
    expect(d.pillars[7]).toEqual({
      id: '8',
      name: { vi: 'Trụ cột mới', en: 'New pillar' },
      weight: 1,
      criteria: [{ id: '8.1', text: { vi: 'Tiêu chí mới', en: 'New criterion' }, weight: 1 }],
    });
    expect(definitionIssues(d)).toEqual([]);
    // large has no weights: a new pillar there has none either, and holds its criteria directly.
    const l = addPillar(large()).definition as ScorecardDefinition;
    expect(l.pillars[6]).not.toHaveProperty('weight');
  });

  it('sets every pillar weight or none; a single weight is set on its own', () => {
    const l = large();
    const w = setPillarWeights(l, [3, 1, 1, 1, 1, 1]) as ScorecardDefinition;
    expect(w.pillars.map((p) => p.weight)).toEqual([3, 1, 1, 1, 1, 1]);
    expect(definitionIssues(w)).toEqual([]);
    const one = setNodeField(w, { kind: 'pillar', p: 1 }, 'weight', 4) as ScorecardDefinition;
    expect(one.pillars.map((p) => p.weight)).toEqual([3, 4, 1, 1, 1, 1]);
    const none = setPillarWeights(one, undefined) as ScorecardDefinition;
    expect(none.pillars.every((p) => !('weight' in p))).toBe(true);
  });

  it('converts a criterion between answer types, keeping id, texts and applicability', () => {
    const def = readiness();
    const k33 = nodeAt(def, findPath(def, 'criterion', '3.3')!)!.value as Criterion;
    const asBool = withAnswerType(k33, 'boolean');
    expect(asBool).toEqual({ id: '3.3', text: k33.text, applies: k33.applies, type: 'boolean', points: 1 });
    const asMulti = withAnswerType(k33, 'multi');
    expect(asMulti).toMatchObject({ type: 'multi', options: k33.type === 'choice' ? k33.options : [] });
    const asNumber = withAnswerType(k33, 'number');
    expect(asNumber).toMatchObject({
      type: 'number',
      min: 0,
      max: 100,
      bands: [
        { upTo: 0, points: 0 },
        { upTo: 100, points: 1 },
      ],
    });
    const asLevel = withAnswerType(asBool, 'level');
    expect(asLevel).toEqual({ id: '3.3', text: k33.text, applies: k33.applies, weight: 1 });
    expect(withAnswerType(asLevel, 'level')).toBe(asLevel);
  });

  it('renames, adds and removes result levels, numbering them 0, 1, …', () => {
    const def = readiness();
    const renamed = setLevels(
      def,
      def.levels.map((l, i) => (i === 1 ? { ...l, name: { vi: 'Khởi đầu', en: 'Starter' } } : l)),
    ) as ScorecardDefinition;
    expect(renamed.levels[1]!.name).toEqual({ vi: 'Khởi đầu', en: 'Starter' });
    const fewer = setLevels(def, [def.levels[0]!, def.levels[2]!]) as ScorecardDefinition;
    expect(fewer.levels.map((l) => l.level)).toEqual([0, 1]);
  });

  it('declares and drops profile facts', () => {
    const l = large();
    const facts = [
      {
        name: 'sector',
        type: 'string' as const,
        required: true,
        text: { vi: 'Ngành', en: 'Sector' },
        values: [{ value: 'retail', text: { vi: 'Bán lẻ', en: 'Retail' } }],
      },
    ];
    const withFacts = setProfile(l, facts) as ScorecardDefinition;
    expect(withFacts.profile).toEqual(facts);
    const applies = setNodeField(withFacts, findPath(withFacts, 'criterion', '1.1.1')!, 'applies', {
      '==': [{ var: 'profile.sector' }, 'retail'],
    }) as ScorecardDefinition;
    expect(definitionIssues(applies)).toEqual([]);
    expect(setProfile(withFacts, [])).not.toHaveProperty('profile');
  });
});
