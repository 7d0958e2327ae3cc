// Rankings by province, sector and size, and the provincial index (exact fractions). Levels by hand from Appendix I
// (sme: pillar maxima 65/25/80/65/50/35, total 320):
//   E1 (01, trade, micro)        every criterion 4: pillars 80% → 4; total 256 > 192, 6 pillars ≥ 4 → level 4, certified
//   E2 (01, agriculture, small)  every criterion 3: 60% → 3; total 192 → level 3, certified
//   E3 (79, trade, micro)        every criterion 3, 2.1.1 at 4 (pillar 2 80% → 4): total 197 → level 3, certified
//   E4 (01, trade, micro)        every criterion 5: 100% → 5; total 320 > 256, all pillars 5 → level 5, appraised only
//   E5 (01, trade, micro)        as E2: level 3, total 192, certified
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersAll, drive, makeAssessmentApp, SME, type AssessmentApp } from './helpers.js';

const E = { E1: '0100000001', E2: '0100000002', E3: '7900000003', E4: '0100000004', E5: '0100000005' } as const;
let t: AssessmentApp;

beforeAll(async () => {
  t = await makeAssessmentApp();
  const reg = async (taxCode: string, over: object = {}) => {
    await t.addKey(`ent-${taxCode}`, 'enterprise', taxCode);
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      taxCode,
      name: `E ${taxCode}`,
      province: '01',
      sector: 'trade-services',
      employees: 8,
      revenueVnd: 5_000_000_000,
      ...over,
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r.json));
    return r.json;
  };
  await reg(E.E1);
  // Appendix IV: agriculture/industry/construction, ≤100 staff and ≤50 bn revenue → small.
  expect(
    (await reg(E.E2, { sector: 'agriculture-industry-construction', employees: 50, revenueVnd: 20_000_000_000 }))
      .classification.size,
  ).toBe('small');
  await reg(E.E3, { province: '79' });
  await reg(E.E4);
  await reg(E.E5);
  await drive(t, E.E1, 'certified', 4, { issuedOn: '2025-01-10' });
  await drive(t, E.E2, 'certified', 3, { issuedOn: '2025-01-11' });
  await drive(t, E.E3, 'certified', 3, {
    dept: 'department-79',
    answers: answersAll(SME, 3, { '2.1.1': 4 }),
    issuedOn: '2025-01-12',
  });
  await drive(t, E.E4, 'appraised', 5);
  await drive(t, E.E5, 'certified', 3, { issuedOn: '2025-01-13' });
});
afterAll(async () => {
  await t.close();
});

const table = (json: { entries: Array<{ rank: number; taxCode: string; level: number; total: number }> }) =>
  json.entries.map((e) => [e.rank, e.taxCode, e.level, e.total]);

describe('rankings', () => {
  it('certified results, public: by level, then share of points; equal standing ranks equal (1, 2, 3, 3)', async () => {
    const r = await t.call('GET', '/api/v1/rankings', null);
    expect(r.status).toBe(200);
    expect(r.json.basis).toBe('certified');
    expect(r.json.count).toBe(4);
    expect(table(r.json)).toEqual([
      [1, E.E1, 4, 256],
      [2, E.E3, 3, 197],
      [3, E.E2, 3, 192],
      [3, E.E5, 3, 192],
    ]);
    expect(r.json.entries[0]).toMatchObject({
      province: '01',
      sector: 'trade-services',
      size: 'micro',
      status: 'certified',
      certificateNumber: 'DBI-2025-000001',
      asOf: '2025-01-10',
    });
  });

  it('by province, sector and size', async () => {
    expect(table((await t.call('GET', '/api/v1/rankings?province=01', null)).json)).toEqual([
      [1, E.E1, 4, 256],
      [2, E.E2, 3, 192],
      [2, E.E5, 3, 192],
    ]);
    expect(
      table((await t.call('GET', '/api/v1/rankings?sector=agriculture-industry-construction', null)).json),
    ).toEqual([[1, E.E2, 3, 192]]);
    expect(table((await t.call('GET', '/api/v1/rankings?size=small', null)).json)).toEqual([[1, E.E2, 3, 192]]);
    expect(table((await t.call('GET', '/api/v1/rankings?province=79&size=micro', null)).json)).toEqual([
      [1, E.E3, 3, 197],
    ]);
  });

  it('pages with limit and offset, count is before paging', async () => {
    const r = await t.call('GET', '/api/v1/rankings?limit=2&offset=1', null);
    expect(r.json.count).toBe(4);
    expect(table(r.json)).toEqual([
      [2, E.E3, 3, 197],
      [3, E.E2, 3, 192],
    ]);
  });

  it('appraised basis adds results not yet certified (ministry key)', async () => {
    const r = await t.call('GET', '/api/v1/rankings?basis=appraised', 'ministry-editor');
    expect(table(r.json)[0]).toEqual([1, E.E4, 5, 320]);
    expect(r.json.entries[0]).toMatchObject({ status: 'appraised', certificateNumber: null });
    expect(r.json.count).toBe(5);
  });

  it('a revoked certificate leaves the ranking', async () => {
    expect(
      (
        await t.call('POST', '/api/v1/certificates/DBI-2025-000001/revoke', 'ministry-publisher', {
          reason: 'withdrawn',
        })
      ).status,
    ).toBe(200);
    expect(table((await t.call('GET', '/api/v1/rankings?province=01', null)).json)).toEqual([
      [1, E.E2, 3, 192],
      [1, E.E5, 3, 192],
    ]);
    // Restore the standing for the province tests below with a fresh certified assessment of E1.
    await drive(t, E.E1, 'certified', 4, { issuedOn: '2025-02-01' });
  });
});

describe('provincial index', () => {
  it('province 01, certified: levels 4, 3, 3 → mean 10/3 (3.33); on 10 points 20/3 (6.67)', async () => {
    const r = await t.call('GET', '/api/v1/provinces/01/index', null);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ province: '01', basis: 'certified', enterprises: 3 });
    expect(r.json.distribution).toEqual([
      { level: 0, count: 0 },
      { level: 1, count: 0 },
      { level: 2, count: 0 },
      { level: 3, count: 2 },
      { level: 4, count: 1 },
      { level: 5, count: 0 },
    ]);
    expect(r.json.meanLevel).toEqual({ numerator: 10, denominator: 3, display: '3.33' });
    expect(r.json.scale10).toEqual({ numerator: 20, denominator: 3, display: '6.67' });
    expect(r.json.pillars.map((p: { id: string; meanLevel: unknown }) => [p.id, p.meanLevel])).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((id) => [id, { numerator: 10, denominator: 3, display: '3.33' }]),
    );
    expect(r.json.method).toMatch(/exact reduced fraction/);
  });

  it('province 01, appraised (its department): levels 5, 4, 3, 3 → mean 15/4 (3.75); 10 points 15/2 (7.50)', async () => {
    const r = await t.call('GET', '/api/v1/provinces/01/index?basis=appraised', 'provincial-department');
    expect(r.status).toBe(200);
    expect(r.json.enterprises).toBe(4);
    expect(r.json.meanLevel).toEqual({ numerator: 15, denominator: 4, display: '3.75' });
    expect(r.json.scale10).toEqual({ numerator: 15, denominator: 2, display: '7.50' });
  });

  it('province 79: one enterprise, pillar 2 at 4, the others at 3', async () => {
    const r = await t.call('GET', '/api/v1/provinces/79/index', null);
    expect(r.json.meanLevel).toEqual({ numerator: 3, denominator: 1, display: '3.00' });
    expect(r.json.pillars.map((p: { meanLevel: { display: string } }) => p.meanLevel.display)).toEqual([
      '3.00',
      '4.00',
      '3.00',
      '3.00',
      '3.00',
      '3.00',
    ]);
  });

  it('a province with no certified enterprise: counts 0, no mean', async () => {
    const r = await t.call('GET', '/api/v1/provinces/02/index', null);
    expect(r.json).toMatchObject({ enterprises: 0, meanLevel: null, scale10: null, pillars: [] });
    expect(r.json.distribution.every((d: { count: number }) => d.count === 0)).toBe(true);
  });
});
