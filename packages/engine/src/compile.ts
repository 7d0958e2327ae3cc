// compile(definition): validate once, hash once, and lay the definition out as flat arrays and compiled rules so
// that scoring an input touches no strings beyond the answers' own keys and allocates only its result.
import {
  AGGREGATE_VARS,
  PILLAR_FIELDS,
  SCORECARD_OVERALL_VARS,
  SCORECARD_PILLAR_VARS,
  answerScale,
  maxOfCriterion,
  contentHash,
  validateDefinition,
  type AggregateDefinition,
  type ClassifierDefinition,
  type ClassifierInput,
  type Criterion,
  type Definition,
  type IndexStamp,
  type Issue,
  type LevelRule,
  type ProfileFact,
  type ScorecardDefinition,
  type Text,
} from '@dbi/schema';
import { answerSpec, type AnswerSpec } from './answers.js';
import { EngineError } from './errors.js';
import { profileSlots } from './profile.js';
import { compileCondition, type Condition, type Slot } from './rule.js';

/** A level rule ready to run: `when` answers json-logic truthiness on the slot array. */
export interface RunRule {
  level: number;
  when: Condition;
  text: Text | undefined;
}

/** A classifier output rule ready to run. */
export interface RunOutputRule {
  value: string;
  when: Condition;
  text: Text | undefined;
}

interface Base<K extends Definition['kind'], D extends Definition> {
  readonly kind: K;
  readonly definition: D;
  /** id, version and content hash, stamped on every result. */
  readonly stamp: Readonly<IndexStamp>;
  /** `id@version` */
  readonly ref: string;
}

/** @internal Flat layout of a scorecard. */
export interface ScorecardPlan {
  lowest: number;
  maxLevel: number;
  /** Criteria in definition order. */
  ids: string[];
  weights: Int32Array;
  pillarOf: Int32Array;
  criterionIndex: Map<string, number>;
  pillarIds: string[];
  pillarIndex: Map<string, number>;
  pillarMax: Int32Array;
  pillarCriteria: Int32Array;
  pillarRules: RunRule[][];
  /** The rule list each pillar uses, for the trace: `pillars/<i>/rules` or `rules/pillar`. */
  overall: RunRule[];
  max: number;
  // Scratch space reused by every call (scoring is synchronous and never re-entered).
  points: Float64Array;
  answered: Int32Array;
  /** Per criterion: 1 when answered with a level in this call. */
  seen: Uint8Array;
  /** Successor cache: the key that last followed criterion slot s (slot 0 = start) and its criterion index. */
  nextKey: (string | undefined)[];
  nextIndex: Int32Array;
  /** [points, max, criteria, answered] */
  pillarEnv: number[];
  /** [total, max, pillars, atLeast.0, atLeast.1, …] */
  overallEnv: number[];
  levelCount: Int32Array;
  /**
   * true for definitions in the 1970 shape (every criterion a level, nothing conditional, no profile, no weights,
   * rules reading only points/max/criteria/answered and total/max/pillars/atLeast): scored by the original single
   * pass above. Everything else goes through the general pass (general.ts), which knows every answer type.
   */
  simple: boolean;
  /** The general pass: per criterion its answer spec, maximum, component (-1: directly under its pillar). */
  specs: AnswerSpec[];
  critMax: Int32Array;
  componentOf: Int32Array;
  componentIds: string[];
  componentPillar: Int32Array;
  /** `applies` per pillar, component and criterion (undefined: always applies). */
  pillarApplies: (Condition | undefined)[];
  componentApplies: (Condition | undefined)[];
  criterionApplies: (Condition | undefined)[];
  profile: ProfileFact[];
  /** The profile facts as the `applies` rules read them: slot i = fact i. */
  profileEnv: unknown[];
  /** Pillar weights (undefined: the overall score is 100 · total / max). */
  pillarWeights: Int32Array | undefined;
  /** Pillar env: [points, max, criteria, answered, score, ...profile]; overall env: see overallLayout. */
  pillarReadsScore: boolean;
  overallLayout: OverallLayout;
}

/** @internal Where the overall rules' extra variables sit in `overallEnv`, and which of them the rules read. */
export interface OverallLayout {
  score: number;
  /** pillar.<id>.points|max|score|level at pillarBase + 4·i + field. */
  pillarBase: number;
  criterionBase: number;
  profileBase: number;
  readsScore: boolean;
  readsPillars: boolean;
  readsPillarScores: boolean;
  readsCriteria: boolean;
}

export interface CompiledScorecard extends Base<'scorecard', ScorecardDefinition> {
  /** @internal */
  readonly plan: ScorecardPlan;
}

/** @internal */
export interface AggregatePlan {
  lowest: number;
  pillarIds: string[];
  indices: Set<string>;
  parentIndices: Set<string>;
  excluded: Set<string>;
  overall: RunRule[];
  pillar: RunRule[];
  /** [sum, weight, parent, units] */
  env: number[];
}

export interface CompiledAggregate extends Base<'aggregate', AggregateDefinition> {
  /** @internal */
  readonly plan: AggregatePlan;
}

/** @internal */
export interface ClassifierPlan {
  inputs: ClassifierInput[];
  inputIndex: Map<string, number>;
  outputs: { name: string; rules: RunOutputRule[]; default: string; slot: number }[];
  /** inputs then outputs, by declaration order */
  env: unknown[];
  names: string[];
}

export interface CompiledClassifier extends Base<'classifier', ClassifierDefinition> {
  /** @internal */
  readonly plan: ClassifierPlan;
}

export type Compiled = CompiledScorecard | CompiledAggregate | CompiledClassifier;

// Limits the schema puts on group inputs; they bound the integers aggregate rules can make.
export const MAX_HEADCOUNT = 10_000_000;
export const MAX_UNITS = 100_000;

const cache = new WeakMap<object, Compiled>();

export interface CompileOptions {
  /**
   * The content hash the registry published this definition under. When the definition's own hash equals it, the
   * shape-and-meaning validation is not repeated (it ran when that hash was published, and published content never
   * changes); any other content is refused. Lets a browser page under a strict CSP (Ajv generates its validators as
   * code at run time, which needs 'unsafe-eval') score with this same engine.
   */
  publishedHash?: string;
}

/**
 * Validates a definition (shape, then meaning, via @dbi/schema) and prepares it for scoring. Cached per definition
 * object: definitions are treated as immutable once compiled. Throws EngineError with every issue found.
 */
export function compile(def: Definition, options: CompileOptions = {}): Compiled {
  if (typeof def === 'object' && def !== null) {
    const hit = cache.get(def);
    if (hit) return hit;
  }
  let d: Definition;
  let hash: string;
  if (options.publishedHash !== undefined) {
    hash = typeof def === 'object' && def !== null ? contentHash(def) : '';
    if (hash !== options.publishedHash) {
      throw new EngineError(
        [
          {
            path: '/',
            code: 'hash-mismatch',
            message: `the definition's content hash ${hash || '(none)'} is not the published ${options.publishedHash}`,
          },
        ],
        'definition',
      );
    }
    d = def;
  } else {
    const checked = validateDefinition(def);
    if (!checked.ok) throw new EngineError(checked.issues, 'definition');
    d = checked.value;
    hash = contentHash(d);
  }
  const stamp = Object.freeze({ id: d.id, version: d.version, hash });
  const ref = `${d.id}@${d.version}`;
  const issues: Issue[] = [];
  let out: Compiled;
  switch (d.kind) {
    case 'scorecard':
      out = { kind: 'scorecard', definition: d, stamp, ref, plan: planScorecard(d, issues) };
      break;
    case 'aggregate':
      out = { kind: 'aggregate', definition: d, stamp, ref, plan: planAggregate(d, issues) };
      break;
    case 'classifier':
      out = { kind: 'classifier', definition: d, stamp, ref, plan: planClassifier(d, issues) };
      break;
  }
  if (issues.length) throw new EngineError(issues, 'definition');
  cache.set(def, out);
  return out;
}

const slot = (i: number, lo: number, hi: number): Slot => ({ slot: i, numeric: true, lo, hi });

function compileLevelRules(
  rules: readonly LevelRule[],
  slots: Map<string, Slot>,
  path: string,
  issues: Issue[],
  used?: Set<number>,
): RunRule[] {
  return rules.map((r, i) => ({
    level: r.level,
    when: compileCondition(r.when, { slots, exact: true, used }, `${path}/${i}/when`, issues),
    text: r.text,
  }));
}

function planScorecard(d: ScorecardDefinition, issues: Issue[]): ScorecardPlan {
  const scale = answerScale(d);
  const maxLevel = scale.length - 1;
  const ids: string[] = [];
  const weights: number[] = [];
  const pillarOf: number[] = [];
  const pillarMax: number[] = [];
  const pillarCriteria: number[] = [];
  const specs: AnswerSpec[] = [];
  const critMax: number[] = [];
  const componentOf: number[] = [];
  const componentIds: string[] = [];
  const componentPillar: number[] = [];
  const facts = d.profile ?? [];
  const profileScope = { slots: new Map<string, Slot>(profileSlots(facts, 0)), exact: true };
  const applies = (rule: unknown, at: string) =>
    rule === undefined ? undefined : compileCondition(rule, profileScope, at, issues);
  const pillarApplies: (Condition | undefined)[] = [];
  const componentApplies: (Condition | undefined)[] = [];
  const criterionApplies: (Condition | undefined)[] = [];
  let allLevels = true;
  d.pillars.forEach((p, pi) => {
    let m = 0;
    let n = 0;
    pillarApplies.push(applies(p.applies, `/pillars/${pi}/applies`));
    const add = (list: readonly Criterion[], ci: number, at: string) =>
      list.forEach((k, ki) => {
        const spec = answerSpec(k, d);
        if (spec.type !== 'level') allLevels = false;
        ids.push(k.id);
        weights.push(spec.type === 'level' ? spec.weight : 0);
        pillarOf.push(pi);
        specs.push(spec);
        const km = maxOfCriterion(k, scale);
        critMax.push(km);
        componentOf.push(ci);
        criterionApplies.push(applies(k.applies, `${at}/${ki}/applies`));
        m += km;
        n++;
      });
    if (p.criteria) add(p.criteria, -1, `/pillars/${pi}/criteria`);
    (p.components ?? []).forEach((c, ci) => {
      componentIds.push(c.id);
      componentPillar.push(pi);
      componentApplies.push(applies(c.applies, `/pillars/${pi}/components/${ci}/applies`));
      add(c.criteria, componentIds.length - 1, `/pillars/${pi}/components/${ci}/criteria`);
    });
    pillarMax.push(m);
    pillarCriteria.push(n);
  });
  const max = pillarMax.reduce((s, m) => s + m, 0);
  const P = d.pillars.length;
  const minOf = (a: number[]) => Math.min(...a),
    maxOf = (a: number[]) => Math.max(...a);
  const conditional =
    [...pillarApplies, ...componentApplies, ...criterionApplies].some((a) => a !== undefined) ||
    specs.some((s) => s.type === 'choice' && [...s.points.values()].includes(-1));
  // With conditional nodes a pillar's maximum and criteria count depend on the profile: anything from 0 up.
  const lowMax = (maxes: number[]) => (conditional ? 0 : minOf(maxes));
  const pillarSlots = (maxes: number[], counts: number[]) =>
    new Map<string, Slot>([
      [SCORECARD_PILLAR_VARS[0], slot(0, 0, maxOf(maxes))],
      [SCORECARD_PILLAR_VARS[1], slot(1, lowMax(maxes), maxOf(maxes))],
      [SCORECARD_PILLAR_VARS[2], slot(2, conditional ? 0 : minOf(counts), maxOf(counts))],
      [SCORECARD_PILLAR_VARS[3], slot(3, 0, maxOf(counts))],
      ['score', { slot: 4, numeric: false, lo: NaN, hi: NaN, rational: true }],
      ...profileSlots(facts, 5),
    ]);
  const pillarUsed = new Set<number>();
  const shared = compileLevelRules(
    d.rules.pillar,
    pillarSlots(pillarMax, pillarCriteria),
    '/rules/pillar',
    issues,
    pillarUsed,
  );
  const pillarRules = d.pillars.map((p, pi) =>
    p.rules
      ? compileLevelRules(
          p.rules,
          pillarSlots([pillarMax[pi]!], [pillarCriteria[pi]!]),
          `/pillars/${pi}/rules`,
          issues,
          pillarUsed,
        )
      : shared,
  );
  const lowest = d.levels[0]!.level;
  const highest = d.levels[d.levels.length - 1]!.level;
  const overallSlots = new Map<string, Slot>([
    [SCORECARD_OVERALL_VARS[0], slot(0, 0, max)],
    [SCORECARD_OVERALL_VARS[1], slot(1, conditional ? 0 : max, max)],
    [SCORECARD_OVERALL_VARS[2], slot(2, conditional ? 0 : P, P)],
  ]);
  // The documented context nests atLeast as {atLeast: {"0": n, …}}, which json-logic-js reads as "atLeast.0".
  d.levels.forEach((l, k) => overallSlots.set(`atLeast.${l.level}`, slot(3 + k, 0, P)));
  const scoreSlot = 3 + d.levels.length;
  overallSlots.set('score', { slot: scoreSlot, numeric: false, lo: NaN, hi: NaN, rational: true });
  const pillarBase = scoreSlot + 1;
  d.pillars.forEach((p, pi) => {
    const b = pillarBase + 4 * pi;
    const [points, pmax, score, level] = PILLAR_FIELDS;
    overallSlots.set(`pillar.${p.id}.${points}`, slot(b, 0, pillarMax[pi]!));
    overallSlots.set(`pillar.${p.id}.${pmax}`, slot(b + 1, 0, pillarMax[pi]!));
    overallSlots.set(`pillar.${p.id}.${score}`, { slot: b + 2, numeric: false, lo: NaN, hi: NaN, rational: true });
    overallSlots.set(`pillar.${p.id}.${level}`, slot(b + 3, lowest, highest));
  });
  const criterionBase = pillarBase + 4 * P;
  ids.forEach((id, i) => overallSlots.set(`criterion.${id}.points`, slot(criterionBase + i, 0, critMax[i]!)));
  const profileBase = criterionBase + ids.length;
  for (const [name, s] of profileSlots(facts, profileBase)) overallSlots.set(name, s);
  const overallUsed = new Set<number>();
  const overall = compileLevelRules(d.rules.overall, overallSlots, '/rules/overall', issues, overallUsed);
  const inRange = (from: number, to: number) => [...overallUsed].some((u) => u >= from && u < to);
  const overallLayout: OverallLayout = {
    score: scoreSlot,
    pillarBase,
    criterionBase,
    profileBase,
    readsScore: overallUsed.has(scoreSlot),
    readsPillars: inRange(pillarBase, criterionBase),
    readsPillarScores: [...overallUsed].some((u) => u >= pillarBase && u < criterionBase && (u - pillarBase) % 4 === 2),
    readsCriteria: inRange(criterionBase, profileBase),
  };
  const pillarReadsScore = pillarUsed.has(4);
  const weighted = d.pillars.every((p) => p.weight !== undefined);
  const simple =
    allLevels &&
    !conditional &&
    facts.length === 0 &&
    !weighted &&
    !pillarReadsScore &&
    [...pillarUsed].every((u) => u < 4) &&
    [...overallUsed].every((u) => u < scoreSlot);
  const criterionIndex = new Map<string, number>();
  ids.forEach((id, i) => criterionIndex.set(id, i));
  return {
    lowest,
    maxLevel,
    ids,
    weights: Int32Array.from(weights),
    pillarOf: Int32Array.from(pillarOf),
    criterionIndex,
    pillarIds: d.pillars.map((p) => p.id),
    pillarIndex: new Map(d.pillars.map((p, i) => [p.id, i])),
    pillarMax: Int32Array.from(pillarMax),
    pillarCriteria: Int32Array.from(pillarCriteria),
    pillarRules,
    overall,
    max,
    points: new Float64Array(P),
    answered: new Int32Array(P),
    seen: new Uint8Array(ids.length),
    nextKey: new Array<string | undefined>(ids.length + 1).fill(undefined),
    nextIndex: new Int32Array(ids.length + 1),
    // Packed arrays (a literal-like fill, not new Array(n), which V8 keeps "holey"): rules read them per call.
    pillarEnv: Array.from({ length: 5 + facts.length }, () => 0),
    overallEnv: new Array<number>(profileBase + facts.length).fill(0),
    levelCount: new Int32Array(d.levels.length),
    simple,
    specs,
    critMax: Int32Array.from(critMax),
    componentOf: Int32Array.from(componentOf),
    componentIds,
    componentPillar: Int32Array.from(componentPillar),
    pillarApplies,
    componentApplies,
    criterionApplies,
    profile: facts,
    profileEnv: new Array<unknown>(facts.length).fill(null),
    pillarWeights: weighted ? Int32Array.from(d.pillars.map((p) => p.weight!)) : undefined,
    pillarReadsScore,
    overallLayout,
  };
}

function planAggregate(d: AggregateDefinition, issues: Issue[]): AggregatePlan {
  // Member indices may have up to 21 levels (0..20): the widest range a member's level can take.
  const topMemberLevel = 20;
  const maxWeight = MAX_HEADCOUNT * MAX_UNITS;
  const slots = new Map<string, Slot>([
    [AGGREGATE_VARS[0], slot(0, 0, maxWeight * topMemberLevel)],
    [AGGREGATE_VARS[1], slot(1, 0, maxWeight)],
    [AGGREGATE_VARS[2], slot(2, 0, topMemberLevel)],
    [AGGREGATE_VARS[3], slot(3, 0, MAX_UNITS)],
  ]);
  const overall = compileLevelRules(d.rules.overall, slots, '/rules/overall', issues);
  const pillar = d.rules.pillar ? compileLevelRules(d.rules.pillar, slots, '/rules/pillar', issues) : overall;
  return {
    lowest: d.levels[0]!.level,
    pillarIds: d.pillars.map((p) => p.id),
    indices: new Set(d.members.indices),
    parentIndices: new Set(d.members.parentIndices),
    excluded: new Set(d.members.excludedRelations),
    overall,
    pillar,
    env: [0, 0, 0, 0],
  };
}

/** Names a classifier result already uses for itself. */
const RESERVED_OUTPUTS = new Set(['classifier', 'engine', 'trace']);

function planClassifier(d: ClassifierDefinition, issues: Issue[]): ClassifierPlan {
  const slots = new Map<string, Slot>();
  const names: string[] = [];
  // Required integer inputs are numbers within their bounds, so arithmetic on them is range-checked like a level
  // rule's (a*a beyond 2^53 is refused); optional ones may be null and are not numbers to arithmetic.
  d.inputs.forEach((inp, i) => {
    slots.set(
      inp.name,
      inp.type === 'integer' && inp.required
        ? { slot: i, numeric: true, lo: inp.minimum ?? -Number.MAX_SAFE_INTEGER, hi: Number.MAX_SAFE_INTEGER }
        : { slot: i, numeric: false, lo: NaN, hi: NaN },
    );
    names.push(inp.name);
  });
  const outputs = d.outputs.map((out, oi) => {
    if (RESERVED_OUTPUTS.has(out.name)) {
      issues.push({
        path: `/outputs/${oi}/name`,
        code: 'reserved-name',
        message: `"${out.name}" is a field of every classification result; choose another name`,
      });
    }
    // Each output's rules see the inputs and the outputs before it, not itself.
    const rules = out.rules.map((r, ri) => ({
      value: r.value,
      when: compileCondition(r.when, { slots: new Map(slots), exact: true }, `/outputs/${oi}/rules/${ri}/when`, issues),
      text: r.text,
    }));
    const s = d.inputs.length + oi;
    slots.set(out.name, { slot: s, numeric: false, lo: NaN, hi: NaN });
    names.push(out.name);
    return { name: out.name, rules, default: out.default, slot: s };
  });
  return {
    inputs: d.inputs,
    inputIndex: new Map(d.inputs.map((inp, i) => [inp.name, i])),
    outputs,
    env: new Array<unknown>(names.length).fill(null),
    names,
  };
}

/** Index of the first rule whose `when` holds, or -1. */
export function decide(rules: readonly { when: Condition }[], env: unknown): number {
  for (let i = 0; i < rules.length; i++) if (rules[i]!.when(env)) return i;
  return -1;
}

/**
 * The one answer to "can this definition be published and run?": every issue found, empty when it can. First its
 * shape and meaning (@dbi/schema's `validateDefinition`), then what the engine needs to run it exactly (numeric
 * operands, safe-integer bounds, reserved names) — the same checks `compile` makes, so a definition it passes always
 * compiles. `dbi validate`, the CLI's registry, the server's validate/save/publish, the national import, the
 * designer and `indices/` all check with this function.
 */
export function definitionIssues(def: unknown): Issue[] {
  try {
    compile(def as Definition);
    return [];
  } catch (e) {
    if (e instanceof EngineError) return e.issues;
    throw e;
  }
}
