// Meaning checks on a definition whose shape is already valid: ids unique, maxima add up, levels contiguous,
// rules allow-listed and reading only what exists. Each issue names its JSON pointer.
import type {
  AggregateDefinition,
  ClassifierDefinition,
  Criterion,
  Definition,
  Level,
  LevelRule,
  Pillar,
  ScorecardDefinition,
} from './definition.js';
import { checkCrosswalkTarget } from './crosswalk.js';
import { compareDecimal } from './decimal.js';
import type { Issue } from './io.js';
import {
  AGGREGATE_VARS,
  checkCondition,
  checkRule,
  profileVars,
  scorecardOverallVars,
  scorecardPillarVars,
} from './rules.js';

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

/** Levels must be consecutive integers; `from` fixes the first one (the answer scale starts at 0). */
function checkLevels(levels: readonly Level[], from: number | undefined, path = '/levels'): Issue[] {
  const issues: Issue[] = [];
  const first = from ?? levels[0]?.level ?? 0;
  levels.forEach((l, i) => {
    if (l.level !== first + i)
      issues.push({
        path: `${path}/${i}/level`,
        code: 'levels-not-contiguous',
        message:
          from === 0
            ? `levels must run 0, 1, 2, … in order; expected ${i}, found ${l.level}`
            : `levels must be consecutive (${first}, ${first + 1}, …); expected ${first + i}, found ${l.level}`,
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
  const lo = levels[0]?.level ?? 0;
  const hi = levels[levels.length - 1]?.level ?? 0;
  rules.forEach((r, i) => {
    if (r.level < lo || r.level > hi)
      issues.push({
        path: `${path}/${i}/level`,
        code: 'rule-unknown-level',
        message: `level ${r.level} is not defined (levels run ${lo}..${hi})`,
      });
    issues.push(...checkRule(r.when, vars, `${path}/${i}/when`), ...checkCondition(r.when, `${path}/${i}/when`));
  });
  return issues;
}

/** Sum of points at the top level, the criteria's maximum. */
export function criterionMax(weight: number, levels: readonly Level[]): number {
  return weight * (levels.length - 1);
}

/** The answer scale of `level` criteria: `scale` when declared, else the result levels. */
export const answerScale = (def: Pick<ScorecardDefinition, 'scale' | 'levels'>): readonly Level[] =>
  def.scale ?? def.levels;

/**
 * A criterion's maximum, which follows from its type: level → weight × top of the answer scale; choice → its best
 * option; multi → the sum of its options, at most `cap`; number → its best band; boolean → the points for yes.
 */
export function maxOfCriterion(k: Criterion, scale: readonly Level[]): number {
  switch (k.type) {
    case undefined:
    case 'level':
      return criterionMax(k.weight, scale);
    case 'choice':
      return Math.max(0, ...k.options.map((o) => o.points ?? 0));
    case 'multi': {
      const sum = k.options.reduce((s, o) => s + (o.points ?? 0), 0);
      return k.cap === undefined ? sum : Math.min(sum, k.cap);
    }
    case 'number':
      return Math.max(0, ...k.bands.map((b) => b.points));
    case 'boolean':
      return k.points;
  }
}

/** A pillar's criteria in definition order, whether it holds them directly or through components. */
export const criteriaOf = (p: Pillar): Criterion[] => p.criteria ?? (p.components ?? []).flatMap((c) => c.criteria);

function checkCriterion(k: Criterion, at: string, profile: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  if (k.applies !== undefined) issues.push(...checkRule(k.applies, profile, `${at}/applies`));
  if (k.type === 'choice' || k.type === 'multi') {
    const ids = new Set<string>();
    let scored = 0;
    k.options.forEach((o, oi) => {
      const op = `${at}/options/${oi}`;
      if (ids.has(o.id))
        issues.push({ path: `${op}/id`, code: 'duplicate-id', message: `option "${o.id}" is used twice in ${k.id}` });
      ids.add(o.id);
      if (o.notApplicable && k.type === 'multi')
        issues.push({
          path: `${op}/notApplicable`,
          code: 'option-not-applicable-multi',
          message: 'only a single-choice question can have a not-applicable option',
        });
      else if (o.notApplicable && o.points !== undefined)
        issues.push({
          path: `${op}/points`,
          code: 'option-points-not-applicable',
          message: 'a not-applicable option has no points',
        });
      else if (!o.notApplicable && o.points === undefined)
        issues.push({
          path: `${op}/points`,
          code: 'option-points-required',
          message: 'give the option its points (0 or more), or mark it not applicable',
        });
      if (o.points !== undefined) scored++;
    });
    if (scored === 0)
      issues.push({
        path: `${at}/options`,
        code: 'options-no-points',
        message: 'at least one option must score points',
      });
  } else if (k.type === 'number') {
    const { min, max, bands } = k;
    if (compareDecimal(min, max) > 0)
      issues.push({
        path: `${at}/min`,
        code: 'number-bounds',
        message: `the minimum ${min} is above the maximum ${max}`,
      });
    if (k.integer) {
      if (!Number.isSafeInteger(min))
        issues.push({ path: `${at}/min`, code: 'number-not-integer', message: `${min} is not a whole number` });
      if (!Number.isSafeInteger(max))
        issues.push({ path: `${at}/max`, code: 'number-not-integer', message: `${max} is not a whole number` });
    }
    bands.forEach((b, bi) => {
      const prev = bands[bi - 1];
      if (prev && compareDecimal(prev.upTo, b.upTo) >= 0)
        issues.push({
          path: `${at}/bands/${bi}/upTo`,
          code: 'bands-not-increasing',
          message: `band edges must increase: ${b.upTo} is not above ${prev.upTo}`,
        });
      else if (prev && compareDecimal(prev.upTo, max) >= 0)
        issues.push({
          path: `${at}/bands/${bi}`,
          code: 'band-unreachable',
          message: `no value up to the maximum ${max} reaches this band (the band before ends at ${prev.upTo})`,
        });
      else if (compareDecimal(b.upTo, min) < 0)
        issues.push({
          path: `${at}/bands/${bi}/upTo`,
          code: 'band-unreachable',
          message: `${b.upTo} is below the minimum ${min}: no value falls in this band`,
        });
    });
    const last = bands[bands.length - 1]!;
    if (compareDecimal(last.upTo, max) < 0)
      issues.push({
        path: `${at}/bands/${bands.length - 1}/upTo`,
        code: 'bands-incomplete',
        message: `the last band ends at ${last.upTo}, below the maximum ${max}: values above it would have no band`,
      });
  }
  return issues;
}

function checkProfile(def: ScorecardDefinition): Issue[] {
  const issues: Issue[] = [];
  const names = new Set<string>();
  (def.profile ?? []).forEach((f, i) => {
    const at = `/profile/${i}`;
    if (names.has(f.name))
      issues.push({ path: `${at}/name`, code: 'duplicate-id', message: `profile fact "${f.name}" is declared twice` });
    names.add(f.name);
    if (f.values && f.type !== 'string')
      issues.push({
        path: `${at}/values`,
        code: 'enum-not-string',
        message: 'only string facts take a list of values',
      });
    const values = new Set<string>();
    (f.values ?? []).forEach((v, vi) => {
      if (values.has(v.value))
        issues.push({
          path: `${at}/values/${vi}/value`,
          code: 'duplicate-id',
          message: `"${v.value}" is listed twice`,
        });
      values.add(v.value);
    });
    for (const b of ['minimum', 'maximum'] as const)
      if (f[b] !== undefined && f.type !== 'integer')
        issues.push({ path: `${at}/${b}`, code: 'minimum-not-integer', message: `only integer facts take a ${b}` });
    if (f.minimum !== undefined && f.maximum !== undefined && f.minimum > f.maximum)
      issues.push({
        path: `${at}/minimum`,
        code: 'number-bounds',
        message: `the minimum ${f.minimum} is above the maximum ${f.maximum}`,
      });
  });
  return issues;
}

function checkScorecard(def: ScorecardDefinition): Issue[] {
  const scale = answerScale(def);
  const hasLevelCriteria = def.pillars.some((p) =>
    criteriaOf(p).some((k) => k.type === undefined || k.type === 'level'),
  );
  // Without a separate answer scale the result levels are also the answers of level criteria, so they start at 0.
  const issues: Issue[] = [...checkLevels(def.levels, def.scale || !hasLevelCriteria ? undefined : 0)];
  if (def.scale) issues.push(...checkLevels(def.scale, 0, '/scale'));
  issues.push(...checkProfile(def));
  if (def.crosswalk) issues.push(...checkCrosswalkTarget({ ...def, crosswalk: def.crosswalk }));
  const profile = new Set(profileVars(def));
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({ path, code: 'duplicate-id', message: `id "${id}" is already used at ${first}` });
    else seen.set(id, path);
  };
  const criteriaMax = (list: readonly Criterion[], at: string) => {
    let m = 0;
    list.forEach((k, ki) => {
      claim(k.id, `${at}/${ki}/id`);
      issues.push(...checkCriterion(k, `${at}/${ki}`, profile));
      m += maxOfCriterion(k, scale);
    });
    return m;
  };
  const weighted = def.pillars.filter((p) => p.weight !== undefined).length;
  if (weighted > 0 && weighted < def.pillars.length) {
    def.pillars.forEach((p, pi) => {
      if (p.weight === undefined)
        issues.push({
          path: `/pillars/${pi}/weight`,
          code: 'weight-required',
          message: 'either every pillar has a weight or none does',
        });
    });
  } else if (weighted > 0 && def.pillars.every((p) => p.weight === 0)) {
    issues.push({ path: '/pillars/0/weight', code: 'weights-zero', message: 'the pillar weights add up to 0' });
  }
  let total = 0;
  def.pillars.forEach((p, pi) => {
    const pp = `/pillars/${pi}`;
    claim(p.id, `${pp}/id`);
    if (p.applies !== undefined) issues.push(...checkRule(p.applies, profile, `${pp}/applies`));
    let pillarMax = 0;
    if ((p.components === undefined) === (p.criteria === undefined)) {
      issues.push({
        path: p.components === undefined ? `${pp}/criteria` : `${pp}/components`,
        code: 'pillar-content',
        message:
          p.components === undefined
            ? 'a pillar holds either components or criteria: give it one of the two'
            : 'a pillar holds either components or criteria, not both',
      });
    }
    if (p.criteria) pillarMax += criteriaMax(p.criteria, `${pp}/criteria`);
    (p.components ?? []).forEach((c, ci) => {
      const cp = `${pp}/components/${ci}`;
      claim(c.id, `${cp}/id`);
      if (c.applies !== undefined) issues.push(...checkRule(c.applies, profile, `${cp}/applies`));
      const compMax = criteriaMax(c.criteria, `${cp}/criteria`);
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
        message: `declared maximum ${p.max} but its ${p.criteria ? 'criteria' : 'components'} add up to ${pillarMax}`,
      });
    }
    if (p.rules) issues.push(...checkRules(p.rules, def.levels, scorecardPillarVars(def), `${pp}/rules`));
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
  issues.push(...checkRules(def.rules.pillar, def.levels, scorecardPillarVars(def), '/rules/pillar'));
  issues.push(...checkRules(def.rules.overall, def.levels, scorecardOverallVars(def), '/rules/overall'));
  issues.push(...checkDecisions(def));
  return issues;
}

function checkAggregate(def: AggregateDefinition): Issue[] {
  const issues: Issue[] = [...checkLevels(def.levels, 0)];
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
