// Simulation: answers in, the engine's result out. Scoring is @dbi/engine's `score`, the same code the server and
// the CLI run; this module only prepares answers (presets) and keeps stale ones out.
import type { Answers, Definition, Issue, Profile, ScoreAnswers, ScoreResult, ScorecardDefinition } from '@dbi/schema';
import { answerScale } from '@dbi/schema';
import { pillarCriteria } from './tree.js';
import { compile, EngineError, score } from '@dbi/engine';

export type Preset = { kind: 'level'; level: number } | { kind: 'random' } | { kind: 'clear' };

export function criterionIds(def: ScorecardDefinition): string[] {
  const ids: string[] = [];
  for (const p of def.pillars) for (const k of pillarCriteria(p)) ids.push(k.id);
  return ids;
}

/** Answers for every criterion: all at one level, uniformly random levels, or none (clear). */
export function presetAnswers(
  def: ScorecardDefinition,
  preset: Preset,
  random: () => number = Math.random,
): ScoreAnswers {
  const out: ScoreAnswers = {};
  if (preset.kind === 'clear') return out;
  const top = answerScale(def).length - 1;
  const pick = <T>(list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(random() * list.length))]!;
  for (const p of def.pillars)
    for (const k of pillarCriteria(p)) {
      const level = preset.kind === 'level' ? Math.max(0, Math.min(top, preset.level)) : undefined;
      switch (k.type) {
        case undefined:
        case 'level':
          out[k.id] = level ?? Math.floor(random() * (top + 1));
          break;
        case 'choice': {
          // "All at level k" for a question: its k-th option counted from the lowest (the scale's reading).
          const scored = k.options.filter((o) => !o.notApplicable);
          out[k.id] = (
            level === undefined ? pick(scored) : scored[Math.round((level * (scored.length - 1)) / top)]!
          ).id;
          break;
        }
        case 'multi':
          out[k.id] =
            level === undefined
              ? k.options.filter(() => random() < 0.5).map((o) => o.id)
              : k.options.slice(0, Math.round((level * k.options.length) / top)).map((o) => o.id);
          break;
        case 'number':
          out[k.id] = k.integer ? k.min : k.min;
          if (level !== undefined) {
            const v = k.min + ((k.max - k.min) * level) / top;
            out[k.id] = k.integer ? Math.round(v) : Math.round(v * 100) / 100;
          } else out[k.id] = k.integer ? k.min + Math.floor(random() * (k.max - k.min + 1)) : k.min;
          break;
        case 'boolean':
          out[k.id] = level === undefined ? random() < 0.5 : level * 2 >= top;
          break;
      }
    }
  return out;
}

export type Simulation =
  | { ok: true; result: ScoreResult }
  | { ok: false; reason: 'not-scorecard' | 'invalid-definition' | 'invalid-input'; issues: Issue[]; message: string };

/**
 * Scores the answers with the engine (with its explanation trace). Answers for criteria the draft no longer has are
 * left out, so removing a criterion never breaks the simulation.
 */
export function simulate(def: Definition, answers: ScoreAnswers | Answers, profile: Profile = {}): Simulation {
  if (def.kind !== 'scorecard')
    return { ok: false, reason: 'not-scorecard', issues: [], message: `a ${def.kind} is not simulated here` };
  const known = new Set(criterionIds(def));
  const input: ScoreAnswers = {};
  for (const [id, value] of Object.entries(answers)) if (known.has(id)) input[id] = value;
  let compiled;
  try {
    compiled = compile(def);
  } catch (e) {
    if (e instanceof EngineError)
      return { ok: false, reason: 'invalid-definition', issues: e.issues, message: e.message };
    throw e;
  }
  if (compiled.kind !== 'scorecard') throw new Error('a scorecard compiled to another kind');
  try {
    // Profile facts are given only to definitions that declare them (1970-shaped ones take answers alone).
    const withProfile = def.profile && def.profile.length ? { profile } : {};
    return { ok: true, result: score(compiled, { ...withProfile, answers: input }, { explain: true }) };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, reason: 'invalid-input', issues: e.issues, message: e.message };
    throw e;
  }
}
