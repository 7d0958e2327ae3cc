// The Z-score table worked on one common denominator (zTable) against the definitions of INDEX_METHOD taken step by
// step in reduced fractions (the reference below): the same exact values on many tables of mixed maxima and sizes.
import { describe, expect, it } from 'vitest';
import type { ProvinceSums } from '@dbi/storage';
import { add, cmp, div, exact, formatScaled, mul, rat, sqrtScaled, sub, type Rational } from './exact.js';
import { zTable } from './province-index.js';

/** The definitions, one reduced fraction per step: mₚ = Σ sᵢ / nₚ, μ, V, zₚ² = (mₚ − μ)² / V, min-max. */
function reference(sums: readonly ProvinceSums[], provinces: readonly string[]) {
  const acc = new Map<string, { n: number; sum: Rational }>();
  for (const s of sums) {
    const a = acc.get(s.province) ?? { n: 0, sum: rat(0) };
    a.n += s.count;
    a.sum = add(a.sum, rat(s.total, s.max));
    acc.set(s.province, a);
  }
  const m = new Map([...acc].map(([p, a]) => [p, div(a.sum, rat(a.n))]));
  const ms = provinces.filter((p) => m.has(p)).map((p) => m.get(p)!);
  const P = rat(ms.length);
  const mu = div(
    ms.reduce((s, x) => add(s, x), rat(0)),
    P,
  );
  const V = div(
    ms.reduce((s, x) => add(s, mul(sub(x, mu), sub(x, mu))), rat(0)),
    P,
  );
  const lo = ms.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
  const range = sub(
    ms.reduce((a, b) => (cmp(a, b) >= 0 ? a : b)),
    lo,
  );
  return {
    mean: exact(mu),
    variance: exact(V),
    sigma: formatScaled(sqrtScaled(V, 6), 6),
    provinces: provinces.map((p) => {
      const x = m.get(p);
      if (!x) return null;
      const d = sub(x, mu);
      const squared = V.n === 0n ? rat(0) : div(mul(d, d), V);
      const root = sqrtScaled(squared, 4);
      return {
        enterprises: acc.get(p)!.n,
        meanShare: exact(x),
        score10: exact(mul(x, rat(10))),
        z: { display: formatScaled(d.n < 0n ? -root : root, 4), squared: exact(squared) },
        minMax10: range.n === 0n ? null : exact(div(mul(sub(x, lo), rat(10)), range)),
      };
    }),
  };
}

/** A small deterministic generator (the tables must be the same on every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (k: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
}

describe('zTable on one common denominator', () => {
  const codes = Array.from({ length: 34 }, (_, i) => String(i + 1).padStart(2, '0'));
  const maxima = [320, 695, 1000, 5, 7];
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`equals the step-by-step definitions (table ${seed})`, () => {
      const r = lcg(seed);
      const sums: ProvinceSums[] = [];
      for (const province of codes) {
        if (r(5) === 0) continue; // some provinces without results
        for (const max of maxima) {
          if (r(2) === 0) continue;
          const count = 1 + r(seed % 2 ? 100_000 : 50);
          sums.push({ province, max, count, total: r(max * count + 1) });
        }
      }
      const got = zTable(sums, codes);
      const want = reference(sums, codes);
      expect(got.provincesWithResults).toBe(want.provinces.filter(Boolean).length);
      expect({ mean: got.mean, variance: got.variance, sigma: got.sigma }).toEqual({
        mean: want.mean,
        variance: want.variance,
        sigma: want.sigma,
      });
      expect(got.provinces.map(({ province: _p, ...rest }) => (rest.meanShare ? rest : null))).toEqual(want.provinces);
    });
  }

  it('one province alone: V = 0, z = 0, no min-max score', () => {
    const sums = [{ province: '07', max: 695, count: 3, total: 1000 }];
    expect(zTable(sums, codes).provinces[6]).toEqual({ province: '07', ...reference(sums, codes).provinces[6]! });
    expect(zTable(sums, codes).provinces[6]!.z!.display).toBe('0.0000');
  });
});
