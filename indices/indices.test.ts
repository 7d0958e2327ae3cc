// Every definition under indices/ can be published and run (the engine's one check), sits at <id>/<version>.json,
// is exported by index.js, and the national ones match the counts and maxima the Decision states (1970/QĐ-BTTTT
// section II.1 and the Tables 1 of Appendices I and II).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import {
  contentHash,
  validateDefinition,
  type Component,
  type LevelCriterion,
  type Pillar,
  type ScorecardDefinition,
} from '@dbi/schema';

/** The national scorecards' shape: pillars of components of level criteria (the 1970 form of the language). */
type NationalScorecard = Omit<ScorecardDefinition, 'pillars'> & {
  pillars: (Omit<Pillar, 'components'> & {
    components: (Omit<Component, 'criteria'> & { criteria: LevelCriterion[] })[];
  })[];
};
import { bundledIndices } from './index.js';

const root = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'node_modules')
  .flatMap((d) =>
    readdirSync(join(root, d.name))
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(d.name, f)),
  );
const load = (rel: string) => JSON.parse(readFileSync(join(root, rel), 'utf8')) as Record<string, unknown>;

describe('every definition file', () => {
  it('the national indices are all there', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(['group/1.0.0.json', 'large/1.0.0.json', 'size/1.0.0.json', 'sme/1.0.0.json']),
    );
  });
  it.each(files)('%s is valid and named after its id and version', (rel) => {
    const def = load(rel);
    expect(definitionIssues(def)).toEqual([]);
    expect(rel).toBe(`${def.id}/${def.version}.json`);
    expect(def.$schema).toBe('../../packages/schema/json/definition.schema.json');
  });
  it('the check refuses a file the schema accepts but the engine cannot run exactly', () => {
    const def = load('sme/1.0.0.json') as unknown as ScorecardDefinition;
    // points × (2^53 − 1) leaves the integers a double holds exactly: well-formed and meaningful, but not exact.
    def.rules.pillar[0]!.when = { '>': [{ '*': [{ var: 'points' }, 9007199254740991] }, 0] };
    expect(validateDefinition(def).ok).toBe(true);
    expect(definitionIssues(def)).toEqual([
      expect.objectContaining({ path: '/rules/pillar/0/when/>/0/*', code: 'rule-unsafe-integer' }),
    ]);
  });
  it('index.js exports every file under indices/, each exactly as stored', () => {
    expect(bundledIndices.map((d) => `${d.id}/${d.version}.json`).sort()).toEqual([...files].sort());
    for (const d of bundledIndices) expect(d).toEqual(load(`${d.id}/${d.version}.json`));
  });
});

describe('published national versions keep their content hashes', () => {
  // The hashes of sme, large, group and size @1.0.0 as published (computed from the files at their publication);
  // a definition file that changes by a byte, or a change to canonical JSON, changes them.
  it.each([
    ['sme', 'e7c43a39ed9ae150a2b4df7953d725582c316ab533cf4439a8a99bd4e64a72a7'],
    ['large', '06e343d22f5ce48a4ed69c4f72863ca0ea345b21d4b73bbea64201b8c9855d04'],
    ['group', '4a275d2bc4148c31e8f1f2faf58bc7339ed926d4d4a521b9cdf4ff3825d41a84'],
    ['size', '5599c8fefddce2b2b52cf3d2a74cf07cf6149463eb6c200dc52e5e3f9f0bfb22'],
  ])('%s@1.0.0', (id, hash) => {
    expect(contentHash(load(`${id}/1.0.0.json`))).toBe(hash);
  });
  it('readiness-example@1.0.0 is marked as an example, not a national index', () => {
    expect(load('readiness-example/1.0.0.json').example).toBe(true);
  });
});

/** The Decision's own numbers, typed in from its text (not derived from the data). */
const DECISION = {
  sme: {
    components: 10,
    criteria: 60,
    max: 320,
    pillars: [
      { criteria: 13, components: 2, max: 65 },
      { criteria: 1, components: 1, max: 25 },
      { criteria: 16, components: 2, max: 80 },
      { criteria: 13, components: 2, max: 65 },
      { criteria: 10, components: 2, max: 50 },
      { criteria: 7, components: 1, max: 35 },
    ],
  },
  large: {
    components: 25,
    criteria: 139,
    max: 695,
    pillars: [
      { criteria: 25, components: 4, max: 125 },
      { criteria: 24, components: 6, max: 120 },
      { criteria: 29, components: 5, max: 145 },
      { criteria: 22, components: 4, max: 110 },
      { criteria: 22, components: 3, max: 110 },
      { criteria: 17, components: 3, max: 85 },
    ],
  },
} as const;

describe.each(['sme', 'large'] as const)('%s@1.0.0 against the Decision', (id) => {
  const def = load(`${id}/1.0.0.json`) as unknown as NationalScorecard;
  const want = DECISION[id];
  const top = def.levels.length - 1;
  const criteria = def.pillars.flatMap((p) => p.components.flatMap((c) => c.criteria));

  it('has 6 pillars numbered 1..6 and levels 0..5', () => {
    expect(def.pillars.map((p) => p.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(def.levels.map((l) => l.level)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it(`has ${want.components} components, ${want.criteria} criteria and ${want.max} points`, () => {
    expect(def.pillars.reduce((n, p) => n + p.components.length, 0)).toBe(want.components);
    expect(criteria).toHaveLength(want.criteria);
    expect(criteria.reduce((s, c) => s + c.weight * top, 0)).toBe(want.max);
    expect(def.max).toBe(want.max);
  });
  it('matches Table 1 pillar by pillar', () => {
    def.pillars.forEach((p, i) => {
      const w = want.pillars[i]!;
      const crit = p.components.flatMap((c) => c.criteria);
      expect({
        criteria: crit.length,
        components: p.components.length,
        max: crit.reduce((s, c) => s + c.weight * top, 0),
      }).toEqual(w);
      expect(p.max).toBe(w.max);
    });
  });
  it('numbers every node as the Decision does (pillar.component.criterion)', () => {
    def.pillars.forEach((p, pi) =>
      p.components.forEach((c, ci) => {
        expect(c.id).toBe(`${pi + 1}.${ci + 1}`);
        c.criteria.forEach((k, ki) => expect(k.id).toBe(`${c.id}.${ki + 1}`));
      }),
    );
  });
  it('records its source and the decisions taken on the scanned text', () => {
    expect(def.instrument.number).toBe('1970/QĐ-BTTTT');
    expect(def.instrument.signed).toBe('2021-12-13');
    expect(def.source.appendix).toBe(id === 'sme' ? 'I' : 'II');
    expect((def.decisions ?? []).length).toBeGreaterThan(3);
    expect((def.decisions ?? []).some((d) => d.kind === 'ocr')).toBe(true);
  });
});

describe('weights the Decision sets apart', () => {
  it('sme criterion 2.1.1 is worth 5 points a level; every other criterion 1', () => {
    const def = load('sme/1.0.0.json') as unknown as NationalScorecard;
    const weights = Object.fromEntries(
      def.pillars.flatMap((p) => p.components.flatMap((c) => c.criteria.map((k) => [k.id, k.weight]))),
    );
    expect(weights['2.1.1']).toBe(5);
    expect(
      Object.entries(weights)
        .filter(([, w]) => w !== 1)
        .map(([k]) => k),
    ).toEqual(['2.1.1']);
  });
});

describe('seed defects are decided and recorded beside the data', () => {
  const large = load('large/1.0.0.json') as unknown as NationalScorecard;
  it('large: the missing level-3 threshold is 278 (Table 1) and says so', () => {
    const rule = large.rules.overall.find((r) => r.level === 3)!;
    expect(JSON.stringify(rule.when)).toContain('278');
    expect(large.decisions!.some((d) => d.ref === 'rules.overall' && d.decision.en.includes('278'))).toBe(true);
  });
  it('size: the garbled Appendix IV table is replaced by Decree 80/2021 art. 5, recorded', () => {
    const size = load('size/1.0.0.json') as { decisions: Array<{ kind: string; decision: { en: string } }> };
    expect(size.decisions.some((d) => d.kind === 'defect' && d.decision.en.includes('80/2021'))).toBe(true);
  });
  it('group: level 5 is named as in section II.2, and the rename is recorded', () => {
    const group = load('group/1.0.0.json') as {
      levels: Array<{ name: { vi: string } }>;
      decisions: Array<{ id: string }>;
    };
    expect(group.levels[5]!.name.vi).toBe('Dẫn dắt');
    expect(group.decisions.map((d) => d.id)).toContain('level-5-name');
  });
});
