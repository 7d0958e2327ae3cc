// Lists out as CSV or XLSX (exceljs writes both: one library for spreadsheets in the project).
//  CSV: UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly), RFC 4180 (CRLF, quotes only where
//       needed, "" inside quotes), and safe to open in a spreadsheet: a text cell starting with = + - @ (or a tab or
//       carriage return) is prefixed with ' so it is never taken as a formula (OWASP's CSV injection advice).
//       Numbers are written as numbers (a negative number is not text and is not prefixed).
//       An exact decimal (DecimalCell, checked to be digits with an optional sign and point) is written as its digits
//       unprefixed: a spreadsheet reads it as a number, never as a formula.
//  XLSX: one worksheet, a bold frozen header row; text cells are stored as text (never formulas). Integers beyond
//       15 digits — more than a spreadsheet keeps exactly — are written as text so no figure is rounded; an exact
//       decimal is written as text too ("6.6667", "-1.0000" exactly as the JSON gives them, trailing zeros kept).
import ExcelJS from 'exceljs';
import type { Cell, Lang, Table } from './table.js';

export type ExportFormat = 'csv' | 'xlsx';

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const FORMULA_START = /^[=+\-@\t\r]/;
const EXACT_IN_SPREADSHEET = 999_999_999_999_999;

/** A text cell as CSV may carry it into a spreadsheet: never the start of a formula. */
export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

function csvField(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'object') return v.decimal;
  const text = typeof v === 'string' ? neutralise(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 BOM. */
export function toCsv<R>(table: Table<R>, lang: Lang): Buffer {
  const lines = [table.columns.map((c) => csvField(c.header[lang]))];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(c.value(row))));
  return Buffer.from('\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n', 'utf8');
}

const xlsxValue = (v: Cell): ExcelJS.CellValue =>
  v !== null && typeof v === 'object'
    ? v.decimal
    : typeof v === 'number' && Number.isInteger(v) && Math.abs(v) > EXACT_IN_SPREADSHEET
      ? String(v)
      : v;

export async function toXlsx<R>(table: Table<R>, lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DBI';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns.map((c) => c.header[lang])).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => xlsxValue(c.value(row))));
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, c.header[lang].length + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function render<R>(table: Table<R>, format: ExportFormat, lang: Lang): Promise<Buffer> {
  return format === 'csv' ? toCsv(table, lang) : toXlsx(table, lang);
}
