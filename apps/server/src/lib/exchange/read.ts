// Tables in: a CSV (UTF-8, with or without BOM, RFC 4180) or the first worksheet of an XLSX, read with exceljs, as
// text cells — nothing is guessed (a tax code keeps its leading zero; a number typed in a spreadsheet cell comes
// back as its digits). Callers map the text to their typed fields and validate it with their own schema.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportFormat } from './export.js';

export interface ReadRow {
  /** 1-based line (CSV) or row (XLSX) number in the file, as the person who made it sees it; the header is 1. */
  line: number;
  cells: string[];
}

export class TableReadError extends Error {}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Rows of the file (header first), each cell as text, trailing empty rows dropped; at most `maxRows` + 1 rows. */
export async function readTable(body: Buffer, format: ExportFormat, maxRows: number): Promise<ReadRow[]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'csv') {
      const text = body.toString('utf8').replace(/^\uFEFF/, '');
      sheet = await workbook.csv.read(Readable.from([text]), {
        map: (value: unknown) => value,
        parserOptions: { ignoreEmpty: false },
      });
    } else {
      await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
      sheet = workbook.worksheets[0];
    }
  } catch (err) {
    throw new TableReadError(`the file is not a readable ${format.toUpperCase()} file (${(err as Error).message})`);
  }
  if (!sheet) throw new TableReadError('the workbook has no worksheet');
  const rows: ReadRow[] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value).trim());
    rows.push({ line: r, cells });
    if (rows.length > maxRows + 1) break;
  }
  while (rows.length && rows[rows.length - 1]!.cells.every((c) => c === '')) rows.pop();
  return rows;
}
