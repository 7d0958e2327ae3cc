// Certificates over HTTP: the public verification (validity, supersession, revocation, names from the pinned index
// version), refusal of a future issue date, who may read the PDF, and the PDF itself — its first page rendered with
// Poppler's pdftoppm (not blank) and its text read with pdftotext (Vietnamese with every diacritic).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const certify = (id: string, issuedOn?: string) =>
  t.call('POST', `/api/v1/assessments/${id}/certify`, 'ministry-publisher', issuedOn ? { issuedOn } : {});
const verification = (number: string) => t.call('GET', `/api/v1/certificates/${number}/verification`, null);
const pdf = (number: string, key: string | null, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/certificates/${number}.pdf`,
    headers: { ...(key ? bearer(t.key[key]!) : {}), ...headers },
  });

/** Today in Vietnam (UTC+7), and the day after, worked out from the clock here. */
const vietnamDay = (offsetDays: number) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('certificate verification (public)', () => {
  it('states the levels with their names, the exact index, the validity and the issuer', async () => {
    const id = await drive(t, A, 'appraised', 3);
    const issued = await certify(id, '2025-06-30');
    expect(issued.status).toBe(201);
    const number = issued.json.number as string;
    expect(number).toMatch(/^DBI-2025-\d{6}$/);
    const v = await verification(number);
    expect(v.status).toBe(200);
    // Issued on 30 June 2025, valid through 29 June 2026: expired by now (this test runs after that day).
    expect(vietnamDay(0) > '2026-06-29').toBe(true);
    expect(v.json).toMatchObject({
      number,
      state: 'expired',
      valid: false,
      enterprise: { taxCode: A, name: 'Công ty A' },
      level: { level: 3, name: { vi: 'Hình thành', en: expect.any(String) } },
      issuedOn: '2025-06-30',
      // 12 months from 30 June 2025, the day before: 29 June 2026.
      validUntil: '2026-06-29',
      issuer: { vi: 'Bộ Khoa học và Công nghệ', en: 'Ministry of Science and Technology' },
      supersededBy: null,
      revokedOn: null,
      pdf: `/api/v1/certificates/${number}.pdf`,
    });
    expect(v.json.index).toMatchObject({
      id: 'sme',
      version: '1.0.0',
      title: { vi: expect.stringContaining('nhỏ và vừa') },
    });
    expect(v.json.index.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(v.json.pillars.map((p: any) => [p.id, p.name.vi, p.level, p.levelName.vi])).toEqual([
      ['1', 'Trải nghiệm số cho khách hàng', 3, 'Hình thành'],
      ['2', 'Chiến lược số', 3, 'Hình thành'],
      ['3', 'Hạ tầng và công nghệ số', 3, 'Hình thành'],
      ['4', 'Vận hành', 3, 'Hình thành'],
      ['5', 'Chuyển đổi số văn hóa doanh nghiệp', 3, 'Hình thành'],
      ['6', 'Dữ liệu và tài sản thông tin', 3, 'Hình thành'],
    ]);
    const today = await certify(await drive(t, B, 'appraised', 3));
    expect(today.json.issuedOn).toBe(vietnamDay(0));
    expect((await verification(today.json.number)).json).toMatchObject({ state: 'valid', valid: true });
    expect((await verification('DBI-2025-999999')).status).toBe(404);
    expect((await verification('not-a-number')).status).toBe(400);
  });

  it('a newer certificate of the same enterprise and index supersedes the older; revocation shows its reason', async () => {
    const first = (await certify(await drive(t, A, 'appraised', 2), vietnamDay(-60))).json.number as string;
    const other = (await certify(await drive(t, B, 'appraised', 2), vietnamDay(-59))).json.number as string;
    const second = (await certify(await drive(t, A, 'appraised', 4), vietnamDay(-1))).json.number as string;
    const old = (await verification(first)).json;
    expect([old.state, old.valid, old.supersededBy]).toEqual(['superseded', false, second]);
    expect(old.supersededOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await verification(other)).json.state).toBe('valid');
    expect((await verification(second)).json).toMatchObject({ state: 'valid', level: { level: 4 } });

    const revoked = await t.call('POST', `/api/v1/certificates/${second}/revoke`, 'ministry-publisher', {
      reason: 'Số liệu kê khai không đúng',
    });
    expect(revoked.status).toBe(200);
    expect((await verification(second)).json).toMatchObject({
      state: 'revoked',
      valid: false,
      revocationReason: 'Số liệu kê khai không đúng',
      revokedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('a certificate past its last valid day has expired', async () => {
    const number = (await certify(await drive(t, A, 'appraised'), '2020-01-15')).json.number as string;
    expect((await verification(number)).json).toMatchObject({
      state: 'expired',
      valid: false,
      validUntil: '2021-01-14',
    });
  });
});

describe('certificate list', () => {
  it('pages in issue order, scoped to the key, and exports as CSV', async () => {
    const a1 = (await certify(await drive(t, A, 'appraised', 2), vietnamDay(-3))).json.number as string;
    const b1 = (await certify(await drive(t, B, 'appraised', 3), vietnamDay(-2))).json.number as string;
    const a2 = (await certify(await drive(t, A, 'appraised', 4), vietnamDay(-1))).json.number as string;
    const page1 = await t.call('GET', '/api/v1/certificates?limit=2', 'ministry-editor');
    expect(page1.status).toBe(200);
    expect(page1.json.items.map((c: any) => [c.number, c.state])).toEqual([
      [a1, 'superseded'],
      [b1, 'valid'],
    ]);
    const page2 = await t.call('GET', `/api/v1/certificates?limit=2&after=${page1.json.next}`, 'ministry-editor');
    expect([page2.json.items.map((c: any) => c.number), page2.json.next]).toEqual([[a2], null]);
    const dept = await t.call('GET', '/api/v1/certificates', 'department-79');
    expect(dept.json.items.map((c: any) => c.number)).toEqual([b1]);
    expect((await t.call('GET', '/api/v1/certificates?province=01', 'department-79')).status).toBe(403);
    const own = await t.call('GET', '/api/v1/certificates', 'enterprise');
    expect(own.json.items.map((c: any) => c.number)).toEqual([a1, a2]);
    expect((await t.call('GET', '/api/v1/certificates', 'consultant-c1')).status).toBe(403);
    expect((await t.call('GET', '/api/v1/certificates?after=bm9wZQ', 'ministry-editor')).status).toBe(400);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/certificates?format=csv',
      headers: bearer(t.key.enterprise!),
    });
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Số chứng nhận,Mã số thuế,Tên doanh nghiệp,Bộ chỉ số,Mã băm bộ chỉ số,Mức,Ngày cấp,Có giá trị đến,Trạng thái,Được thay thế bởi,Lý do thu hồi',
    );
    expect(lines[1]).toMatch(
      new RegExp(`^${a1},${A},Công ty A,sme@1\\.0\\.0,[0-9a-f]{64},2,${vietnamDay(-3)},[0-9-]{10},valid,${a2},$`),
    );
  });
});

describe('issue date', () => {
  it('a date after today in Vietnam is refused, naming the field; today is accepted', async () => {
    const id = await drive(t, A, 'appraised');
    const r = await certify(id, vietnamDay(1));
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json.errors).toEqual([expect.objectContaining({ pointer: '/issuedOn', code: 'future-date', in: 'body' })]);
    expect((await t.call('GET', `/api/v1/assessments/${id}`, 'ministry-editor')).json.status).toBe('appraised');
    const ok = await certify(id, vietnamDay(0));
    expect(ok.status).toBe(201);
    expect(ok.json.issuedOn).toBe(vietnamDay(0));
  });
});

describe('certificate PDF', () => {
  it('the enterprise, its province’s department and the Ministry may read it; nobody else', async () => {
    const number = (await certify(await drive(t, A, 'appraised'), '2025-06-30')).json.number as string;
    for (const key of ['enterprise', 'provincial-department', 'ministry-editor', 'ministry-publisher']) {
      const r = await pdf(number, key);
      expect(r.statusCode, key).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    for (const key of ['department-79', 'enterprise-b', 'consultant-c1', 'integrator'])
      expect((await pdf(number, key)).statusCode, key).toBe(403);
    expect((await pdf(number, null)).statusCode).toBe(401);
    expect((await pdf('DBI-2025-999999', 'ministry-editor')).statusCode).toBe(404);
  });

  it('renders Vietnamese text, the levels and a QR code to the verification page (pdftoppm, pdftotext)', async () => {
    const number = (await certify(await drive(t, A, 'appraised', 3), '2025-06-30')).json.number as string;
    const r = await pdf(number, 'enterprise', { host: 'dbi.test:8080' });
    expect(r.statusCode).toBe(200);
    const dir = join(t.dir, 'pdf');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'certificate.pdf');
    writeFileSync(file, r.rawPayload);

    // The first page as an image (PPM: a header, then RGB bytes): mostly paper, and a good deal of ink.
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '40', file, join(dir, 'page')]);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '100', '-png', file, join(dir, 'page')]);
    const ppm = readFileSync(join(dir, 'page-1.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const pixels = ppm.subarray(header[0].length);
    expect(pixels.length).toBe(w * h * 3);
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 3) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 384) ink++;
    expect(ink / (w * h)).toBeGreaterThan(0.02);
    expect(ink / (w * h)).toBeLessThan(0.6);

    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
    const flat = text.replace(/\s+/g, ' ');
    for (const words of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BỘ KHOA HỌC VÀ CÔNG NGHỆ',
      'CHỨNG NHẬN',
      'MỨC ĐỘ CHUYỂN ĐỔI SỐ DOANH NGHIỆP',
      `Số: ${number}`,
      'Công ty A',
      `Mã số thuế: ${A}`,
      'Mức 3: Hình thành',
      'Trải nghiệm số cho khách hàng',
      'Chuyển đổi số văn hóa doanh nghiệp',
      'Dữ liệu và tài sản thông tin',
      'phiên bản 1.0.0',
      // Letters with a dot below read back as written (not as their base letter, nor spreading to other letters).
      'Mã băm nội dung (SHA-256)',
      'Thời hạn hiệu lực',
      'Đơn vị cấp: Bộ Khoa học và Công nghệ',
      'Ngày cấp: 30/06/2025',
      'đến hết 29/06/2026',
      `http://dbi.test:8080/verify/${number}`,
    ])
      expect(flat, words).toContain(words);
    // Issued on 30 June 2025 with 12 months' validity: expired by now, and the page says so.
    expect(flat).toContain('ĐÃ HẾT HIỆU LỰC từ ngày 29/06/2026');
    expect(flat).not.toContain('ĐÃ THU HỒI');
  });

  it('the QR code and link use the configured public base URL; a revoked certificate says so on its page', async () => {
    await t.close();
    t = await makeAssessmentApp({ certificates: { publicBaseUrl: 'https://dbi.gov.vn' } });
    await seed(t);
    const number = (await certify(await drive(t, A, 'appraised'))).json.number as string;
    await t.call('POST', `/api/v1/certificates/${number}/revoke`, 'ministry-publisher', { reason: 'Sai số liệu' });
    const file = join(t.dir, 'revoked.pdf');
    writeFileSync(file, (await pdf(number, 'ministry-editor')).rawPayload);
    const flat = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
    expect(flat).toContain(`https://dbi.gov.vn/verify/${number}`);
    expect(flat).toContain('ĐÃ THU HỒI');
    expect(flat).toContain('Sai số liệu');
  });
});
