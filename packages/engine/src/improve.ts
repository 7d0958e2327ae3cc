// "What to improve first": for each pillar below the top level, the criteria that reach a higher pillar level by
// themselves, each with the smallest gain of points that does it. Nothing here knows an index: every candidate answer
// comes from the definition (the answer scale, the options, the bands) and every outcome is decided by `score`, so
// the advice follows any revision or variant exactly, with the same rules and the same integer arithmetic.
import type { Criterion, Pillar, ScoreAnswerValue, ScoreResult } from '@dbi/schema';
import type { CompiledScorecard } from './compile.js';
import { score } from './score.js';

export interface ImprovementStep {
  criterion: string;
  /** The answer that reaches the higher level with the fewest points (the lowest such answer). */
  answer: ScoreAnswerValue;
  /** Points the pillar gains with it. */
  gain: number;
  /** The pillar's level with it. */
  level: number;
}

export interface PillarImprovement {
  pillar: string;
  level: number;
  /** The next level of the index's scale, or null at the top. */
  next: number | null;
  /** Criteria that reach `next` (or higher) alone, fewest points first, then in definition order. */
  steps: ImprovementStep[];
}

interface Input {
  profile?: Record<string, unknown>;
  answers: Record<string, unknown>;
}

const criteriaOf = (p: Pillar): Criterion[] => p.criteria ?? (p.components ?? []).flatMap((c) => c.criteria);
const sameAnswer = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every other answer the criterion allows that could score more than nothing, lowest first. */
function candidates(c: CompiledScorecard, cr: Criterion, current: unknown): ScoreAnswerValue[] {
  switch (cr.type) {
    case undefined:
    case 'level': {
      const scale = c.definition.scale ?? c.definition.levels;
      return scale.map((l) => l.level).filter((k) => k > 0 && k !== current);
    }
    case 'choice':
      // A not-applicable option removes the criterion from the maximum: that is a fact to state, not an improvement.
      return cr.options.filter((o) => !o.notApplicable && o.id !== current).map((o) => o.id);
    case 'multi': {
      const chosen = Array.isArray(current) ? current.filter((x): x is string => typeof x === 'string') : [];
      const order = cr.options.map((o) => o.id);
      return order
        .filter((id) => !chosen.includes(id))
        .map((id) => order.filter((o) => o === id || chosen.includes(o)));
    }
    case 'boolean':
      return current === true ? [] : [true];
    case 'number': {
      // Each band's own upper edge (within the criterion's range) is a value in that band.
      const values = cr.bands.map((b) => Math.min(b.upTo, cr.max)).filter((v) => v >= cr.min);
      return [...new Set(values)].filter((v) => v !== current);
    }
  }
}

/**
 * For each pillar of `result` (the score of `input`) that is not at the index's top level: the criteria whose
 * improvement alone raises the pillar's level, each with the answer that does it with the fewest points.
 */
export function improvements(c: CompiledScorecard, input: Input, result?: ScoreResult): PillarImprovement[] {
  const base = result ?? score(c, input);
  const top = Math.max(...c.definition.levels.map((l) => l.level));
  const na = new Set(base.notApplicable ?? []);
  // One working copy of the answers, changed in place for each trial and put back: hundreds of trials per call.
  const work: Record<string, unknown> = { ...input.answers };
  const trialInput = { ...input, answers: work };
  const out: PillarImprovement[] = [];
  for (const pr of base.pillars) {
    const pillar = c.definition.pillars.find((p) => p.id === pr.id)!;
    const higher = c.definition.levels.map((l) => l.level).filter((l) => l > pr.level);
    const next = higher.length ? Math.min(...higher) : null;
    const steps: ImprovementStep[] = [];
    if (pr.level < top) {
      for (const cr of criteriaOf(pillar)) {
        if (na.has(cr.id)) continue;
        const current = input.answers[cr.id];
        let best: ImprovementStep | undefined;
        for (const answer of candidates(c, cr, current)) {
          if (sameAnswer(answer, current)) continue;
          let trial: ScoreResult;
          work[cr.id] = answer;
          try {
            trial = score(c, trialInput);
          } catch {
            continue; // an answer the definition refuses (e.g. out of range) is no advice
          } finally {
            if (current === undefined) delete work[cr.id];
            else work[cr.id] = current;
          }
          const tp = trial.pillars.find((p) => p.id === pr.id);
          if (!tp || tp.level <= pr.level) continue;
          const gain = tp.points - pr.points;
          if (!best || gain < best.gain) best = { criterion: cr.id, answer, gain, level: tp.level };
          // Level answers are tried lowest first and score level × weight: the first that reaches is the cheapest.
          if (cr.type === undefined || cr.type === 'level') break;
        }
        if (best) steps.push(best);
      }
    }
    // Stable sort: equal gains stay in definition order.
    steps.sort((a, b) => a.gain - b.gain);
    out.push({ pillar: pr.id, level: pr.level, next, steps });
  }
  return out;
}
