// Exact arithmetic for the provincial index (issue 9 item 7): rationals of bigints, and the one square root (the
// standard deviation of the Z-score) taken only at the end, on an exact rational, with a stated rounding.
// No floating point anywhere.
export interface Rational {
  n: bigint;
  d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
};
/** Least common multiple of two positive integers. */
export const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}
export const add = (a: Rational, b: Rational) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational) => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => rat(a.n * b.d, a.d * b.n);
export const cmp = (a: Rational, b: Rational) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};

/** ⌊√x⌋ of a non-negative bigint (Newton's method on integers). */
export function isqrt(x: bigint): bigint {
  if (x < 0n) throw new RangeError('square root of a negative number');
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x)))); // a starting guess only; corrected exactly below
  while (r * r > x) r = (r + x / r) / 2n;
  while ((r + 1n) * (r + 1n) <= x) r += 1n;
  return r;
}

/** `x` rounded half away from zero to `places` decimals, as text (integer arithmetic only). */
export function decimal(x: Rational, places: number): string {
  const scale = 10n ** BigInt(places);
  const m = (2n * abs(x.n) * scale + x.d) / (2n * x.d);
  return formatScaled(x.n < 0n && m !== 0n ? -m : m, places);
}

/**
 * √x for a rational x ≥ 0, rounded half away from zero to `places` decimals: the integer k nearest to √(x·10^2p),
 * found as r = ⌊√⌊x·10^2p⌋⌋ then r + 1 when x·10^2p ≥ (r + ½)², compared exactly as 4·n·10^2p ≥ (2r + 1)²·d.
 */
export function sqrtScaled(x: Rational, places: number): bigint {
  if (x.n < 0n) throw new RangeError('square root of a negative number');
  const s = 10n ** BigInt(2 * places);
  const r = isqrt((x.n * s) / x.d);
  return 4n * x.n * s >= (2n * r + 1n) * (2n * r + 1n) * x.d ? r + 1n : r;
}

export function formatScaled(v: bigint, places: number): string {
  const neg = v < 0n;
  const digits = abs(v)
    .toString()
    .padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return neg ? `-${text}` : text;
}

/** A rational as served: numerator and denominator as decimal strings (they may exceed 2^53), and a display. */
export const exact = (x: Rational, places = 4) => ({
  numerator: x.n.toString(),
  denominator: x.d.toString(),
  display: decimal(x, places),
});
