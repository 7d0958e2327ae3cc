// Meaning checks on a definition whose shape is already valid: ids unique, maxima add up, levels contiguous,
// rules allow-listed and reading only what exists. Each issue names its JSON pointer.
import type {
  AggregateDefinition,
  ClassifierDefinition,
  Definition,
  Level,
  LevelRule,
  ScorecardDefinition,
} from './definition.js';
import type { Issue } from './io.js';
import { AGGREGATE_VARS, SCORECARD_OVERALL_VARS, SCORECARD_PILLAR_VARS, checkCondition, checkRule } from './rules.js';

export function checkDefinition(def: Definition): Issue[] {
  switch (def.kind) {
    case 'scorecard':
      return checkScorecard(def);
    case 'aggregate':
      return checkAggregate(def);
    case 'classifier':
      return checkClassifier(def);
  }
}

function checkLevels(levels: readonly Level[]): Issue[] {
  const issues: Issue[] = [];
  levels.forEach((l, i) => {
    if (l.level !== i)
      issues.push({
        path: `/levels/${i}/level`,
        code: 'levels-not-contiguous',
        message: `levels must run 0, 1, 2, … in order; expected ${i}, found ${l.level}`,
      });
  });
  return issues;
}

function checkRules(
  rules: readonly LevelRule[],
  levels: readonly Level[],
  vars: ReadonlySet<string>,
  path: string,
): Issue[] {
  const issues: Issue[] = [];
  const max = levels.length - 1;
  rules.forEach((r, i) => {
    if (r.level > max)
      issues.push({
        path: `${path}/${i}/level`,
        code: 'rule-unknown-level',
        message: `level ${r.level} is not defined (levels run 0..${max})`,
      });
    issues.push(...checkRule(r.when, vars, `${path}/${i}/when`), ...checkCondition(r.when, `${path}/${i}/when`));
  });
  return issues;
}

/** Sum of points at the top level, the criteria's maximum. */
export function criterionMax(weight: number, levels: readonly Level[]): number {
  return weight * (levels.length - 1);
}

function checkScorecard(def: ScorecardDefinition): Issue[] {
  const issues: Issue[] = [...checkLevels(def.levels)];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({ path, code: 'duplicate-id', message: `id "${id}" is already used at ${first}` });
    else seen.set(id, path);
  };
  let total = 0;
  def.pillars.forEach((p, pi) => {
    const pp = `/pillars/${pi}`;
    claim(p.id, `${pp}/id`);
    let pillarMax = 0;
    p.components.forEach((c, ci) => {
      const cp = `${pp}/components/${ci}`;
      claim(c.id, `${cp}/id`);
      let compMax = 0;
      c.criteria.forEach((k, ki) => {
        claim(k.id, `${cp}/criteria/${ki}/id`);
        compMax += criterionMax(k.weight, def.levels);
      });
      if (c.max !== undefined && c.max !== compMax) {
        issues.push({
          path: `${cp}/max`,
          code: 'max-mismatch',
          message: `declared maximum ${c.max} but its criteria add up to ${compMax}`,
        });
      }
      pillarMax += compMax;
    });
    if (p.max !== undefined && p.max !== pillarMax) {
      issues.push({
        path: `${pp}/max`,
        code: 'max-mismatch',
        message: `declared maximum ${p.max} but its components add up to ${pillarMax}`,
      });
    }
    if (p.rules) issues.push(...checkRules(p.rules, def.levels, new Set(SCORECARD_PILLAR_VARS), `${pp}/rules`));
    total += pillarMax;
  });
  if (def.max !== undefined && def.max !== total) {
    issues.push({
      path: '/max',
      code: 'max-mismatch',
      message: `declared maximum ${def.max} but the pillars add up to ${total}`,
    });
  }
  if (!Number.isSafeInteger(total * 100)) {
    issues.push({ path: '/max', code: 'max-too-large', message: 'the maximum is too large to compare exactly' });
  }
  issues.push(...checkRules(def.rules.pillar, def.levels, new Set(SCORECARD_PILLAR_VARS), '/rules/pillar'));
  const overallVars = new Set<string>([...SCORECARD_OVERALL_VARS, ...def.levels.map((l) => `atLeast.${l.level}`)]);
  issues.push(...checkRules(def.rules.overall, def.levels, overallVars, '/rules/overall'));
  issues.push(...checkDecisions(def));
  return issues;
}

function checkAggregate(def: AggregateDefinition): Issue[] {
  const issues: Issue[] = [...checkLevels(def.levels)];
  const ids = new Set<string>();
  def.pillars.forEach((p, i) => {
    if (ids.has(p.id))
      issues.push({ path: `/pillars/${i}/id`, code: 'duplicate-id', message: `id "${p.id}" is used twice` });
    ids.add(p.id);
  });
  def.members.parentIndices.forEach((ref, i) => {
    if (!def.members.indices.includes(ref)) {
      issues.push({
        path: `/members/parentIndices/${i}`,
        code: 'unknown-member-index',
        message: `${ref} is not among members.indices`,
      });
    }
  });
  if (def.members.excludedRelations.includes('parent')) {
    issues.push({
      path: '/members/excludedRelations',
      code: 'parent-excluded',
      message: 'the parent unit cannot be left out of the roll-up',
    });
  }
  const vars = new Set<string>(AGGREGATE_VARS);
  issues.push(...checkRules(def.rules.overall, def.levels, vars, '/rules/overall'));
  if (def.rules.pillar) issues.push(...checkRules(def.rules.pillar, def.levels, vars, '/rules/pillar'));
  issues.push(...checkDecisions(def));
  return issues;
}

function checkClassifier(def: ClassifierDefinition): Issue[] {
  const issues: Issue[] = [];
  const names = new Set<string>();
  def.inputs.forEach((inp, i) => {
    if (names.has(inp.name))
      issues.push({
        path: `/inputs/${i}/name`,
        code: 'duplicate-id',
        message: `input "${inp.name}" is declared twice`,
      });
    names.add(inp.name);
    if (inp.enum && inp.type !== 'string')
      issues.push({ path: `/inputs/${i}/enum`, code: 'enum-not-string', message: 'only string inputs take an enum' });
    if (inp.minimum !== undefined && inp.type !== 'integer')
      issues.push({
        path: `/inputs/${i}/minimum`,
        code: 'minimum-not-integer',
        message: 'only integer inputs take a minimum',
      });
  });
  (def.atLeastOneOf ?? []).forEach((group, gi) => {
    group.forEach((n, ni) => {
      if (!names.has(n))
        issues.push({
          path: `/atLeastOneOf/${gi}/${ni}`,
          code: 'unknown-input',
          message: `input "${n}" is not declared`,
        });
    });
  });
  const readable = new Set(names);
  def.outputs.forEach((out, oi) => {
    const op = `/outputs/${oi}`;
    if (readable.has(out.name))
      issues.push({ path: `${op}/name`, code: 'duplicate-id', message: `"${out.name}" is already an input or output` });
    const values = new Set(out.values);
    if (!values.has(out.default))
      issues.push({
        path: `${op}/default`,
        code: 'unknown-value',
        message: `"${out.default}" is not one of the output's values`,
      });
    out.rules.forEach((r, ri) => {
      if (!values.has(r.value))
        issues.push({
          path: `${op}/rules/${ri}/value`,
          code: 'unknown-value',
          message: `"${r.value}" is not one of the output's values (${out.values.join(', ')})`,
        });
      issues.push(
        ...checkRule(r.when, readable, `${op}/rules/${ri}/when`),
        ...checkCondition(r.when, `${op}/rules/${ri}/when`),
      );
    });
    readable.add(out.name);
  });
  issues.push(...checkDecisions(def));
  return issues;
}

function checkDecisions(def: Definition): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set<string>();
  (def.decisions ?? []).forEach((d, i) => {
    if (ids.has(d.id))
      issues.push({
        path: `/decisions/${i}/id`,
        code: 'duplicate-id',
        message: `decision "${d.id}" is recorded twice`,
      });
    ids.add(d.id);
  });
  return issues;
}
