// What a certificate states (checks.ts, shared by both backends): the ministry column of an assessment, or for the
// parent unit of a group the group's roll-up — only once every unit the roll-up counts has a reviewed column.
// Pure: records are built here by hand, no database.
import { describe, expect, it } from 'vitest';
import { StorageError } from '../common.js';
import { certificateFigures, certifiedGroup, unreviewedUnits } from './checks.js';
import type { AssessmentRecord, GroupRecord } from './types.js';

const H = 'a'.repeat(64);
const LARGE = { id: 'large', version: '1.0.0', hash: H };
const GROUP = { id: 'group', version: '1.0.0', hash: 'b'.repeat(64) };

const column = (level: number, total: number, max: number) => ({
  result: { level, total, max, pillars: [{ id: '1', points: total, max, level }] },
});
/** An assessment with the named columns (only what the checks read). */
const assessment = (id: string, columns: Record<string, unknown>) =>
  ({ id, taxCode: `tax-${id}`, index: LARGE, columns }) as unknown as AssessmentRecord;

/** A group of units (tax code = `tax-<assessment id>`) with the roll-up's sums, as stored. */
const group = (
  id: string,
  units: Array<{ a: string; included: boolean }>,
  weighted: { sum: number; weight: number },
  level: number,
) =>
  ({
    id,
    index: GROUP,
    members: units.map((u) => ({ taxCode: `tax-${u.a}`, assessmentId: u.a, relation: 'subsidiary', headcount: 1 })),
    level,
    result: {
      level,
      weighted,
      pillars: [{ id: '1', score: 0, weighted, level }],
      units: units.map((u) => ({ id: `tax-${u.a}`, included: u.included })),
    },
  }) as unknown as GroupRecord;

describe('certificate figures', () => {
  const p = assessment('p', { self: column(3, 417, 695), ministry: column(3, 417, 695) });

  it('no group: the ministry column, under the assessment’s own index', () => {
    expect(certificateFigures(p, undefined, () => undefined)).toEqual({
      level: 3,
      total: 417,
      max: 695,
      pillars: [{ id: '1', points: 417, max: 695, level: 3 }],
      index: LARGE,
    });
  });

  it('a group: its level and index; points ⌊1000 × sum / weight⌋ of 5000 (1000/300 = 3.333… → 3333, truncated)', () => {
    const s = assessment('s', { self: column(4, 0, 320), department: column(4, 0, 320) });
    const g = group(
      'g',
      [
        { a: 'p', included: true },
        { a: 's', included: true },
      ],
      { sum: 1000, weight: 300 },
      3,
    );
    const lookup = new Map([
      ['p', p],
      ['s', s],
    ]);
    expect(certificateFigures(p, g, (id) => lookup.get(id))).toEqual({
      level: 3,
      total: 3333,
      max: 5000,
      pillars: [{ id: '1', points: 3333, max: 5000, level: 3 }],
      index: GROUP,
    });
  });

  it('refused while a counted unit has only its self-assessment or nothing, naming each; affiliates do not count', () => {
    const selfOnly = assessment('s', { self: column(4, 0, 320) });
    const empty = assessment('e', {});
    const affiliate = assessment('f', { self: column(0, 0, 320) });
    const g = group(
      'g',
      [
        { a: 'p', included: true },
        { a: 's', included: true },
        { a: 'e', included: true },
        { a: 'f', included: false },
      ],
      { sum: 10, weight: 4 },
      2,
    );
    const lookup = new Map([p, selfOnly, empty, affiliate].map((a) => [a.id, a]));
    expect(unreviewedUnits(g, (id) => lookup.get(id))).toEqual(['tax-s', 'tax-e']);
    const refuse = () => certificateFigures(p, g, (id) => lookup.get(id));
    expect(refuse).toThrow(StorageError);
    expect(refuse).toThrow(/tax-s, tax-e$/);
  });

  it('the group certified is the first (newest) with staff in its included units, as the standings take it', () => {
    const none = group('g0', [{ a: 'p', included: true }], { sum: 0, weight: 0 }, 0);
    const some = group('g1', [{ a: 'p', included: true }], { sum: 3, weight: 1 }, 3);
    const older = group('g2', [{ a: 'p', included: true }], { sum: 5, weight: 1 }, 5);
    expect(certifiedGroup([none, some, older])?.id).toBe('g1');
    expect(certifiedGroup([none])).toBeUndefined();
  });
});
