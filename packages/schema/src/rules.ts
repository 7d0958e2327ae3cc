// What a rule may contain. Rules follow json-logic-js semantics restricted to this allow-list, read only declared
// variables, and are bounded in depth and size, so no definition can reach prototypes or globals or run unbounded.
// Division and modulo are left out on purpose: they make fractions, and every band edge must compare exactly —
// write `points/max > 20%` as `points*100 > max*20`.
import type { Issue } from './io.js';
import { escapePointer } from './pointer.js';

export const ALLOWED_OPERATIONS = [
  'var',
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  '?:',
  '+',
  '-',
  '*',
  'min',
  'max',
  'in',
] as const;
export type AllowedOperation = (typeof ALLOWED_OPERATIONS)[number];

export const RULE_LIMITS = { depth: 32, nodes: 2000 } as const;

const allowed = new Set<string>(ALLOWED_OPERATIONS);

/** Names rules may read, per place in a definition. */
export const SCORECARD_PILLAR_VARS = ['points', 'max', 'criteria', 'answered'] as const;
export const SCORECARD_OVERALL_VARS = ['total', 'max', 'pillars'] as const; // plus atLeast.<level>
export const AGGREGATE_VARS = ['sum', 'weight', 'parent', 'units'] as const;
/** Per pillar, readable by overall rules as `pillar.<id>.<field>`. */
export const PILLAR_FIELDS = ['points', 'max', 'score', 'level'] as const;

interface ScorecardLike {
  levels: readonly { level: number }[];
  pillars: readonly {
    id: string;
    components?: readonly { criteria: readonly { id: string }[] }[];
    criteria?: readonly { id: string }[];
  }[];
  profile?: readonly { name: string }[];
}

/** `profile.<name>` for every declared profile fact: what `applies` rules read. */
export const profileVars = (def: Pick<ScorecardLike, 'profile'>): string[] =>
  (def.profile ?? []).map((f) => `profile.${f.name}`);

/** What pillar level rules may read: points, max, criteria, answered, the exact score and the profile facts. */
export const scorecardPillarVars = (def: ScorecardLike): Set<string> =>
  new Set<string>([...SCORECARD_PILLAR_VARS, 'score', ...profileVars(def)]);

/**
 * What overall level rules may read: total, max, pillars (the applicable ones), the exact score, atLeast.<level>,
 * pillar.<id>.points|max|score|level, criterion.<id>.points and the profile facts.
 */
export function scorecardOverallVars(def: ScorecardLike): Set<string> {
  const vars = new Set<string>([...SCORECARD_OVERALL_VARS, 'score']);
  for (const l of def.levels) vars.add(`atLeast.${l.level}`);
  for (const p of def.pillars) {
    for (const f of PILLAR_FIELDS) vars.add(`pillar.${p.id}.${f}`);
    const criteria = p.criteria ?? (p.components ?? []).flatMap((c) => c.criteria);
    for (const k of criteria) vars.add(`criterion.${k.id}.points`);
  }
  for (const v of profileVars(def)) vars.add(v);
  return vars;
}

/** Names for a message: all of them when few, else the first ones (an index can offer hundreds). */
export function listNames(vars: Iterable<string>): string {
  const all = [...vars];
  return all.length <= 16 ? all.join(', ') : `${all.slice(0, 12).join(', ')}, … (${all.length} in all)`;
}

/**
 * Checks one rule against the allow-list, the declared variable names and the limits.
 * Returns issues with JSON pointers below `path`.
 */
export function checkRule(rule: unknown, vars: ReadonlySet<string>, path: string): Issue[] {
  const issues: Issue[] = [];
  let nodes = 0;
  const walk = (node: unknown, at: string, depth: number): void => {
    nodes++;
    if (nodes > RULE_LIMITS.nodes) {
      if (nodes === RULE_LIMITS.nodes + 1)
        issues.push({ path, code: 'rule-too-large', message: `rule has more than ${RULE_LIMITS.nodes} nodes` });
      return;
    }
    if (depth > RULE_LIMITS.depth) {
      issues.push({
        path: at,
        code: 'rule-too-deep',
        message: `rule is nested deeper than ${RULE_LIMITS.depth} levels`,
      });
      return;
    }
    if (node === null || typeof node === 'boolean' || typeof node === 'string') return;
    if (typeof node === 'number') {
      if (!Number.isSafeInteger(node))
        issues.push({
          path: at,
          code: 'rule-inexact-number',
          message: `${node} is not a safe integer; rules use integers so every comparison is exact`,
        });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}/${i}`, depth + 1));
      return;
    }
    if (typeof node !== 'object') {
      issues.push({ path: at, code: 'rule-invalid', message: 'not a JSON value' });
      return;
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      issues.push({
        path: at,
        code: 'rule-invalid',
        message: `an operation is an object with exactly one key, found ${keys.length}`,
      });
      return;
    }
    const op = keys[0]!;
    const arg = (node as Record<string, unknown>)[op];
    const opAt = `${at}/${escapePointer(op)}`;
    if (!allowed.has(op)) {
      issues.push({
        path: opAt,
        code: 'rule-operation-not-allowed',
        message: `operation "${op}" is not allowed (allowed: ${ALLOWED_OPERATIONS.join(' ')})`,
      });
      return;
    }
    if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name !== 'string') {
        issues.push({ path: opAt, code: 'rule-var-not-literal', message: 'var takes a literal variable name' });
        return;
      }
      if (!vars.has(name)) {
        issues.push({
          path: opAt,
          code: 'rule-unknown-var',
          message: `variable "${name}" is not available here (available: ${listNames(vars)})`,
        });
      }
      if (Array.isArray(arg)) {
        if (arg.length > 2)
          issues.push({ path: opAt, code: 'rule-invalid', message: 'var takes a name and an optional default' });
        if (arg.length === 2) walk(arg[1], `${opAt}/1`, depth + 1);
      }
      return;
    }
    if (Array.isArray(arg)) arg.forEach((item, i) => walk(item, `${opAt}/${i}`, depth + 1));
    else walk(arg, opAt, depth + 1);
  };
  walk(rule, path, 0);
  return issues;
}

/** Operations whose result is always true or false. */
const BOOLEAN_OPERATIONS = new Set<string>(['==', '===', '!=', '!==', '<', '<=', '>', '>=', '!', '!!', 'in']);
const describe = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'an object'
        : `the ${typeof v} ${JSON.stringify(v)}`;

/**
 * Checks that a rule's `when` is a boolean expression: `true`/`false`, a comparison or negation, a variable (its value
 * decides), or `and`/`or`/`if` whose results are all boolean expressions. A bare string or number is always truthy or
 * falsy (`"points > 1000"` would always match), so it is an error with its pointer. Shapes and operations that
 * `checkRule` refuses are left to it (one issue per fault).
 */
export function checkCondition(when: unknown, path: string): Issue[] {
  const issues: Issue[] = [];
  const walk = (node: unknown, at: string, depth: number): void => {
    if (typeof node === 'boolean' || depth > RULE_LIMITS.depth) return;
    const op = node !== null && typeof node === 'object' && !Array.isArray(node) ? Object.keys(node) : [];
    if (op.length === 1 && !allowed.has(op[0]!)) return; // checkRule names the operation
    if (op.length === 1) {
      const name = op[0]!;
      if (name === 'var' || BOOLEAN_OPERATIONS.has(name)) return;
      const arg = (node as Record<string, unknown>)[name];
      const args = Array.isArray(arg) ? arg : [arg];
      const opAt = `${at}/${escapePointer(name)}`;
      const argAt = (i: number) => (Array.isArray(arg) ? `${opAt}/${i}` : opAt);
      if (name === 'and' || name === 'or') {
        args.forEach((a, i) => walk(a, argAt(i), depth + 1));
        return;
      }
      if (name === 'if' || name === '?:') {
        // [cond, then, cond, then, …, else]: the results are the odd positions and the last.
        args.forEach((a, i) => {
          if (i % 2 === 1 || i === args.length - 1) walk(a, argAt(i), depth + 1);
        });
        return;
      }
      issues.push({
        path: at,
        code: 'rule-not-boolean',
        message: `a condition must be true or false, but "${name}" gives a number; compare it, e.g. {">": [{"${name}": …}, 0]}`,
      });
      return;
    }
    if (op.length > 1 && !Array.isArray(node)) return; // checkRule: an operation has exactly one key
    issues.push({
      path: at,
      code: 'rule-not-boolean',
      message:
        `a condition must be true or false, but this is ${describe(node)}, which is always ` +
        `${node ? 'true' : 'false'}; write a comparison, e.g. {">": [{"var": "points"}, 1000]}`,
    });
  };
  walk(when, path, 0);
  return issues;
}
