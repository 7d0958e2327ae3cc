// score(): one enterprise's answers → points and level per pillar and overall. The common case (a valid input)
// is one pass over the answers' keys into flat per-criterion arrays; anything odd falls through to a careful pass
// that names every problem with its JSON pointer.
import type { Issue, PillarResult, ScoreResult, TraceStep } from '@dbi/schema';
import { decide, type CompiledScorecard, type RunRule, type ScorecardPlan } from './compile.js';
import { EngineError, esc, isPlainObject, show } from './errors.js';
import { scoreGeneral } from './general.js';
import { readProfile } from './profile.js';
import type { RunOptions } from './options.js';
import { ENGINE_VERSION } from './version.js';

export type { Resolver, RunOptions } from './options.js';

export { show };

/** Checks the envelope `{ref?, profile?, answers}`; returns the answers object, or undefined with issues pushed. */
function envelope(input: unknown, issues: Issue[]): Record<string, unknown> | undefined {
  if (!isPlainObject(input)) {
    issues.push({
      path: '/',
      code: 'input-not-object',
      message: 'the input must be a JSON object {"answers": {"<criterion id>": <level or null>, …}}',
    });
    return undefined;
  }
  // for-in rather than Object.keys: no array per call; inherited keys are not the input's and are skipped.
  for (const k in input) {
    if (k !== 'answers' && k !== 'ref' && k !== 'profile' && Object.hasOwn(input, k)) {
      issues.push({
        path: `/${esc(k)}`,
        code: 'unknown-property',
        message: 'is not an allowed property (allowed: ref, profile, answers)',
      });
    }
  }
  const ref = input.ref;
  if (ref !== undefined && (typeof ref !== 'string' || ref.length > 200)) {
    issues.push({ path: '/ref', code: 'invalid-ref', message: 'must be a string of at most 200 characters' });
  }
  const answers = input.answers;
  if (answers === undefined) {
    issues.push({ path: '/answers', code: 'required', message: 'is required' });
    return undefined;
  }
  if (!isPlainObject(answers)) {
    issues.push({
      path: '/answers',
      code: 'answers-not-object',
      message: 'must be an object mapping criterion ids to levels (or null)',
    });
    return undefined;
  }
  return answers;
}

/** The careful pass: every answer key in input order, own properties only. */
function checkAnswers(c: CompiledScorecard, answers: Record<string, unknown>, issues: Issue[]): void {
  const p = c.plan;
  for (const k of Object.keys(answers)) {
    const at = `/answers/${esc(k)}`;
    if (!p.criterionIndex.has(k)) {
      issues.push({ path: at, code: 'unknown-criterion', message: `"${k}" is not a criterion of ${c.ref}` });
      continue;
    }
    const v = answers[k];
    if (v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      issues.push({
        path: at,
        code: 'level-not-integer',
        message: `must be a level ${p.lowest}..${p.maxLevel} or null, found ${show(v)}`,
      });
    } else if (v > p.maxLevel) {
      issues.push({
        path: at,
        code: 'level-out-of-range',
        message: `level ${v} is above the highest level ${p.maxLevel}`,
      });
    } else if (v < p.lowest) {
      issues.push({
        path: at,
        code: 'level-out-of-range',
        message: `level ${v} is below the lowest level ${p.lowest}`,
      });
    }
  }
}

/**
 * Sums points and answered counts per pillar into the plan's scratch arrays and returns the missing criteria, or
 * undefined when some answer is not a valid level of a known criterion (the careful pass then names it).
 * It walks the answers' own keys once: every key must be a criterion, which is also how unknown ids are caught.
 */
function tally(p: ScorecardPlan, answers: Record<string, unknown>, ownKeys = false): string[] | undefined {
  const { ids, seen } = p;
  p.points.fill(0);
  p.answered.fill(0);
  seen.fill(0);
  // V8 keeps objects of up to 127 properties in fast mode, where for-in is cheapest; beyond that (the large
  // index's 139 answers) objects are hash tables and Object.keys enumerates them faster. for-in would also see
  // inherited keys, so it is used only on plain objects (what JSON.parse makes).
  const proto: unknown = Object.getPrototypeOf(answers);
  // `prev` is the slot of the previous key's criterion (0 before the first key), for the successor cache in visit.
  let prev = 0;
  if (ids.length <= 127 && !ownKeys && (proto === Object.prototype || proto === null)) {
    for (const k in answers) if ((prev = visit(p, answers, k, prev)) < 0) return undefined;
  } else {
    const keys = Object.keys(answers);
    for (let j = 0; j < keys.length; j++) if ((prev = visit(p, answers, keys[j]!, prev)) < 0) return undefined;
  }
  const missing: string[] = [];
  for (let i = 0; i < ids.length; i++) if (seen[i] === 0) missing.push(ids[i]!);
  return missing;
}

/**
 * One answer: adds its points and returns its criterion's slot (index + 1), or -1 when the key or the value needs
 * the careful pass. `prev` is the slot of the key before it.
 */
function visit(p: ScorecardPlan, answers: Record<string, unknown>, k: string, prev: number): number {
  // Inputs of one batch list their keys in much the same order: remember which key followed each criterion last
  // time, so the common case costs a string identity check instead of a hash lookup.
  let i: number;
  if (p.nextKey[prev] === k) i = p.nextIndex[prev]!;
  else {
    const found = p.criterionIndex.get(k);
    if (found === undefined) return -1;
    i = found;
    p.nextKey[prev] = k;
    p.nextIndex[prev] = i;
  }
  const v = answers[k];
  if (typeof v === 'number') {
    // (v | 0) === v: a whole number in int32 range; with the bounds below, exactly a valid level.
    if ((v | 0) !== v || v < 0 || v > p.maxLevel) return -1;
    const pi = p.pillarOf[i]!;
    p.points[pi] = p.points[pi]! + v * p.weights[i]!;
    p.answered[pi] = p.answered[pi]! + 1;
    p.seen[i] = 1;
  } else if (v !== null) return -1;
  return i + 1;
}

export function ruleText(r: RunRule | undefined) {
  return r?.text ? { text: r.text } : {};
}

/** Scores one enterprise's answers against a compiled scorecard. Throws EngineError listing every input problem. */
export function score(c: CompiledScorecard, input: unknown, o?: RunOptions): ScoreResult {
  const issues: Issue[] = [];
  const answers = envelope(input, issues);
  if (!answers) throw new EngineError(issues);
  const p = c.plan;
  if (!p.simple) return scoreGeneral(c, input as { ref?: string; profile?: unknown }, answers, issues, o);
  // A definition without profile facts takes none (an empty object is harmless).
  const profile = (input as { profile?: unknown }).profile;
  if (profile !== undefined) readProfile(p.profile, c.ref, profile, p.profileEnv, 0, issues);
  if (issues.length) {
    checkAnswers(c, answers, issues);
    throw new EngineError(issues);
  }
  let missing = tally(p, answers);
  if (!missing) {
    checkAnswers(c, answers, issues);
    if (issues.length) throw new EngineError(issues);
    // checkAnswers accepts exactly what tally accepts on own keys, so this pass succeeds.
    missing = tally(p, answers, true)!;
  }
  const explain = o?.explain === true;
  const trace: TraceStep[] | undefined = explain ? [] : undefined;
  const {
    points,
    answered,
    pillarMax,
    pillarCriteria,
    pillarRules,
    pillarIds,
    pillarEnv,
    overallEnv,
    levelCount,
    lowest,
  } = p;
  const P = pillarIds.length;
  const pillars = new Array<PillarResult>(P);
  levelCount.fill(0);
  let total = 0;
  for (let i = 0; i < P; i++) {
    const pts = points[i]!;
    total += pts;
    pillarEnv[0] = pts;
    pillarEnv[1] = pillarMax[i]!;
    pillarEnv[2] = pillarCriteria[i]!;
    pillarEnv[3] = answered[i]!;
    const rules = pillarRules[i]!;
    const r = decide(rules, pillarEnv);
    const level = r < 0 ? lowest : rules[r]!.level;
    levelCount[level - lowest] = levelCount[level - lowest]! + 1;
    pillars[i] = { id: pillarIds[i]!, points: pts, max: pillarMax[i]!, level };
    if (trace) {
      trace.push({
        scope: `pillar:${pillarIds[i]}`,
        level,
        rule: r,
        ...ruleText(rules[r]),
        values: { points: pts, max: pillarMax[i]!, criteria: pillarCriteria[i]!, answered: answered[i]! },
      });
    }
  }
  overallEnv[0] = total;
  overallEnv[1] = p.max;
  overallEnv[2] = P;
  // atLeast.k = pillars at level k or above: suffix sums of the level counts.
  let atLeast = 0;
  for (let k = levelCount.length - 1; k >= 0; k--) {
    atLeast += levelCount[k]!;
    overallEnv[3 + k] = atLeast;
  }
  const r = decide(p.overall, overallEnv);
  const level = r < 0 ? lowest : p.overall[r]!.level;
  if (trace) {
    const values: Record<string, number> = { total, max: p.max, pillars: P };
    for (let k = 0; k < levelCount.length; k++) values[`atLeast.${lowest + k}`] = overallEnv[3 + k]!;
    trace.push({ scope: 'overall', level, rule: r, ...ruleText(p.overall[r]), values });
  }
  const ref = (input as { ref?: string }).ref;
  // Definitions in the 1970 shape give exactly the results they always gave (stored results and their hashes stay
  // comparable); `score` and `notApplicable` come with the v2 language (general.ts).
  const result: ScoreResult =
    ref === undefined
      ? { index: c.stamp, engine: ENGINE_VERSION, total, max: p.max, level, pillars, missing }
      : { ref, index: c.stamp, engine: ENGINE_VERSION, total, max: p.max, level, pillars, missing };
  if (trace) result.trace = trace;
  return result;
}
