import { describe, expect, it } from 'vitest';
import { validateDefinition, type LevelRule, type ScorecardDefinition } from '@dbi/schema';
import {
  atomsOf,
  formatFraction,
  parseDecimal,
  parseRule,
  printRule,
  ratioValue,
  setRatioValue,
  withAtoms,
  type RatioAtom,
} from './rule-shapes.js';
import { setRule } from './edit.js';
import { simulate } from './simulate.js';
import { group, large, sme } from './testing/fixtures.js';

function allRules(): [string, LevelRule][] {
  const out: [string, LevelRule][] = [];
  for (const def of [sme(), large()]) {
    def.rules.pillar.forEach((r, i) => out.push([`${def.id} pillar #${i + 1}`, r]));
    def.rules.overall.forEach((r, i) => out.push([`${def.id} overall #${i + 1}`, r]));
  }
  const g = group();
  g.rules.overall.forEach((r, i) => out.push([`group overall #${i + 1}`, r]));
  return out;
}

describe('parseRule / printRule', () => {
  it.each(allRules())('recognises %s and prints it back exactly', (_name, rule) => {
    const shape = parseRule(rule.when);
    expect(shape).toBeDefined();
    expect(printRule(shape!)).toEqual(rule.when);
  });

  it('reads a pillar band as a percentage of the maximum (Decision, Appendix II Table 2: "Trên 80%")', () => {
    const shape = parseRule(large().rules.pillar[0]!.when)!;
    expect(shape.t).toBe('atom');
    const atom = atomsOf(shape)[0] as RatioAtom;
    expect(atom).toEqual({ t: 'ratio', left: 'points', lmul: 100, op: '>', right: 'max', rmul: 80 });
    expect(ratioValue(atom, 100)).toEqual({ num: 8000, den: 100 });
    const v = ratioValue(atom, 100);
    expect(formatFraction(v.num, v.den)).toBe('80');
  });

  it('reads an overall rule as a total threshold and a minimum count of pillars (level 4: "trên 417 điểm, tối thiểu 5 trụ cột")', () => {
    const shape = parseRule(large().rules.overall[1]!.when)!;
    expect(shape).toEqual({
      t: 'and',
      atoms: [
        { t: 'const', left: 'total', op: '>', value: 417 },
        { t: 'const', left: 'atLeast.4', op: '>=', value: 5 },
      ],
    });
    // Level 5: "tất cả 6 trụ cột đạt mức 5" is atLeast.5 >= pillars.
    expect(atomsOf(parseRule(large().rules.overall[0]!.when)!)[1]).toEqual({
      t: 'vars',
      left: 'atLeast.5',
      op: '>=',
      right: 'pillars',
    });
  });

  it('reads a group rule as a weighted mean bound and the parent’s level (Appendix III: "Đth từ trên 4,5")', () => {
    const atoms = atomsOf(parseRule(group().rules.overall[1]!.when)!);
    expect(atoms[0]).toEqual({ t: 'ratio', left: 'sum', lmul: 2, op: '>', right: 'weight', rmul: 9 });
    const v = ratioValue(atoms[0] as RatioAtom, 1);
    expect(formatFraction(v.num, v.den)).toBe('4.5');
    expect(atoms[2]).toEqual({ t: 'const', left: 'parent', op: '>=', value: 5 });
  });

  it('leaves other shapes to the raw editor', () => {
    expect(parseRule({ or: [true, false] })).toBeUndefined();
    expect(parseRule({ '>': [{ '*': [100, { var: 'points' }] }, 3] })).toBeUndefined();
    expect(parseRule({ and: [] })).toBeUndefined();
    expect(parseRule({ '>': [{ var: 'points' }] })).toBeUndefined();
    expect(parseRule(false)).toBeUndefined();
  });
});

describe('editing numbers keeps the rule exact and in its shape', () => {
  const band = (text: string) => {
    const atom = atomsOf(parseRule(large().rules.pillar[0]!.when)!)[0] as RatioAtom;
    return printRule({ t: 'atom', atom: setRatioValue(atom, text, 100)! });
  };
  it('an integer percentage stays points*100 > max*P', () => {
    expect(band('75')).toEqual({ '>': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, 75] }] });
  });
  it('a fractional percentage scales both sides: 12.5% → points*200 > max*25', () => {
    expect(band('12.5')).toEqual({ '>': [{ '*': [{ var: 'points' }, 200] }, { '*': [{ var: 'max' }, 25] }] });
    expect(band('12,5')).toEqual(band('12.5'));
  });
  it('a mean of 3.5 becomes sum*2 > weight*7; an integer mean keeps the bare sum', () => {
    const atom = atomsOf(parseRule(group().rules.overall[1]!.when)!)[0] as RatioAtom;
    expect(setRatioValue(atom, '3.5', 1)).toMatchObject({ lmul: 2, rmul: 7 });
    expect(setRatioValue(atom, '4', 1)).toMatchObject({ lmul: null, rmul: 4 });
    expect(setRatioValue(atom, 'abc', 1)).toBeUndefined();
  });
  it('an edited band changes the level the engine gives', () => {
    // sme pillar 1 has 13 criteria of weight 1 (max 65); all at level 4 is 52 points = 80%: level 4, since level 5
    // needs "trên 80%" (Appendix I Table 2). Lowering the level-5 edge to 75% makes it level 5.
    const def = sme();
    const answers = Object.fromEntries(def.pillars[0]!.components.flatMap((c) => c.criteria).map((k) => [k.id, 4]));
    const before = simulate(def, answers);
    expect(before.ok && before.result.pillars[0]!.level).toBe(4);
    const atom = atomsOf(parseRule(def.rules.pillar[0]!.when)!)[0] as RatioAtom;
    const when = printRule(withAtoms({ t: 'atom', atom }, [setRatioValue(atom, '75', 100)!]));
    const edited = setRule(def, { scope: 'pillar' }, 0, { ...def.rules.pillar[0]!, when }) as ScorecardDefinition;
    expect(validateDefinition(edited).ok).toBe(true);
    const after = simulate(edited, answers);
    expect(after.ok && after.result.pillars[0]!.level).toBe(5);
  });
});

describe('decimals', () => {
  it.each([
    ['80', 80, 1],
    ['4.5', 9, 2],
    ['12.5', 25, 2],
    ['-1.25', -5, 4],
    ['0', 0, 1],
  ])('%s = %i/%i', (text, num, den) => {
    expect(parseDecimal(text)).toEqual({ num, den });
    expect(formatFraction(num, den)).toBe(text);
  });
  it('rejects non-numbers and prints non-terminating fractions as fractions', () => {
    expect(parseDecimal('1e3')).toBeUndefined();
    expect(parseDecimal('')).toBeUndefined();
    expect(formatFraction(1, 3)).toBe('1/3');
    expect(formatFraction(200, 3)).toBe('200/3');
    expect(formatFraction(6, 4)).toBe('1.5');
  });
});
