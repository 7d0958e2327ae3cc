import { describe, expect, it } from 'vitest';
import { inForceOn, isIsoDate } from './in-force.js';

const p = (version: string, enteredOn: string, leftOn: string | null) => ({ version, enteredOn, leftOn });

describe('in force on a date', () => {
  const periods = [p('1.0.0', '2021-12-13', '2025-07-01'), p('2.0.0', '2025-07-01', null)];
  it.each([
    ['2021-12-12', undefined],
    ['2021-12-13', '1.0.0'],
    ['2025-06-30', '1.0.0'],
    ['2025-07-01', '2.0.0'],
    ['2030-01-01', '2.0.0'],
  ])('on %s: %s', (date, version) => {
    expect(inForceOn(periods, date)?.version).toBe(version);
  });
  it('a version that never was in force (replaced on its own first day) is never the answer', () => {
    expect(
      inForceOn([p('1.0.0', '2024-01-01', '2024-01-01'), p('1.0.1', '2024-01-01', null)], '2024-01-01')?.version,
    ).toBe('1.0.1');
  });
  it('knows real calendar days', () => {
    expect(['2024-02-29', '2021-12-13'].map(isIsoDate)).toEqual([true, true]);
    expect(['2023-02-29', '2021-13-01', '2021-12-32', '13/12/2021', ''].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
