// A scorecard definition turned, mechanically, into ONE json-logic program that does the whole scoring: criterion
// points summed per pillar, pillar levels by the pillar rules, the total, the atLeast.k counts and the overall
// level. This is what an integrator who keeps the scorecard entirely in json-logic evaluates with json-logic-js
// `apply` for every assessment; bench/engine-throughput.ts times it against the engine.
//
// Data the program reads: `{ a: [answer of each criterion in definition order] }`. json-logic-js splits `var`
// paths on dots, so criterion ids such as "1.1.1" cannot be addressed as `answers.1.1.1` (that reads
// answers["1"]["1"]["1"]); the integrator passes the answers as an array in definition order instead and the program
// reads criterion i as `{"var": "a.i"}`. No data (null or absent) scores 0, so when no pillar rule reads `answered`
// the integrator passes 0 for it and each criterion is a bare `var`; otherwise it passes null, and the program
// turns null into 0 for the points and counts the non-null answers.
//
// Two forms, both generated from the definition alone (nothing about a particular index is typed in):
// - 'bound': every intermediate value is computed once. json-logic has no `let`, so the program binds values with
//   its own `map` over a one-element array: `{"map": [[X], L]}` evaluates L with X as its data. Four stages:
//   pillar points (and answered counts if a pillar rule reads them) → + pillar levels → + total and the atLeast.k
//   counts the overall rules read → + overall level. Each stage appends to the array it received (`merge`), so
//   the last one holds every output.
// - 'inline': the rule variables are replaced by the expressions that compute them, wherever they occur (points
//   inside every band of the pillar's `if` chain, pillar levels inside every atLeast.k count, the total inside every
//   overall rule), so json-logic-js recomputes them each time a rule reads them.
import type { LevelRule, ScorecardDefinition } from '@dbi/schema';

export type ProgramForm = 'bound' | 'inline';

export interface ScorecardProgram {
  /** The json-logic program; evaluate as `jsonLogic.apply(logic, { a })`. */
  logic: unknown;
  /** Criterion ids in the order of `a`. */
  ids: string[];
  /** What `a` holds for a criterion without data: 0, or null when a rule counts `answered`. */
  noData: 0 | null;
  /** Reads the program's value: points and level per pillar, the total and the overall level. */
  read(out: unknown): { points: number[]; levels: number[]; total: number; level: number };
}

type Expr = unknown;

/** Replaces every `{"var": name}` (or `{"var": [name, default]}`) in a rule by `vars[name]`; unknown names throw. */
function substitute(rule: Expr, vars: Record<string, Expr>): Expr {
  if (Array.isArray(rule)) return rule.map((r) => substitute(r, vars));
  if (typeof rule !== 'object' || rule === null) return rule;
  const entries = Object.entries(rule);
  if (entries.length === 1 && entries[0]![0] === 'var') {
    const arg = entries[0]![1];
    const name = String(Array.isArray(arg) ? arg[0] : arg);
    if (!Object.hasOwn(vars, name)) throw new Error(`rule reads "${name}", which this program does not provide`);
    return vars[name];
  }
  return Object.fromEntries(entries.map(([op, args]) => [op, substitute(args, vars)]));
}

/** The names a rule reads. */
function reads(rule: Expr, out = new Set<string>()): Set<string> {
  if (Array.isArray(rule)) rule.forEach((r) => reads(r, out));
  else if (typeof rule === 'object' && rule !== null) {
    for (const [op, args] of Object.entries(rule)) {
      if (op === 'var') out.add(String(Array.isArray(args) ? args[0] : args));
      else reads(args, out);
    }
  }
  return out;
}

/** First truthy `when` wins, 0 when none does: json-logic's `if` with (condition, value) pairs and a final else. */
const chain = (rules: LevelRule[], vars: Record<string, Expr>): Expr => ({
  if: [...rules.flatMap((r) => [substitute(r.when, vars), r.level]), 0],
});

/** `{"map": [[X], L]}` is L evaluated on X: json-logic's only way to name an intermediate value. */
const bind = (x: Expr, l: Expr, wrapped: boolean): Expr => ({ map: [wrapped ? x : [x], l] });
/** Appends the values of `exprs` to the current data array. */
const append = (exprs: Expr[]): Expr => ({ merge: [{ var: '' }, exprs] });

export function scorecardProgram(d: ScorecardDefinition, form: ProgramForm): ScorecardProgram {
  const top = d.levels.length - 1;
  const P = d.pillars.length;
  const crit = d.pillars.map((p) => p.components.flatMap((c) => c.criteria));
  const ids = crit.flat().map((k) => k.id);
  const first = crit.map((_, i) => crit.slice(0, i).reduce((n, cs) => n + cs.length, 0));
  const max = crit.map((cs) => cs.reduce((s, k) => s + k.weight * top, 0));
  const totalMax = max.reduce((a, b) => a + b, 0);
  const pillarRules = d.pillars.map((p) => p.rules ?? d.rules.pillar);
  const overallReads = reads(d.rules.overall);
  const needAnswered = pillarRules.some((r) => reads(r).has('answered'));
  const noData = needAnswered ? null : 0;

  // A criterion scores level × weight; with nulls in `a`, `{"or": [v, 0]}` turns them into 0, as json-logic-js's
  // `+` and `*` would otherwise take parseFloat(null) = NaN. Weight 1 needs no multiplication.
  const term = (j: number, w: number): Expr => {
    const v = needAnswered ? { or: [{ var: `a.${j}` }, 0] } : { var: `a.${j}` };
    return w === 1 ? v : { '*': [v, w] };
  };
  const pointsExpr = crit.map((cs, i) => ({ '+': cs.map((k, n) => term(first[i]! + n, k.weight)) }));
  const answeredExpr = crit.map((cs, i) => ({
    '+': cs.map((_, n) => ({ if: [{ '==': [{ var: `a.${first[i]! + n}` }, null] }, 0, 1] })),
  }));
  const levelKs = d.levels.map((l) => l.level);

  if (form === 'inline') {
    const levelExpr = pillarRules.map((rules, i) =>
      chain(rules, { points: pointsExpr[i], max: max[i], criteria: crit[i]!.length, answered: answeredExpr[i] }),
    );
    const totalExpr = { '+': pointsExpr };
    const overallVars: Record<string, Expr> = { total: totalExpr, max: totalMax, pillars: P };
    for (const k of levelKs)
      overallVars[`atLeast.${k}`] = { '+': levelExpr.map((l) => ({ if: [{ '>=': [l, k] }, 1, 0] })) };
    // Output: [points_1..P, level_1..P, total, level]
    const logic = [...pointsExpr, ...levelExpr, totalExpr, chain(d.rules.overall, overallVars)];
    return {
      logic,
      ids,
      noData,
      read(out) {
        const o = out as number[];
        return { points: o.slice(0, P), levels: o.slice(P, 2 * P), total: o[2 * P]!, level: o[2 * P + 1]! };
      },
    };
  }

  // 'bound'. Slots of the growing array: points 0..P-1, [answered P..2P-1 if read], levels, total, atLeast.k…, level.
  const stageA = needAnswered ? [...pointsExpr, ...answeredExpr] : pointsExpr;
  const lvl0 = stageA.length;
  const stageB = append(
    pillarRules.map((rules, i) =>
      chain(rules, {
        points: { var: i },
        max: max[i],
        criteria: crit[i]!.length,
        ...(needAnswered ? { answered: { var: P + i } } : {}),
      }),
    ),
  );
  const totalSlot = lvl0 + P;
  const counted = levelKs.filter((k) => overallReads.has(`atLeast.${k}`));
  const stageC = append([
    { '+': d.pillars.map((_, i) => ({ var: i })) },
    ...counted.map((k) => ({ '+': d.pillars.map((_, i) => ({ if: [{ '>=': [{ var: lvl0 + i }, k] }, 1, 0] })) })),
  ]);
  const overallVars: Record<string, Expr> = { total: { var: totalSlot }, max: totalMax, pillars: P };
  counted.forEach((k, n) => (overallVars[`atLeast.${k}`] = { var: totalSlot + 1 + n }));
  const levelSlot = totalSlot + 1 + counted.length;
  const stageD = append([chain(d.rules.overall, overallVars)]);
  const logic = bind(bind(bind(stageA, stageB, false), stageC, true), stageD, true);
  return {
    logic,
    ids,
    noData,
    read(out) {
      const o = (out as number[][])[0]!;
      return { points: o.slice(0, P), levels: o.slice(lvl0, lvl0 + P), total: o[totalSlot]!, level: o[levelSlot]! };
    },
  };
}
