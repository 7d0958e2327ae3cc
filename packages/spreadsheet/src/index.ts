// @dbi/spreadsheet — index definitions to and from XLSX workbooks laid out like the Decision's tables. The only
// package that reads or writes definitions as spreadsheets (exceljs); validation is @dbi/engine's, never restated.
export { exportWorkbook } from './export.js';
export { importWorkbook } from './import.js';
export type { CellError, Expected, ImportResult } from './import.js';
export { SHEETS } from './layout.js';
