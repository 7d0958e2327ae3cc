// Rankings and the provincial index, in integer arithmetic only: results are ordered by level, then by share of
// points (compared by cross-multiplying, never by dividing), and means are kept as exact fractions.
import type { RankingRow } from '@dbi/storage';

/** Higher level first; then larger share of points total/max; then tax code (a stable order, not a merit). */
export function compareStanding(a: RankingRow, b: RankingRow): number {
  if (a.level !== b.level) return b.level - a.level;
  const share = b.total * a.max - a.total * b.max;
  if (share !== 0) return share;
  return a.taxCode < b.taxCode ? -1 : a.taxCode > b.taxCode ? 1 : 0;
}

const sameStanding = (a: RankingRow, b: RankingRow) => a.level === b.level && a.total * b.max === b.total * a.max;

/** Sorted, with competition ranks (1, 2, 2, 4): equal level and equal share of points rank equal. */
export function rankRows(rows: readonly RankingRow[]): Array<RankingRow & { rank: number }> {
  const sorted = [...rows].sort(compareStanding);
  const out: Array<RankingRow & { rank: number }> = [];
  sorted.forEach((r, i) => {
    const prev = out[i - 1];
    out.push({ ...r, rank: prev && sameStanding(prev, r) ? prev.rank : i + 1 });
  });
  return out;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export interface Fraction {
  numerator: number;
  denominator: number;
  /** Rounded half up to two decimals, computed on integers. */
  display: string;
}

/** numerator / denominator (denominator > 0, numerator ≥ 0), reduced, with its two-decimal display. */
export function fraction(numerator: number, denominator: number): Fraction {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const g = gcd(n, d) || 1n;
  const hundredths = (200n * n + d) / (2n * d);
  const display = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return { numerator: Number(n / g), denominator: Number(d / g), display };
}

/** Enterprises at each level; every level of the scale is listed, even when nobody is at it. */
function distribution(levels: readonly number[], scale: readonly number[]) {
  const counts = new Map<number, number>(scale.map((l) => [l, 0]));
  for (const l of levels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([level, count]) => ({ level, count }));
}

const mean = (levels: readonly number[]) =>
  levels.length
    ? fraction(
        levels.reduce((s, l) => s + l, 0),
        levels.length,
      )
    : null;

export const PROVINCE_INDEX_METHOD =
  'Each enterprise of the province counts once, with the overall and pillar levels of the ministry column of its latest ' +
  'qualifying assessment (basis=certified: a valid certificate; basis=appraised: also appraised, not yet certified). ' +
  'distribution = number of enterprises at each level; meanLevel = Σ levels / number of enterprises, an exact reduced ' +
  'fraction; scale10 = meanLevel × 10 / 5, the 10-point normalisation named in Decision 1970 §III; pillars: the same ' +
  'per pillar id, over the enterprises whose index has that pillar. display rounds half up to two decimals.';

/**
 * The provincial index of these rows. `scale`: the levels to list in every distribution (the Decision's Mức 0 … Mức
 * 5 by configuration, AssessmentSettings.levels); its highest level is the top of the 10-point normalisation.
 */
export function provinceIndex(rows: readonly RankingRow[], scale: readonly number[]) {
  const top = Math.max(...scale);
  const levels = rows.map((r) => r.level);
  const pillarIds: string[] = [];
  const pillarLevels = new Map<string, number[]>();
  for (const r of rows) {
    for (const p of r.pillars) {
      let list = pillarLevels.get(p.id);
      if (!list) {
        list = [];
        pillarLevels.set(p.id, list);
        pillarIds.push(p.id);
      }
      list.push(p.level);
    }
  }
  const sum = levels.reduce((s, l) => s + l, 0);
  return {
    enterprises: rows.length,
    distribution: distribution(levels, scale),
    meanLevel: mean(levels),
    scale10: rows.length ? fraction(sum * 10, rows.length * top) : null,
    pillars: pillarIds.map((id) => ({
      id,
      distribution: distribution(pillarLevels.get(id)!, scale),
      meanLevel: mean(pillarLevels.get(id)!),
    })),
  };
}
