import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ClassifierDefinition, Definition, LevelCriterion, ScorecardDefinition } from './definition.js';
import { diffDefinitions } from './diff.js';

// Read from the files, not through @dbi/indices: that package depends on this one (no cycle in the build graph).
const national = (id: string) =>
  JSON.parse(readFileSync(new URL(`../../../indices/${id}/1.0.0.json`, import.meta.url), 'utf8')) as Definition;
const large = () => structuredClone(national('large')) as ScorecardDefinition;
/** large@1.1.0 as a draft derived from 1.0.0, before any edit. */
const revision = () => ({ ...large(), version: '1.1.0', derivedFrom: 'large@1.0.0' }) as ScorecardDefinition;
const component = (d: ScorecardDefinition, id: string) =>
  d.pillars.flatMap((p) => p.components!).find((c) => c.id === id)!;
const criterion = (d: ScorecardDefinition, id: string) =>
  d.pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria)).find((k) => k.id === id)! as LevelCriterion;
const nodeChanges = (a: Definition, b: Definition) => diffDefinitions(a, b).changes.filter((c) => c.node !== undefined);

describe('diffDefinitions', () => {
  it('finds nothing between a definition and itself', () => {
    const d = diffDefinitions(large(), large());
    expect(d.identical).toBe(true);
    expect(d.changes).toEqual([]);
    expect(d.from).toEqual(d.to);
  });

  it('a fresh revision differs only by its lineage', () => {
    const d = diffDefinitions(large(), revision());
    expect(d.identical).toBe(false);
    expect(d.to.version).toBe('1.1.0');
    expect(d.changes).toEqual([
      { change: 'metadata-changed', field: 'derivedFrom', before: null, after: 'large@1.0.0' },
    ]);
  });

  it('re-worded and re-weighted criterion 3.2.5', () => {
    const b = revision();
    const k = criterion(b, '3.2.5');
    const before = { ...k.text };
    k.text = { ...k.text, vi: 'Văn bản mới' };
    k.weight = 2;
    expect(nodeChanges(large(), b)).toEqual([
      {
        change: 'reworded',
        node: 'criterion',
        id: '3.2.5',
        field: 'text',
        languages: ['vi'],
        before,
        after: { vi: 'Văn bản mới', en: before.en },
      },
      { change: 'reweighted', node: 'criterion', id: '3.2.5', field: 'weight', before: 1, after: 2 },
    ]);
  });

  it('a criterion moved to another component is moved, not removed and added', () => {
    const b = revision();
    const from = component(b, '1.1');
    const moved = from.criteria.pop()!; // 1.1.9
    component(b, '1.2').criteria.push(moved);
    expect(nodeChanges(large(), b)).toEqual([
      { change: 'moved', node: 'criterion', id: '1.1.9', fromParent: '1.1', toParent: '1.2' },
    ]);
  });

  it('a component moved to another pillar', () => {
    const b = revision();
    const c = b.pillars[0]!.components!.splice(3, 1)[0]!; // 1.4
    b.pillars[1]!.components!.push(c);
    expect(nodeChanges(large(), b)).toEqual([
      { change: 'moved', node: 'component', id: '1.4', fromParent: '1', toParent: '2' },
    ]);
  });

  it('moving one criterion to the front re-orders that criterion only', () => {
    const b = revision();
    const c = component(b, '3.2');
    c.criteria.unshift(c.criteria.pop()!); // 3.2.7 first
    expect(nodeChanges(large(), b)).toEqual([
      {
        change: 'reordered',
        node: 'criterion',
        id: '3.2.7',
        fromParent: '3.2',
        toParent: '3.2',
        fromPosition: 6,
        toPosition: 0,
      },
    ]);
  });

  it('added and removed criteria and components', () => {
    const b = revision();
    const c = component(b, '3.3');
    c.criteria.splice(1, 1); // remove 3.3.2
    c.criteria.push({ id: '3.3.5', text: { vi: 'Mới', en: 'New' }, weight: 1 });
    b.pillars[5]!.components!.push({
      id: '6.9',
      name: { vi: 'Mới', en: 'New' },
      criteria: [{ id: '6.9.1', text: { vi: 'a', en: 'a' }, weight: 1 }],
    });
    const pillar6 = b.pillars[5]!.id;
    expect(nodeChanges(large(), b)).toEqual([
      { change: 'removed', node: 'criterion', id: '3.3.2', fromParent: '3.3' },
      { change: 'added', node: 'criterion', id: '3.3.5', toParent: '3.3' },
      { change: 'added', node: 'component', id: '6.9', toParent: pillar6 },
      { change: 'added', node: 'criterion', id: '6.9.1', toParent: '6.9' },
    ]);
  });

  it('maxima of components, pillars and the index', () => {
    const b = revision();
    component(b, '1.1').max = 50;
    b.pillars[0]!.max = 130;
    b.max = 700;
    const d = diffDefinitions(large(), b);
    expect(d.changes.filter((c) => c.change === 'max-changed')).toEqual([
      { change: 'max-changed', node: 'pillar', id: '1', field: 'max', before: 125, after: 130 },
      { change: 'max-changed', node: 'component', id: '1.1', field: 'max', before: 45, after: 50 },
      { change: 'max-changed', field: 'max', before: 695, after: 700 },
    ]);
    expect(d.summary['max-changed']).toBe(3);
  });

  it('rules changed, per list: overall threshold, pillar bands, a pillar override', () => {
    const a = large();
    const b = revision();
    // Table 1's level-3 threshold moved from 278 to 300 points.
    b.rules.overall = structuredClone(b.rules.overall);
    const level3 = b.rules.overall.find((r) => r.level === 3)!;
    level3.when = JSON.parse(JSON.stringify(level3.when).replace('278', '300'));
    b.pillars[2]!.rules = [{ level: 0, when: true }];
    const rules = diffDefinitions(a, b).changes.filter((c) => c.change === 'rules-changed');
    expect(rules.map((c) => c.field)).toEqual(['rules.overall', 'pillars/3/rules']);
    expect(rules[0]!.before).toEqual(a.rules.overall);
    expect(rules[1]).toMatchObject({ before: null, after: [{ level: 0, when: true }] });
    expect(rules.some((c) => c.field === 'rules.pillar')).toBe(false);
  });

  it('levels and metadata', () => {
    const b = revision();
    b.levels[5] = { ...b.levels[5]!, name: { vi: 'Dẫn đầu', en: 'Leader' } };
    b.title = { ...b.title, en: 'Large enterprises, revised' };
    const kinds = diffDefinitions(large(), b).changes.map((c) => [c.change, c.field]);
    expect(kinds).toEqual([
      ['levels-changed', 'levels'],
      ['metadata-changed', 'title'],
      ['metadata-changed', 'derivedFrom'],
    ]);
  });

  it('classifier outputs: rules per output, and changed inputs', () => {
    const a = structuredClone(national('size')) as ClassifierDefinition;
    const b = structuredClone(a);
    b.version = '1.0.1';
    b.outputs[0]!.rules = b.outputs[0]!.rules.slice(1);
    b.inputs[1]!.required = !b.inputs[1]!.required;
    const d = diffDefinitions(a, b);
    expect(d.changes.map((c) => [c.change, c.node ?? null, c.id ?? null, c.field])).toEqual([
      ['changed', 'input', 'employees', 'required'],
      ['rules-changed', null, null, `outputs/${a.outputs[0]!.name}/rules`],
    ]);
  });

  it('compares any two indices, e.g. sme against large, and drafts that do not validate yet', () => {
    const d = diffDefinitions(national('sme'), national('large'));
    expect(d.from.id).toBe('sme');
    expect(d.to.id).toBe('large');
    expect(d.changes.some((c) => c.change === 'added' && c.node === 'criterion')).toBe(true);
    const broken = { ...revision(), pillars: [{ id: '1' }, 'junk', { components: 7 }] } as unknown as Definition;
    const e = diffDefinitions(large(), broken);
    expect(e.changes.filter((c) => c.node === 'pillar' && c.change === 'removed').map((c) => c.id)).toEqual([
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });
});

describe('diffDefinitions: the v2 fields', () => {
  const example = () =>
    JSON.parse(
      readFileSync(new URL('../../../indices/readiness-example/1.0.0.json', import.meta.url), 'utf8'),
    ) as ScorecardDefinition;
  const next = () =>
    ({ ...example(), version: '1.1.0', derivedFrom: 'readiness-example@1.0.0' }) as ScorecardDefinition;
  const changes = (b: ScorecardDefinition) =>
    diffDefinitions(example(), b).changes.filter((c) => c.field !== 'derivedFrom' || c.change !== 'metadata-changed');

  it('names a raised threshold in words: "overall level 3: total > 278 → > 300"', () => {
    const b = revision();
    const level3 = b.rules.overall.find((r) => r.level === 3)!;
    level3.when = JSON.parse(JSON.stringify(level3.when).replace('278', '300'));
    const rules = diffDefinitions(large(), b).changes.filter((c) => c.change === 'rules-changed');
    expect(rules.map((c) => c.details)).toEqual([['overall level 3: total > 278 → > 300']]);
  });

  it('names score bands, gates and added or removed rules per level', () => {
    const b = next();
    b.rules.pillar[0]!.when = { '>=': [{ var: 'score' }, 85] };
    b.rules.overall[0]!.when = { and: [{ '>=': [{ var: 'score' }, 80] }, { '>=': [{ var: 'atLeast.4' }, 5] }] };
    b.rules.overall.splice(2, 1); // level 2
    expect(changes(b).map((c) => [c.field, c.details])).toEqual([
      ['rules.pillar', ['pillars level 4: score >= 80 → >= 85']],
      [
        'rules.overall',
        ['overall level 4: atLeast.3 >= pillars → atLeast.4 >= 5', 'overall level 2: removed (score >= 40)'],
      ],
    ]);
  });

  it('names pillar weights, applies rules, answer types, option points, bands, caps, profile facts and the scale', () => {
    const b = next();
    b.pillars[0]!.weight = 25;
    const k33 = b.pillars[2]!.criteria![2]!;
    k33.applies = { in: [{ var: 'profile.sector' }, ['manufacturing', 'agriculture']] };
    const k11 = b.pillars[0]!.criteria![0]! as { options: { points?: number }[] };
    k11.options[3]!.points = 5;
    const k22 = b.pillars[1]!.criteria![1]! as { bands: { upTo: number; points: number }[] };
    k22.bands[1]!.upTo = 15;
    const k21 = b.pillars[1]!.criteria![0]! as { cap?: number };
    k21.cap = 6;
    b.pillars[0]!.criteria![2] = { id: '1.3', type: 'level', text: b.pillars[0]!.criteria![2]!.text, weight: 1 };
    b.profile![1]!.minimum = 1;
    b.scale![5]!.name = { vi: 'Tối ưu hoá', en: 'Optimised' };
    expect(changes(b).map((c) => [c.change, c.node ?? null, c.id ?? null, c.field, c.before, c.after])).toEqual([
      ['changed', 'profile', 'employees', 'minimum', 0, 1],
      ['reweighted', 'pillar', '1', 'weight', 20, 25],
      ['changed', 'option', '1.1/d', 'points', 6, 5],
      ['changed', 'criterion', '1.3', 'type', 'boolean', 'level'],
      ['changed', 'criterion', '1.3', 'points', 3, null],
      ['reweighted', 'criterion', '1.3', 'weight', null, 1],
      ['changed', 'criterion', '2.1', 'cap', 5, 6],
      ['changed', 'criterion', '2.2', 'bands', expect.anything(), expect.anything()],
      ['changed', 'criterion', '3.3', 'applies', expect.anything(), expect.anything()],
      ['levels-changed', null, null, 'scale', expect.anything(), expect.anything()],
    ]);
  });

  it('options and profile facts added and removed, criteria directly under a pillar moved', () => {
    const b = next();
    const k23 = b.pillars[1]!.criteria![2]! as { options: { id: string }[] };
    k23.options = k23.options.filter((o) => o.id !== 'n');
    b.profile!.push({ name: 'exporter', type: 'boolean', required: false, text: { vi: 'Xuất khẩu', en: 'Exporter' } });
    b.pillars[6]!.criteria!.push(b.pillars[5]!.criteria!.pop()!); // 6.3 into pillar 7
    expect(changes(b).map((c) => [c.change, c.node, c.id])).toEqual([
      ['removed', 'option', '2.3/n'], // removals first, then b's document order
      ['added', 'profile', 'exporter'],
      ['moved', 'criterion', '6.3'],
    ]);
  });
});
