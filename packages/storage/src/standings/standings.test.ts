// Periods, standings, list pages and coverage on each backend (test/backend.ts). Expected values are worked out by
// hand from the fixtures below, never read back from the implementation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type ScoreResult } from '@dbi/schema';
import { testDatabase, type TestDatabase } from '../../test/backend.js';
import { importNationalIndices } from '../national.js';
import { StorageError, type Actor, type Stamp } from '../common.js';
import type { Storage } from '../storage.js';
import type { ColumnInput, NewEnterprise } from '../assessments/types.js';
import type { StandingFilter } from './types.js';

let db: TestDatabase;
let storage: Storage;
const ent: Actor = { id: 'key_e', name: 'enterprise-key' };
const dept: Actor = { id: 'key_d', name: 'department-key' };
const min: Actor = { id: 'key_m', name: 'ministry-key' };
const stamp = (id: string): Stamp => {
  const d = nationalIndices.find((x) => x.id === id)!;
  return { id: d.id, version: d.version, hash: contentHash(d) };
};
const noGroups = () => {
  throw new Error('no group should be rescored');
};

const company = (taxCode: string, province: string, industry: string, size = 'micro'): NewEnterprise => ({
  taxCode,
  name: `Company ${taxCode}`,
  province,
  industry,
  provinceFormer: null,
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
  capitalVnd: null,
  hasSubsidiaries: false,
  classification: { size, index: 'sme', classifier: stamp('size') },
});

const column = (level: number, total: number, max: number): ColumnInput => ({
  answers: { '1.1.1': level },
  evidence: {},
  result: {
    index: stamp('sme'),
    engine: '1.0.0',
    total,
    max,
    level,
    pillars: [
      { id: '1', points: total, max, level },
      { id: '2', points: 0, max: 10, level: level === 0 ? 0 : level - 1 },
    ],
    missing: [],
  } as ScoreResult,
  from: null,
});

async function appraised(taxCode: string, level: number, total: number, max: number, period?: string) {
  const a = await storage.assessments.create({ taxCode, index: stamp('sme'), ...(period ? { period } : {}) }, ent);
  await storage.assessments.writeColumn(a.id, 'self', column(level, total, max), ent, noGroups);
  await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
  await storage.assessments.writeColumn(a.id, 'department', column(level, total, max), dept, noGroups);
  await storage.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'department' }, dept);
  await storage.assessments.writeColumn(a.id, 'ministry', column(level, total, max), min, noGroups);
  return storage.assessments.transition(a.id, { from: 'reviewed', to: 'appraised' }, min);
}
const certified = async (taxCode: string, level: number, total: number, max: number, period?: string) => {
  const a = await appraised(taxCode, level, total, max, period);
  return storage.assessments.certify(a.id, '2026-03-01', min);
};

beforeEach(async () => {
  db = await testDatabase();
  storage = await db.open();
  await importNationalIndices(storage, nationalIndices, definitionIssues);
  await storage.periods.create({ id: 'p1', name: 'Campaign 1', startsOn: '2000-01-01', endsOn: '2000-12-31' }, min);
});
afterEach(async () => {
  await storage.close();
  await db.drop();
});

describe('periods', () => {
  it('are created once, listed newest first, found by day; an assessment without one gets its year', async () => {
    await expect(
      storage.periods.create({ id: 'p1', name: 'again', startsOn: '2001-01-01', endsOn: '2001-12-31' }, min),
    ).rejects.toBeInstanceOf(StorageError);
    await storage.periods.create({ id: 'p0', name: 'Campaign 0', startsOn: '1999-01-01', endsOn: '1999-12-31' }, min);
    expect((await storage.periods.list()).map((p) => p.id)).toEqual(['p1', 'p0']);
    expect((await storage.periods.containing('2000-06-30'))?.id).toBe('p1');
    expect(await storage.periods.containing('2001-01-01')).toBeUndefined();
    await storage.enterprises.create(company('0100000001', '01', 'C'), ent);
    const a = await storage.assessments.create({ taxCode: '0100000001', index: stamp('sme') }, ent);
    const year = a.createdAt.slice(0, 4);
    expect(a.period).toBe(year);
    expect((await storage.periods.get(year))?.startsOn).toBe(`${year}-01-01`);
    const b = await storage.assessments.create({ taxCode: '0100000001', index: stamp('sme'), period: 'p1' }, ent);
    expect(b.period).toBe('p1');
    const audit = await storage.audit.list({ target: 'period:p1' });
    expect(audit.map((e) => e.action)).toEqual(['period.create']);
  });

  it('an assessment keeps its period (the database refuses a change)', async () => {
    await storage.enterprises.create(company('0100000001', '01', 'C'), ent);
    const a = await storage.assessments.create({ taxCode: '0100000001', index: stamp('sme'), period: 'p1' }, ent);
    await expect(db.sql(`UPDATE assessments SET period = NULL WHERE id = ?`, [a.id])).rejects.toThrow(/period/);
  });
});

describe('standings', () => {
  const P1: StandingFilter = { basis: 'certified', period: 'p1' };
  beforeEach(async () => {
    await storage.enterprises.create(company('0100000001', '01', 'C'), ent);
    await storage.enterprises.create(company('0100000002', '01', 'G', 'small'), ent);
    await storage.enterprises.create(company('0100000003', '79', 'C'), ent);
    await storage.enterprises.create(company('0100000004', '79', 'G'), ent);
  });

  it('rank by level, then share of points exactly, then tax code; ties counted for competition ranks', async () => {
    // Shares: 1/3 and 2/6 tie exactly; 3/10 is lower; level 2 beats all level 1.
    await certified('0100000001', 1, 1, 3, 'p1');
    await certified('0100000002', 1, 2, 6, 'p1');
    await certified('0100000003', 1, 3, 10, 'p1');
    await certified('0100000004', 2, 0, 10, 'p1');
    const all = await storage.standings.page(P1, 10);
    expect(all.rows.map((r) => r.taxCode)).toEqual(['0100000004', '0100000001', '0100000002', '0100000003']);
    expect([all.before, all.better]).toEqual([0, 0]);
    // A page starting at the second of the tied pair: 2 rows before it, 1 strictly better.
    const second = await storage.standings.page(P1, 2, all.rows[1]!.sortKey);
    expect(second.rows.map((r) => r.taxCode)).toEqual(['0100000002', '0100000003']);
    expect([second.before, second.better]).toEqual([2, 1]);
    expect(await storage.standings.count(P1)).toBe(4);
    expect(await storage.standings.count({ ...P1, province: '79' })).toBe(2);
    expect(await storage.standings.count({ ...P1, industry: 'G' })).toBe(2);
    expect(await storage.standings.count({ ...P1, size: 'small' })).toBe(1);
    expect(await storage.standings.count({ ...P1, period: '2000' })).toBe(0);
  });

  it('keep the facts as they were when certified, and the latest qualifying assessment per period', async () => {
    await certified('0100000001', 1, 1, 3, 'p1');
    const e = (await storage.enterprises.get('0100000001'))!;
    await storage.enterprises.update('0100000001', { ...e, province: '79', industry: 'F' }, e.classification, ent);
    const [row] = (await storage.standings.page({ ...P1, province: '01' }, 5)).rows;
    expect([row?.taxCode, row?.province, row?.industry, row?.level]).toEqual(['0100000001', '01', 'C', 1]);
    // A later appraisal counts on the appraised basis at once, on the certified basis only when certified.
    await appraised('0100000001', 3, 9, 10, 'p1');
    expect((await storage.standings.page({ ...P1, basis: 'appraised' }, 5)).rows.map((r) => r.level)).toEqual([3]);
    expect((await storage.standings.page(P1, 5)).rows.map((r) => r.level)).toEqual([1]);
  });

  it('a revoked certificate disqualifies its assessment; the earlier certified one stands again', async () => {
    await certified('0100000001', 1, 1, 3, 'p1');
    const later = await certified('0100000001', 4, 8, 10, 'p1');
    expect((await storage.standings.page(P1, 5)).rows.map((r) => r.level)).toEqual([4]);
    await storage.certificates.revoke(later.certificate.number, 'wrong evidence', min);
    expect((await storage.standings.page(P1, 5)).rows.map((r) => r.level)).toEqual([1]);
  });

  it('aggregate levels, pillar levels and point sums per province and maximum', async () => {
    await certified('0100000001', 1, 1, 3, 'p1');
    await certified('0100000002', 1, 2, 6, 'p1');
    await certified('0100000003', 3, 3, 10, 'p1');
    await certified('0100000004', 2, 4, 10, 'p1');
    const sort = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(sort(await storage.standings.levels(P1))).toEqual(
      sort([
        { level: 1, count: 2 },
        { level: 2, count: 1 },
        { level: 3, count: 1 },
      ]),
    );
    expect(sort(await storage.standings.pillarLevels({ ...P1, province: '79' }))).toEqual(
      sort([
        { id: '1', level: 3, count: 1 },
        { id: '1', level: 2, count: 1 },
        { id: '2', level: 2, count: 1 },
        { id: '2', level: 1, count: 1 },
      ]),
    );
    expect(sort(await storage.standings.provinceSums(P1))).toEqual(
      sort([
        { province: '01', max: 3, count: 1, total: 1 },
        { province: '01', max: 6, count: 1, total: 2 },
        { province: '79', max: 10, count: 2, total: 7 },
      ]),
    );
  });

  it('coverage counts registered, self-assessed, reviewed and certified enterprises per province', async () => {
    await certified('0100000001', 1, 1, 3, 'p1');
    const a = await storage.assessments.create({ taxCode: '0100000003', index: stamp('sme'), period: 'p1' }, ent);
    await storage.assessments.writeColumn(a.id, 'self', column(1, 1, 3), ent, noGroups);
    await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
    await storage.assessments.create({ taxCode: '0100000004', index: stamp('sme'), period: 'p1' }, ent);
    expect(await storage.standings.coverage({ period: 'p1' })).toEqual([
      { province: '01', key: null, registered: 2, selfAssessed: 1, reviewed: 1, certified: 1 },
      { province: '79', key: null, registered: 2, selfAssessed: 1, reviewed: 0, certified: 0 },
    ]);
    expect(await storage.standings.coverage({ period: 'p1', province: '01', by: 'industry' })).toEqual([
      { province: '01', key: 'C', registered: 1, selfAssessed: 1, reviewed: 1, certified: 1 },
      { province: '01', key: 'G', registered: 1, selfAssessed: 0, reviewed: 0, certified: 0 },
    ]);
  });
});

describe('list pages', () => {
  it('page enterprises and assessments by key, with filters', async () => {
    for (const t of ['0100000003', '0100000001', '0100000002'])
      await storage.enterprises.create(company(t, '01', 'C'), ent);
    await storage.enterprises.create(company('0100000004', '79', 'C'), ent);
    const first = await storage.pages.enterprises({ province: '01' }, 2);
    expect(first.map((e) => e.taxCode)).toEqual(['0100000001', '0100000002']);
    const next = await storage.pages.enterprises({ province: '01' }, 2, '0100000002');
    expect(next.map((e) => e.taxCode)).toEqual(['0100000003']);
    expect(
      (await storage.pages.enterprises({ taxCodes: ['0100000004', '0100000009'] }, 5)).map((e) => e.taxCode),
    ).toEqual(['0100000004']);
    expect(await storage.pages.enterprises({ taxCodes: [] }, 5)).toEqual([]);
    // One open assessment per enterprise, index and period: the three are of three periods.
    await storage.periods.create({ id: 'p2', name: 'Campaign 2', startsOn: '2002-01-01', endsOn: '2002-12-31' }, min);
    const made: string[] = [];
    for (const period of ['p1', 'p2', undefined])
      made.push(
        (
          await storage.assessments.create(
            { taxCode: '0100000001', index: stamp('sme'), ...(period ? { period } : {}) },
            ent,
          )
        ).id,
      );
    const inP1 = made[0];
    await storage.assessments.create({ taxCode: '0100000004', index: stamp('sme'), period: 'p1' }, ent);
    made.sort();
    const p = await storage.pages.assessments({ taxCode: '0100000001' }, 2);
    expect(p.map((a) => a.id)).toEqual(made.slice(0, 2));
    const q = await storage.pages.assessments({ province: '01' }, 5, made[1]);
    expect(q.map((a) => a.id)).toEqual(made.slice(2));
    expect(q[0]).toEqual(await storage.assessments.get(made[2]!));
    expect((await storage.pages.assessments({ province: '01', period: 'p1' }, 5)).map((a) => a.id)).toEqual([inP1]);
  });
});
