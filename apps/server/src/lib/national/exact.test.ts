// Exact arithmetic of the provincial index: values worked out by hand.
import { describe, expect, it } from 'vitest';
import { decimal, formatScaled, isqrt, rat, sqrtScaled } from './exact.js';
import { zTable } from './province-index.js';

describe('exact arithmetic', () => {
  it('reduces fractions and keeps the sign in the numerator', () => {
    expect(rat(6, -4)).toEqual({ n: -3n, d: 2n });
  });

  it('integer square roots at and around perfect squares', () => {
    expect([isqrt(0n), isqrt(1n), isqrt(15n), isqrt(16n), isqrt(17n)]).toEqual([0n, 1n, 3n, 4n, 4n]);
    // 10^40 + 1: above 2^53, so a float guess alone would be off.
    expect(isqrt(10n ** 40n + 1n)).toBe(10n ** 20n);
    expect(isqrt(10n ** 40n - 1n)).toBe(10n ** 20n - 1n);
  });

  it('√x to p decimals rounds half away from zero, exactly', () => {
    expect(formatScaled(sqrtScaled(rat(2), 4), 4)).toBe('1.4142'); // 1.41421356…
    expect(formatScaled(sqrtScaled(rat(1, 4), 4), 4)).toBe('0.5000');
    // x = 1.00005² = 1.0001000025: √x is exactly half-way at 4 decimals → up.
    expect(formatScaled(sqrtScaled(rat(10001000025n, 10n ** 10n), 4), 4)).toBe('1.0001');
    // just below half-way → down
    expect(formatScaled(sqrtScaled(rat(10001000024n, 10n ** 10n), 4), 4)).toBe('1.0000');
  });

  it('decimals round half away from zero on both sides', () => {
    expect(decimal(rat(197, 32), 4)).toBe('6.1563'); // 6.15625
    expect(decimal(rat(-197, 32), 4)).toBe('-6.1563');
    expect(decimal(rat(-1, 30000), 4)).toBe('0.0000');
  });
});

describe('Z-score table', () => {
  it('three provinces: means 1/2, 1/2 (two of 1/4 and 3/4), 1: μ = 2/3, V = 1/18, z = −0.7071, −0.7071, 1.4142', () => {
    // Province 01: one enterprise 5/10 → 1/2. Province 02: 1/4 and 3/4 → 1/2. Province 03: 8/8 → 1.
    // μ = (1/2 + 1/2 + 1)/3 = 2/3; deviations −1/6, −1/6, 1/3; V = (1/36 + 1/36 + 1/9)/3 = 1/18.
    // z = (−1/6)/√(1/18) = −√18/6 = −0.70710678… ; (1/3)/√(1/18) = √2 = 1.41421356…
    const t = zTable(
      [
        { province: '01', max: 10, count: 1, total: 5 },
        { province: '02', max: 4, count: 2, total: 4 },
        { province: '03', max: 8, count: 1, total: 8 },
      ],
      ['01', '02', '03', '04'],
    );
    expect(t.mean).toEqual({ numerator: '2', denominator: '3', display: '0.6667' });
    expect(t.variance).toEqual({ numerator: '1', denominator: '18', display: '0.0556' });
    expect(t.sigma).toBe('0.235702'); // √(1/18) = 0.2357022…
    expect(t.provinces.map((p) => p.z?.display ?? null)).toEqual(['-0.7071', '-0.7071', '1.4142', null]);
    expect(t.provinces[2]!.z!.squared).toEqual({ numerator: '2', denominator: '1', display: '2.0000' });
    expect(t.provinces.map((p) => p.minMax10?.display ?? null)).toEqual(['0.0000', '0.0000', '10.0000', null]);
    expect(t.provinces[1]!.score10).toEqual({ numerator: '5', denominator: '1', display: '5.0000' });
  });

  it('all provinces equal: V = 0, every z is 0 and the min-max score is undefined', () => {
    const t = zTable(
      [
        { province: '01', max: 2, count: 1, total: 1 },
        { province: '02', max: 4, count: 1, total: 2 },
      ],
      ['01', '02'],
    );
    expect(t.variance?.numerator).toBe('0');
    expect(t.provinces.map((p) => [p.z?.display, p.minMax10])).toEqual([
      ['0.0000', null],
      ['0.0000', null],
    ]);
  });
});
