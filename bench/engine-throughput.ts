// Scoring throughput on the large index (Appendix II), three ways, on the same inputs in one run:
//   (a) engine      — @dbi/engine's score() with the definition compiled once;
//   (b) json-logic  — the same definition: points summed by a plain loop, then every level rule evaluated with
//                     json-logic-js `apply` on the documented context objects, for every assessment;
//   (c) hand-written — a straightforward TypeScript scorer of the Decision's large index with its bands and
//                     thresholds hard-coded; same validation and same output shape.
// All three must agree on every level and total; the run aborts otherwise.
//
// Run from the repo root (reads the engine and schema from source, no build needed):
//   node --conditions=@dbi/source --import tsx bench/engine-throughput.ts [sets=10000] [rounds=7]
import jsonLogic from 'json-logic-js';
import { nationalIndices } from '@dbi/indices';
import { createRegistry, score, ENGINE_VERSION, EngineError, type CompiledScorecard } from '@dbi/engine';
import type { Issue, ScoreResult, ScorecardDefinition, Definition } from '@dbi/schema';

const SETS = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const WARMUP = 3;

const registry = createRegistry(nationalIndices as unknown as Definition[]);
const engine = registry.get('large@1.0.0') as CompiledScorecard;
const def = engine.definition as ScorecardDefinition;

// ---------------------------------------------------------------------------------------------------------------
// Inputs: random but spread over every level. Each set picks a base level per pillar and answers around it, with
// some criteria null and some absent, then goes through JSON like a real request body.
let seed = 0x2f6b1d;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
const allIds = def.pillars.map((p) => p.components.flatMap((c) => c.criteria.map((k) => k.id)));
const inputs: unknown[] = [];
for (let s = 0; s < SETS; s++) {
  const answers: Record<string, number | null> = {};
  allIds.forEach((ids) => {
    const base = Math.floor(rand() * 6);
    for (const id of ids) {
      const r = rand();
      if (r < 0.04) continue; // absent
      if (r < 0.08) answers[id] = null;
      else answers[id] = Math.max(0, Math.min(5, base + Math.floor(rand() * 3) - 1));
    }
  });
  inputs.push(JSON.parse(JSON.stringify({ answers })));
}

// ---------------------------------------------------------------------------------------------------------------
// (b) json-logic-js apply on every rule, every time.
const flat = def.pillars.flatMap((p, pi) => p.components.flatMap((c) => c.criteria.map((k) => ({ id: k.id, weight: k.weight, pillar: pi }))));
const flatIndex = new Map(flat.map((c) => [c.id, c]));
const maxLevel = def.levels.length - 1;
const pillarMaxB = def.pillars.map((_, pi) => flat.filter((c) => c.pillar === pi).reduce((s, c) => s + c.weight * maxLevel, 0));
const pillarCountB = def.pillars.map((_, pi) => flat.filter((c) => c.pillar === pi).length);
const totalMaxB = pillarMaxB.reduce((a, b) => a + b, 0);

function validate(answers: Record<string, unknown>, known: (id: string) => boolean, top: number): void {
  const issues: Issue[] = [];
  for (const id of Object.keys(answers)) {
    if (!known(id)) {
      issues.push({ path: `/answers/${id}`, code: 'unknown-criterion', message: `"${id}" is not a criterion` });
      continue;
    }
    const v = answers[id];
    if (v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) issues.push({ path: `/answers/${id}`, code: 'level-not-integer', message: 'must be a level or null' });
    else if (v < 0 || v > top) issues.push({ path: `/answers/${id}`, code: 'level-out-of-range', message: `level ${v} is out of range` });
  }
  if (issues.length) throw new EngineError(issues);
}

function envelope(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new EngineError([{ path: '/', code: 'input-not-object', message: 'not an object' }]);
  const answers = (input as { answers?: unknown }).answers;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw new EngineError([{ path: '/answers', code: 'answers-not-object', message: 'not an object' }]);
  return answers as Record<string, unknown>;
}

function firstLevel(rules: ScorecardDefinition['rules']['pillar'], ctx: object): number {
  for (const r of rules) if (jsonLogic.truthy(jsonLogic.apply(r.when as jsonLogic.RulesLogic, ctx))) return r.level;
  return 0;
}

function scoreJsonLogic(input: unknown): ScoreResult {
  const answers = envelope(input);
  validate(answers, (id) => flatIndex.has(id), maxLevel);
  const points = def.pillars.map(() => 0);
  const answered = def.pillars.map(() => 0);
  const missing: string[] = [];
  for (const c of flat) {
    const v = answers[c.id];
    if (typeof v === 'number') {
      points[c.pillar]! += v * c.weight;
      answered[c.pillar]!++;
    } else missing.push(c.id);
  }
  const pillars = def.pillars.map((p, pi) => ({
    id: p.id,
    points: points[pi]!,
    max: pillarMaxB[pi]!,
    level: firstLevel(p.rules ?? def.rules.pillar, { points: points[pi], max: pillarMaxB[pi], criteria: pillarCountB[pi], answered: answered[pi] }),
  }));
  const total = points.reduce((a, b) => a + b, 0);
  const atLeast: Record<string, number> = {};
  for (let k = 0; k <= maxLevel; k++) atLeast[String(k)] = pillars.filter((p) => p.level >= k).length;
  const level = firstLevel(def.rules.overall, { total, max: totalMaxB, pillars: pillars.length, atLeast });
  return { index: engine.stamp, engine: ENGINE_VERSION, total, max: totalMaxB, level, pillars, missing };
}

// ---------------------------------------------------------------------------------------------------------------
// (c) Hand-written scorer of Appendix II: 6 pillars, criteria per component as the Decision lists them
// (section I), 1 point per level, Table 2's bands and section 2.2's thresholds (278 from Table 1).
const COMPONENTS = [
  [9, 8, 3, 5],
  [4, 3, 3, 3, 3, 8],
  [5, 7, 4, 4, 9],
  [4, 6, 4, 8],
  [6, 8, 8],
  [7, 7, 3],
];
const CRITERIA: { id: string; pillar: number }[] = [];
COMPONENTS.forEach((comps, p) => comps.forEach((n, c) => {
  for (let k = 1; k <= n; k++) CRITERIA.push({ id: `${p + 1}.${c + 1}.${k}`, pillar: p });
}));
const PILLAR_OF = new Map(CRITERIA.map((c) => [c.id, c.pillar]));
const PILLAR_MAX = COMPONENTS.map((comps) => comps.reduce((a, b) => a + b, 0) * 5);
const TOTAL_MAX = 695;

function pillarLevel(points: number, max: number): number {
  if (points * 100 > max * 80) return 5;
  if (points * 100 > max * 60) return 4;
  if (points * 100 > max * 40) return 3;
  if (points * 100 > max * 20) return 2;
  if (points * 100 >= max * 10) return 1;
  return 0;
}

function overallLevel(total: number, levels: number[]): number {
  const atLeast = (k: number) => levels.filter((l) => l >= k).length;
  if (total > 556 && atLeast(5) === 6) return 5;
  if (total > 417 && atLeast(4) >= 5) return 4;
  if (total > 278 && atLeast(3) >= 4) return 3;
  if (total > 139 && atLeast(2) >= 4) return 2;
  if (total > 40 && atLeast(1) >= 4) return 1;
  return 0;
}

function scoreHand(input: unknown): ScoreResult {
  const answers = envelope(input);
  validate(answers, (id) => PILLAR_OF.has(id), 5);
  const points = [0, 0, 0, 0, 0, 0];
  const missing: string[] = [];
  for (const c of CRITERIA) {
    const v = answers[c.id];
    if (typeof v === 'number') points[c.pillar]! += v;
    else missing.push(c.id);
  }
  const pillars = points.map((pts, i) => ({ id: String(i + 1), points: pts, max: PILLAR_MAX[i]!, level: pillarLevel(pts, PILLAR_MAX[i]!) }));
  const total = points.reduce((a, b) => a + b, 0);
  const level = overallLevel(total, pillars.map((p) => p.level));
  return { index: engine.stamp, engine: ENGINE_VERSION, total, max: TOTAL_MAX, level, pillars, missing };
}

// ---------------------------------------------------------------------------------------------------------------
const scorers: [string, (input: unknown) => ScoreResult][] = [
  ['engine', (input) => score(engine, input)],
  ['json-logic', scoreJsonLogic],
  ['hand-written', scoreHand],
];

// Agreement first: every level and total, every input.
const spread = [0, 0, 0, 0, 0, 0];
for (let i = 0; i < inputs.length; i++) {
  const [a, b, c] = scorers.map(([, f]) => f(inputs[i]!));
  const key = (r: ScoreResult) => JSON.stringify([r.total, r.max, r.level, r.pillars, r.missing]);
  if (key(a!) !== key(b!) || key(a!) !== key(c!)) {
    console.error('disagreement on input', i, JSON.stringify(inputs[i]), key(a!), key(b!), key(c!));
    process.exit(1);
  }
  spread[a!.level]!++;
}

function time(f: (input: unknown) => ScoreResult): number {
  let check = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < inputs.length; i++) check += f(inputs[i]!).level;
  const ns = Number(process.hrtime.bigint() - t0);
  if (check < 0) console.log(check); // keeps the results alive
  return (inputs.length / ns) * 1e9;
}

const rates = new Map<string, number[]>(scorers.map(([n]) => [n, []]));
for (let r = 0; r < WARMUP + ROUNDS; r++) {
  // Rotate the order each round so no scorer always runs first.
  for (let k = 0; k < scorers.length; k++) {
    const [name, f] = scorers[(k + r) % scorers.length]!;
    const rate = time(f);
    if (r >= WARMUP) rates.get(name)!.push(rate);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = Object.fromEntries([...rates].map(([n, xs]) => [n, median(xs)]));
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(`large@1.0.0, ${SETS} answer sets (overall levels 0..5: ${spread.join(' / ')}), ${WARMUP} warm-up + ${ROUNDS} measured rounds, median assessments/s:`);
for (const [n, xs] of rates) console.log(`  ${n.padEnd(13)} ${fmt(m[n]!).padStart(10)}   (rounds: ${xs.map(fmt).join(', ')})`);
console.log(`  hand-written / engine time ratio: ${(m['hand-written']! / m.engine!).toFixed(2)}x   (target ≤ 1.20x)`);
console.log(`  engine / json-logic speed-up:     ${(m.engine! / m['json-logic']!).toFixed(1)}x   (target ≥ 15x)`);
console.log('  all three agreed on every total, level, pillar and missing list');
