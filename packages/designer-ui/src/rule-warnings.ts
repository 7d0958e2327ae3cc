// Warnings on level rules that are valid but probably not what the editor means: a hand-written explanation that
// no longer names the rule's thresholds (the thresholds changed, the text did not), thresholds out of order down
// the list, and absolute point thresholds above the maximum the index now has. Warnings never block publishing;
// whether a rule is valid stays the schema's call.
import type { LevelRule } from '@dbi/schema';
import { atomsOf, formatFraction, parseRule, ratioValue, type Atom } from './rule-shapes.js';

export type RuleWarning =
  | { code: 'stale-text'; values: string[] }
  | { code: 'order'; before: number; after: number }
  | { code: 'absolute'; value: number; max: number };

/** The numbers a rule's condition compares against, as a person would write them (80 for 80 %, 556 for points). */
export function thresholdsOf(rule: LevelRule): string[] {
  const shape = parseRule(rule.when);
  if (!shape) return [];
  return atomsOf(shape).flatMap((a) => {
    const v = threshold(a);
    return v === undefined ? [] : [formatFraction(v.num, v.den)];
  });
}

/** A comparable threshold: percent of the maximum, a weighted mean, or a constant; undefined for var-vs-var. */
function threshold(a: Atom): { key: string; num: number; den: number } | undefined {
  if (a.t === 'const') return { key: `const:${a.left}`, num: a.value, den: 1 };
  if (a.t === 'ratio') {
    const percent = a.left === 'points' && a.right === 'max';
    const mean = a.left === 'sum' && a.right === 'weight';
    if (!percent && !mean) return undefined;
    const f = ratioValue(a, percent ? 100 : 1);
    return { key: `ratio:${a.left}/${a.right}`, num: f.num, den: f.den };
  }
  return undefined;
}

/** Every number written in a text (decimal comma or point), normalised: "80%", "1,5" → "80", "1.5". */
function numbersIn(text: string): Set<string> {
  return new Set([...text.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => m[0].replace(',', '.')));
}

/**
 * Warnings per rule index. `max` is the index's current maximum, against which constant thresholds on `total`
 * are checked (omit it for pillar rules).
 */
export function ruleWarnings(rules: readonly LevelRule[], opts: { max?: number } = {}): Map<number, RuleWarning[]> {
  const out = new Map<number, RuleWarning[]>();
  const add = (i: number, w: RuleWarning) => out.set(i, [...(out.get(i) ?? []), w]);
  rules.forEach((rule, i) => {
    if (rule.text) {
      const written = new Set([...numbersIn(rule.text.vi), ...numbersIn(rule.text.en)]);
      const missing = thresholdsOf(rule).filter((v) => !written.has(v));
      if (missing.length) add(i, { code: 'stale-text', values: missing });
    }
    const shape = parseRule(rule.when);
    if (opts.max !== undefined && shape)
      for (const a of atomsOf(shape))
        if (a.t === 'const' && a.left === 'total' && a.value > opts.max)
          add(i, { code: 'absolute', value: a.value, max: opts.max });
  });
  // Down the list the levels fall; a threshold on the same measure should not rise while they do.
  const firsts = rules.map((r) => {
    const shape = parseRule(r.when);
    const a = shape ? atomsOf(shape).find((x) => (x.op === '>' || x.op === '>=') && threshold(x)) : undefined;
    return a ? threshold(a) : undefined;
  });
  for (let i = 0; i < rules.length; i++)
    for (let j = i + 1; j < rules.length; j++) {
      const a = firsts[i];
      const b = firsts[j];
      if (!a || !b || a.key !== b.key || rules[i]!.level <= rules[j]!.level) continue;
      // a.num/a.den < b.num/b.den, exactly (dens are positive)
      if (a.num * b.den < b.num * a.den) add(i, { code: 'order', before: i, after: j });
    }
  return out;
}
