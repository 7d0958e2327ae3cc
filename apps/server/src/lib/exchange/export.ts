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
import { workerPool, type WorkerPool } from '../workers.js';
import type { Cell, Lang, Table, WholeTable } from './table.js';

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

/** A table's cells in one language: what the CSV and XLSX writers read (and what a worker thread receives). */
export interface Sheet {
  name: string;
  headers: string[];
  rows: Cell[][];
}

export function sheetOf<R>(table: WholeTable<R>, lang: Lang): Sheet {
  return {
    name: table.name,
    headers: table.columns.map((c) => c.header[lang]),
    rows: table.rows.map((row) => table.columns.map((c) => c.value(row))),
  };
}

/** RFC 4180 CSV with a UTF-8 BOM. */
export function csvOf(sheet: Sheet): Buffer {
  const lines = [sheet.headers.map(csvField)];
  for (const row of sheet.rows) lines.push(row.map(csvField));
  return Buffer.from('\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n', 'utf8');
}

const xlsxValue = (v: Cell): ExcelJS.CellValue =>
  v !== null && typeof v === 'object'
    ? v.decimal
    : typeof v === 'number' && Number.isInteger(v) && Math.abs(v) > EXACT_IN_SPREADSHEET
      ? String(v)
      : v;

export async function xlsxOf(sheet: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DBI';
  const ws = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(sheet.headers).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row.map(xlsxValue));
  sheet.headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const toCsv = <R>(table: WholeTable<R>, lang: Lang): Buffer => csvOf(sheetOf(table, lang));
export const toXlsx = <R>(table: WholeTable<R>, lang: Lang): Promise<Buffer> => xlsxOf(sheetOf(table, lang));

/** What the export worker receives: the sheet's rows as JSON text in chunks (strings cross the thread boundary as
 * a copy of bytes, where a million cells as objects would be cloned one by one on the event loop). */
export interface RenderTask {
  format: ExportFormat;
  name: string;
  headers: string[];
  chunks: string[];
}

export type ExportPool = WorkerPool<RenderTask, Uint8Array>;

/** CSV exports of at least this many rows are written in a worker thread (smaller ones cost less than the hand-off);
 * every XLSX is, since exceljs takes 100–250 ms for even a few hundred rows on a busy 2-core machine. */
export const WORKER_MIN_ROWS = 1000;
const CHUNK_ROWS = 500;

export function createExportPool(): ExportPool {
  return workerPool<RenderTask, Uint8Array>(import.meta.url, './render-worker');
}

/** The table as a file. An XLSX, a large CSV or a paged table is written in the export worker (an XLSX of 100,000
 * rows takes seconds); its cells are read at most CHUNK_ROWS at a time (a paged table's rows a page at a time, let go
 * once they are text) with a turn of the event loop between, so no other request waits on it. */
export async function render<R>(table: Table<R>, format: ExportFormat, lang: Lang, pool?: ExportPool): Promise<Buffer> {
  const { rows } = table;
  if (!pool || (isWhole(rows) && format === 'csv' && rows.length < WORKER_MIN_ROWS)) {
    const whole = isWhole(rows) ? rows : await collect(rows);
    const sheet = sheetOf({ ...table, rows: whole }, lang);
    return format === 'csv' ? csvOf(sheet) : xlsxOf(sheet);
  }
  const chunks: string[] = [];
  for await (const page of isWhole(rows) ? [rows] : rows) {
    for (let i = 0; i < page.length; i += CHUNK_ROWS) {
      chunks.push(JSON.stringify(page.slice(i, i + CHUNK_ROWS).map((row) => table.columns.map((c) => c.value(row)))));
      await new Promise((r) => setImmediate(r));
    }
  }
  const bytes = await pool.run({ format, name: table.name, headers: table.columns.map((c) => c.header[lang]), chunks });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const isWhole = <R>(rows: Table<R>['rows']): rows is readonly R[] => Array.isArray(rows);

async function collect<R>(pages: AsyncIterable<readonly R[]>): Promise<R[]> {
  const all: R[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
