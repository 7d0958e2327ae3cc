// scoreGroup(): Appendix III as the aggregate definition states it — score every member unit with the index it
// names, weight the included units' levels by headcount, and let the definition's rules decide the group's level
// from {sum, weight, parent, units}, overall and per pillar. Sums are integers; the weighted mean is only shown.
import { RELATIONS, type GroupResult, type Issue, type Relation, type ScoreResult, type TraceStep } from '@dbi/schema';
import {
  MAX_HEADCOUNT,
  MAX_UNITS,
  decide,
  type CompiledAggregate,
  type CompiledScorecard,
  type RunRule,
} from './compile.js';
import { EngineError, esc, isPlainObject, prefixIssues } from './errors.js';
import { score, show, type RunOptions } from './score.js';
import { ENGINE_VERSION } from './version.js';

const UNIT_KEYS = new Set(['id', 'name', 'relation', 'headcount', 'index', 'answers']);
const RELATION_SET = new Set<string>(RELATIONS);

interface Unit {
  id: string;
  relation: Relation;
  headcount: number;
  member: CompiledScorecard;
  /** Position of each of the group's pillars in the member index's pillars. */
  pillarPos: number[];
  result: ScoreResult;
  included: boolean;
}

function decideLevel(
  rules: RunRule[],
  env: number[],
  lowest: number,
  scope: string,
  trace: TraceStep[] | undefined,
): number {
  const r = decide(rules, env);
  const level = r < 0 ? lowest : rules[r]!.level;
  if (trace) {
    const rule = rules[r];
    trace.push({
      scope,
      level,
      rule: r,
      ...(rule?.text ? { text: rule.text } : {}),
      values: { sum: env[0]!, weight: env[1]!, parent: env[2]!, units: env[3]! },
    });
  }
  return level;
}

/**
 * Scores a group: `{ref?, units: [{id, name?, relation, headcount, index, answers}]}`. `resolve` finds each unit's
 * compiled index (`large@1.0.0`). Throws EngineError listing every problem, with pointers into the input.
 */
export function scoreGroup(
  c: CompiledAggregate,
  input: unknown,
  o: RunOptions & { resolve: NonNullable<RunOptions['resolve']> },
): GroupResult {
  const p = c.plan;
  const issues: Issue[] = [];
  if (typeof o?.resolve !== 'function') {
    throw new EngineError([
      {
        path: '/',
        code: 'resolver-required',
        message: `${c.ref} rolls up member indices; pass a resolver (e.g. a registry's resolve)`,
      },
    ]);
  }
  if (!isPlainObject(input)) {
    throw new EngineError([
      { path: '/', code: 'input-not-object', message: 'the input must be a JSON object {"units": [...]}' },
    ]);
  }
  for (const k of Object.keys(input)) {
    if (k !== 'units' && k !== 'ref')
      issues.push({
        path: `/${esc(k)}`,
        code: 'unknown-property',
        message: 'is not an allowed property (allowed: ref, units)',
      });
  }
  const ref = input.ref;
  if (ref !== undefined && (typeof ref !== 'string' || ref.length > 200)) {
    issues.push({ path: '/ref', code: 'invalid-ref', message: 'must be a string of at most 200 characters' });
  }
  const rawUnits = input.units;
  if (!Array.isArray(rawUnits)) {
    issues.push({
      path: '/units',
      code: rawUnits === undefined ? 'required' : 'units-not-array',
      message: rawUnits === undefined ? 'is required' : 'must be an array of member units',
    });
    throw new EngineError(issues);
  }
  if (rawUnits.length > MAX_UNITS) {
    issues.push({ path: '/units', code: 'too-many-units', message: `a group has at most ${MAX_UNITS} units` });
    throw new EngineError(issues);
  }
  const explain = o.explain === true;
  const units: Unit[] = [];
  const ids = new Map<string, number>();
  let parentAt = -1;
  // Σ headcount over included units, counted from the raw input so an empty roll-up is reported with the rest.
  let rawWeight = 0;
  let weightKnown = true;
  rawUnits.forEach((u: unknown, i) => {
    const at = `/units/${i}`;
    if (!isPlainObject(u)) {
      issues.push({
        path: at,
        code: 'unit-not-object',
        message: 'a unit is an object {id, relation, headcount, index, answers}',
      });
      weightKnown = false;
      return;
    }
    const before = issues.length;
    for (const k of Object.keys(u)) {
      if (!UNIT_KEYS.has(k))
        issues.push({
          path: `${at}/${esc(k)}`,
          code: 'unknown-property',
          message: 'is not an allowed property (allowed: id, name, relation, headcount, index, answers)',
        });
    }
    const { id, name, relation, headcount, index } = u;
    if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
      issues.push({
        path: `${at}/id`,
        code: id === undefined ? 'required' : 'invalid-id',
        message: id === undefined ? 'is required' : 'must be a non-empty string of at most 200 characters',
      });
    } else if (ids.has(id)) {
      issues.push({
        path: `${at}/id`,
        code: 'duplicate-unit',
        message: `unit id "${id}" is already used by /units/${ids.get(id)}`,
      });
    } else ids.set(id, i);
    if (name !== undefined && (typeof name !== 'string' || name.length > 500)) {
      issues.push({ path: `${at}/name`, code: 'invalid-name', message: 'must be a string of at most 500 characters' });
    }
    if (typeof relation !== 'string' || !RELATION_SET.has(relation)) {
      issues.push({
        path: `${at}/relation`,
        code: relation === undefined ? 'required' : 'invalid-relation',
        message:
          relation === undefined
            ? 'is required'
            : `must be one of ${RELATIONS.map((r) => JSON.stringify(r)).join(', ')}`,
      });
    } else if (relation === 'parent') {
      if (parentAt >= 0)
        issues.push({
          path: `${at}/relation`,
          code: 'second-parent',
          message: `a group has exactly one parent unit; /units/${parentAt} is already the parent`,
        });
      else parentAt = i;
    }
    if (typeof headcount !== 'number' || !Number.isInteger(headcount) || headcount < 0 || headcount > MAX_HEADCOUNT) {
      issues.push({
        path: `${at}/headcount`,
        code: headcount === undefined ? 'required' : 'invalid-headcount',
        message:
          headcount === undefined
            ? 'is required'
            : `must be a whole number of staff from 0 to ${MAX_HEADCOUNT}, found ${show(headcount)}`,
      });
    }
    if (
      typeof headcount === 'number' &&
      Number.isInteger(headcount) &&
      headcount >= 0 &&
      typeof relation === 'string' &&
      RELATION_SET.has(relation)
    ) {
      if (!p.excluded.has(relation)) rawWeight += headcount;
    } else weightKnown = false;
    let member: CompiledScorecard | undefined;
    let pillarPos: number[] = [];
    if (typeof index !== 'string') {
      issues.push({
        path: `${at}/index`,
        code: index === undefined ? 'required' : 'invalid-index',
        message: index === undefined ? 'is required' : 'must be an index reference such as "large@1.0.0"',
      });
    } else if (!p.indices.has(index)) {
      issues.push({
        path: `${at}/index`,
        code: 'index-not-allowed',
        message: `"${index}" is not an index this group's units may use (${[...p.indices].join(', ')})`,
      });
    } else if (relation === 'parent' && !p.parentIndices.has(index)) {
      issues.push({
        path: `${at}/index`,
        code: 'parent-index-not-allowed',
        message: `the parent unit is scored with ${[...p.parentIndices].join(' or ')}, not ${index}`,
      });
    } else {
      const found = o.resolve(index);
      if (!found) {
        issues.push({ path: `${at}/index`, code: 'unknown-index', message: `index ${index} is not available` });
      } else if (found.kind !== 'scorecard') {
        issues.push({
          path: `${at}/index`,
          code: 'index-not-scorecard',
          message: `${index} is a ${found.kind}, not a scorecard`,
        });
      } else {
        const lacking = p.pillarIds.filter((pid) => !found.plan.pillarIndex.has(pid));
        if (lacking.length) {
          issues.push({
            path: `${at}/index`,
            code: 'index-lacks-pillar',
            message: `${index} has no pillar ${lacking.map((x) => JSON.stringify(x)).join(', ')}, which the group rolls up`,
          });
        } else {
          member = found;
          pillarPos = p.pillarIds.map((pid) => found.plan.pillarIndex.get(pid)!);
        }
      }
    }
    // Score the answers whenever the index is known, so their problems are reported with the rest.
    let result: ScoreResult | undefined;
    if (member) {
      try {
        result = score(member, { answers: u.answers }, { explain });
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        issues.push(...prefixIssues(e.issues, at));
      }
    }
    if (issues.length === before && result && member) {
      units.push({
        id: id as string,
        relation: relation as Relation,
        headcount: headcount as number,
        member,
        pillarPos,
        result,
        included: !p.excluded.has(relation as string),
      });
    }
  });
  if (parentAt < 0 && !issues.some((i) => i.code === 'second-parent')) {
    issues.push({ path: '/units', code: 'no-parent', message: 'no unit has relation "parent"' });
  }
  if (weightKnown && rawWeight === 0 && rawUnits.length > 0) {
    issues.push({
      path: '/units',
      code: 'no-headcount',
      message: "the included units' headcount adds up to 0; step 2 weights units by their staff",
    });
  }
  if (issues.length) throw new EngineError(issues);

  let weight = 0;
  for (const u of units) if (u.included) weight += u.headcount;
  const parent = units.find((u) => u.relation === 'parent')!;
  const trace: TraceStep[] | undefined = explain ? [] : undefined;
  const env = p.env;
  const included = units.filter((u) => u.included);
  const roll = (levelOf: (u: Unit) => number, rules: RunRule[], scope: string) => {
    let sum = 0;
    for (const u of included) sum += levelOf(u) * u.headcount;
    // Bounded by the limits on headcount, units and levels; checked anyway because levels are decided on it.
    if (!Number.isSafeInteger(sum))
      throw new EngineError([
        { path: '/units', code: 'too-large', message: 'the weighted sum is too large to compare exactly' },
      ]);
    env[0] = sum;
    env[1] = weight;
    env[2] = levelOf(parent);
    env[3] = included.length;
    const level = decideLevel(rules, env, p.lowest, scope, trace);
    return { sum, level };
  };
  const overall = roll((u) => u.result.level, p.overall, 'overall');
  const pillars = p.pillarIds.map((pid, k) => {
    const r = roll((u) => u.result.pillars[u.pillarPos[k]!]!.level, p.pillar, `pillar:${pid}`);
    return { id: pid, score: r.sum / weight, weighted: { sum: r.sum, weight }, level: r.level };
  });
  const result: GroupResult = {
    ...(typeof ref === 'string' ? { ref } : {}),
    index: c.stamp,
    engine: ENGINE_VERSION,
    score: overall.sum / weight,
    weighted: { sum: overall.sum, weight },
    level: overall.level,
    parent: { id: parent.id, level: parent.result.level },
    pillars,
    units: units.map((u) => ({
      id: u.id,
      relation: u.relation,
      headcount: u.headcount,
      included: u.included,
      result: u.result,
    })),
  };
  if (trace) result.trace = trace;
  return result;
}
