// Crosswalks between versions: checking one (against the version it belongs to, and against the version it derives
// from), suggesting one where ids and texts match, and carrying answers across one. Pure; the server (moving an
// assessment, comparing results), the engine's impact analysis and the designer's crosswalk panel all use this.
import type {
  Criterion,
  Crosswalk,
  CrosswalkAnswer,
  CrosswalkEntry,
  CrosswalkKind,
  Level,
  ScorecardDefinition,
} from './definition.js';
import { compareDecimal } from './decimal.js';
import type { Issue, ScoreAnswers, ScoreAnswerValue } from './io.js';

type Scorecard = Pick<ScorecardDefinition, 'id' | 'version' | 'pillars' | 'scale' | 'levels'>;

/** Every criterion of a scorecard by id, in definition order. */
export function criteriaById(def: Pick<ScorecardDefinition, 'pillars'>): Map<string, Criterion> {
  const m = new Map<string, Criterion>();
  for (const p of def.pillars)
    for (const k of p.criteria ?? (p.components ?? []).flatMap((c) => c.criteria)) m.set(k.id, k);
  return m;
}

/** How many criteria each side of an entry of this kind names: [min, max] of `from`, then of `to`. */
const ARITY: Record<CrosswalkKind, [[number, number], [number, number]]> = {
  same: [
    [1, 1],
    [1, 1],
  ],
  renamed: [
    [1, 1],
    [1, 1],
  ],
  merged: [
    [2, Infinity],
    [1, 1],
  ],
  split: [
    [1, 1],
    [2, Infinity],
  ],
  dropped: [
    [1, 1],
    [0, 0],
  ],
  new: [
    [0, 0],
    [1, 1],
  ],
};

const ids = (list: readonly string[]) => list.join(', ');
const shown = (v: unknown) => JSON.stringify(v);

/** Why `value` is not an answer of `k` (undefined when it is). Levels run over the answer scale. */
export function answerProblem(k: Criterion, scale: readonly Level[], value: ScoreAnswerValue): string | undefined {
  switch (k.type) {
    case undefined:
    case 'level': {
      const top = scale.length - 1;
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${k.id} is answered with a level 0..${top}`;
      return value < 0 || value > top ? `level ${value} is outside ${k.id}'s answer scale 0..${top}` : undefined;
    }
    case 'choice':
      if (typeof value !== 'string') return `${k.id} is answered with one option id`;
      return k.options.some((o) => o.id === value) ? undefined : `"${value}" is not an option of ${k.id}`;
    case 'multi': {
      if (!Array.isArray(value)) return `${k.id} is answered with a list of option ids`;
      const bad = value.find((v) => !k.options.some((o) => o.id === v));
      return bad === undefined ? undefined : `"${bad}" is not an option of ${k.id}`;
    }
    case 'number':
      if (typeof value !== 'number') return `${k.id} is answered with a number`;
      if (k.integer && !Number.isInteger(value)) return `${k.id} takes whole numbers only`;
      return compareDecimal(value, k.min) < 0 || compareDecimal(value, k.max) > 0
        ? `${value} is outside ${k.id}'s range ${k.min}..${k.max}`
        : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${k.id} is answered yes or no (true/false)`;
  }
}

const answerScaleOf = (d: Pick<ScorecardDefinition, 'scale' | 'levels'>): readonly Level[] => d.scale ?? d.levels;

/**
 * The meaning checks a crosswalk needs from the version that carries it alone: it names the version `derivedFrom`
 * names, each entry names as many criteria as its kind needs, every `to` is a criterion of this version and no
 * criterion is reached or left twice, and every remapped option leads to an answer of its target.
 */
export function checkCrosswalkTarget(def: ScorecardDefinition & { crosswalk: Crosswalk }): Issue[] {
  const issues: Issue[] = [];
  const cw = def.crosswalk;
  if (def.derivedFrom !== cw.from)
    issues.push({
      path: '/crosswalk/from',
      code: 'crosswalk-from',
      message:
        def.derivedFrom === undefined
          ? `a crosswalk needs derivedFrom: set derivedFrom to "${cw.from}"`
          : `the crosswalk is from ${cw.from} but the version derives from ${def.derivedFrom}`,
    });
  const criteria = criteriaById(def);
  const scale = answerScaleOf(def);
  const seenFrom = new Map<string, string>();
  const seenTo = new Map<string, string>();
  cw.criteria.forEach((e, i) => {
    const at = `/crosswalk/criteria/${i}`;
    const [[fl, fh], [tl, th]] = ARITY[e.kind];
    if (e.from.length < fl || e.from.length > fh)
      issues.push({ path: `${at}/from`, code: 'crosswalk-arity', message: arityText(e.kind, 'from', fl, fh) });
    if (e.to.length < tl || e.to.length > th)
      issues.push({ path: `${at}/to`, code: 'crosswalk-arity', message: arityText(e.kind, 'to', tl, th) });
    if (e.kind === 'same' && e.from[0] !== undefined && e.to[0] !== undefined && e.from[0] !== e.to[0])
      issues.push({
        path: `${at}/kind`,
        code: 'crosswalk-kind',
        message: `${e.from[0]} → ${e.to[0]} changes the id: that is "renamed", not "same"`,
      });
    if (e.kind === 'renamed' && e.from[0] !== undefined && e.from[0] === e.to[0])
      issues.push({
        path: `${at}/kind`,
        code: 'crosswalk-kind',
        message: `${e.from[0]} keeps its id: that is "same", not "renamed"`,
      });
    if ((e.combine !== undefined) !== (e.kind === 'merged'))
      issues.push({
        path: `${at}/combine`,
        code: 'crosswalk-combine',
        message:
          e.kind === 'merged'
            ? `a merge says how the answers combine: "min" or "max"`
            : `only a merge combines answers ("${e.kind}" has no combine)`,
      });
    if (e.options !== undefined && (e.kind === 'dropped' || e.kind === 'new'))
      issues.push({
        path: `${at}/options`,
        code: 'crosswalk-options',
        message: `a "${e.kind}" entry carries no answers to remap`,
      });
    e.from.forEach((id, j) => {
      const first = seenFrom.get(id);
      if (first !== undefined)
        issues.push({
          path: `${at}/from/${j}`,
          code: 'crosswalk-duplicate',
          message: `${id} is already mapped at ${first}`,
        });
      else seenFrom.set(id, `${at}/from/${j}`);
    });
    e.to.forEach((id, j) => {
      const first = seenTo.get(id);
      if (!criteria.has(id))
        issues.push({
          path: `${at}/to/${j}`,
          code: 'crosswalk-unknown',
          message: `${id} is not a criterion of this version`,
        });
      else if (first !== undefined)
        issues.push({
          path: `${at}/to/${j}`,
          code: 'crosswalk-duplicate',
          message: `${id} is already reached at ${first}`,
        });
      else seenTo.set(id, `${at}/to/${j}`);
    });
    e.options?.forEach((o, j) => {
      if (o.to === null) return;
      for (const id of e.to) {
        const k = criteria.get(id);
        const problem = k && answerProblem(k, scale, o.to);
        if (problem) issues.push({ path: `${at}/options/${j}/to`, code: 'crosswalk-option', message: problem });
      }
    });
    const froms = new Set<string>();
    e.options?.forEach((o, j) => {
      const key = shown(o.from);
      if (froms.has(key))
        issues.push({
          path: `${at}/options/${j}/from`,
          code: 'crosswalk-duplicate',
          message: `${key} is remapped twice`,
        });
      froms.add(key);
    });
  });
  return issues;
}

function arityText(kind: CrosswalkKind, side: 'from' | 'to', lo: number, hi: number): string {
  const n = lo === hi ? `exactly ${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
  return `a "${kind}" entry names ${n} criteri${lo === 1 && hi === 1 ? 'on' : 'a'} in "${side}"`;
}

/**
 * The checks that need the version derived from (`base`): the crosswalk is from exactly it, every `from` is one of
 * its criteria, and each remapped option starts from an answer of that criterion. JSON pointers are into `def`.
 */
export function checkCrosswalk(base: Scorecard, def: ScorecardDefinition & { crosswalk: Crosswalk }): Issue[] {
  const issues: Issue[] = [];
  const ref = `${base.id}@${base.version}`;
  if (def.crosswalk.from !== ref)
    issues.push({
      path: '/crosswalk/from',
      code: 'crosswalk-from',
      message: `the crosswalk is from ${def.crosswalk.from}, not from ${ref}`,
    });
  const criteria = criteriaById(base);
  const scale = answerScaleOf(base);
  def.crosswalk.criteria.forEach((e, i) => {
    const at = `/crosswalk/criteria/${i}`;
    e.from.forEach((id, j) => {
      if (!criteria.has(id))
        issues.push({
          path: `${at}/from/${j}`,
          code: 'crosswalk-unknown',
          message: `${id} is not a criterion of ${ref}`,
        });
    });
    e.options?.forEach((o, j) => {
      for (const id of e.from) {
        const k = criteria.get(id);
        const problem = k && answerProblem(k, scale, o.from);
        if (problem) issues.push({ path: `${at}/options/${j}/from`, code: 'crosswalk-option', message: problem });
      }
    });
  });
  return issues;
}

const sameText = (a: Criterion, b: Criterion) => a.text.vi === b.text.vi && a.text.en === b.text.en;

/**
 * A crosswalk suggested from ids and texts: a criterion of `b` whose id is in `a` is `same`; one whose id is new
 * but whose text (both languages) is that of a criterion of `a` left unmatched is `renamed`; the rest of `b` is
 * `new` and the rest of `a` `dropped`. Nothing is suggested for merges, splits or option remaps: those need a person.
 */
export function suggestCrosswalk(a: Scorecard, b: Pick<ScorecardDefinition, 'pillars'>): Crosswalk {
  const fromA = criteriaById(a);
  const inB = criteriaById(b);
  const used = new Set<string>();
  const entries: CrosswalkEntry[] = [];
  const pending: Criterion[] = [];
  for (const k of inB.values()) {
    if (fromA.has(k.id)) used.add(k.id);
    else pending.push(k);
  }
  const byPosition = new Map<Criterion, CrosswalkEntry>();
  for (const k of pending) {
    const match = [...fromA.values()].find((x) => !used.has(x.id) && !inB.has(x.id) && sameText(x, k));
    if (match) {
      used.add(match.id);
      byPosition.set(k, { kind: 'renamed', from: [match.id], to: [k.id] });
    } else byPosition.set(k, { kind: 'new', from: [], to: [k.id] });
  }
  for (const k of inB.values())
    entries.push(fromA.has(k.id) ? { kind: 'same', from: [k.id], to: [k.id] } : byPosition.get(k)!);
  for (const x of fromA.values()) if (!used.has(x.id)) entries.push({ kind: 'dropped', from: [x.id], to: [] });
  return { from: `${a.id}@${a.version}`, criteria: entries };
}

const NONE: readonly string[] = [];
const isLevel = (k: Criterion) => k.type === undefined || k.type === 'level';
const NO_VALUES: readonly ScoreAnswerValue[] = [];

export type NotCarriedCode = 'dropped' | 'new' | 'unmapped' | 'unanswered' | 'no-option' | 'does-not-fit';

/** A criterion whose answer did not reach the new version: `side` says whether the id is of `a` (an answer lost)
 * or of `b` (a question left unanswered). */
export interface NotCarried {
  id: string;
  side: 'from' | 'to';
  code: NotCarriedCode;
  message: string;
}

/** A criterion of `b` that received an answer, and from which criteria of `a`. */
export interface Carried {
  id: string;
  from: string[];
  kind: CrosswalkKind;
}

export interface CarryResult {
  /** Answers for `b`: only the criteria that were carried. */
  answers: ScoreAnswers;
  carried: Carried[];
  notCarried: NotCarried[];
}

const answered = (v: ScoreAnswerValue | undefined): v is Exclude<ScoreAnswerValue, null> =>
  v !== undefined && v !== null;

/**
 * A carrier for answers of `a` into `b` along `crosswalk` (default: `b.crosswalk`, else the suggested one), prepared
 * once so impact analysis can carry many assessments. The carrier never throws: what cannot be carried is listed
 * with its reason, and only answers that fit their criterion in `b` are given.
 */
export function carrier(
  a: Scorecard,
  b: Scorecard & { crosswalk?: Crosswalk },
  crosswalk: Crosswalk = b.crosswalk ?? suggestCrosswalk(a, b),
): (answers: ScoreAnswers) => CarryResult {
  const inA = criteriaById(a);
  const inB = criteriaById(b);
  const scaleB = answerScaleOf(b);
  const entries = crosswalk.criteria.filter(
    (e) => e.from.every((id) => inA.has(id)) && e.to.every((id) => inB.has(id)),
  );
  const reached = new Set(entries.flatMap((e) => e.to));
  const left = new Set(entries.flatMap((e) => e.from));
  const unmappedB = [...inB.keys()].filter((id) => !reached.has(id));
  const unmappedA = [...inA.keys()].filter((id) => !left.has(id));
  const maps = new Map(
    entries.map((e) => [e, e.options && new Map(e.options.map((o) => [shown(o.from), o.to] as const))]),
  );
  const remap = (e: CrosswalkEntry, v: ScoreAnswerValue): ScoreAnswerValue | undefined => {
    const m = maps.get(e);
    if (!m) return v;
    if (Array.isArray(v)) {
      const out: string[] = [];
      for (const x of v) {
        const y = m.get(shown(x));
        if (y === undefined) return undefined;
        if (y !== null) out.push(String(y));
      }
      return out;
    }
    const y = m.get(shown(v));
    return y === undefined ? undefined : y;
  };
  // The common entry — one level criterion to one level criterion, no remapped options — is carried inline: a level
  // within the new answer scale is copied, anything else takes the general path below (which says why).
  const top = scaleB.length;
  const direct = entries.map(
    (e) =>
      (e.kind === 'same' || e.kind === 'renamed') &&
      e.options === undefined &&
      isLevel(inB.get(e.to[0]!)!) &&
      isLevel(inA.get(e.from[0]!)!),
  );
  const carriedOf = entries.map((e) => e.to.map((id) => ({ id, from: e.from, kind: e.kind }) as Carried));
  return (answers) => {
    const out: ScoreAnswers = {};
    const carried: Carried[] = [];
    const notCarried: NotCarried[] = [];
    const lose = (id: string, side: 'from' | 'to', code: NotCarriedCode, message: string) =>
      notCarried.push({ id, side, code, message });
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (direct[i]) {
        const v = answers[e.from[0]!];
        if (typeof v === 'number' && v >= 0 && v < top && Number.isInteger(v)) {
          out[e.to[0]!] = v;
          carried.push(carriedOf[i]![0]!);
          continue;
        }
      }
      if (e.kind === 'new') {
        lose(e.to[0]!, 'to', 'new', `${e.to[0]} is new in ${b.id}@${b.version}: there is no earlier answer`);
        continue;
      }
      if (e.kind === 'dropped') {
        if (answered(answers[e.from[0]!]))
          lose(
            e.from[0]!,
            'from',
            'dropped',
            `${e.from[0]} was dropped from ${b.id}@${b.version}: its answer is not carried`,
          );
        continue;
      }
      // One source (the common case) without allocating; several (a merge) with.
      const one = e.from.length === 1;
      const single = one ? answers[e.from[0]!] : undefined;
      const values = one ? NO_VALUES : e.from.map((id) => answers[id]);
      const missing = one ? (answered(single) ? NONE : e.from) : e.from.filter((_, i) => !answered(values[i]));
      if (missing.length) {
        for (const id of e.to)
          lose(
            id,
            'to',
            'unanswered',
            `${ids(missing)} ${missing.length > 1 ? 'are' : 'is'} not answered in ${a.id}@${a.version}`,
          );
        continue;
      }
      let value: ScoreAnswerValue | undefined = one ? single! : values[0]!;
      if (e.kind === 'merged') {
        if (!values.every((v) => typeof v === 'number')) {
          for (const id of e.to)
            lose(id, 'to', 'does-not-fit', `only numbers and levels can be merged (${ids(e.from)})`);
          continue;
        }
        const nums = values as number[];
        value = e.combine === 'min' ? Math.min(...nums) : Math.max(...nums);
      }
      value = remap(e, value);
      if (value === undefined || value === null) {
        for (const id of e.to)
          lose(
            id,
            'to',
            'no-option',
            `the crosswalk gives no answer of ${id} for ${ids(e.from)} = ${shown(one ? single : values)}`,
          );
        continue;
      }
      for (const id of e.to) {
        const k = inB.get(id)!;
        // Level answers (the national indices) are checked inline; other types by answerProblem.
        const problem =
          (k.type === undefined || k.type === 'level') &&
          Number.isInteger(value) &&
          (value as number) >= 0 &&
          (value as number) < scaleB.length
            ? undefined
            : answerProblem(k, scaleB, value);
        if (problem) lose(id, 'to', 'does-not-fit', problem);
        else {
          out[id] = Array.isArray(value) ? [...value] : value;
          carried.push(carriedOf[i]![e.to.indexOf(id)]!);
        }
      }
    }
    for (const id of unmappedB) lose(id, 'to', 'unmapped', `the crosswalk does not say where ${id} comes from`);
    for (const id of unmappedA)
      if (answered(answers[id])) lose(id, 'from', 'unmapped', `the crosswalk does not say where ${id} goes`);
    return { answers: out, carried, notCarried };
  };
}

/** Carries one set of answers of `a` into `b` (see `carrier`). */
export const carryAnswers = (
  a: Scorecard,
  b: Scorecard & { crosswalk?: Crosswalk },
  answers: ScoreAnswers,
  crosswalk?: Crosswalk,
): CarryResult => carrier(a, b, crosswalk)(answers);

/** An entry in words, for the diff and the designer: "merged 1.2, 1.3 → 1.2 (max)". */
export function crosswalkEntryText(e: CrosswalkEntry): string {
  const opts = e.options?.length
    ? `; options ${e.options.map((o) => `${shown(o.from)}→${o.to === null ? 'none' : shown(o.to)}`).join(', ')}`
    : '';
  switch (e.kind) {
    case 'new':
      return `new ${ids(e.to)}`;
    case 'dropped':
      return `dropped ${ids(e.from)}`;
    default:
      return `${e.kind} ${ids(e.from)} → ${ids(e.to)}${e.combine ? ` (${e.combine})` : ''}${opts}`;
  }
}

export type { CrosswalkAnswer };
