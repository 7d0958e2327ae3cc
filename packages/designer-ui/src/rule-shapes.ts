// Recognises the standard shapes of level rules so the rules table can show them as numbers to edit:
//   pillar bands      points*100 > max*80                      ("points above 80% of the maximum")
//   overall           total > 256 and atLeast.4 >= 5            ("more than 256 points and ≥ 5 pillars at level ≥ 4")
//   group (weighted)  sum*2 > weight*9 and parent >= 5         ("mean above 4.5 and the parent at level ≥ 5")
// A rule is `true`, one comparison, or an `and` of comparisons; each comparison is var·a OP var·b, var OP n or
// var OP var. `printRule(parseRule(x))` gives back x exactly (same operators, same operand forms), so showing a
// rule as numbers never rewrites it. Anything else is left to the raw json-logic editor.

export type Op = '>' | '>=' | '<' | '<=' | '==' | '===' | '!=' | '!==';
export const OPS: readonly Op[] = ['>', '>=', '<', '<=', '==', '===', '!=', '!=='];

/** var·a OP var·b; a `null` factor means the bare variable (no multiplication). */
export interface RatioAtom {
  t: 'ratio';
  left: string;
  lmul: number | null;
  op: Op;
  right: string;
  rmul: number | null;
}
export interface ConstAtom {
  t: 'const';
  left: string;
  op: Op;
  value: number;
}
export interface VarsAtom {
  t: 'vars';
  left: string;
  op: Op;
  right: string;
}
export type Atom = RatioAtom | ConstAtom | VarsAtom;

export type RuleShape = { t: 'always' } | { t: 'atom'; atom: Atom } | { t: 'and'; atoms: Atom[] };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function single(x: unknown): [string, unknown] | undefined {
  if (!isObj(x)) return undefined;
  const keys = Object.keys(x);
  return keys.length === 1 ? [keys[0]!, x[keys[0]!]] : undefined;
}

function varName(x: unknown): string | undefined {
  const s = single(x);
  return s && s[0] === 'var' && typeof s[1] === 'string' ? s[1] : undefined;
}

/** `{"var":"x"}` → [x, null]; `{"*":[{"var":"x"}, 100]}` → [x, 100]. */
function scaled(x: unknown): [string, number | null] | undefined {
  const bare = varName(x);
  if (bare !== undefined) return [bare, null];
  const s = single(x);
  if (!s || s[0] !== '*' || !Array.isArray(s[1]) || s[1].length !== 2) return undefined;
  const name = varName(s[1][0]);
  const n = s[1][1];
  return name !== undefined && Number.isSafeInteger(n) ? [name, n as number] : undefined;
}

export function parseAtom(x: unknown): Atom | undefined {
  const s = single(x);
  if (!s || !(OPS as readonly string[]).includes(s[0]) || !Array.isArray(s[1]) || s[1].length !== 2) return undefined;
  const op = s[0] as Op;
  const [a, b] = s[1] as [unknown, unknown];
  const left = scaled(a);
  if (!left) return undefined;
  if (Number.isSafeInteger(b) && left[1] === null) return { t: 'const', left: left[0], op, value: b as number };
  const right = scaled(b);
  if (!right) return undefined;
  if (left[1] === null && right[1] === null) return { t: 'vars', left: left[0], op, right: right[0] };
  return { t: 'ratio', left: left[0], lmul: left[1], op, right: right[0], rmul: right[1] };
}

/** The shape of a rule's `when`, or undefined when it is not one of the recognised forms. */
export function parseRule(when: unknown): RuleShape | undefined {
  if (when === true) return { t: 'always' };
  const s = single(when);
  if (s && s[0] === 'and' && Array.isArray(s[1]) && s[1].length > 0) {
    const atoms: Atom[] = [];
    for (const item of s[1]) {
      const atom = parseAtom(item);
      if (!atom) return undefined;
      atoms.push(atom);
    }
    return { t: 'and', atoms };
  }
  const atom = parseAtom(when);
  return atom ? { t: 'atom', atom } : undefined;
}

const v = (name: string) => ({ var: name });
const mul = (name: string, n: number | null) => (n === null ? v(name) : { '*': [v(name), n] });

export function printAtom(a: Atom): unknown {
  switch (a.t) {
    case 'const':
      return { [a.op]: [v(a.left), a.value] };
    case 'vars':
      return { [a.op]: [v(a.left), v(a.right)] };
    case 'ratio':
      return { [a.op]: [mul(a.left, a.lmul), mul(a.right, a.rmul)] };
  }
}

export function printRule(shape: RuleShape): unknown {
  switch (shape.t) {
    case 'always':
      return true;
    case 'atom':
      return printAtom(shape.atom);
    case 'and':
      return { and: shape.atoms.map(printAtom) };
  }
}

export function atomsOf(shape: RuleShape): Atom[] {
  return shape.t === 'always' ? [] : shape.t === 'atom' ? [shape.atom] : shape.atoms;
}

export function withAtoms(shape: RuleShape, atoms: Atom[]): RuleShape {
  if (atoms.length === 0) return { t: 'always' };
  if (shape.t === 'atom' && atoms.length === 1) return { t: 'atom', atom: atoms[0]! };
  return { t: 'and', atoms };
}

// Exact decimals ↔ fractions. Band edges such as 12.5% or a mean of 4.5 are kept as integer ratios, never floats.

export interface Fraction {
  num: number;
  den: number;
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

/** `"4.5"` → 9/2, `"80"` → 80/1; undefined for anything that is not a plain decimal. */
export function parseDecimal(text: string): Fraction | undefined {
  const m = /^\s*(-?)(\d{1,12})(?:[.,](\d{1,6}))?\s*$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const den = 10 ** frac.length;
  const num = Number(m[2]! + frac) * (m[1] ? -1 : 1);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** num/den as an exact decimal when it terminates (≤ 6 places), else `num/den`. */
export function formatFraction(num: number, den: number): string {
  if (den < 0) [num, den] = [-num, -den];
  const g = gcd(num, den);
  num /= g;
  den /= g;
  let rest = den;
  let twos = 0;
  let fives = 0;
  while (rest % 2 === 0) {
    rest /= 2;
    twos++;
  }
  while (rest % 5 === 0) {
    rest /= 5;
    fives++;
  }
  if (rest !== 1) return `${num}/${den}`;
  const p = Math.max(twos, fives);
  if (p > 6) return `${num}/${den}`;
  const scaledNum = num * (10 ** p / den);
  if (p === 0) return String(scaledNum);
  const sign = scaledNum < 0 ? '-' : '';
  const digits = String(Math.abs(scaledNum)).padStart(p + 1, '0');
  return `${sign}${digits.slice(0, -p)}.${digits.slice(-p)}`;
}

/**
 * A ratio atom read as "left/right OP value": points*100 > max*80 reads as points/max > 80/100. The value as a
 * fraction of `scale` (100 for percentages, 1 for a mean).
 */
export function ratioValue(a: RatioAtom, scale: number): Fraction {
  return { num: (a.rmul ?? 1) * scale, den: a.lmul ?? 1 };
}

/**
 * Sets a ratio atom's value from a decimal text, keeping its form: an integer percentage stays `points*100 OP
 * max*P`, a fractional one scales both sides (12.5% → points*200 OP max*25); an integer mean stays `sum OP weight*m`
 * when the left side was bare, a fractional one becomes `sum*2 OP weight*9`. Undefined when the text is not a number.
 */
export function setRatioValue(a: RatioAtom, text: string, scale: number): RatioAtom | undefined {
  const f = parseDecimal(text);
  if (!f) return undefined;
  // value = rmul*scale/lmul  ⇒  lmul = scale*den, rmul = num (then reduce, but keep lmul a multiple of scale's form)
  let lmul = scale * f.den;
  let rmul = f.num;
  const g = gcd(gcd(lmul, rmul), f.den);
  lmul /= g;
  rmul /= g;
  if (scale === 1 && lmul === 1) return { ...a, lmul: null, rmul };
  return { ...a, lmul, rmul };
}
