// The dashboards' tables as CSV and XLSX: the provincial index across provinces (one row per province, the Z-score
// and 10-point values as the exact decimal strings the JSON gives) and coverage (one row per province, or per province
// and industry or size). Every expected row is worked out by hand from the fixture below (sme: pillar maxima
// 65/25/80/65/50/35, total 320; the same enterprises as rankings.test.ts):
//   E1 (01, G, micro)  every criterion 4 → total 256, level 4, certified      share 256/320 = 4/5
//   E2 (01, A, small)  every criterion 3 → total 192, level 3, certified      share 3/5
//   E3 (79, G, micro)  every criterion 3, 2.1.1 at 4 → total 197, certified   share 197/320
//   E4 (01, G, micro)  every criterion 5, appraised only (not in the certified basis)
//   E5 (01, G, micro)  as E2: total 192, certified                            share 3/5
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers.js';
import { withCheckDigit } from '../tax-codes.js';
import { answersAll, drive, makeAssessmentApp, SME, type AssessmentApp } from './helpers.js';

const E = {
  E1: withCheckDigit('010000001'),
  E2: withCheckDigit('010000002'),
  E3: withCheckDigit('790000003'),
  E4: withCheckDigit('010000004'),
  E5: withCheckDigit('010000006'),
} as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: AssessmentApp;
let current: string;

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
  };
  await reg(E.E1);
  // Appendix IV: agriculture/industry/construction, ≤100 staff and ≤50 bn revenue → small.
  await reg(E.E2, { sector: 'agriculture-industry-construction', industry: 'A', employees: 50, revenueVnd: 2e10 });
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
  current = (await t.call('GET', '/api/v1/rankings', null)).json.period;
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, key: string | null, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(key ? bearer(t.key[key]!) : {}), ...headers } });
const csvLines = (body: string) => body.replace(/^\uFEFF/, '').split('\r\n');
async function sheetRows(payload: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return rows;
}

describe('the provincial index as CSV and XLSX', () => {
  it('CSV: one row per province (34), decimals as the JSON gives them, a negative Z-score not prefixed', async () => {
    const r = await get('/api/v1/provinces/index?format=csv', null);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="provinces-index.csv"');
    const lines = csvLines(r.body);
    expect(lines[0]).toBe(
      // The name header holds a comma: quoted (RFC 4180).
      'Kỳ đánh giá,Cơ sở,Mã tỉnh,"Tỉnh, thành phố",Số doanh nghiệp,Tỷ lệ điểm trung bình,' +
        'Tỷ lệ điểm trung bình (phân số),Điểm thang 10,Điểm Z,Điểm chuẩn hóa min-max (thang 10)',
    );
    expect(lines).toHaveLength(1 + 34 + 1); // header, 34 provinces, the empty string after the last CRLF
    // 01: shares 4/5, 3/5, 3/5 → mean 2/3 = 0.6667; on 10 points 20/3 = 6.6667. Two provinces with results:
    // μ = (2/3 + 197/320) / 2, both at the same distance from μ → z = +1 and −1; min-max: 01 is the top (10), 79 the
    // bottom (0).
    expect(lines[1]).toBe(`${current},certified,01,Hà Nội,3,0.6667,2/3,6.6667,1.0000,10.0000`);
    // 79: 197/320 = 0.615625 → 0.6156; 10 × 197/320 = 6.15625 → 6.1563 (half away from zero).
    const row79 = lines.find((l) => l.includes(',79,'));
    expect(row79).toBe(`${current},certified,79,Hồ Chí Minh,1,0.6156,197/320,6.1563,-1.0000,0.0000`);
    // A province without results: its count 0 and empty figures.
    expect(lines.find((l) => l.includes(',48,'))).toBe(`${current},certified,48,Đà Nẵng,0,,,,,`);
  });

  it('XLSX with compareTo: the earlier period on the same row; decimals are text, counts are numbers', async () => {
    const made = await t.call('POST', '/api/v1/periods', 'ministry-editor', {
      id: '2024',
      name: 'Đợt 2024',
      startsOn: '2024-01-01',
      endsOn: '2024-12-31',
    });
    expect(made.status).toBe(201);
    // 2024: only E1, every criterion 2 → 128/320 = 2/5, on 10 points 4; one province with results → V = 0, z = 0.
    await drive(t, E.E1, 'certified', 2, { issuedOn: '2024-06-01', period: '2024' });
    const r = await get('/api/v1/provinces/index?format=xlsx&compareTo=2024', null, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    const rows = await sheetRows(r.rawPayload);
    expect(rows[0]).toEqual([
      'Period',
      'Basis',
      'Province code',
      'Province',
      'Enterprises',
      'Mean share',
      'Mean share (fraction)',
      '10-point score',
      'Z-score',
      'Min-max score (10 points)',
      'Enterprises in 2024',
      '10-point score in 2024',
      'Z-score in 2024',
    ]);
    expect(rows).toHaveLength(35);
    expect(rows[1]).toEqual([
      current,
      'certified',
      '01',
      'Hà Nội',
      3,
      '0.6667',
      '2/3',
      '6.6667',
      '1.0000',
      '10.0000',
      1,
      '4.0000',
      '0.0000',
    ]);
    expect(rows.find((row) => row[2] === '79')).toEqual([
      current,
      'certified',
      '79',
      'Hồ Chí Minh',
      1,
      '0.6156',
      '197/320',
      '6.1563',
      '-1.0000',
      '0.0000',
      0,
      null,
      null,
    ]);
  });

  it('?lang= chooses the headers’ language over Accept-Language (the portal’s chosen language)', async () => {
    const en = await get('/api/v1/provinces/index?format=csv&lang=en', null, { 'accept-language': 'vi' });
    expect(csvLines(en.body)[0]).toBe(
      'Period,Basis,Province code,Province,Enterprises,Mean share,Mean share (fraction),10-point score,Z-score,' +
        'Min-max score (10 points)',
    );
    const vi = await get('/api/v1/provinces/coverage?format=csv&lang=vi', 'ministry-editor', {
      'accept-language': 'en',
    });
    expect(csvLines(vi.body)[0]).toMatch(/^Kỳ đánh giá,Mã tỉnh,/);
    expect((await get('/api/v1/provinces/index?format=csv&lang=fr', null)).statusCode).toBe(400);
  });

  it('a bad format or filter is refused naming the field', async () => {
    expect((await get('/api/v1/provinces/index?format=pdf', null)).statusCode).toBe(400);
    const bad = await get('/api/v1/provinces/index?format=csv&size=sme', null);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/size']);
  });
});

describe('coverage as CSV and XLSX', () => {
  it('CSV per province for the Ministry; a department gets its own province only', async () => {
    const r = await get('/api/v1/provinces/coverage?format=csv', 'ministry-editor');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="coverage.csv"');
    // 01: E1, E2, E4, E5 registered, each submitted and reviewed in the current period; E4 only appraised → 3
    // certified. 79: E3 through to certified.
    expect(csvLines(r.body)).toEqual([
      'Kỳ đánh giá,Mã tỉnh,"Tỉnh, thành phố",Đã đăng ký,Đã tự đánh giá,Đã được đánh giá,Đã được chứng nhận',
      `${current},01,Hà Nội,4,4,4,3`,
      `${current},79,Hồ Chí Minh,1,1,1,1`,
      '',
    ]);
    const own = await get('/api/v1/provinces/coverage?format=csv&by=industry', 'department-79', {
      'accept-language': 'en',
    });
    expect(csvLines(own.body)).toEqual([
      'Period,Province code,Province,Industry (VSIC section),Registered,Self-assessed,Reviewed,Certified',
      `${current},79,Hồ Chí Minh,G,1,1,1,1`,
      '',
    ]);
    expect((await get('/api/v1/provinces/coverage?format=csv&province=01', 'department-79')).statusCode).toBe(403);
    expect((await get('/api/v1/provinces/coverage?format=csv', null)).statusCode).toBe(401);
  });

  it('XLSX by size: one row per province and size class', async () => {
    const r = await get('/api/v1/provinces/coverage?format=xlsx&by=size', 'ministry-editor');
    expect(r.statusCode).toBe(200);
    const rows = await sheetRows(r.rawPayload);
    // 01 micro: E1, E4, E5 (E4 not certified); 01 small: E2; 79 micro: E3.
    expect(rows).toEqual([
      [
        'Kỳ đánh giá',
        'Mã tỉnh',
        'Tỉnh, thành phố',
        'Quy mô',
        'Đã đăng ký',
        'Đã tự đánh giá',
        'Đã được đánh giá',
        'Đã được chứng nhận',
      ],
      [current, '01', 'Hà Nội', 'micro', 3, 3, 3, 2],
      [current, '01', 'Hà Nội', 'small', 1, 1, 1, 1],
      [current, '79', 'Hồ Chí Minh', 'micro', 1, 1, 1, 1],
    ]);
  });
});

describe('level distribution and pillar mean levels (the dashboards’ charts)', () => {
  it('the whole country: levels 4, 3, 3, 3 → mean 13/4; pillar 2 has E1 and E3 at 4 → 14/4 = 7/2', async () => {
    const r = await t.call('GET', '/api/v1/provinces/levels', null);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ period: current, basis: 'certified', province: null, enterprises: 4 });
    expect(r.json.distribution).toEqual(
      [0, 1, 2, 3, 4, 5].map((level) => ({ level, count: [0, 0, 0, 3, 1, 0][level] })),
    );
    expect(r.json.meanLevel).toEqual({ numerator: '13', denominator: '4', display: '3.2500' });
    expect(
      r.json.pillars.map((p: { id: string; meanLevel: { display: string } }) => [p.id, p.meanLevel.display]),
    ).toEqual([
      ['1', '3.2500'],
      ['2', '3.5000'],
      ['3', '3.2500'],
      ['4', '3.2500'],
      ['5', '3.2500'],
      ['6', '3.2500'],
    ]);
    // Industry A: E2 alone, level 3.
    const a = await t.call('GET', '/api/v1/provinces/levels?industry=A', null);
    expect([a.json.enterprises, a.json.meanLevel.display]).toEqual([1, '3.0000']);
  });

  it('one province as CSV: the whole, then each pillar (01: E1 at 4, E2 and E5 at 3 in every pillar → 10/3)', async () => {
    const r = await get('/api/v1/provinces/levels?province=01&format=csv', null);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="levels.csv"');
    const counts = '3,0,0,0,2,1,0,3.3333,10/3';
    expect(csvLines(r.body)).toEqual([
      'Kỳ đánh giá,Cơ sở,Mã tỉnh,Phạm vi,Số doanh nghiệp,Số DN mức 0,Số DN mức 1,Số DN mức 2,Số DN mức 3,Số DN mức 4,' +
        'Số DN mức 5,Mức trung bình,Mức trung bình (phân số)',
      `${current},certified,01,overall,${counts}`,
      ...['1', '2', '3', '4', '5', '6'].map((id) => `${current},certified,01,pillar ${id},${counts}`),
      '',
    ]);
  });

  it('compareTo another period; appraised results for the Ministry and a department’s own province only', async () => {
    await t.call('POST', '/api/v1/periods', 'ministry-editor', {
      id: '2023',
      name: 'Đợt 2023',
      startsOn: '2023-01-01',
      endsOn: '2023-12-31',
    });
    // 2023: E3 alone, every criterion 2 → level 2.
    await drive(t, E.E3, 'certified', 2, { dept: 'department-79', issuedOn: '2023-06-01', period: '2023' });
    const r = await t.call('GET', '/api/v1/provinces/levels?province=79&compareTo=2023', null);
    expect(r.json.meanLevel.display).toBe('3.0000');
    expect(r.json.previous).toMatchObject({
      period: '2023',
      enterprises: 1,
      meanLevel: { numerator: '2', denominator: '1', display: '2.0000' },
    });
    // Appraised basis adds E4 (level 5) in 01: 5 + 4 + 3 + 3 = 15 over 4.
    const own = await t.call('GET', '/api/v1/provinces/levels?province=01&basis=appraised', 'provincial-department');
    expect([own.status, own.json.meanLevel?.display]).toEqual([200, '3.7500']);
    expect((await t.call('GET', '/api/v1/provinces/levels?basis=appraised', 'provincial-department')).status).toBe(403);
    expect((await t.call('GET', '/api/v1/provinces/levels?basis=appraised', null)).status).toBe(401);
    const bad = await t.call('GET', '/api/v1/provinces/levels?province=02&compareTo=1999', null);
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/province']);
  });
});
