// dbi export-xlsx and dbi import-xlsx, run as the user runs them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@dbi/schema';
import { dbi, national, tempDir } from '../test/run.js';

// Reading and writing a workbook is CPU-bound (exceljs); on a shared 2-core machine a cold first run can pass the
// 60 s default, so these get more time (no assertion here is about speed).
const SLOW = { timeout: 300_000 };

let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('dbi export-xlsx / import-xlsx', SLOW, () => {
  it('round trip of sme@1.0.0 gives back the same canonical JSON', async () => {
    const xlsx = join(dir, 'sme.xlsx');
    const exported = await dbi(['export-xlsx', 'sme@1.0.0', xlsx]);
    expect(exported.stderr).toBe(`wrote ${xlsx} (sme@1.0.0)\n`);
    expect(exported.code).toBe(0);
    const back = await dbi(['import-xlsx', xlsx]);
    expect(back.code).toBe(0);
    expect(canonicalJson(JSON.parse(back.stdout))).toBe(canonicalJson(national('sme')));
  });

  it('a workbook with errors: each cell on its own line, exit 1', async () => {
    const xlsx = join(dir, 'bad.xlsx');
    expect((await dbi(['export-xlsx', 'sme@1.0.0', xlsx])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    wb.getWorksheet('Tiêu chí - Criteria')!.getCell('H4').value = 'ba'; // points of 1.1.1
    wb.getWorksheet('Chỉ số - Index')!.getCell('C3').value = 'v1'; // version
    writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await dbi(['import-xlsx', xlsx, join(dir, 'out.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`dbi: ${xlsx}: 2 problems, by sheet and cell`);
    expect(
      lines
        .slice(1)
        .map((l) => l.trim().split(':')[0])
        .sort(),
    ).toEqual(['Chỉ số - Index!C3', 'Tiêu chí - Criteria!H4'].sort());
    expect(r.stderr).toContain('"ba" is not a number / "ba" không phải là số [not-a-number]');
  });

  it('usage errors exit 2', async () => {
    expect((await dbi(['export-xlsx', 'sme@1.0.0'])).code).toBe(2);
    expect((await dbi(['import-xlsx'])).code).toBe(2);
  });
});
