// Rankings by industry, province, size and period, and the provincial index (exact fractions, Z-score). Levels by hand from Appendix I
// (sme: pillar maxima 65/25/80/65/50/35, total 320):
//   E1 (01, trade, micro)        every criterion 4: pillars 80% → 4; total 256 > 192, 6 pillars ≥ 4 → level 4, certified
//   E2 (01, agriculture A, small)  every criterion 3: 60% → 3; total 192 → level 3, certified
//   E3 (79, trade, micro)        every criterion 3, 2.1.1 at 4 (pillar 2 80% → 4): total 197 → level 3, certified
//   E4 (01, trade, micro)        every criterion 5: 100% → 5; total 320 > 256, all pillars 5 → level 5, appraised only
//   E5 (01, trade, micro)        as E2: level 3, total 192, certified
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersAll, drive, makeAssessmentApp, SME, type AssessmentApp } from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

const E = {
  E1: withCheckDigit('010000001'),
  E2: withCheckDigit('010000002'),
  E3: withCheckDigit('790000003'),
  E4: withCheckDigit('010000004'),
  E5: withCheckDigit('010000006'),
} as const;
let t: AssessmentApp;

beforeAll(async () => {
  t = await makeAssessmentApp();
  const reg = async (taxCode: string, over: object = {}) => {
    await t.addKey(`ent-${taxCode}`, 'enterprise', taxCode);
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      taxCode,
      name: `E ${taxCode}`,
      province: '01',
      industry: 'G',
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
    (
      await reg(E.E2, {
        sector: 'agriculture-industry-construction',
        industry: 'A',
        employees: 50,
        revenueVnd: 20_000_000_000,
      })
    ).classification.size,
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

const table = (json: { items: Array<{ rank: number; taxCode: string; level: number; total: number }> }) =>
  json.items.map((e) => [e.rank, e.taxCode, e.level, e.total]);
const pointers = (json: { errors?: Array<{ pointer: string }> }) => (json.errors ?? []).map((e) => e.pointer);

describe('rankings', () => {
  it('certified results, public: by level, then share of points; equal standing ranks equal (1, 2, 3, 3)', async () => {
    const r = await t.call('GET', '/api/v1/rankings', null);
    expect(r.status).toBe(200);
    expect(r.json.basis).toBe('certified');
    expect(r.json.count).toBe(4);
    expect(r.json.next).toBeNull();
    expect(table(r.json)).toEqual([
      [1, E.E1, 4, 256],
      [2, E.E3, 3, 197],
      [3, E.E2, 3, 192],
      [3, E.E5, 3, 192],
    ]);
    expect(r.json.items[0]).toMatchObject({
      province: '01',
      industry: 'G',
      sector: 'trade-services',
      size: 'micro',
      status: 'certified',
      group: null,
      certificateNumber: 'DBI-2025-000001',
      asOf: '2025-01-10',
    });
  });

  it('by industry (VSIC section), province and size', async () => {
    expect(table((await t.call('GET', '/api/v1/rankings?province=01', null)).json)).toEqual([
      [1, E.E1, 4, 256],
      [2, E.E2, 3, 192],
      [2, E.E5, 3, 192],
    ]);
    expect(table((await t.call('GET', '/api/v1/rankings?industry=A', null)).json)).toEqual([[1, E.E2, 3, 192]]);
    expect(table((await t.call('GET', '/api/v1/rankings?industry=G&province=01', null)).json)).toEqual([
      [1, E.E1, 4, 256],
      [2, E.E5, 3, 192],
    ]);
    expect(table((await t.call('GET', '/api/v1/rankings?size=small', null)).json)).toEqual([[1, E.E2, 3, 192]]);
    expect(table((await t.call('GET', '/api/v1/rankings?province=79&size=micro', null)).json)).toEqual([
      [1, E.E3, 3, 197],
    ]);
  });

  it('bad filter values are refused naming the field (size=sme used to return nothing)', async () => {
    for (const [query, pointer] of [
      ['size=sme', '/size'],
      ['industry=Z', '/industry'],
      ['province=99', '/province'],
      ['period=1999', '/period'],
      ['after=garbage', '/after'],
    ]) {
      const r = await t.call('GET', `/api/v1/rankings?${query}`, null);
      expect([query, r.status, pointers(r.json)]).toEqual([query, 400, [pointer]]);
    }
  });

  it('pages by keyset; a tie across a page boundary keeps its rank', async () => {
    const first = await t.call('GET', '/api/v1/rankings?limit=3', null);
    expect(first.json.count).toBe(4);
    expect(table(first.json)).toEqual([
      [1, E.E1, 4, 256],
      [2, E.E3, 3, 197],
      [3, E.E2, 3, 192],
    ]);
    expect(typeof first.json.next).toBe('string');
    const second = await t.call('GET', `/api/v1/rankings?limit=3&after=${first.json.next}`, null);
    expect(table(second.json)).toEqual([[3, E.E5, 3, 192]]);
    expect(second.json.next).toBeNull();
    const two = await t.call('GET', '/api/v1/rankings?limit=1', null);
    const next = await t.call('GET', `/api/v1/rankings?limit=2&after=${two.json.next}`, null);
    expect(table(next.json)).toEqual([
      [2, E.E3, 3, 197],
      [3, E.E2, 3, 192],
    ]);
  });

  it('appraised basis adds results not yet certified (ministry key)', async () => {
    const r = await t.call('GET', '/api/v1/rankings?basis=appraised', 'ministry-editor');
    expect(table(r.json)[0]).toEqual([1, E.E4, 5, 320]);
    expect(r.json.items[0]).toMatchObject({ status: 'appraised', certificateNumber: null });
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

  it('keeps the facts as they were when certified: a later move of province does not move the result', async () => {
    const e = (await t.call('GET', `/api/v1/enterprises/${E.E5}`, 'ministry-editor')).json;
    const { taxCode: _t, classification: _c, override: _o, index: _i, createdAt: _a, createdBy: _b, ...rest } = e;
    const { updatedAt: _u, updatedBy: _v, provinceFormer: _f, ...facts } = rest;
    const moved = await t.call('PUT', `/api/v1/enterprises/${E.E5}`, 'ministry-editor', { ...facts, province: '79' });
    expect(moved.status).toBe(200);
    expect(table((await t.call('GET', '/api/v1/rankings?province=79', null)).json)).toEqual([[1, E.E3, 3, 197]]);
    const back = await t.call('PUT', `/api/v1/enterprises/${E.E5}`, 'ministry-editor', { ...facts, province: '01' });
    expect(back.status).toBe(200);
  });
});

describe('provincial index', () => {
  // Certified shares total/320: E1 256 → 4/5, E2 192 → 3/5, E5 192 → 3/5 (province 01); E3 197/320 (province 79).
  it('province 01, certified: levels 4, 3, 3 → mean 10/3; mean share 2/3, on 10 points 20/3', async () => {
    const r = await t.call('GET', '/api/v1/provinces/01/index', null);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ province: '01', name: 'Hà Nội', basis: 'certified', enterprises: 3 });
    expect(r.json.distribution).toEqual([
      { level: 0, count: 0 },
      { level: 1, count: 0 },
      { level: 2, count: 0 },
      { level: 3, count: 2 },
      { level: 4, count: 1 },
      { level: 5, count: 0 },
    ]);
    expect(r.json.meanLevel).toEqual({ numerator: '10', denominator: '3', display: '3.3333' });
    expect(r.json.standing.meanShare).toEqual({ numerator: '2', denominator: '3', display: '0.6667' });
    expect(r.json.standing.score10).toEqual({ numerator: '20', denominator: '3', display: '6.6667' });
    expect(r.json.pillars.map((p: { id: string; meanLevel: unknown }) => [p.id, p.meanLevel])).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((id) => [id, { numerator: '10', denominator: '3', display: '3.3333' }]),
    );
    expect(r.json.method).toMatch(/zₚ = \(mₚ − μ\) \/ √V/);
  });

  it('across provinces: μ = (2/3 + 197/320) / 2 = 1231/1920, V = (49/1920)², z = ±1', async () => {
    const r = await t.call('GET', '/api/v1/provinces/index', null);
    expect(r.status).toBe(200);
    expect(r.json.items).toHaveLength(34);
    expect(r.json.provincesWithResults).toBe(2);
    expect(r.json.mean).toEqual({ numerator: '1231', denominator: '1920', display: '0.6411' });
    expect(r.json.variance).toEqual({ numerator: '2401', denominator: '3686400', display: '0.0007' });
    // σ = 49/1920 = 0.0255208333…
    expect(r.json.sigma).toBe('0.025521');
    const row = (code: string) => r.json.items.find((i: { province: string }) => i.province === code);
    expect(row('01')).toMatchObject({
      enterprises: 3,
      z: { display: '1.0000', squared: { numerator: '1', denominator: '1', display: '1.0000' } },
      minMax10: { numerator: '10', denominator: '1', display: '10.0000' },
    });
    // 79: 10 × 197/320 = 197/32 = 6.15625 → 6.1563 (half away from zero).
    expect(row('79')).toMatchObject({
      enterprises: 1,
      score10: { numerator: '197', denominator: '32', display: '6.1563' },
      z: { display: '-1.0000' },
      minMax10: { numerator: '0', denominator: '1', display: '0.0000' },
    });
    expect(row('48')).toMatchObject({ enterprises: 0, meanShare: null, z: null });
  });

  it('province 01, appraised (its department): levels 5, 4, 3, 3 → mean 15/4; shares 1, 4/5, 3/5, 3/5 → 3/4', async () => {
    const r = await t.call('GET', '/api/v1/provinces/01/index?basis=appraised', 'provincial-department');
    expect(r.status).toBe(200);
    expect(r.json.enterprises).toBe(4);
    expect(r.json.meanLevel).toEqual({ numerator: '15', denominator: '4', display: '3.7500' });
    expect(r.json.standing.score10).toEqual({ numerator: '15', denominator: '2', display: '7.5000' });
  });

  it('province 79: one enterprise, pillar 2 at 4, the others at 3', async () => {
    const r = await t.call('GET', '/api/v1/provinces/79/index', null);
    expect(r.json.meanLevel).toEqual({ numerator: '3', denominator: '1', display: '3.0000' });
    expect(r.json.pillars.map((p: { meanLevel: { display: string } }) => p.meanLevel.display)).toEqual([
      '3.0000',
      '4.0000',
      '3.0000',
      '3.0000',
      '3.0000',
      '3.0000',
    ]);
  });

  it('by industry: only G in 01 (E1, E5: levels 4 and 3)', async () => {
    const r = await t.call('GET', '/api/v1/provinces/01/index?industry=G', null);
    expect(r.json.meanLevel).toEqual({ numerator: '7', denominator: '2', display: '3.5000' });
    expect((await t.call('GET', '/api/v1/provinces/02/index', null)).status).toBe(400);
  });
});

describe('provincial index, empty', () => {
  it('a province with no certified enterprise: counts 0, no mean', async () => {
    const r = await t.call('GET', '/api/v1/provinces/48/index', null);
    expect(r.json).toMatchObject({ enterprises: 0, meanLevel: null, pillars: [] });
    expect(r.json.standing).toMatchObject({ enterprises: 0, score10: null, z: null });
    expect(r.json.distribution.every((d: { count: number }) => d.count === 0)).toBe(true);
  });
});

describe('coverage and periods', () => {
  it('coverage per province: registered, self-assessed, reviewed, certified (ministry; a department its own)', async () => {
    const r = await t.call('GET', '/api/v1/provinces/coverage', 'ministry-editor');
    expect(r.status).toBe(200);
    // 01: E1, E2, E4, E5 registered and assessed; E4 only appraised. 79: E3.
    expect(r.json.items).toEqual([
      { province: '01', key: null, registered: 4, selfAssessed: 4, reviewed: 4, certified: 3 },
      { province: '79', key: null, registered: 1, selfAssessed: 1, reviewed: 1, certified: 1 },
    ]);
    const own = await t.call('GET', '/api/v1/provinces/coverage?by=industry', 'department-79');
    expect(own.json.items).toEqual([
      { province: '79', key: 'G', registered: 1, selfAssessed: 1, reviewed: 1, certified: 1 },
    ]);
    expect((await t.call('GET', '/api/v1/provinces/coverage?province=01', 'department-79')).status).toBe(403);
    expect((await t.call('GET', '/api/v1/provinces/coverage', null)).status).toBe(401);
  });

  it('an earlier period ranks apart; the provincial index compares periods; re-assessments compare', async () => {
    const made = await t.call('POST', '/api/v1/periods', 'ministry-editor', {
      id: '2024',
      name: 'Đợt 2024',
      startsOn: '2024-01-01',
      endsOn: '2024-12-31',
    });
    expect(made.status).toBe(201);
    expect((await t.call('POST', '/api/v1/periods', 'enterprise', { ...made.json, current: undefined })).status).toBe(
      400,
    );
    const list = await t.call('GET', '/api/v1/periods', null);
    expect(list.json.items.map((p: { id: string }) => p.id)).toContain('2024');
    const old = await drive(t, E.E1, 'certified', 2, { issuedOn: '2024-06-01', period: '2024' });
    const r2024 = await t.call('GET', '/api/v1/rankings?period=2024', null);
    expect(r2024.json.period).toBe('2024');
    expect(table(r2024.json)).toEqual([[1, E.E1, 2, 128]]);
    expect(table((await t.call('GET', '/api/v1/rankings?period=2024&industry=A', null)).json)).toEqual([]);
    const now = (await t.call('GET', '/api/v1/rankings', null)).json.period;
    const cmp = await t.call('GET', `/api/v1/provinces/01/index?compareTo=2024`, null);
    expect(cmp.json.period).toBe(now);
    expect(cmp.json.previous).toMatchObject({ period: '2024', enterprises: 1 });
    expect(cmp.json.previous.meanLevel).toEqual({ numerator: '2', denominator: '1', display: '2.0000' });
    // E1 now: its latest certified assessment of the current period (level 4, every criterion 4).
    const latest = (
      await t.call('GET', `/api/v1/assessments?taxCode=${E.E1}&status=certified&limit=500`, 'ministry-editor')
    ).json.items
      .filter((a: { period: string }) => a.period === now)
      .sort((a: { updatedAt: string }, b: { updatedAt: string }) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
    const c = await t.call('GET', `/api/v1/enterprises/${E.E1}/comparison?from=${old}&to=${latest.id}`, `ent-${E.E1}`);
    expect([c.status, c.json.detail]).toEqual([200, undefined]);
    expect(c.json.overall).toEqual({ levelChange: 2, pointsChange: 128, change: 'up' });
    expect(c.json.from).toMatchObject({ period: '2024', column: 'ministry', level: 2 });
    expect(c.json.pillars[0]).toMatchObject({ id: '1', from: { level: 2 }, to: { level: 4 }, change: 'up' });
    expect(c.json.criteria.find((x: { id: string }) => x.id === '1.1.1')).toEqual({
      id: '1.1.1',
      from: 2,
      to: 4,
      changed: true,
    });
    // Another enterprise's key gets the same answer as for an assessment that does not exist.
    const other = await t.call(
      'GET',
      `/api/v1/enterprises/${E.E1}/comparison?from=${old}&to=${latest.id}`,
      `ent-${E.E2}`,
    );
    const absent = await t.call(
      'GET',
      `/api/v1/enterprises/${E.E1}/comparison?from=nope&to=${latest.id}`,
      `ent-${E.E1}`,
    );
    expect([other.status, absent.status]).toEqual([404, 404]);
  });
});
