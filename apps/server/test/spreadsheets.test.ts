// Index versions as XLSX through the API, on a real database: download any version, upload a workbook as a new
// draft, and a workbook with errors answered 400 with each cell named (and nothing stored).
import ExcelJS from 'exceljs';
import { loadBundled } from '@dbi/indices';
import { canonicalJson, type ScorecardDefinition } from '@dbi/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, expectProblem, makeApp, type TestApp } from './helpers.js';

// Reading and writing a workbook is CPU-bound (exceljs); on a shared 2-core machine a cold first run can pass the
// 60 s default, so these get more time (no assertion here is about speed).
const SLOW = { timeout: 300_000 };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
});
afterEach(async () => {
  await t.close();
});

async function download(url: string, as?: keyof TestApp['keys']) {
  const r = await t.app.inject({
    method: 'GET',
    url,
    headers: as ? { authorization: `Bearer ${t.keys[as]}` } : {},
  });
  return r;
}
async function upload(id: string, bytes: Uint8Array | Buffer, as?: keyof TestApp['keys']) {
  return call(t, 'POST', `/api/v1/indices/${id}/drafts/import`, {
    ...(as ? { as } : {}),
    body: Buffer.from(bytes),
    headers: { 'content-type': XLSX },
  });
}
/** The downloaded workbook of a version with cells changed as a person would in Excel. */
async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const setIndexField = (wb: ExcelJS.Workbook, key: string, value: string) =>
  wb.getWorksheet('Chỉ số - Index')!.eachRow((row) => {
    if (row.getCell(2).value === key) row.getCell(3).value = value;
  });

describe('GET /api/v1/indices/{id}/versions/{version}.xlsx', SLOW, () => {
  it('serves any published version to anyone as a workbook that imports back to the same definition', async () => {
    const r = await download('/api/v1/indices/readiness-example/versions/1.0.0.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toBe('attachment; filename="readiness-example-1.0.0.xlsx"');
    // Upload it unchanged but as 1.1.0: the stored draft is the example with only its version changed.
    const up = await upload(
      'readiness-example',
      await edit(r.rawPayload, (wb) => setIndexField(wb, 'version', '1.1.0')),
      'ministry-editor',
    );
    expect(up.status).toBe(201);
    const want = { ...loadBundled('readiness-example@1.0.0')!, version: '1.1.0' };
    const stored = await call(t, 'GET', '/api/v1/indices/readiness-example/versions/1.1.0', { as: 'ministry-editor' });
    expect(canonicalJson(stored.body.definition)).toBe(canonicalJson(want));
    expect(stored.body.status).toBe('draft');
  });

  it('keeps drafts to their editors and answers 404 for an unknown version', async () => {
    const bytes = (await download('/api/v1/indices/sme/versions/1.0.0.xlsx')).rawPayload;
    expect(
      (await upload('sme', await edit(bytes, (wb) => setIndexField(wb, 'version', '2.0.0')), 'ministry-editor')).status,
    ).toBe(201);
    expect((await download('/api/v1/indices/sme/versions/2.0.0.xlsx')).statusCode).toBe(401);
    expect((await download('/api/v1/indices/sme/versions/2.0.0.xlsx', 'integrator')).statusCode).toBe(403);
    expect((await download('/api/v1/indices/sme/versions/2.0.0.xlsx', 'ministry-editor')).statusCode).toBe(200);
    expect((await download('/api/v1/indices/sme/versions/9.9.9.xlsx')).statusCode).toBe(404);
  });
});

describe('a workbook is built once per content hash', SLOW, () => {
  it('answers the same bytes again, 304 to If-None-Match with the hash, and checks access before either', async () => {
    const first = await download('/api/v1/indices/sme/versions/1.0.0.xlsx');
    const etag = first.headers.etag as string;
    const hash = (await call(t, 'GET', '/api/v1/indices/sme/versions/1.0.0')).body.hash as string;
    expect(etag).toBe(`"${hash}"`);
    const again = await download('/api/v1/indices/sme/versions/1.0.0.xlsx');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    const cached = await t.app.inject({
      method: 'GET',
      url: '/api/v1/indices/sme/versions/1.0.0.xlsx',
      headers: { 'if-none-match': etag },
    });
    expect(cached.statusCode).toBe(304);
    expect(cached.rawPayload.length).toBe(0);
    // Another content's hash is not a match: the workbook is sent.
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/indices/sme/versions/1.0.0.xlsx',
      headers: { 'if-none-match': '"0000"' },
    });
    expect(other.statusCode).toBe(200);
    // A draft's hash does not get a 304 for someone who may not read the draft.
    expect(
      (
        await upload(
          'sme',
          await edit(first.rawPayload, (wb) => setIndexField(wb, 'version', '3.0.0')),
          'ministry-editor',
        )
      ).status,
    ).toBe(201);
    const draft = await call(t, 'GET', '/api/v1/indices/sme/versions/3.0.0', { as: 'ministry-editor' });
    const draftTag = `"${draft.body.hash as string}"`;
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/indices/sme/versions/3.0.0.xlsx',
      headers: { 'if-none-match': draftTag, authorization: `Bearer ${t.keys.integrator}` },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('POST /api/v1/indices/{id}/drafts/import', SLOW, () => {
  it('stores an edited workbook as a draft with the edit, for editors only', async () => {
    const bytes = (await download('/api/v1/indices/large/versions/1.0.0.xlsx')).rawPayload;
    // large: row 2 pillar 1, row 3 component 1.1, row 4 criterion 1.1.1; its English text is rewritten.
    const changed = await edit(bytes, (wb) => {
      setIndexField(wb, 'version', '1.2.0');
      wb.getWorksheet('Tiêu chí - Criteria')!.getCell('F4').value = 'Personalised customer experience';
    });
    expectProblem(await upload('large', changed), 401, 'unauthenticated');
    expectProblem(await upload('large', changed, 'integrator'), 403, 'forbidden');
    const r = await upload('large', changed, 'ministry-editor');
    expect(r.status).toBe(201);
    expect(r.headers.location).toBe('/api/v1/indices/large/versions/1.2.0');
    expect(r.body.valid).toBe(true);
    const want = structuredClone(loadBundled('large@1.0.0')) as ScorecardDefinition;
    want.version = '1.2.0';
    want.pillars[0]!.components![0]!.criteria[0]!.text.en = 'Personalised customer experience';
    expect(canonicalJson(r.body.definition)).toBe(canonicalJson(want));
    // The same version again: it exists.
    expectProblem(await upload('large', changed, 'ministry-editor'), 409);
  });

  it('answers 400 with every wrong cell named, and stores nothing', async () => {
    const bytes = (await download('/api/v1/indices/sme/versions/1.0.0.xlsx')).rawPayload;
    const bad = await edit(bytes, (wb) => {
      setIndexField(wb, 'version', '1.3.0');
      const c = wb.getWorksheet('Tiêu chí - Criteria')!;
      c.getCell('H4').value = 'hai'; // points of 1.1.1
      c.getCell('E6').value = null; // Vietnamese text of 1.1.3
      wb.getWorksheet('Quy tắc - Rules')!.getCell('B2').value = 99; // a pillar rule's level beyond 0..20
    });
    const r = await upload('sme', bad, 'ministry-editor');
    expectProblem(r, 400, 'invalid-definition');
    const cells = (r.body.errors as { sheet: string; cell: string; in: string; reason: { vi: string; en: string } }[])
      .map((e) => `${e.in} ${e.sheet}!${e.cell}`)
      .sort();
    expect(cells).toEqual(
      ['workbook Quy tắc - Rules!B2', 'workbook Tiêu chí - Criteria!E6', 'workbook Tiêu chí - Criteria!H4'].sort(),
    );
    for (const e of r.body.errors) expect(e.reason.vi && e.reason.en).toBeTruthy();
    expect((await call(t, 'GET', '/api/v1/indices/sme/versions/1.3.0', { as: 'ministry-editor' })).status).toBe(404);
  });

  it('refuses a workbook of another index at the cell that names it, and a body that is not a workbook', async () => {
    const bytes = (await download('/api/v1/indices/sme/versions/1.0.0.xlsx')).rawPayload;
    const r = await upload('large', bytes, 'ministry-editor');
    expectProblem(r, 400, 'invalid-definition');
    // Index sheet: row 2 is `id`, its value in column C.
    expect(r.body.errors.map((e: { sheet: string; cell: string; code: string }) => [e.sheet, e.cell, e.code])).toEqual([
      ['Chỉ số - Index', 'C2', 'id-mismatch'],
    ]);
    expectProblem(await upload('large', Buffer.from('not a workbook'), 'ministry-editor'), 400, 'invalid-definition');
    const json = await call(t, 'POST', '/api/v1/indices/large/drafts/import', {
      as: 'ministry-editor',
      body: { id: 'large' },
    });
    expectProblem(json, 415);
  });
});
