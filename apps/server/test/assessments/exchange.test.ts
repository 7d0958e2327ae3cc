// Data exchange over HTTP: lists as CSV (BOM, RFC 4180, formula-safe) and XLSX (read back with exceljs), and the
// enterprise import — every row checked as one registration, a row-by-row report, all or nothing, size limits.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer } from '../helpers.js';
import { A, B, drive, makeAssessmentApp, seed, type AssessmentApp } from './helpers.js';

let t: AssessmentApp;
beforeEach(async () => {
  t = await makeAssessmentApp();
  await seed(t);
});
afterEach(async () => {
  await t.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const get = (url: string, key: string | null, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(key ? bearer(t.key[key]!) : {}), ...headers } });
const upload = (body: string | Buffer, key: string | null, type = 'text/csv', query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/enterprises/import${query}`,
    headers: { ...(key ? bearer(t.key[key]!) : {}), 'content-type': type },
    payload: body,
  });
const csvLines = (body: string) => body.replace(/^\uFEFF/, '').split('\r\n');

describe('lists as CSV and XLSX', () => {
  it('enterprises as CSV: BOM, Vietnamese headers (English on request), RFC 4180, only what the key may see', async () => {
    const r = await get('/api/v1/enterprises?format=csv', 'ministry-editor');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="enterprises.csv"');
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csvLines(r.body);
    expect(lines[0]).toBe(
      'Mã số thuế,Tên doanh nghiệp,Mã tỉnh,Ngành (VSIC cấp 1),Lĩnh vực,Số lao động,Doanh thu (đồng),Tổng nguồn vốn (đồng),Có công ty con,' +
        'Quy mô,Bộ chỉ số áp dụng,Phân loại theo,Lý do điều chỉnh bộ chỉ số,Ngày đăng ký,Cập nhật lần cuối',
    );
    expect(lines[1]).toMatch(
      /^0101234565,Công ty A,01,G,trade-services,8,5000000000,,false,micro,sme,size@1\.0\.0,,\d{4}-\d\d-\d\dT[^,]+,\d{4}-/,
    );
    expect(lines[2]).toMatch(/^0309876547,Công ty B,79,/);
    expect(lines.at(-1)).toBe(''); // CRLF after the last record
    expect(lines).toHaveLength(4);

    const en = await get('/api/v1/enterprises?format=csv', 'ministry-editor', { 'accept-language': 'en-GB,vi;q=0.5' });
    expect(csvLines(en.body)[0]).toMatch(
      /^Tax code,Enterprise name,Province code,Industry \(VSIC section\),Sector,Employees,Revenue \(VND\),/,
    );
    const dept = csvLines((await get('/api/v1/enterprises?format=csv', 'department-79')).body);
    expect(dept.slice(1, -1).map((l) => l.slice(0, 10))).toEqual([B]);
    expect((await get('/api/v1/enterprises?format=pdf', 'ministry-editor')).statusCode).toBe(400);
    expect((await get('/api/v1/enterprises?format=csv', null)).statusCode).toBe(401);
  });

  it('a text starting like a formula is neutralised; quotes and commas are quoted', async () => {
    const name = '=HYPERLINK("http://x.example","Bấm, vào")';
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      taxCode: '0100000003', // 010000000: s = 29, 29 mod 11 = 7, check digit 10 − 7 = 3
      name,
      province: '01',
      industry: 'G',
      sector: 'trade-services',
      employees: 3,
      revenueVnd: 1_000_000_000,
    });
    expect(r.status).toBe(201);
    const lines = csvLines((await get('/api/v1/enterprises?format=csv', 'ministry-editor')).body);
    expect(lines[1]).toMatch(/^0100000003,"'=HYPERLINK\(""http:\/\/x\.example"",""Bấm, vào""\)",01,/);
  });

  it('enterprises as XLSX, read back by exceljs: text stays text, numbers are numbers', async () => {
    const r = await get('/api/v1/enterprises?format=xlsx', 'ministry-editor');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('enterprises');
    expect(sheet.getRow(1).getCell(1).value).toBe('Mã số thuế');
    expect([1, 2, 3, 6, 7, 9].map((c) => sheet.getRow(2).getCell(c).value)).toEqual([
      A,
      'Công ty A',
      '01',
      8,
      5_000_000_000,
      false,
    ]);
    expect(sheet.rowCount).toBe(3);
  });

  it('assessments, rankings and the provincial index as CSV', async () => {
    await drive(t, A, 'certified', 3, { issuedOn: '2025-06-30' });
    const assessments = csvLines((await get('/api/v1/assessments?format=csv', 'ministry-editor')).body);
    expect(assessments[0]).toBe(
      'Mã đánh giá,Mã số thuế,Bộ chỉ số,Mã băm bộ chỉ số,Trạng thái,Chuyên gia tư vấn,Mức DN tự đánh giá,' +
        'Mức tư vấn đánh giá,Mức Sở đánh giá,Mức Bộ đánh giá,Số chứng nhận,Ngày tạo,Cập nhật lần cuối',
    );
    expect(assessments[1]).toMatch(/^[^,]+,0101234565,sme@1\.0\.0,[0-9a-f]{64},certified,,3,,3,3,DBI-2025-000001,/);

    const rankings = csvLines((await get('/api/v1/rankings?format=csv', null)).body);
    expect(rankings[0]).toBe(
      'Hạng,Mã số thuế,Tên doanh nghiệp,Mã tỉnh,Ngành (VSIC cấp 1),Lĩnh vực,Quy mô,Kỳ đánh giá,Mức,Điểm,Điểm tối đa,' +
        'Mức trụ cột 1,Mức trụ cột 2,' +
        'Mức trụ cột 3,Mức trụ cột 4,Mức trụ cột 5,Mức trụ cột 6,Bộ chỉ số,Trạng thái,Số chứng nhận,Ngày',
    );
    expect(rankings[1]).toMatch(
      /^1,0101234565,Công ty A,01,G,trade-services,micro,\d{4},3,\d+,\d+,3,3,3,3,3,3,sme@1\.0\.0,certified,DBI-2025-000001,/,
    );
  });
});

const HEADER =
  'Mã số thuế,Tên doanh nghiệp,Mã tỉnh,Ngành (VSIC cấp 1),Lĩnh vực,Số lao động,Doanh thu (đồng),Tổng nguồn vốn (đồng),Có công ty con';

describe('enterprise import', () => {
  const good = [
    HEADER,
    '0100000116,"Công ty Một, TNHH",01,G,trade-services,8,5000000000,,không',
    '0100000123,Công ty Hai,01,G,agriculture-industry-construction,250,,90000000000,có',
  ].join('\r\n');

  it('a dry run reports and stores nothing; the import stores every row, classified and audited', async () => {
    const dry = await upload('\uFEFF' + good, 'provincial-department', 'text/csv', '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      imported: false,
      rows: 2,
      valid: 2,
      enterprises: [
        { row: 2, taxCode: '0100000116', size: 'micro', index: 'sme' },
        { row: 3, taxCode: '0100000123', size: expect.any(String), index: expect.any(String) },
      ],
      problems: [],
    });
    expect((await t.call('GET', '/api/v1/enterprises/0100000116', 'ministry-editor')).status).toBe(404);

    const r = await upload(good, 'provincial-department');
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ dryRun: false, imported: true, rows: 2, valid: 2 });
    const one = (await t.call('GET', '/api/v1/enterprises/0100000116', 'ministry-editor')).json;
    expect(one).toMatchObject({ name: 'Công ty Một, TNHH', employees: 8, revenueVnd: 5_000_000_000, capitalVnd: null });
    expect(one.hasSubsidiaries).toBe(false);
    expect((await t.call('GET', '/api/v1/enterprises/0100000123', 'ministry-editor')).json.hasSubsidiaries).toBe(true);
    const audit = (await t.call('GET', '/api/v1/audit?target=enterprise:0100000123', 'ministry-editor')).json;
    expect(JSON.stringify(audit)).toContain('enterprise.create');
  });

  it('every wrong row is reported with its column, in Vietnamese and English, and nothing is imported', async () => {
    const file = [
      HEADER,
      '0100000211,Công ty Đúng,01,G,trade-services,5,1000000000,,',
      '12345,Công ty Sai Mã,01,G,trade-services,5,1000000000,,', // row 3: tax code format
      '0100000236,,01,G,trade-services,5,1000000000,,', // row 4: no name
      '0100000243,Công ty Bốn,01,G,trade-services,năm,1000000000,,', // row 5: employees not a number
      '0100000211,Công ty Trùng,01,G,trade-services,5,1000000000,,', // row 6: listed twice
      `${A},Công ty A lần hai,01,G,trade-services,5,,,`, // row 7: registered already
      '0100000275,Công ty Sài Gòn,79,G,trade-services,5,1000000000,,', // row 8: not the department's province
    ].join('\r\n');
    const dry = await upload(file, 'provincial-department', 'text/csv', '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ imported: false, rows: 7, valid: 1 });
    expect(report.problems.map((x: any) => [x.row, x.column, x.code])).toEqual([
      [3, 'taxCode', 'schema-pattern'],
      [4, 'name', 'schema-required'],
      [5, 'employees', 'schema-type'],
      [6, 'taxCode', 'duplicate'],
      [7, 'taxCode', 'registered'],
      [8, 'province', 'forbidden'],
    ]);
    expect(report.problems[1].reason).toEqual({
      vi: 'Tên doanh nghiệp: thiếu giá trị bắt buộc',
      en: 'Enterprise name: is required',
    });
    expect(report.problems[2].reason.vi).toBe('Số lao động: phải là số nguyên');
    expect(report.problems[3].reason.vi).toBe('Mã số thuế: mã số thuế 0100000211 trùng với dòng 2');

    const r = await upload(file, 'provincial-department');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json().errors.map((e: any) => e.pointer)).toEqual([
      '/3/taxCode',
      '/4/name',
      '/5/employees',
      '/6/taxCode',
      '/7/taxCode',
      '/8/province',
    ]);
    expect(r.json().errors[1].detail).toBe('Enterprise name: is required — Tên doanh nghiệp: thiếu giá trị bắt buộc');
    expect((await t.call('GET', '/api/v1/enterprises/0100000211', 'ministry-editor')).status).toBe(404);
  });

  it('reads XLSX with English headers; a tax code typed as a number is refused, not guessed', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('list');
    sheet.addRow([
      'Tax code',
      'Enterprise name',
      'Province code',
      'industry',
      'Sector',
      'Employees',
      'revenueVnd',
      'Has subsidiaries',
    ]);
    sheet.addRow(['0100000317', 'Công ty Ba Mốt', '01', 'G', 'trade-services', 12, 2_000_000_000, false]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(file, 'ministry-editor', XLSX);
    expect(r.statusCode).toBe(201);
    expect((await t.call('GET', '/api/v1/enterprises/0100000317', 'ministry-editor')).json.employees).toBe(12);

    sheet.addRow([100000032, 'Công ty Số', '01', 'G', 'trade-services', 1, 2_000_000_000, false]);
    const again = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'ministry-editor', XLSX, '?dryRun=true');
    expect(again.json().problems.map((x: any) => [x.row, x.column, x.code])).toEqual([
      [2, 'taxCode', 'registered'],
      [3, 'taxCode', 'schema-pattern'],
    ]);
  });

  it('refuses unknown and missing columns, the wrong roles and media types, and files over the limits', async () => {
    const bad = await upload('Mã số thuế,Tên,Tỉnh\r\n0100000041,X,01', 'ministry-editor', 'text/csv', '?dryRun=true');
    expect(bad.json().problems.map((x: any) => [x.row, x.column, x.code])).toEqual([
      [1, null, 'unknown-column'],
      [1, null, 'unknown-column'],
      [1, 'name', 'missing-column'],
      [1, 'province', 'missing-column'],
      [1, 'industry', 'missing-column'],
      [1, 'sector', 'missing-column'],
      [1, 'employees', 'missing-column'],
    ]);
    expect((await upload(good, 'enterprise')).statusCode).toBe(403);
    expect((await upload(good, 'consultant-c1')).statusCode).toBe(403);
    expect((await upload(good, null)).statusCode).toBe(401);
    expect((await upload(JSON.stringify({ rows: [] }), 'ministry-editor', 'application/json')).statusCode).toBe(415);
    expect((await upload(good, 'ministry-editor', 'text/plain')).statusCode).toBe(415);
    expect((await upload(Buffer.from('not a zip'), 'ministry-editor', XLSX)).statusCode).toBe(400);

    const huge = await upload(HEADER + '\r\n' + 'x'.repeat(2 * 1024 * 1024), 'ministry-editor');
    expect(huge.statusCode).toBe(413);
    const rows = Array.from({ length: 10_001 }, (_, i) => `01${String(i).padStart(8, '0')},C,01,trade-services,1,1,,`);
    const many = await upload([HEADER, ...rows].join('\r\n'), 'ministry-editor');
    expect(many.statusCode).toBe(413);
    expect(many.json().errors[0].code).toBe('limit-import-rows');
    expect((await t.call('GET', '/api/v1/enterprises/0100000000', 'ministry-editor')).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the new routes with named component schemas', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json', null)).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/certificates/{number}/verification',
        '/api/v1/certificates/{number}.pdf',
        '/api/v1/enterprises/import',
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CertificateCheck', 'EnterpriseImportReport']),
    );
    const verification = doc.paths['/api/v1/certificates/{number}/verification'].get;
    expect(verification.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CertificateCheck',
    );
    const list = (doc.paths['/api/v1/enterprises/'] ?? doc.paths['/api/v1/enterprises']).get;
    expect(Object.keys(list.responses['200'].content)).toEqual(['application/json', 'text/csv', XLSX]);
    expect(list.parameters.map((x: any) => x.name)).toContain('format');
  });
});
