// What the score routes and the scoring worker must agree on: the response schema per result kind (compiled into
// the same serializers on both sides) and which member indices a group input names.
import { ClassifyResult, GroupResult, ScoreResult } from '@dbi/schema';
import { inline } from '../schemas.js';

export const RESULT_SCHEMAS = {
  scorecard: inline(ScoreResult),
  aggregate: inline(GroupResult),
  classifier: inline(ClassifyResult),
} as const;

/** Member index refs named by group inputs' units, at most 64 (as the registry's resolver bounds them). */
export function memberRefs(inputs: readonly unknown[]): string[] {
  const refs = new Set<string>();
  for (const input of inputs) {
    const units = (input as { units?: unknown } | null)?.units;
    if (!Array.isArray(units)) continue;
    for (const u of units) {
      const ref = (u as { index?: unknown } | null)?.index;
      if (typeof ref === 'string' && refs.size < 64) refs.add(ref);
    }
  }
  return [...refs];
}
