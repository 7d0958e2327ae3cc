// Scoring throughput on the large index (Appendix II), on the same inputs in one run:
//   (a) engine      — @dbi/engine's score() with the definition compiled once;
//   (b) json-logic  — the same definition: points summed by a plain loop, then every level rule evaluated with
//                     json-logic-js `apply` on the documented context objects, for every assessment;
//   (b2) jl program — the whole scoring (points, pillar levels, atLeast.k, overall level) as ONE json-logic
//                     program generated from the definition (bench/json-logic-program.ts), evaluated with
//                     json-logic-js `apply` for every assessment: each intermediate computed once ('bound'), and
//                     (b2i) with the rule variables written out inline wherever a rule reads them ('inline');
//   (c) hand-written — a straightforward TypeScript scorer of the Decision's large index with its bands and
//                     thresholds hard-coded; same validation and same output shape.
// All must agree on every level and total; the run aborts otherwise.
//
// Run from the repo root (reads the engine and schema from source, no build needed):
//   node --conditions=@dbi/source --import tsx bench/engine-throughput.ts [sets=10000] [rounds=7]
import jsonLogic from 'json-logic-js';
import { nationalIndices } from '@dbi/indices';
import { compileRule, createRegistry, score, ENGINE_VERSION, EngineError, type CompiledScorecard } from '@dbi/engine';
import type { Definition, Issue, LevelRule, ScoreResult, ScorecardDefinition } from '@dbi/schema';
import { scorecardProgram, type ProgramForm } from './json-logic-program.js';

const SETS = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const WARMUP = 3;

const registry = createRegistry(nationalIndices as unknown as Definition[]);
const engine = registry.get('large@1.0.0') as CompiledScorecard;
const def = engine.definition as ScorecardDefinition;

// ---------------------------------------------------------------------------------------------------------------
// Inputs: random but spread over every level. Each set picks a base level per pillar and answers around it, with
// some criteria null and some absent, then goes through JSON like a real request body.
// mulberry32: small, seeded, and without the correlated successive outputs of a plain LCG.
let seed = 0x2f6b1d;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
function answerSets(d: ScorecardDefinition, n: number): unknown[] {
  const byPillar = d.pillars.map((p) => p.components.flatMap((c) => c.criteria.map((k) => k.id)));
  const out: unknown[] = [];
  for (let s = 0; s < n; s++) {
    const answers: Record<string, number | null> = {};
    // One set in five answers every pillar around the same level, so level 5 overall occurs too.
    const shared = rand() < 0.2 ? Math.floor(rand() * 6) : -1;
    byPillar.forEach((ids) => {
      const base = shared >= 0 ? shared : Math.floor(rand() * 6);
      for (const id of ids) {
        const r = rand();
        if (r < 0.04) continue; // absent
        if (r < 0.08) answers[id] = null;
        else answers[id] = Math.max(0, Math.min(5, base + Math.floor(rand() * 3) - 1));
      }
    });
    out.push(JSON.parse(JSON.stringify({ answers })));
  }
  return out;
}
const inputs = answerSets(def, SETS);

// ---------------------------------------------------------------------------------------------------------------
// (b) json-logic-js apply on every rule, every time.
function validate(answers: Record<string, unknown>, known: (id: string) => boolean, top: number): void {
  const issues: Issue[] = [];
  for (const id of Object.keys(answers)) {
    if (!known(id)) {
      issues.push({ path: `/answers/${id}`, code: 'unknown-criterion', message: `"${id}" is not a criterion` });
      continue;
    }
    const v = answers[id];
    if (v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v))
      issues.push({ path: `/answers/${id}`, code: 'level-not-integer', message: 'must be a level or null' });
    else if (v < 0 || v > top)
      issues.push({ path: `/answers/${id}`, code: 'level-out-of-range', message: `level ${v} is out of range` });
  }
  if (issues.length) throw new EngineError(issues);
}

function envelope(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new EngineError([{ path: '/', code: 'input-not-object', message: 'not an object' }]);
  const answers = (input as { answers?: unknown }).answers;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers))
    throw new EngineError([{ path: '/answers', code: 'answers-not-object', message: 'not an object' }]);
  return answers as Record<string, unknown>;
}

type Decide = (rules: LevelRule[], ctx: Record<string, unknown>) => number;
const applyEachTime: Decide = (rules, ctx) => {
  for (const r of rules) if (jsonLogic.truthy(jsonLogic.apply(r.when as jsonLogic.RulesLogic, ctx))) return r.level;
  return 0;
};

/** Scores a scorecard definition: plain loops for the points, `decide` for every level rule. */
function ruleScorer(d: ScorecardDefinition, stamp: ScoreResult['index'], decide: Decide) {
  const top = d.levels.length - 1;
  const flat = d.pillars.flatMap((p, pi) =>
    p.components.flatMap((c) => c.criteria.map((k) => ({ id: k.id, weight: k.weight, pillar: pi }))),
  );
  const known = new Set(flat.map((c) => c.id));
  const pillarMax = d.pillars.map((_, pi) =>
    flat.filter((c) => c.pillar === pi).reduce((s, c) => s + c.weight * top, 0),
  );
  const pillarCount = d.pillars.map((_, pi) => flat.filter((c) => c.pillar === pi).length);
  const totalMax = pillarMax.reduce((a, b) => a + b, 0);
  return (input: unknown): ScoreResult => {
    const answers = envelope(input);
    validate(answers, (id) => known.has(id), top);
    const points = d.pillars.map(() => 0);
    const answered = d.pillars.map(() => 0);
    const missing: string[] = [];
    for (const c of flat) {
      const v = answers[c.id];
      if (typeof v === 'number') {
        points[c.pillar]! += v * c.weight;
        answered[c.pillar]!++;
      } else missing.push(c.id);
    }
    const pillars = d.pillars.map((p, pi) => ({
      id: p.id,
      points: points[pi]!,
      max: pillarMax[pi]!,
      level: decide(p.rules ?? d.rules.pillar, {
        points: points[pi],
        max: pillarMax[pi],
        criteria: pillarCount[pi],
        answered: answered[pi],
      }),
    }));
    const total = points.reduce((a, b) => a + b, 0);
    const atLeast: Record<string, number> = {};
    for (let k = 0; k <= top; k++) atLeast[String(k)] = pillars.filter((p) => p.level >= k).length;
    const level = decide(d.rules.overall, { total, max: totalMax, pillars: pillars.length, atLeast });
    return { index: stamp, engine: ENGINE_VERSION, total, max: totalMax, level, pillars, missing };
  };
}
const scoreJsonLogic = ruleScorer(def, engine.stamp, applyEachTime);

// ---------------------------------------------------------------------------------------------------------------
// (b2) The whole scorecard as one json-logic program. The only JavaScript around `apply` is what an integrator
// cannot leave to json-logic: the same validation, laying the answers out in definition order (see
// json-logic-program.ts for why), the missing list and the result object.
function programScorer(d: ScorecardDefinition, stamp: ScoreResult['index'], form: ProgramForm) {
  const top = d.levels.length - 1;
  const { logic, ids, noData, read } = scorecardProgram(d, form);
  const known = new Set(ids);
  const max = d.pillars.map((p) =>
    p.components.reduce((s, c) => s + c.criteria.reduce((t, k) => t + k.weight * top, 0), 0),
  );
  const totalMax = max.reduce((a, b) => a + b, 0);
  return (input: unknown): ScoreResult => {
    const answers = envelope(input);
    validate(answers, (id) => known.has(id), top);
    const a: unknown[] = new Array(ids.length);
    const missing: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const v = answers[ids[i]!];
      if (typeof v === 'number') a[i] = v;
      else {
        a[i] = noData;
        missing.push(ids[i]!);
      }
    }
    const out = read(jsonLogic.apply(logic as jsonLogic.RulesLogic, { a }));
    const pillars = d.pillars.map((p, i) => ({
      id: p.id,
      points: out.points[i]!,
      max: max[i]!,
      level: out.levels[i]!,
    }));
    return {
      index: stamp,
      engine: ENGINE_VERSION,
      total: out.total,
      max: totalMax,
      level: out.level,
      pillars,
      missing,
    };
  };
}
const scoreProgram = programScorer(def, engine.stamp, 'bound');
const scoreProgramInline = programScorer(def, engine.stamp, 'inline');
/** Size of a json-logic value: operations and literals. */
const nodes = (x: unknown): number =>
  Array.isArray(x)
    ? x.reduce((n: number, y) => n + nodes(y), 0)
    : typeof x === 'object' && x !== null
      ? Object.values(x).reduce((n: number, y) => n + 1 + nodes(y), 0)
      : 1;
const programSize = (d: ScorecardDefinition, form: ProgramForm) =>
  nodes(scorecardProgram(d, form).logic).toLocaleString('en-US');

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
COMPONENTS.forEach((comps, p) =>
  comps.forEach((n, c) => {
    for (let k = 1; k <= n; k++) CRITERIA.push({ id: `${p + 1}.${c + 1}.${k}`, pillar: p });
  }),
);
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
  const pillars = points.map((pts, i) => ({
    id: String(i + 1),
    points: pts,
    max: PILLAR_MAX[i]!,
    level: pillarLevel(pts, PILLAR_MAX[i]!),
  }));
  const total = points.reduce((a, b) => a + b, 0);
  const level = overallLevel(
    total,
    pillars.map((p) => p.level),
  );
  return { index: engine.stamp, engine: ENGINE_VERSION, total, max: TOTAL_MAX, level, pillars, missing };
}

// ---------------------------------------------------------------------------------------------------------------
type Scorer<T> = [string, (input: T) => number];

/** Median assessments/s of each scorer over the same inputs: warm-up rounds, then measured rounds in rotated order. */
function measure<T>(scorers: Scorer<T>[], items: T[]): Map<string, number[]> {
  const rates = new Map<string, number[]>(scorers.map(([n]) => [n, []]));
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    for (let k = 0; k < scorers.length; k++) {
      const [name, f] = scorers[(k + r) % scorers.length]!;
      let check = 0;
      // CPU time of this process rather than wall time: the figures then hold on a shared machine, where other
      // processes take turns on the cores. (It includes V8's GC threads, i.e. the cost of allocation.)
      const t0 = process.cpuUsage();
      for (let i = 0; i < items.length; i++) check += f(items[i]!);
      const t = process.cpuUsage(t0);
      const us = t.user + t.system;
      if (check < 0) console.log(check); // keeps the results alive
      if (r >= WARMUP) rates.get(name)!.push((items.length / us) * 1e6);
    }
  }
  return rates;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
function report(rates: Map<string, number[]>): Record<string, number> {
  const m = Object.fromEntries([...rates].map(([n, xs]) => [n, median(xs)]));
  for (const [n, xs] of rates)
    console.log(`  ${n.padEnd(13)} ${fmt(m[n]!).padStart(10)}/s   (rounds: ${xs.map(fmt).join(', ')})`);
  return m;
}
const key = (r: ScoreResult) => JSON.stringify([r.total, r.max, r.level, r.pillars, r.missing]);
function agree(fs: ((input: unknown) => ScoreResult)[], items: unknown[]): number[] {
  const spread = [0, 0, 0, 0, 0, 0];
  items.forEach((input, i) => {
    const [first, ...rest] = fs.map((f) => f(input));
    for (const r of rest) {
      if (key(r) !== key(first!)) {
        console.error('disagreement on input', i, JSON.stringify(input), key(first!), key(r));
        process.exit(1);
      }
    }
    spread[first!.level]!++;
  });
  return spread;
}

console.log(
  `Engine throughput — ${SETS} answer sets, ${WARMUP} warm-up + ${ROUNDS} measured rounds, median assessments per CPU-second`,
);

// 1. The large index end to end: (a) vs (b) vs (b2) vs (c).
const engineLarge = (input: unknown) => score(engine, input);
const spread = agree([engineLarge, scoreJsonLogic, scoreProgram, scoreProgramInline, scoreHand], inputs);
console.log(
  `\n[1] large@1.0.0 end to end (overall levels 0..5 in the inputs: ${spread.join(' / ')}; all scorers agree on every total, level, pillar and missing list)`,
);
console.log(
  `  json-logic programs: bound ${programSize(def, 'bound')} nodes, inline ${programSize(def, 'inline')} nodes`,
);
// The floor every scorer shares: list the answers' keys and read each value, nothing else. JSON.parse leaves an
// object of more than 127 keys (139 here) in V8's dictionary mode, where listing its keys is slow.
const readOnly = (x: unknown) => {
  const answers = (x as { answers: Record<string, unknown> }).answers;
  let sum = 0;
  for (const k of Object.keys(answers)) {
    const v = answers[k];
    if (typeof v === 'number') sum += v;
  }
  return sum;
};
const m = report(
  measure<unknown>(
    [
      ['engine', (x) => engineLarge(x).level],
      ['json-logic', (x) => scoreJsonLogic(x).level],
      ['jl program', (x) => scoreProgram(x).level],
      ['jl inline', (x) => scoreProgramInline(x).level],
      ['hand-written', (x) => scoreHand(x).level],
      ['read only', readOnly],
    ],
    inputs,
  ),
);
console.log(
  `  hand-written / engine time ratio:            ${(m['hand-written']! / m.engine!).toFixed(2)}x   (target ≤ 1.20x)`,
);
console.log(
  `  engine / jl program speed-up (b2, bound):    ${(m.engine! / m['jl program']!).toFixed(1)}x   (target ≥ 15x)`,
);
console.log(`  engine / jl inline speed-up (b2i, inline):   ${(m.engine! / m['jl inline']!).toFixed(1)}x`);
console.log(`  engine / json-logic speed-up (b, rules only): ${(m.engine! / m['json-logic']!).toFixed(1)}x`);
console.log(
  `  upper bound of a speed-up for any scorer that reads the input: read only vs jl program = ${(m['read only']! / m['jl program']!).toFixed(1)}x, vs json-logic = ${(m['read only']! / m['json-logic']!).toFixed(1)}x`,
);

// 2. The level rules alone, on the large index: the same per-pillar and overall contexts (computed once from the
// inputs above), every rule list evaluated by json-logic-js apply or by the engine's compiled rules (compileRule,
// the public generic path that reads own properties of the same context objects).
// Each rule list compiled once, up front, like the engine does.
const compiledLists = new Map<LevelRule[], { level: number; when: (d: Record<string, unknown>) => unknown }[]>();
for (const list of [def.rules.pillar, def.rules.overall, ...def.pillars.flatMap((p) => (p.rules ? [p.rules] : []))]) {
  compiledLists.set(
    list,
    list.map((r) => ({ level: r.level, when: compileRule(r.when) })),
  );
}
const compiledDecide: Decide = (rules, ctx) => {
  const list = compiledLists.get(rules)!;
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!.when(ctx);
    if (Array.isArray(v) ? v.length > 0 : v) return list[i]!.level;
  }
  return 0;
};
const contexts = inputs.map((input) => {
  const r = engineLarge(input);
  const answers = (input as { answers: Record<string, unknown> }).answers;
  const pillars = def.pillars.map((p, i) => {
    const ids = p.components.flatMap((c) => c.criteria.map((k) => k.id));
    return {
      points: r.pillars[i]!.points,
      max: r.pillars[i]!.max,
      criteria: ids.length,
      answered: ids.filter((id) => typeof answers[id] === 'number').length,
    };
  });
  const atLeast: Record<string, number> = {};
  for (let k = 0; k <= 5; k++) atLeast[String(k)] = r.pillars.filter((p) => p.level >= k).length;
  return { pillars, overall: { total: r.total, max: r.max, pillars: 6, atLeast } };
});
type Ctx = (typeof contexts)[number];
const levelsBy = (decide: Decide) => (c: Ctx) => {
  let sum = 0;
  for (let i = 0; i < c.pillars.length; i++) sum += decide(def.pillars[i]!.rules ?? def.rules.pillar, c.pillars[i]!);
  return sum + 8 * decide(def.rules.overall, c.overall);
};
const viaApply = levelsBy(applyEachTime),
  viaCompiled = levelsBy(compiledDecide);
// What score() itself runs: the same rules compiled against slot arrays (the plan is internal to the engine; read
// here only to time that path alone).
const plan = engine.plan;
const firstSlot = (rules: typeof plan.overall, env: number[]) => {
  for (let i = 0; i < rules.length; i++) if (rules[i]!.when(env)) return rules[i]!.level;
  return 0;
};
// The slot arrays are laid out once per context, as the json-logic context objects are.
const slotEnvs = new Map(
  contexts.map((c) => [
    c,
    {
      pillars: c.pillars.map((p) => [p.points, p.max, p.criteria, p.answered]),
      overall: [
        c.overall.total,
        c.overall.max,
        c.overall.pillars,
        ...[0, 1, 2, 3, 4, 5].map((k) => c.overall.atLeast[String(k)]!),
      ],
    },
  ]),
);
const viaSlots = (c: Ctx) => {
  const env = slotEnvs.get(c)!;
  let sum = 0;
  for (let i = 0; i < env.pillars.length; i++) sum += firstSlot(plan.pillarRules[i]!, env.pillars[i]!);
  return sum + 8 * firstSlot(plan.overall, env.overall);
};
if (contexts.some((c) => viaApply(c) !== viaCompiled(c) || viaApply(c) !== viaSlots(c)))
  throw new Error('compiled rules disagree with json-logic-js');
console.log(
  '\n[2] large@1.0.0 level rules only (6 pillar rule lists + the overall list per assessment, on contexts computed once; all agree on every context)',
);
const mr = report(
  measure<Ctx>(
    [
      ['engine slots', viaSlots],
      ['compileRule', viaCompiled],
      ['json-logic', viaApply],
    ],
    contexts,
  ),
);
console.log(
  `  engine slots / json-logic speed-up: ${(mr['engine slots']! / mr['json-logic']!).toFixed(1)}x (the path score() runs)`,
);
console.log(
  `  compileRule / json-logic speed-up:  ${(mr.compileRule! / mr['json-logic']!).toFixed(1)}x (generic path: own-property reads on the context objects)`,
);

// 3. The SME index end to end (60 answers per input), engine vs json-logic-js (b, b2, b2i).
const smeEngine = registry.get('sme@1.0.0') as CompiledScorecard;
const smeInputs = answerSets(smeEngine.definition, SETS);
const smeJsonLogic = ruleScorer(smeEngine.definition, smeEngine.stamp, applyEachTime);
const smeProgram = programScorer(smeEngine.definition, smeEngine.stamp, 'bound');
const smeProgramInline = programScorer(smeEngine.definition, smeEngine.stamp, 'inline');
const smeSpread = agree([(x) => score(smeEngine, x), smeJsonLogic, smeProgram, smeProgramInline], smeInputs);
console.log(`\n[3] sme@1.0.0 end to end (overall levels 0..5: ${smeSpread.join(' / ')}; all agree on every result)`);
console.log(
  `  json-logic programs: bound ${programSize(smeEngine.definition, 'bound')} nodes, inline ${programSize(smeEngine.definition, 'inline')} nodes`,
);
const ms = report(
  measure<unknown>(
    [
      ['engine', (x) => score(smeEngine, x).level],
      ['json-logic', (x) => smeJsonLogic(x).level],
      ['jl program', (x) => smeProgram(x).level],
      ['jl inline', (x) => smeProgramInline(x).level],
    ],
    smeInputs,
  ),
);
console.log(`  engine / jl program speed-up (b2, bound):    ${(ms.engine! / ms['jl program']!).toFixed(1)}x`);
console.log(`  engine / jl inline speed-up (b2i, inline):   ${(ms.engine! / ms['jl inline']!).toFixed(1)}x`);
console.log(`  engine / json-logic speed-up (b, rules only): ${(ms.engine! / ms['json-logic']!).toFixed(1)}x`);
