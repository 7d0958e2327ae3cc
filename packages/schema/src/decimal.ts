// Exact decimals for number answers and band edges: a JSON number means the decimal its shortest round-trip form
// spells (10.1 is 101/10, never 10.0999999999999996447…). Pure; bigint so no size can lose digits.

/** n / d with d > 0, not necessarily in lowest terms. */
export interface Ratio {
  n: bigint;
  d: bigint;
}

/** The exact decimal a finite JSON number stands for, read from its shortest decimal string (`String(x)`). */
export function decimalOf(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number`);
  if (Number.isSafeInteger(x)) return { n: BigInt(x), d: 1n };
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`cannot read ${x} as a decimal`);
  const digits = BigInt(`${m[2]}${m[3] ?? ''}`);
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const sign = m[1] === '-' ? -1n : 1n;
  return exp >= 0 ? { n: sign * digits * 10n ** BigInt(exp), d: 1n } : { n: sign * digits, d: 10n ** BigInt(-exp) };
}

/** -1, 0 or 1 as a < b, a = b, a > b, exactly. */
export function compareRatio(a: Ratio, b: Ratio): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Compares two JSON numbers as the decimals they spell. */
export const compareDecimal = (a: number, b: number): number => compareRatio(decimalOf(a), decimalOf(b));
