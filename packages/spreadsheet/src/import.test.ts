import ExcelJS from 'exceljs';
import { canonicalJson, type ScorecardDefinition } from '@dbi/schema';
import { loadBundled } from '@dbi/indices';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, importWorkbook, SHEETS } from './index.js';

// Reading and writing a workbook is CPU-bound (exceljs); on a shared 2-core machine a cold first run can pass the
// 60 s default, so these get more time (no assertion here is about speed).
const SLOW = { timeout: 300_000 };

const sme = () => structuredClone(loadBundled('sme@1.0.0')) as ScorecardDefinition;

/** Export a definition, let `edit` change cells as a person would in Excel, save again. */
async function edited(def: object, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportWorkbook(def as ScorecardDefinition)) as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const ws = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

describe('import honours edits in the tables', SLOW, () => {
  it('a changed weight, text, maxima and rule are what is imported (the hidden copy does not win)', async () => {
    // sme: row 2 pillar 1, row 3 component 1.1, row 4 criterion 1.1.1 (weight 1 on levels 0..5: max 5).
    const bytes = await edited(sme(), (wb) => {
      const c = ws(wb, SHEETS.criteria);
      c.getCell('H4').value = 2; // points of 1.1.1
      c.getCell('M4').value = 10; // its computed maximum, updated by the person
      c.getCell('M3').value = 50; // component 1.1: 45 → 50
      c.getCell('M2').value = 70; // pillar 1: 65 → 70
      c.getCell('F5').value = 'How often the enterprise updates its own web page';
      const index = ws(wb, SHEETS.index);
      index.eachRow((row) => {
        if (row.getCell(2).value === 'max') row.getCell(3).value = 325; // 320 → 325
        if (row.getCell(2).value === 'version') row.getCell(3).value = '1.1.0';
      });
      const rules = ws(wb, SHEETS.rules);
      // Row 8 is the first overall rule (rows 2–7: the six pillar rules): total > 256 → > 260.
      rules.getCell('C8').value = null;
      rules.getCell('D8').value =
        '{"and":[{">":[{"var":"total"},260]},{">=":[{"var":"atLeast.5"},{"var":"pillars"}]}]}';
    });
    const result = await importWorkbook(bytes);
    const want = sme();
    want.version = '1.1.0';
    want.max = 325;
    want.pillars[0]!.max = 70;
    want.pillars[0]!.components![0]!.max = 50;
    const k = want.pillars[0]!.components![0]!.criteria[0]!;
    if (k.type === undefined) k.weight = 2;
    want.pillars[0]!.components![0]!.criteria[1]!.text.en = 'How often the enterprise updates its own web page';
    want.rules.overall[0]!.when = {
      and: [{ '>': [{ var: 'total' }, 260] }, { '>=': [{ var: 'atLeast.5' }, { var: 'pillars' }] }],
    };
    if (!result.ok) expect(result.errors).toEqual([]);
    expect(result.ok && canonicalJson(result.definition)).toBe(canonicalJson(want));
  });

  it('a deleted criterion row removes the criterion; a stale computed maximum is not an error', async () => {
    // sme 1.1 has nine criteria (rows 4–12); drop 1.1.9 (row 12) and lower the declared maxima by 5.
    const bytes = await edited(sme(), (wb) => {
      const c = ws(wb, SHEETS.criteria);
      c.spliceRows(12, 1);
      c.getCell('M3').value = 40;
      c.getCell('M2').value = 60;
      ws(wb, SHEETS.index).eachRow((row) => {
        if (row.getCell(2).value === 'max') row.getCell(3).value = 315;
      });
      c.getCell('H4').value = 1; // unchanged points; M4 still says 5
    });
    const result = await importWorkbook(bytes);
    const want = sme();
    want.max = 315;
    want.pillars[0]!.max = 60;
    want.pillars[0]!.components![0]!.max = 40;
    want.pillars[0]!.components![0]!.criteria.splice(8, 1);
    if (!result.ok) expect(result.errors).toEqual([]);
    expect(result.ok && canonicalJson(result.definition)).toBe(canonicalJson(want));
  });

  it('without the hidden sheet the tables alone give everything they show', async () => {
    const bytes = await edited(sme(), (wb) => wb.removeWorksheet(ws(wb, SHEETS.data).id));
    const result = await importWorkbook(bytes);
    // What only the hidden copy carries for sme: the recorded decisions and the criteria's sub-headings.
    const want = sme() as unknown as Record<string, unknown>;
    delete want.decisions;
    for (const p of (want as unknown as ScorecardDefinition).pillars)
      for (const c of p.components ?? []) for (const k of c.criteria) delete k.group;
    if (!result.ok) expect(result.errors).toEqual([]);
    expect(result.ok && canonicalJson(result.definition)).toBe(canonicalJson(want));
  });
});

describe('a workbook with errors gets a report naming each cell', SLOW, () => {
  it('names every wrong cell with its reason in Vietnamese and English', async () => {
    const bytes = await edited(sme(), (wb) => {
      ws(wb, SHEETS.index).getCell('C3').value = '1.0'; // version: not MAJOR.MINOR.PATCH
      ws(wb, SHEETS.levels).getCell('B3').value = 'một'; // level of "Khởi động": not a number
      const c = ws(wb, SHEETS.criteria);
      c.getCell('H4').value = 'một'; // points of 1.1.1: not a number
      c.getCell('E5').value = null; // Vietnamese text of 1.1.2: emptied
      c.getCell('L6').value = 3; // a cap on a level question (1.1.3)
      const r = ws(wb, SHEETS.rules);
      r.getCell('C2').value = 'points > 80'; // the readable text edited instead of the json-logic
      r.getCell('D8').value = '{"and": ['; // broken json-logic in the first overall rule
    });
    const result = await importWorkbook(bytes);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    const cells = errors.map((e) => `${e.sheet}!${e.cell}`).sort();
    expect(cells).toEqual(
      [
        `${SHEETS.index}!C3`,
        `${SHEETS.levels}!B3`,
        `${SHEETS.criteria}!H4`,
        `${SHEETS.criteria}!E5`,
        `${SHEETS.criteria}!L6`,
        `${SHEETS.rules}!C2`,
        `${SHEETS.rules}!D8`,
      ].sort(),
    );
    const by = (cell: string) => errors.find((e) => e.cell === cell && e.sheet === SHEETS.criteria)!;
    expect(by('H4').code).toBe('not-a-number');
    expect(by('E5').pointer).toBe('/pillars/0/components/0/criteria/1/text/vi');
    expect(by('L6').code).toBe('unused-cell');
    for (const e of errors) {
      expect(e.reason.vi.length).toBeGreaterThan(0);
      expect(e.reason.en.length).toBeGreaterThan(0);
    }
  });

  it('options under a question that has none, and a rule for an unknown pillar, are named', async () => {
    const bytes = await edited(sme(), (wb) => {
      const c = ws(wb, SHEETS.criteria);
      c.insertRow(5, ['', '', '', 'a', 'Có', 'Yes', '', 1]); // an option row under level criterion 1.1.1
      const r = ws(wb, SHEETS.rules);
      r.getCell('A2').value = 'pillar 9';
    });
    const result = await importWorkbook(bytes);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => [e.sheet, e.cell, e.code])).toEqual([
      [SHEETS.criteria, 'D5', 'stray-option'],
      [SHEETS.rules, 'A2', 'unknown-pillar'],
    ]);
  });

  it('a file that is not a workbook is refused with a reason', async () => {
    const result = await importWorkbook(new TextEncoder().encode('{"id":"sme"}'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.code).toBe('not-xlsx');
  });
});
