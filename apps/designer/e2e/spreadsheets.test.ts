// Excel both ways in the designer, in the real browser against the real server: export a version as a workbook,
// import an edited one with mistakes (the report names each cell), then a corrected one (a new draft opens).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  createPerson,
  artifactsDir,
  launchBrowser,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let exported: string;

const shot = (name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`) });
const canvasReady = (ref: string) => page.waitForFunction((r) => document.body.dataset.canvasReady === r, ref);

/** The exported workbook with cells changed as a person would in Excel, saved under a new name. */
async function edited(name: string, change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(exported) as unknown as ArrayBuffer);
  change(wb);
  const path = join(artifactsDir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}
const version = (wb: ExcelJS.Workbook, v: string) => (wb.getWorksheet('Chỉ số - Index')!.getCell('C3').value = v);

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(30_000);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await shot(`failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('spreadsheets in the designer', () => {
  it('exports the open version as an XLSX workbook', async () => {
    // Signed in as a person: the context's requests share the page's cookies, so the page holds the session.
    const person = await createPerson(server);
    expect((await page.request.post(`${server.url}/api/v1/auth/sign-in`, { data: person })).status()).toBe(200);
    await page.goto(`${server.url}/designer/indices/sme/1.0.0`);
    await canvasReady('sme@1.0.0');
    await page.getByTestId('signed-in').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('sme-1.0.0.xlsx');
    exported = join(artifactsDir, 'sme-1.0.0.xlsx');
    await download.saveAs(exported);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(exported) as unknown as ArrayBuffer);
    // The criteria table as the Decision lays it out: pillar 1, component 1.1, criterion 1.1.1 with its text.
    const c = wb.getWorksheet('Tiêu chí - Criteria')!;
    expect([c.getCell('A2').value, c.getCell('B3').value, c.getCell('C4').value]).toEqual(['1', '1.1', '1.1.1']);
    expect(c.getCell('E4').value).toBe('Tần suất doanh nghiệp cập nhật website riêng');
  });

  it('imports a workbook with mistakes: nothing is stored and the report names each cell', async () => {
    const bad = await edited('sme-bad.xlsx', (wb) => {
      version(wb, '1.1.0');
      const c = wb.getWorksheet('Tiêu chí - Criteria')!;
      c.getCell('H4').value = 'hai'; // points of 1.1.1
      c.getCell('F5').value = null; // English text of 1.1.2
      wb.getWorksheet('Quy tắc - Rules')!.getCell('D3').value = '{">": [{"var": "points"}'; // broken json-logic
    });
    await page.getByTestId('import-xlsx-file').setInputFiles(bad);
    const rows = page.getByTestId('import-report-row');
    await rows.first().waitFor();
    const cells = await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-cell')));
    expect(cells.sort()).toEqual(['Quy tắc - Rules!D3', 'Tiêu chí - Criteria!F5', 'Tiêu chí - Criteria!H4'].sort());
    // In the reader's language (Vietnamese by default).
    await expect(page.getByTestId('import-report').textContent()).resolves.toContain('"hai" không phải là số');
    await shot('xlsx-import-report');
    await page.keyboard.press('Escape');
    const res = await fetch(`${server.url}/api/v1/indices/sme/versions/1.1.0`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    expect(res.status).toBe(404);
  });

  it('imports a corrected workbook as a new draft and opens it', async () => {
    const good = await edited('sme-good.xlsx', (wb) => {
      version(wb, '1.1.0');
      wb.getWorksheet('Tiêu chí - Criteria')!.getCell('F4').value = 'How often the enterprise updates its website';
    });
    await page.getByTestId('import-xlsx-file').setInputFiles(good);
    await canvasReady('sme@1.1.0');
    await expect(page.getByTestId('version-ref').textContent()).resolves.toBe('sme@1.1.0');
    await expect(page.getByTestId('version-screen').getAttribute('data-status')).resolves.toBe('draft');
    await shot('xlsx-imported-draft');
    const res = await fetch(`${server.url}/api/v1/indices/sme/versions/1.1.0`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    const record = (await res.json()) as {
      definition: { pillars: { components: { criteria: { text: { en: string } }[] }[] }[] };
    };
    expect(record.definition.pillars[0]!.components[0]!.criteria[0]!.text.en).toBe(
      'How often the enterprise updates its website',
    );
  });
});
