// Issue 8, item 9: scoring the national indices must not slow down with the v2 language, and the example's
// throughput is measured. Two engines in ONE process, timed in alternating rounds on the same inputs (the machine
// is shared, so back-to-back runs would compare different loads):
//   current  — @dbi/engine from this checkout's source;
//   baseline — packages/engine and packages/schema of an earlier commit, extracted by bench/baseline.sh.
// Both must give identical results on every national input (else the run aborts). Then readiness-example@1.0.0
// alone (current engine), on random answers of every type.
//
//   bench/baseline.sh <commit> /tmp/dbi-baseline       # once: extracts that commit's schema + engine
//   node --conditions=@dbi/source --import tsx bench/engine-v2.ts /tmp/dbi-baseline [sets=10000] [rounds=9]
import { bundledIndices } from '@dbi/indices';
import { createRegistry, score, type CompiledScorecard } from '@dbi/engine';
import type { Definition, ScorecardDefinition } from '@dbi/schema';

const BASE = process.argv[2];
const SETS = Number(process.argv[3] ?? 10_000);
const ROUNDS = Number(process.argv[4] ?? 9);
const WARMUP = 3;
if (!BASE) throw new Error('usage: engine-v2.ts <baseline dir> [sets] [rounds]');
type Engine = { createRegistry: typeof createRegistry; score: typeof score };
const baseline = (await import(`${BASE}/packages/engine/src/index.ts`)) as Engine;

let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const criteriaOf = (d: ScorecardDefinition) =>
  d.pillars.flatMap((p) => p.criteria ?? p.components!.flatMap((c) => c.criteria));

/** National inputs: a base level per pillar, answers around it, ~4% absent and ~4% null, through JSON. */
function nationalSets(d: ScorecardDefinition, n: number): unknown[] {
  const byPillar = d.pillars.map((p) => p.components!.flatMap((c) => c.criteria.map((k) => k.id)));
  return Array.from({ length: n }, () => {
    const answers: Record<string, number | null> = {};
    for (const ids of byPillar) {
      const base = Math.floor(rand() * 6);
      for (const id of ids) {
        const r = rand();
        if (r < 0.04) continue;
        answers[id] = r < 0.08 ? null : Math.max(0, Math.min(5, base + Math.floor(rand() * 3) - 1));
      }
    }
    return JSON.parse(JSON.stringify({ answers }));
  });
}

/** Example inputs: every answer type, random sector and headcount, ~5% null. */
function exampleSets(d: ScorecardDefinition, n: number): unknown[] {
  const sectors = ['manufacturing', 'retail', 'services', 'agriculture'];
  return Array.from({ length: n }, () => {
    const answers: Record<string, unknown> = {};
    for (const k of criteriaOf(d)) {
      if (rand() < 0.05) {
        answers[k.id] = null;
        continue;
      }
      switch (k.type) {
        case undefined:
        case 'level':
          answers[k.id] = Math.floor(rand() * 6);
          break;
        case 'choice':
          answers[k.id] = k.options[Math.floor(rand() * k.options.length)]!.id;
          break;
        case 'multi':
          answers[k.id] = k.options.filter(() => rand() < 0.5).map((o) => o.id);
          break;
        case 'number':
          answers[k.id] = k.integer ? Math.floor(rand() * (k.max + 1)) : Math.round(rand() * k.max * 10) / 10;
          break;
        case 'boolean':
          answers[k.id] = rand() < 0.5;
      }
    }
    const profile = { sector: sectors[Math.floor(rand() * 4)], employees: Math.floor(rand() * 30) };
    return JSON.parse(JSON.stringify({ profile, answers }));
  });
}

type Scorer = [string, (x: unknown) => number];
/**
 * Rates per round. Within a round the inputs go in chunks of 250 and the scorers take turns on each chunk (the
 * order alternating), so both see the same moments of the shared machine's load; a round's rate is its inputs over
 * the CPU time its chunks took.
 */
function measure(scorers: Scorer[], items: unknown[]): Map<string, number[]> {
  const rates = new Map<string, number[]>(scorers.map(([n]) => [n, []]));
  const CHUNK = 250;
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const us = new Array<number>(scorers.length).fill(0);
    let check = 0;
    for (let from = 0, c = 0; from < items.length; from += CHUNK, c++) {
      const to = Math.min(items.length, from + CHUNK);
      for (let k = 0; k < scorers.length; k++) {
        const s = (k + c + r) % scorers.length;
        const f = scorers[s]![1];
        const t0 = process.cpuUsage();
        for (let i = from; i < to; i++) check += f(items[i]!);
        const t = process.cpuUsage(t0);
        us[s] = us[s]! + t.user + t.system;
      }
    }
    if (check < 0) console.log(check);
    if (r >= WARMUP) scorers.forEach(([n], s) => rates.get(n)!.push((items.length / us[s]!) * 1e6));
  }
  return rates;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
function report(rates: Map<string, number[]>): Record<string, number> {
  const m = Object.fromEntries([...rates].map(([n, xs]) => [n, median(xs)]));
  for (const [n, xs] of rates)
    console.log(`  ${n.padEnd(10)} ${fmt(m[n]!).padStart(10)}/s   (rounds: ${xs.map(fmt).join(', ')})`);
  return m;
}

const defs = bundledIndices as unknown as Definition[];
const now = createRegistry(defs);
const before = baseline.createRegistry(defs.filter((d) => !('example' in d)));
console.log(
  `Engine v2 — ${SETS} inputs, ${WARMUP} warm-up + ${ROUNDS} measured rounds, median per CPU-second; baseline ${BASE}`,
);
for (const ref of ['sme@1.0.0', 'large@1.0.0']) {
  const c = now.get(ref) as CompiledScorecard;
  const b = before.get(ref) as CompiledScorecard;
  const inputs = nationalSets(c.definition, SETS);
  for (const x of inputs) {
    const { engine: _e1, ...r1 } = score(c, x);
    const { engine: _e2, ...r2 } = baseline.score(b, x);
    if (JSON.stringify(r1) !== JSON.stringify(r2)) throw new Error(`${ref}: results differ on ${JSON.stringify(x)}`);
  }
  console.log(`\n${ref} (identical results from both engines on all ${SETS} inputs)`);
  const rates = measure(
    [
      ['current', (x) => score(c, x).level],
      ['baseline', (x) => baseline.score(b, x).level],
    ],
    inputs,
  );
  const m = report(rates);
  const paired = rates.get('current')!.map((x, i) => x / rates.get('baseline')![i]!);
  console.log(
    `  current / baseline: ${(m.current! / m.baseline!).toFixed(3)} (medians); per round ${paired.map((x) => x.toFixed(2)).join(' ')}; median of the paired ratios ${median(paired).toFixed(3)}`,
  );
}
const ex = now.get('readiness-example@1.0.0') as CompiledScorecard;
const exInputs = exampleSets(ex.definition, SETS);
const levels = [0, 0, 0, 0, 0];
for (const x of exInputs) levels[score(ex, x).level]!++;
console.log(`\nreadiness-example@1.0.0 (overall levels 1..4 in the inputs: ${levels.slice(1).join(' / ')})`);
report(measure([['current', (x) => score(ex, x).level]], exInputs));
