// The dashboards in Debian's Chromium against the real server (built dist, SQLite file). People sign in through the
// portal with accounts made as an administrator makes them; the data are set up through the HTTP API: two
// enterprises in two provinces, each certified in two periods. Every figure expected below is worked out by hand
// (sme@1.0.0: pillar maxima 65/25/80/65/50/35, total 320; a level answered on every criterion gives that level in
// every pillar and overall, as the Decision's table reads 20 % steps):
//   A  0101234565  Hà Nội (01), VSIC G, micro   previous period: every criterion 2 → 128/320 = 2/5, level 2
//                                               current period:  every criterion 4 → 256/320 = 4/5, level 4
//   B  0309876547  Hồ Chí Minh (79), G, micro   both periods:    every criterion 3 → 192/320 = 3/5, level 3
// Provincial index, current period: means 4/5 (01) and 3/5 (79); 10-point scores 8 and 6; μ = 7/10,
// V = ((1/10)² + (1/10)²) / 2 = 1/100, σ = 1/10; z = +1 (01) and −1 (79); min-max 10 (01) and 0 (79).
// Previous period: 2/5 (01) and 3/5 (79) → scores 4 and 6, z = −1 (01) and +1 (79).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  api,
  artifactsDir,
  createKey,
  DESKTOP,
  launchBrowser,
  portalDir,
  screens,
  startServer,
  watchPage,
  type RunningBrowser,
  type RunningServer,
} from './harness.ts';

const A = '0101234565';
const B = '0309876547'; // 030987654: s = 564, 564 mod 11 = 3, check digit 10 − 3 = 7
// Today in Vietnam (UTC+7) names the current period; the previous one is the year before.
const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const NOW = String(year);
const BEFORE = String(year - 1);

const sme = JSON.parse(readFileSync(join(portalDir, '..', '..', 'indices', 'sme', '1.0.0.json'), 'utf8')) as {
  pillars: { components: { criteria: { id: string }[] }[] }[];
};
const allAt = (level: number) =>
  Object.fromEntries(sme.pillars.flatMap((p) => p.components.flatMap((c) => c.criteria.map((k) => [k.id, level]))));

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let watched: { problems: string[] };
let work: string;
const keys: Record<string, string> = {};

/** One call with a key (the bootstrap key is the first ministry-publisher's). */
async function call<T = unknown>(key: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An assessment of `taxCode` in `period` taken to certified, every criterion at `level` in every column. */
async function certify(taxCode: string, period: string, level: number, dept: string, issuedOn: string) {
  const ent = keys[`ent-${taxCode}`]!;
  const { id } = await call<{ id: string }>(ent, 'POST', '/assessments', { taxCode, period });
  await call(ent, 'PUT', `/assessments/${id}/columns/self`, { answers: allAt(level) });
  await call(ent, 'POST', `/assessments/${id}/submit`, { confirmIncomplete: false });
  await call(keys[dept]!, 'PUT', `/assessments/${id}/columns/department`, { answers: allAt(level) });
  await call(keys[dept]!, 'POST', `/assessments/${id}/review`);
  await call(keys.editor!, 'PUT', `/assessments/${id}/columns/ministry`, { from: 'department', answers: {} });
  await call(keys.editor!, 'POST', `/assessments/${id}/appraise`);
  await call(server.key, 'POST', `/assessments/${id}/certify`, { issuedOn });
}

/** A staff account as the Ministry makes one (with its province), its one-time password changed by its owner. */
async function staff(email: string, role: string, scope: string | null, password: string) {
  const made = await api<{ oneTimePassword: string }>(server, 'POST', '/accounts', {
    email,
    name: role === 'provincial-department' ? 'Sở Khoa học và Công nghệ Hà Nội' : 'Cục Chuyển đổi số quốc gia',
    role,
    ...(scope ? { scope } : {}),
  });
  const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: made.oneTimePassword }),
  });
  if (!signIn.ok) throw new Error(`sign-in → ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const changed = await fetch(`${server.url}/api/v1/auth/password`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ oldPassword: made.oneTimePassword, newPassword: password }),
  });
  if (!changed.ok) throw new Error(`password change → ${changed.status}: ${await changed.text()}`);
  await fetch(`${server.url}/api/v1/auth/sign-out`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
}

async function signInAs(email: string, password: string) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in').waitFor();
}

async function signOut() {
  await page.setViewportSize(DESKTOP);
  await page.getByTestId('sign-out').click();
  await page.getByRole('link', { name: 'Đăng nhập' }).first().waitFor();
}

/** The whole page at both sizes: a dashboard is longer than a screen. */
const both = (name: string) => screens(page, name, { fullPage: true });

const cells = (row: import('playwright-core').Locator) => row.locator('th, td').allTextContents();

beforeAll(async () => {
  if (!readFileSync(join(portalDir, 'dist', 'index.html'), 'utf8')) throw new Error('build the portal first');
  work = mkdtempSync(join(tmpdir(), 'dbi-dash-'));
  mkdirSync(artifactsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser(DESKTOP);
  page = browser.page;
  watched = watchPage(page);

  for (const id of [BEFORE, NOW])
    await api(server, 'POST', '/periods', {
      id,
      name: `Đợt ${id}`,
      startsOn: `${id}-01-01`,
      endsOn: `${id}-12-31`,
    });
  const facts = { industry: 'G', sector: 'trade-services', employees: 8, revenueVnd: 5_000_000_000 };
  await api(server, 'POST', '/enterprises', { taxCode: A, name: 'Công ty TNHH Sao Mai', province: '01', ...facts });
  await api(server, 'POST', '/enterprises', {
    taxCode: B,
    name: 'Công ty Cổ phần Bến Thành',
    province: '79',
    ...facts,
  });
  keys[`ent-${A}`] = await createKey(server, 'enterprise', A);
  keys[`ent-${B}`] = await createKey(server, 'enterprise', B);
  keys['dept-01'] = await createKey(server, 'provincial-department', '01');
  keys['dept-79'] = await createKey(server, 'provincial-department', '79');
  keys.editor = await createKey(server, 'ministry-editor');
  await certify(A, BEFORE, 2, 'dept-01', `${BEFORE}-06-30`);
  await certify(B, BEFORE, 3, 'dept-79', `${BEFORE}-06-30`);
  await certify(A, NOW, 4, 'dept-01', `${NOW}-01-15`);
  await certify(B, NOW, 3, 'dept-79', `${NOW}-01-15`);
  await staff('so.khcn@hanoi.gov.vn', 'provincial-department', '01', 'mật khẩu của Sở 2026');
  await staff('cuc.cds@mic.gov.vn', 'ministry-publisher', null, 'mật khẩu của Bộ 2026');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a provincial department’s dashboards (Hà Nội)', () => {
  it('signs in through the portal and sees its province’s coverage', async () => {
    await signInAs('so.khcn@hanoi.gov.vn', 'mật khẩu của Sở 2026');
    await page.getByRole('link', { name: 'Bảng điều khiển' }).click();
    await page.getByTestId('coverage-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard/coverage');
    expect(await page.getByTestId('dash-filters').textContent()).toContain('Hà Nội');
    // The current period is chosen; A is registered, self-assessed, reviewed and certified in it. Only Hà Nội.
    await expect.poll(() => page.getByTestId('filter-period').inputValue()).toBe(NOW);
    const rows = page.getByTestId('coverage-table').locator('tbody tr');
    // (The table reloads once the current period is chosen: wait for it.)
    await expect.poll(() => rows.count()).toBe(1);
    expect(await cells(rows.first())).toEqual(['Hà Nội', '1', '1', '1', '1']);
    // By industry: A's section G.
    await page.getByTestId('filter-by').selectOption('industry');
    await expect
      .poll(async () => (await cells(rows.first())).slice(0, 2))
      .toEqual(['Hà Nội', 'G · Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác']);
    await both('dashboard-coverage-department');
  });

  it('levels: A at level 4 now, level 2 in the previous period, pillar by pillar', async () => {
    await page.getByTestId('tab-levels').click();
    await page.getByTestId('levels-table').waitFor();
    // One period: each pillar's bar labelled with the server's mean level.
    await expect.poll(() => page.getByTestId('pillars-chart').textContent()).toContain('4.0000');
    await page.getByTestId('filter-compare').selectOption(BEFORE);
    const table = page.getByTestId('levels-table');
    await expect.poll(() => table.locator('thead th').allTextContents()).toEqual(['Mức', `Kỳ ${NOW}`, `Kỳ ${BEFORE}`]);
    // One enterprise: level 4 now (1), level 2 before (1); the mean levels are exactly 4 and 2.
    expect(await cells(table.locator('tbody tr').nth(4))).toEqual(['Mức 4', '1', '0']);
    expect(await cells(table.locator('tbody tr').nth(2))).toEqual(['Mức 2', '0', '1']);
    expect(await cells(table.locator('tbody tr').last())).toEqual(['Mức trung bình', '4.0000', '2.0000']);
    const pillars = await page.getByTestId('pillars-table').locator('tbody tr').all();
    expect(pillars).toHaveLength(6);
    for (const [i, row] of pillars.entries())
      expect(await cells(row)).toEqual([`Trụ cột ${i + 1}`, '4.0000', '2.0000']);
    expect(await page.getByTestId('levels-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('pillars-chart').locator('.recharts-bar').count()).toBe(2);
    await both('dashboard-levels-department');
  });

  it('rankings: its province only, A first at level 4 with 256 of 320 points', async () => {
    await page.getByTestId('tab-rankings').click();
    await page.getByTestId('rankings-table').waitFor();
    const rows = page.getByTestId('rankings-table').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const [rank, who, province, , size, level, points] = await cells(rows.first());
    expect([rank, who, province, size, level, points]).toEqual([
      '1',
      `Công ty TNHH Sao Mai${A}`,
      'Hà Nội',
      'micro',
      '4',
      '256/320',
    ]);
    // The export links carry the same filters (the department's province, the period, the top-N size) and the
    // portal's language for the headers.
    const href = await page.getByTestId('export-rankings').getByTestId('download-xlsx').getAttribute('href');
    expect(href).toBe(`/api/v1/rankings?period=${NOW}&province=01&limit=20&format=xlsx&lang=vi`);
    await both('dashboard-rankings-department');
  });

  it('the provincial index across provinces, with the method as the server states it, and its XLSX export', async () => {
    await page.getByTestId('tab-provinces').click();
    await page.getByTestId('provinces-table').waitFor();
    const table = page.getByTestId('provinces-table');
    // Previous period still chosen for comparison (filters are kept between the screens).
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await cells(page.getByTestId('province-01'))).toEqual([
      'Hà Nội · tỉnh của bạn',
      '1',
      '0.8000',
      '8.0000',
      '1.0000',
      '10.0000',
      '1',
      '4.0000',
      '-1.0000',
    ]);
    expect(await cells(page.getByTestId('province-79'))).toEqual([
      'Hồ Chí Minh',
      '1',
      '0.6000',
      '6.0000',
      '-1.0000',
      '0.0000',
      '1',
      '6.0000',
      '1.0000',
    ]);
    // μ = 7/10, σ = 1/10 (to 6 decimals).
    expect(await page.getByTestId('national-figures').textContent()).toBe(
      'Giữa các tỉnh: 2 tỉnh có kết quả; μ = 0.7000; σ = 0.100000',
    );
    expect(await page.getByTestId('index-method').textContent()).toContain('zₚ = (mₚ − μ) / √V');
    await page.getByTestId('show-empty').check();
    expect(await table.locator('tbody tr').count()).toBe(34);
    await page.getByTestId('show-empty').uncheck();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-index').getByTestId('download-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('provinces-index.xlsx');
    const file = join(work, 'provinces-index.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const row = (n: number) => Array.from({ length: 13 }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
    expect(sheet.rowCount).toBe(35); // the header and the 34 provinces
    expect(row(1)).toEqual([
      'Kỳ đánh giá',
      'Cơ sở',
      'Mã tỉnh',
      'Tỉnh, thành phố',
      'Số doanh nghiệp',
      'Tỷ lệ điểm trung bình',
      'Tỷ lệ điểm trung bình (phân số)',
      'Điểm thang 10',
      'Điểm Z',
      'Điểm chuẩn hóa min-max (thang 10)',
      `Số doanh nghiệp kỳ ${BEFORE}`,
      `Điểm thang 10 kỳ ${BEFORE}`,
      `Điểm Z kỳ ${BEFORE}`,
    ]);
    // Hà Nội is the first province in the list (code 01); Hồ Chí Minh (79) the 28th.
    expect(row(2)).toEqual([
      NOW,
      'certified',
      '01',
      'Hà Nội',
      1,
      '0.8000',
      '4/5',
      '8.0000',
      '1.0000',
      '10.0000',
      1,
      '4.0000',
      '-1.0000',
    ]);
    expect(row(29)).toEqual([
      NOW,
      'certified',
      '79',
      'Hồ Chí Minh',
      1,
      '0.6000',
      '3/5',
      '6.0000',
      '-1.0000',
      '0.0000',
      1,
      '6.0000',
      '1.0000',
    ]);
    await both('dashboard-provinces-department');
  });

  it('an import with a bad row shows the row-by-row report and imports nothing', async () => {
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import-panel').waitFor();
    // No file chosen: said on the field.
    await page.getByTestId('import-submit').click();
    expect(await page.getByTestId('import-panel').getByRole('alert').textContent()).toBe('Bắt buộc');
    const csv = join(work, 'danh-sach.csv');
    writeFileSync(
      csv,
      [
        'Mã số thuế,Tên doanh nghiệp,Mã tỉnh,Ngành (VSIC cấp 1),Lĩnh vực,Số lao động,Doanh thu (đồng),Tổng nguồn vốn (đồng),Có công ty con',
        // 010000011: s = 29 + 5 + 3 = 37, 37 mod 11 = 4, check digit 10 − 4 = 6: valid.
        '0100000116,Công ty Một,01,G,trade-services,8,5000000000,,không',
        // The same nine digits with 7: the check digit is wrong.
        '0100000117,Công ty Hai,01,G,trade-services,9,5000000000,,không',
        // 010000027: s = 29 + 2·5 + 7·3 = 60, 60 mod 11 = 5, check digit 5: valid, but Hồ Chí Minh is not Hà Nội's.
        '0100000275,Công ty Ba,79,G,trade-services,9,5000000000,,không',
      ].join('\r\n'),
    );
    await page.getByTestId('import-file').setInputFiles(csv);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-report').getByRole('alert').textContent()).toBe(
      '2 lỗi trong 3 dòng: chưa nhập doanh nghiệp nào.',
    );
    const problems = await page.getByTestId('import-problems').locator('tbody tr').all();
    expect(problems).toHaveLength(2);
    const [row, column, reason] = await cells(problems[0]!);
    expect([row, column]).toEqual(['3', 'taxCode']);
    expect(reason).toContain('phải là 6, không phải 7');
    expect((await cells(problems[1]!)).slice(0, 2)).toEqual(['4', 'province']);
    // Nothing imported: the valid row is not registered either.
    const res = await fetch(`${server.url}/api/v1/enterprises/0100000116`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    expect(res.status).toBe(404);
    await both('dashboard-import-department');
    expect(watched.problems).toEqual([]);
    await signOut();
  });
});

describe('the Ministry’s dashboards (the whole country, with a province filter)', () => {
  it('coverage of every province; the province filter narrows it', async () => {
    await signInAs('cuc.cds@mic.gov.vn', 'mật khẩu của Bộ 2026');
    await page.goto(`${server.url}/dashboard/coverage`);
    const rows = page.getByTestId('coverage-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await cells(rows.nth(0))).toEqual(['Hà Nội', '1', '1', '1', '1']);
    expect(await cells(rows.nth(1))).toEqual(['Hồ Chí Minh', '1', '1', '1', '1']);
    await both('dashboard-coverage-ministry');
    await page.getByTestId('filter-province').selectOption('79');
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('levels of the whole country: A at 4 and B at 3 → mean 7/2', async () => {
    await page.getByTestId('filter-province').selectOption('');
    await page.getByTestId('tab-levels').click();
    const last = page.getByTestId('levels-table').locator('tbody tr').last();
    await expect.poll(() => cells(last)).toEqual(['Mức trung bình', '3.5000']);
    await both('dashboard-levels-ministry');
  });

  it('rankings of the whole country: A (level 4) then B (level 3); a size with nobody certified says so', async () => {
    await page.getByTestId('tab-rankings').click();
    const rows = page.getByTestId('rankings-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect((await cells(rows.nth(0))).slice(0, 3)).toEqual(['1', `Công ty TNHH Sao Mai${A}`, 'Hà Nội']);
    expect((await cells(rows.nth(1))).slice(0, 3)).toEqual(['2', `Công ty Cổ phần Bến Thành${B}`, 'Hồ Chí Minh']);
    await both('dashboard-rankings-ministry');
    await page.getByTestId('filter-top').selectOption('10');
    await page.getByTestId('filter-size').selectOption('small');
    await expect.poll(() => page.getByTestId('rankings-panel').textContent()).toContain('Không có dữ liệu');
    await both('dashboard-rankings-empty');
    // In English, the words and the export's headers follow.
    await page.getByTestId('lang-en').click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboards');
    expect(await page.getByTestId('rankings-panel').textContent()).toContain('Nothing for these filters.');
    const href = await page.getByTestId('export-rankings').getByTestId('download-csv').getAttribute('href');
    expect(href).toBe(`/api/v1/rankings?period=${NOW}&size=small&limit=10&format=csv&lang=en`);
    await both('dashboard-rankings-empty-en');
    await page.getByTestId('lang-vi').click();
    expect(watched.problems).toEqual([]);
  });
});
