// The provincial index (Decision 1970 §III: "chỉ số … của các doanh nghiệp trên địa bàn một tỉnh", with Z-score and
// 10-point normalisation), computed exactly from the standings' aggregates (storage: counts and point sums per
// province and maximum) — so it is reproducible from the stored data with a calculator.
import type { ProvinceSums } from '@dbi/storage';
import { add, cmp, div, exact, formatScaled, mul, rat, sqrtScaled, sub, type Rational } from './exact.js';

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

/** Mean share and count per province, from sums grouped by (province, max). */
export function provinceMeans(sums: readonly ProvinceSums[]): Map<string, { n: number; mean: Rational }> {
  const acc = new Map<string, { n: number; sum: Rational }>();
  for (const s of sums) {
    const a = acc.get(s.province) ?? { n: 0, sum: rat(0) };
    a.n += s.count;
    a.sum = add(a.sum, rat(s.total, s.max));
    acc.set(s.province, a);
  }
  const out = new Map<string, { n: number; mean: Rational }>();
  for (const [p, a] of acc) out.set(p, { n: a.n, mean: div(a.sum, rat(a.n)) });
  return out;
}

export interface ProvinceStanding {
  province: string;
  enterprises: number;
  meanShare: ReturnType<typeof exact> | null;
  score10: ReturnType<typeof exact> | null;
  z: { display: string; squared: ReturnType<typeof exact> } | null;
  minMax10: ReturnType<typeof exact> | null;
}

/** The cross-province table for the given provinces (codes in order); provinces without enterprises get nulls. */
export function zTable(sums: readonly ProvinceSums[], provinces: readonly string[]) {
  const means = provinceMeans(sums);
  const present = provinces.filter((p) => means.has(p));
  const P = present.length;
  if (P === 0)
    return {
      provincesWithResults: 0,
      mean: null,
      variance: null,
      sigma: null,
      provinces: provinces.map((province) => empty(province)),
    };
  const ms = present.map((p) => means.get(p)!.mean);
  const mu = div(
    ms.reduce((s, m) => add(s, m), rat(0)),
    rat(P),
  );
  const variance = div(
    ms.reduce((s, m) => add(s, mul(sub(m, mu), sub(m, mu))), rat(0)),
    rat(P),
  );
  const lo = ms.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
  const hi = ms.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
  const range = sub(hi, lo);
  return {
    provincesWithResults: P,
    mean: exact(mu),
    variance: exact(variance),
    sigma: formatScaled(sqrtScaled(variance, 6), 6),
    provinces: provinces.map((province): ProvinceStanding => {
      const m = means.get(province);
      if (!m) return empty(province);
      const d = sub(m.mean, mu);
      const squared = variance.n === 0n ? rat(0) : div(mul(d, d), variance);
      const root = sqrtScaled(squared, 4);
      return {
        province,
        enterprises: m.n,
        meanShare: exact(m.mean),
        score10: exact(mul(m.mean, rat(10))),
        z: { display: formatScaled(d.n < 0n ? -root : root, 4), squared: exact(squared) },
        minMax10: range.n === 0n ? null : exact(div(mul(sub(m.mean, lo), rat(10)), range)),
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
