// Rule warnings over the national rules (their explanations match their thresholds and their thresholds fall with
// the levels: no warning) and over edits made by hand to them.
import { describe, expect, it } from 'vitest';
import type { LevelRule, ScorecardDefinition } from '@dbi/schema';
import { ruleWarnings, thresholdsOf } from './rule-warnings.js';
import { large, sme } from './testing/fixtures.js';

const when = (t: number) => ({ '>': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, t] }] });

describe('ruleWarnings', () => {
  it('finds nothing to warn about in the national scorecards', () => {
    for (const def of [large(), sme()] as ScorecardDefinition[]) {
      expect(ruleWarnings(def.rules.pillar)).toEqual(new Map());
      expect(ruleWarnings(def.rules.overall, { max: def.max! })).toEqual(new Map());
    }
  });

  it('reads thresholds as a person writes them', () => {
    const def = large();
    expect(thresholdsOf(def.rules.pillar[0]!)).toEqual(['80']);
    // Level 5: total > 556 and every pillar at level 5 (a count against a count: no number to write).
    expect(thresholdsOf(def.rules.overall[0]!)).toEqual(['556']);
    // Level 4: total > 417 and at least 5 pillars at level 4.
    expect(thresholdsOf(def.rules.overall[1]!)).toEqual(['417', '5']);
  });

  it('flags an explanation that no longer names a changed threshold', () => {
    const rules: LevelRule[] = large().rules.pillar.map((r, i) => (i === 0 ? { ...r, when: when(85) } : r));
    expect(ruleWarnings(rules)).toEqual(new Map([[0, [{ code: 'stale-text', values: ['85'] }]]]));
  });

  it('flags thresholds out of order and thresholds above a changed maximum', () => {
    const rules: LevelRule[] = large().rules.pillar.map((r, i) =>
      i === 1 ? { ...r, when: when(90), text: undefined! } : r,
    );
    delete (rules[1] as { text?: unknown }).text;
    // Rule 1 (level 5, > 80 %) comes before rule 2 (level 4, now > 90 %): level 4 asks more than level 5.
    expect(ruleWarnings(rules).get(0)).toEqual([{ code: 'order', before: 0, after: 1 }]);
    const overall = large().rules.overall;
    // The large index's maximum is 695; cut to 500, "total > 556" can never hold.
    expect(ruleWarnings(overall, { max: 500 }).get(0)).toEqual([{ code: 'absolute', value: 556, max: 500 }]);
    expect(ruleWarnings(overall, { max: 695 }).get(0)).toBeUndefined();
  });
});
