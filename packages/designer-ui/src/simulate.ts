// Simulation: answers in, the engine's result out. Scoring is @dbi/engine's `score`, the same code the server and
// the CLI run; this module only prepares answers (presets) and keeps stale ones out.
import type { Answers, Definition, Issue, ScoreResult, ScorecardDefinition } from '@dbi/schema';
import { compile, EngineError, score } from '@dbi/engine';

export type Preset = { kind: 'level'; level: number } | { kind: 'random' } | { kind: 'clear' };

export function criterionIds(def: ScorecardDefinition): string[] {
  const ids: string[] = [];
  for (const p of def.pillars) for (const c of p.components!) for (const k of c.criteria) ids.push(k.id);
  return ids;
}

/** Answers for every criterion: all at one level, uniformly random levels, or none (clear). */
export function presetAnswers(def: ScorecardDefinition, preset: Preset, random: () => number = Math.random): Answers {
  const out: Answers = {};
  if (preset.kind === 'clear') return out;
  const top = def.levels.length - 1;
  for (const id of criterionIds(def)) {
    out[id] = preset.kind === 'level' ? Math.max(0, Math.min(top, preset.level)) : Math.floor(random() * (top + 1));
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
export function simulate(def: Definition, answers: Answers): Simulation {
  if (def.kind !== 'scorecard')
    return { ok: false, reason: 'not-scorecard', issues: [], message: `a ${def.kind} is not simulated here` };
  const known = new Set(criterionIds(def));
  const input: Answers = {};
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
    return { ok: true, result: score(compiled, { answers: input }, { explain: true }) };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, reason: 'invalid-input', issues: e.issues, message: e.message };
    throw e;
  }
}
