// The provincial index (Decision 1970 §III: "chỉ số … của các doanh nghiệp trên địa bàn một tỉnh", with Z-score and
// 10-point normalisation), computed exactly from the standings' aggregates (storage: counts and point sums per
// province and maximum) — so it is reproducible from the stored data with a calculator.
import type { ProvinceSums } from '@dbi/storage';
import { exact, formatScaled, lcm, rat, sqrtScaled } from './exact.js';

export const INDEX_METHOD =
  'Each enterprise counts once per period: its latest qualifying assessment (basis=certified: a valid certificate; ' +
  'basis=appraised: also appraised, not yet certified), with the facts and the ministry column as they were when ' +
  'certified (appraised); a parent of a group stands with the group roll-up. For enterprise i, share sᵢ = totalᵢ / maxᵢ ' +
  '(points of the ministry column over the index maximum; for a group: its weighted mean level in thousandths of Mức 5, ' +
  'truncated). Province p with nₚ ≥ 1 enterprises: mean share mₚ = Σ sᵢ / nₚ; score10ₚ = 10 × mₚ (the 10-point ' +
  'scale). Across the P provinces with nₚ ≥ 1: μ = Σ mₚ / P; variance V = Σ (mₚ − μ)² / P (population); ' +
  'zₚ = (mₚ − μ) / √V, and zₚ = 0 for every province when V = 0; minMax10ₚ = 10 × (mₚ − min m) / (max m − min m), ' +
  'null when all are equal. Every value is an exact fraction (numerator/denominator) computed in integer arithmetic; ' +
  'the only square root is √V: zₚ is reported rounded half away from zero to 4 decimals, computed exactly as the ' +
  'integer nearest to √(zₚ² × 10⁸) with zₚ² = (mₚ − μ)² / V; σ = √V likewise to 6 decimals. ' +
  'display values round half away from zero to 4 decimals. meanLevel = Σ levels / nₚ; pillar means likewise per pillar.';

/** Per province: its enterprises nₚ and its share sum as tₚ / L, L the least common multiple of every maximum. */
function shareSums(sums: readonly ProvinceSums[]) {
  const L = sums.reduce((l, s) => lcm(l, BigInt(s.max)), 1n);
  const acc = new Map<string, { n: number; t: bigint }>();
  for (const s of sums) {
    const a = acc.get(s.province) ?? { n: 0, t: 0n };
    a.n += s.count;
    a.t += BigInt(s.total) * (L / BigInt(s.max));
    acc.set(s.province, a);
  }
  return { L, acc };
}

export interface ProvinceStanding {
  province: string;
  enterprises: number;
  meanShare: ReturnType<typeof exact> | null;
  score10: ReturnType<typeof exact> | null;
  z: { display: string; squared: ReturnType<typeof exact> } | null;
  minMax10: ReturnType<typeof exact> | null;
}

/**
 * The cross-province table for the given provinces (codes in order); provinces without enterprises get nulls.
 *
 * Worked on one common denominator so that each figure is reduced once (a reduction per step grew the numbers and
 * held the event loop for 10–20 ms per table at national size): with mₚ = tₚ / (L·nₚ) and C = lcm of the nₚ,
 * mₚ = aₚ / (L·C) where aₚ = tₚ·C/nₚ; A = Σ aₚ; eₚ = P·aₚ − A; E = Σ eₚ². Then μ = A / (P·L·C),
 * V = E / (P³·L²·C²), zₚ² = P·eₚ² / E and minMax10ₚ = 10·(aₚ − min a) / (max a − min a) — the same values as the
 * definitions in INDEX_METHOD, exactly (province-index.test.ts checks them against the definitions step by step).
 */
export function zTable(sums: readonly ProvinceSums[], provinces: readonly string[]) {
  const { L, acc } = shareSums(sums);
  const present = provinces.filter((p) => acc.has(p));
  const P = BigInt(present.length);
  if (P === 0n)
    return {
      provincesWithResults: 0,
      mean: null,
      variance: null,
      sigma: null,
      provinces: provinces.map((province) => empty(province)),
    };
  const C = present.reduce((c, p) => lcm(c, BigInt(acc.get(p)!.n)), 1n);
  const a = new Map(present.map((p) => [p, (acc.get(p)!.t * C) / BigInt(acc.get(p)!.n)]));
  const as = [...a.values()];
  const A = as.reduce((s, x) => s + x, 0n);
  const e = new Map(present.map((p) => [p, P * a.get(p)! - A]));
  const E = [...e.values()].reduce((s, x) => s + x * x, 0n);
  const variance = rat(E, P * P * P * L * L * C * C);
  const lo = as.reduce((x, y) => (y < x ? y : x));
  const range = as.reduce((x, y) => (y > x ? y : x)) - lo;
  return {
    provincesWithResults: present.length,
    mean: exact(rat(A, P * L * C)),
    variance: exact(variance),
    sigma: formatScaled(sqrtScaled(variance, 6), 6),
    provinces: provinces.map((province): ProvinceStanding => {
      const s = acc.get(province);
      if (!s) return empty(province);
      const ep = e.get(province)!;
      const squared = E === 0n ? rat(0) : rat(P * ep * ep, E);
      const root = sqrtScaled(squared, 4);
      const n = BigInt(s.n);
      return {
        province,
        enterprises: s.n,
        meanShare: exact(rat(s.t, L * n)),
        score10: exact(rat(10n * s.t, L * n)),
        z: { display: formatScaled(ep < 0n ? -root : root, 4), squared: exact(squared) },
        minMax10: range === 0n ? null : exact(rat(10n * (a.get(province)! - lo), range)),
      };
    }),
  };
}

const empty = (province: string): ProvinceStanding => ({
  province,
  enterprises: 0,
  meanShare: null,
  score10: null,
  z: null,
  minMax10: null,
});

/** Level counts over the whole scale (levels nobody reached listed with 0) and their exact mean. */
export function levelSummary(counts: ReadonlyArray<{ level: number; count: number }>, scale: readonly number[]) {
  const by = new Map<number, number>(scale.map((l) => [l, 0]));
  for (const c of counts) by.set(c.level, (by.get(c.level) ?? 0) + c.count);
  const n = counts.reduce((s, c) => s + c.count, 0);
  const sum = counts.reduce((s, c) => s + c.level * c.count, 0);
  return {
    distribution: [...by.entries()].sort((a, b) => a[0] - b[0]).map(([level, count]) => ({ level, count })),
    meanLevel: n === 0 ? null : exact(rat(sum, n)),
  };
}
