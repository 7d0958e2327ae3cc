// Exact arithmetic of rankings and the provincial index.
import { describe, expect, it } from 'vitest';
import type { RankingRow } from '@dbi/storage';
import { compareStanding, fraction, provinceIndex, rankRows } from './ranking.js';

const row = (taxCode: string, level: number, total: number, max: number, pillars: number[] = []): RankingRow => ({
  assessmentId: `a-${taxCode}`,
  taxCode,
  name: taxCode,
  province: '01',
  sector: 'trade-services',
  size: 'micro',
  index: { id: 'sme', version: '1.0.0', hash: 'h'.repeat(64) },
  status: 'certified',
  level,
  total,
  max,
  pillars: pillars.map((l, i) => ({ id: String(i + 1), points: 0, max: 0, level: l })),
  certificateNumber: null,
  asOf: '2025-01-01',
});

describe('fraction', () => {
  it.each([
    [10, 3, 10, 3, '3.33'],
    [20, 3, 20, 3, '6.67'],
    [1, 8, 1, 8, '0.13'], // 0.125 rounds half up
    [1, 200, 1, 200, '0.01'], // 0.005 rounds half up
    [1, 201, 1, 201, '0.00'],
    [0, 5, 0, 1, '0.00'],
    [15, 2, 15, 2, '7.50'],
    [12, 4, 3, 1, '3.00'],
  ])('%i/%i = %i/%i ≈ %s', (n, d, rn, rd, display) => {
    expect(fraction(n, d)).toEqual({ numerator: rn, denominator: rd, display });
  });
});

describe('standing', () => {
  it('orders by level, then share of points by cross-multiplying (320 vs 695 maxima), then tax code', () => {
    // 192/320 = 0.6 and 417/695 = 0.6 exactly: equal share; 193/320 > 417/695.
    const rows = [row('3', 3, 417, 695), row('1', 3, 192, 320), row('2', 3, 193, 320), row('4', 4, 200, 320)];
    expect(rankRows(rows).map((r) => [r.taxCode, r.rank])).toEqual([
      ['4', 1],
      ['2', 2],
      ['1', 3],
      ['3', 3],
    ]);
    expect(compareStanding(row('a', 2, 1, 3), row('b', 2, 333_333, 1_000_000))).toBeLessThan(0);
  });
});

describe('provinceIndex', () => {
  it('distribution over levels 0–5, exact means, pillars over the enterprises that have them', () => {
    const r = provinceIndex(
      [row('1', 4, 0, 1, [4, 4]), row('2', 3, 0, 1, [3, 2]), row('3', 0, 0, 1, [1, 1, 5])],
      [0, 1, 2, 3, 4, 5],
    );
    expect(r.enterprises).toBe(3);
    expect(r.distribution.map((d) => d.count)).toEqual([1, 0, 0, 1, 1, 0]);
    expect(r.meanLevel).toEqual({ numerator: 7, denominator: 3, display: '2.33' });
    expect(r.scale10).toEqual({ numerator: 14, denominator: 3, display: '4.67' });
    expect(r.pillars.map((p) => [p.id, p.meanLevel?.display])).toEqual([
      ['1', '2.67'],
      ['2', '2.33'],
      ['3', '5.00'],
    ]);
  });

  it('lists the levels of the scale it is given and normalises on its top level', () => {
    // Scale 0–3: levels 2 and 3 → mean 5/2; scale10 = 5 × 10 / (2 × 3) = 25/3 = 8.33.
    const r = provinceIndex([row('1', 2, 0, 1), row('2', 3, 0, 1)], [0, 1, 2, 3]);
    expect(r.distribution).toEqual([
      { level: 0, count: 0 },
      { level: 1, count: 0 },
      { level: 2, count: 1 },
      { level: 3, count: 1 },
    ]);
    expect(r.meanLevel).toEqual({ numerator: 5, denominator: 2, display: '2.50' });
    expect(r.scale10).toEqual({ numerator: 25, denominator: 3, display: '8.33' });
  });
});
