// The general pass of score(): every answer type, profile facts, `applies` rules, not-applicable options, pillar
// weights and rules that read scores, pillars by id or criteria by id. Definitions in the 1970 shape never come
// here (score.ts keeps its single fast pass for them); this pass is written for clarity first.
import type { Issue, PillarResult, ScoreResult, TraceStep } from '@dbi/schema';
import { NOT_APPLICABLE, answerPoints } from './answers.js';
import { decide, type CompiledScorecard } from './compile.js';
import { EngineError, esc } from './errors.js';
import { readProfile } from './profile.js';
import { display, percent, weightedMean } from './rational.js';
import type { Ratio } from './rule.js';
import type { RunOptions } from './options.js';
import { ENGINE_VERSION } from './version.js';

const on = (cond: ((env: unknown) => boolean) | undefined, env: unknown) => cond === undefined || cond(env);

export function scoreGeneral(
  c: CompiledScorecard,
  input: { ref?: string; profile?: unknown },
  answers: Record<string, unknown>,
  issues: Issue[],
  o: RunOptions | undefined,
): ScoreResult {
  const p = c.plan;
  const { ids, pillarOf, componentOf, specs, critMax, pillarIds, componentIds, lowest } = p;
  const N = ids.length,
    P = pillarIds.length,
    C = componentIds.length;
  readProfile(p.profile, c.ref, input.profile, p.profileEnv, 0, issues);
  // What applies under this profile (with a bad profile, everything, so every answer is still checked).
  const profileOk = issues.length === 0;
  const pillarOn = new Uint8Array(P),
    compOn = new Uint8Array(C),
    live = new Uint8Array(N);
  for (let i = 0; i < P; i++) pillarOn[i] = !profileOk || on(p.pillarApplies[i], p.profileEnv) ? 1 : 0;
  for (let i = 0; i < C; i++)
    compOn[i] = pillarOn[p.componentPillar[i]!]! && (!profileOk || on(p.componentApplies[i], p.profileEnv)) ? 1 : 0;
  for (let i = 0; i < N; i++) {
    const ci = componentOf[i]!;
    const parentOn = ci < 0 ? pillarOn[pillarOf[i]!]! : compOn[ci]!;
    live[i] = parentOn && (!profileOk || on(p.criterionApplies[i], p.profileEnv)) ? 1 : 0;
  }

  // Answers: 0 = no data, 1 = answered. Answers to criteria that do not apply are ignored.
  const answered = new Uint8Array(N);
  const critPoints = new Float64Array(N);
  for (const k of Object.keys(answers)) {
    const at = `/answers/${esc(k)}`;
    const i = p.criterionIndex.get(k);
    if (i === undefined) {
      issues.push({ path: at, code: 'unknown-criterion', message: `"${k}" is not a criterion of ${c.ref}` });
      continue;
    }
    const v = answers[k];
    if (!live[i] || v === null || v === undefined) continue;
    const r = answerPoints(specs[i]!, v);
    if (typeof r !== 'number') issues.push({ path: at, code: r.code, message: r.message });
    else if (r === NOT_APPLICABLE) live[i] = 0;
    else {
      answered[i] = 1;
      critPoints[i] = r;
    }
  }
  if (issues.length) throw new EngineError(issues);

  // Roll up: a component or pillar applies when its rule holds and some criterion under it still applies.
  const compLive = new Uint8Array(C),
    pillarLive = new Uint8Array(P);
  const points = new Float64Array(P),
    max = new Float64Array(P),
    count = new Int32Array(P),
    done = new Int32Array(P);
  const missing: string[] = [];
  for (let i = 0; i < N; i++) {
    if (!live[i]) continue;
    const pi = pillarOf[i]!;
    pillarLive[pi] = 1;
    if (componentOf[i]! >= 0) compLive[componentOf[i]!] = 1;
    points[pi] = points[pi]! + critPoints[i]!;
    max[pi] = max[pi]! + critMax[i]!;
    count[pi] = count[pi]! + 1;
    if (answered[i]) done[pi] = done[pi]! + 1;
    else missing.push(ids[i]!);
  }
  // Everything that does not apply, in definition order: a pillar or component lists itself, then what it holds.
  const notApplicable: string[] = [];
  let lastComp = -1;
  let lastPillar = -1;
  for (let i = 0; i < N; i++) {
    const pi = pillarOf[i]!,
      ci = componentOf[i]!;
    if (pi !== lastPillar) {
      lastPillar = pi;
      if (!pillarLive[pi]) notApplicable.push(pillarIds[pi]!);
    }
    if (ci >= 0 && ci !== lastComp) {
      lastComp = ci;
      if (!compLive[ci]) notApplicable.push(componentIds[ci]!);
    }
    if (!live[i]) notApplicable.push(ids[i]!);
  }

  const explain = o?.explain === true;
  const trace: TraceStep[] | undefined = explain ? [] : undefined;
  const { pillarEnv, overallEnv, levelCount, pillarRules, overallLayout: L } = p;
  const penv = pillarEnv as unknown[],
    oenv = overallEnv as unknown[];
  for (let j = 0; j < p.profile.length; j++) {
    penv[5 + j] = p.profileEnv[j];
    oenv[L.profileBase + j] = p.profileEnv[j];
  }
  levelCount.fill(0);
  const pillars: PillarResult[] = [];
  const scores: Ratio[] = [];
  const weights: number[] = [];
  const levels = new Array<number>(P).fill(lowest);
  let total = 0,
    totalMax = 0;
  for (let i = 0; i < P; i++) {
    if (!pillarLive[i]) continue;
    const s = percent(points[i]!, max[i]!);
    penv[0] = points[i]!;
    penv[1] = max[i]!;
    penv[2] = count[i]!;
    penv[3] = done[i]!;
    penv[4] = s;
    const rules = pillarRules[i]!;
    const r = decide(rules, penv);
    const level = r < 0 ? lowest : rules[r]!.level;
    levels[i] = level;
    levelCount[level - lowest] = levelCount[level - lowest]! + 1;
    total += points[i]!;
    totalMax += max[i]!;
    scores.push(s);
    weights.push(p.pillarWeights?.[i] ?? 0);
    pillars.push({ id: pillarIds[i]!, points: points[i]!, max: max[i]!, level, score: display(s) });
    if (trace) {
      trace.push({
        scope: `pillar:${pillarIds[i]}`,
        level,
        rule: r,
        ...(rules[r]?.text ? { text: rules[r]!.text } : {}),
        values: { points: points[i]!, max: max[i]!, criteria: count[i]!, answered: done[i]!, score: display(s) },
      });
    }
  }
  const S = p.pillarWeights ? weightedMean(scores, weights) : percent(total, totalMax);
  oenv[0] = total;
  oenv[1] = totalMax;
  oenv[2] = pillars.length;
  let atLeast = 0;
  for (let k = levelCount.length - 1; k >= 0; k--) {
    atLeast += levelCount[k]!;
    oenv[3 + k] = atLeast;
  }
  oenv[L.score] = S;
  if (L.readsPillars) {
    for (let i = 0; i < P; i++) {
      const b = L.pillarBase + 4 * i;
      oenv[b] = pillarLive[i] ? points[i]! : 0;
      oenv[b + 1] = pillarLive[i] ? max[i]! : 0;
      oenv[b + 2] = pillarLive[i] && L.readsPillarScores ? percent(points[i]!, max[i]!) : percent(0, 0);
      oenv[b + 3] = levels[i]!;
    }
  }
  if (L.readsCriteria) for (let i = 0; i < N; i++) oenv[L.criterionBase + i] = live[i] ? critPoints[i]! : 0;
  const r = decide(p.overall, oenv);
  const level = r < 0 ? lowest : p.overall[r]!.level;
  if (trace) {
    const values: Record<string, unknown> = { total, max: totalMax, pillars: pillars.length, score: display(S) };
    for (let k = 0; k < levelCount.length; k++) values[`atLeast.${lowest + k}`] = oenv[3 + k];
    trace.push({
      scope: 'overall',
      level,
      rule: r,
      ...(p.overall[r]?.text ? { text: p.overall[r]!.text } : {}),
      values,
    });
  }
  const base = {
    index: c.stamp,
    engine: ENGINE_VERSION,
    total,
    max: totalMax,
    level,
    score: display(S),
    pillars,
    missing,
    notApplicable,
  };
  const result: ScoreResult = input.ref === undefined ? base : { ref: input.ref, ...base };
  if (trace) result.trace = trace;
  return result;
}
