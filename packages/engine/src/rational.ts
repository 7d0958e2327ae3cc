// Exact scores. A pillar's score is 100·points/max and the index's is the weighted mean of pillar scores (or
// 100·total/max without weights): fractions, kept as bigint numerator/denominator so no size loses a digit, shown
// rounded half-up to 2 decimals as text, and compared by rules exactly (rule.ts, compareRatio). Hand-written rather
// than a fraction library: five operations on non-negative values, and the national path must not allocate.
import type { Ratio } from './rule.js';

const ZERO: Ratio = Object.freeze({ n: 0n, d: 1n }) as Ratio;

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

/** n/d in lowest terms (d > 0). */
export function reduce(n: bigint, d: bigint): Ratio {
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/** 100 · points / max, exactly; 0 when max is 0. */
export const percent = (points: number, max: number): Ratio =>
  max === 0 ? ZERO : reduce(100n * BigInt(points), BigInt(max));

/** Σ weight·score / Σ weight over the given pillars, exactly; 0 when the weights add up to 0. */
export function weightedMean(scores: readonly Ratio[], weights: readonly number[]): Ratio {
  let n = 0n,
    d = 1n,
    w = 0n;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!,
      wi = BigInt(weights[i]!);
    w += wi;
    if (wi === 0n || s.n === 0n) continue;
    // n/d + wi·s.n/s.d
    n = n * s.d + wi * s.n * d;
    d = d * s.d;
    const g = gcd(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
  }
  return w === 0n ? ZERO : reduce(n, d * w);
}

/** A non-negative fraction rounded half-up to 2 decimals, as text: 200/3 → "66.67", 1/8 → "0.13". */
export function display(r: Ratio): string {
  const h = (200n * r.n + r.d) / (2n * r.d); // floor(100·n/d + 1/2)
  const cents = h % 100n;
  return `${h / 100n}.${cents < 10n ? '0' : ''}${cents}`;
}
