// The exchange library on its own: CSV bytes worked out by hand (BOM, RFC 4180 quoting, CRLF, formula neutralising),
// the header language from Accept-Language, and an XLSX round trip through exceljs's reader.
import { describe, expect, it } from 'vitest';
import { createExportPool, render, WORKER_MIN_ROWS } from './export.js';
import { decimalCell, headerLang, neutralise, readTable, toCsv, toXlsx, type WholeTable } from './index.js';

type Row = { code: string; note: string | null; n: number | null; ok: boolean };
const table: WholeTable<Row> = {
  name: 'sample',
  columns: [
    { key: 'code', header: { vi: 'Mã số', en: 'Code' }, value: (r) => r.code },
    { key: 'note', header: { vi: 'Ghi chú', en: 'Note' }, value: (r) => r.note },
    { key: 'n', header: { vi: 'Số', en: 'Number' }, value: (r) => r.n },
    { key: 'ok', header: { vi: 'Đạt', en: 'Passed' }, value: (r) => r.ok },
  ],
  rows: [
    { code: '0100000001', note: 'Hà Nội, "phố cổ"', n: -5, ok: true },
    { code: '=1+2', note: 'dòng 1\ndòng 2', n: null, ok: false },
    { code: '@SUM(A1)', note: '-x', n: 9_007_199_254_740_991, ok: true },
    { code: '+84', note: null, n: 0, ok: false },
  ],
};

describe('toCsv', () => {
  it('writes UTF-8 with BOM, CRLF, quotes only where needed, formulas neutralised, numbers as numbers', () => {
    const bytes = toCsv(table, 'vi');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'Mã số,Ghi chú,Số,Đạt\r\n' +
        '0100000001,"Hà Nội, ""phố cổ""",-5,true\r\n' +
        '\'=1+2,"dòng 1\ndòng 2",,false\r\n' +
        "'@SUM(A1),'-x,9007199254740991,true\r\n" +
        "'+84,,0,false\r\n",
    );
    expect(toCsv(table, 'en').subarray(3).toString('utf8').split('\r\n')[0]).toBe('Code,Note,Number,Passed');
  });

  it('neutralises exactly the cells a spreadsheet would read as a formula', () => {
    expect(['=a', '+a', '-a', '@a', '\ta', '\ra', 'a=', ' =a', ''].map(neutralise)).toEqual([
      "'=a",
      "'+a",
      "'-a",
      "'@a",
      "'\ta",
      "'\ra",
      'a=',
      ' =a',
      '',
    ]);
  });
});

describe('toXlsx and readTable', () => {
  it('round-trips text as text; integers past 15 digits are written as text, not rounded', async () => {
    const rows = await readTable(await toXlsx(table, 'en'), 'xlsx', 100);
    expect(rows.map((r) => r.cells)).toEqual([
      ['Code', 'Note', 'Number', 'Passed'],
      ['0100000001', 'Hà Nội, "phố cổ"', '-5', 'true'],
      ['=1+2', 'dòng 1\ndòng 2', '', 'false'],
      ['@SUM(A1)', '-x', '9007199254740991', 'true'],
      ['+84', '', '0', 'false'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads CSV with or without BOM, quoted newlines in one record, leading zeros kept', async () => {
    const rows = await readTable(toCsv(table, 'vi'), 'csv', 100);
    expect(rows[1]!.cells).toEqual(['0100000001', 'Hà Nội, "phố cổ"', '-5', 'true']);
    expect(rows[2]!.cells).toEqual(["'=1+2", 'dòng 1\ndòng 2', '', 'false']);
    const plain = await readTable(Buffer.from('a,b\r\n007,"x"\r\n\r\n'), 'csv', 100);
    expect(plain.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['007', 'x'],
    ]);
  });

  it('stops reading one row past the limit', async () => {
    const csv = Buffer.from(['h', ...Array.from({ length: 50 }, (_, i) => String(i))].join('\n'));
    expect(await readTable(csv, 'csv', 10)).toHaveLength(12);
  });
});

describe('headerLang', () => {
  it('English only when preferred over Vietnamese', () => {
    expect(
      [
        undefined,
        'en',
        'en-US,en;q=0.9',
        'vi-VN,vi;q=0.9,en;q=0.8',
        'fr, en;q=0.5, vi;q=0.7',
        'de',
        'vi;q=0.2, en;q=0.9',
      ].map(headerLang),
    ).toEqual(['vi', 'en', 'en', 'vi', 'vi', 'vi', 'en']);
  });
});

describe('decimal cells', () => {
  const dec: WholeTable<{ z: string | null }> = {
    name: 'z',
    columns: [{ key: 'z', header: { vi: 'Điểm Z', en: 'Z-score' }, value: (r) => (r.z ? decimalCell(r.z) : null) }],
    rows: [{ z: '-1.0000' }, { z: '6.6667' }, { z: null }],
  };

  it('CSV writes the digits as given (a negative sign is not a formula); XLSX keeps them as text', async () => {
    expect(toCsv(dec, 'en').subarray(3).toString('utf8')).toBe('Z-score\r\n-1.0000\r\n6.6667\r\n\r\n');
    const rows = await readTable(await toXlsx(dec, 'en'), 'xlsx', 10);
    expect(rows.map((r) => r.cells)).toEqual([['Z-score'], ['-1.0000'], ['6.6667']]);
  });

  it('anything but a plain decimal is refused', () => {
    for (const bad of ['-1+2', '=1', '1e5', '', '1.', '.5', ' 1']) expect(() => decimalCell(bad)).toThrow(TypeError);
  });
});

describe('large exports in the worker thread', () => {
  // 2,500 rows: over WORKER_MIN_ROWS and over one chunk, so the rows cross the thread boundary in pieces.
  const many: WholeTable<Row> = { ...table, rows: Array.from({ length: 2500 }, (_, i) => table.rows[i % 4]!) };

  it('writes the same CSV bytes as the in-process writer, and an XLSX that reads back the same', async () => {
    expect(many.rows.length).toBeGreaterThanOrEqual(WORKER_MIN_ROWS);
    const pool = createExportPool();
    try {
      const csv = await render(many, 'csv', 'vi', pool);
      expect(csv.equals(toCsv(many, 'vi'))).toBe(true);
      expect(csv.subarray(3).toString('utf8').split('\r\n')).toHaveLength(2500 + 2); // header, rows, final CRLF
      const xlsx = await readTable(await render(many, 'xlsx', 'en', pool), 'xlsx', 3000);
      expect(xlsx.map((r) => r.cells)).toEqual(
        (await readTable(await toXlsx(many, 'en'), 'xlsx', 3000)).map((r) => r.cells),
      );
      expect(xlsx).toHaveLength(2501);
      expect(xlsx[2500]!.cells).toEqual(['+84', '', '0', 'false']); // row 2,500 is sample row 4
    } finally {
      await pool.destroy();
    }
  });

  it('a table read a page at a time gives the same file as the whole table, with or without the worker', async () => {
    // Pages of 700, 700, 700 and 400 rows (an export's pages come from the database in its order).
    async function* pages() {
      for (let i = 0; i < many.rows.length; i += 700) yield many.rows.slice(i, i + 700);
    }
    const paged = { ...many, rows: pages() };
    const pool = createExportPool();
    try {
      expect((await render(paged, 'csv', 'vi', pool)).equals(toCsv(many, 'vi'))).toBe(true);
      const xlsx = await readTable(await render({ ...many, rows: pages() }, 'xlsx', 'en', pool), 'xlsx', 3000);
      expect(xlsx.map((r) => r.cells)).toEqual(
        (await readTable(await toXlsx(many, 'en'), 'xlsx', 3000)).map((r) => r.cells),
      );
    } finally {
      await pool.destroy();
    }
    expect((await render({ ...many, rows: pages() }, 'csv', 'en')).equals(toCsv(many, 'en'))).toBe(true);
  });
});
