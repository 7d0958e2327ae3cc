// Starting rules for a new row, one per rule place, in that place's standard shape (rule-shapes.ts parses each of
// them, so the new row opens in the sentence editor), and the variables each place may read, from the schema.
import type { Definition, LevelRule } from '@dbi/schema';
import { AGGREGATE_VARS, SCORECARD_OVERALL_VARS, SCORECARD_PILLAR_VARS } from '@dbi/schema';
import type { RulePlace } from './edit.js';

/** Which rule list a place is: a scorecard's pillar or overall levels, or a group index's levels. */
export type RuleContext = 'pillar' | 'overall' | 'group';

export function ruleContextOf(def: Definition, place: RulePlace): RuleContext {
  if (def.kind === 'aggregate') return 'group';
  return place.scope === 'overall' ? 'overall' : 'pillar';
}

/** Starting rule for a new row, in the place's standard shape. */
export function templateRule(ctx: RuleContext, level: number): LevelRule {
  switch (ctx) {
    case 'pillar':
      return { level, when: { '>=': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, 0] }] } };
    case 'overall':
      return { level, when: { and: [{ '>': [{ var: 'total' }, 0] }, { '>=': [{ var: `atLeast.${level}` }, 0] }] } };
    case 'group':
      return { level, when: { '>=': [{ var: 'sum' }, { '*': [{ var: 'weight' }, level] }] } };
  }
}

/**
 * Every variable name a rule may read, as the schema declares them (plus `atLeast.<level>`, which depends on the
 * levels, and `mean`, the designer's name for the group's `sum / weight` ratio).
 */
export const RULE_VARIABLES: ReadonlySet<string> = new Set<string>([
  ...SCORECARD_PILLAR_VARS,
  ...SCORECARD_OVERALL_VARS,
  ...AGGREGATE_VARS,
  'mean',
]);

export const AT_LEAST = /^atLeast\.(\d+)$/;
