// What a rule may contain. Rules follow json-logic-js semantics restricted to this allow-list, read only declared
// variables, and are bounded in depth and size, so no definition can reach prototypes or globals or run unbounded.
// Division and modulo are left out on purpose: they make fractions, and every band edge must compare exactly —
// write `points/max > 20%` as `points*100 > max*20`.
import type { Issue } from './io.js';

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

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

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
    const opAt = `${at}/${escape(op)}`;
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
