// A list as a table: columns with Vietnamese and English headers, each reading one cell from a row. Every export
// (CSV, XLSX) and the enterprise import are defined over this, so a list is described once.
/** An exact decimal as the JSON answer gives it (e.g. a Z-score "-1.0000"): written as its digits, never as a float. */
export interface DecimalCell {
  decimal: string;
}
export type Cell = string | number | boolean | null | DecimalCell;

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
/** A decimal cell; anything but plain digits with an optional sign and point is refused (it could be a formula). */
export function decimalCell(text: string): DecimalCell {
  if (!DECIMAL.test(text)) throw new TypeError(`not a decimal: ${text}`);
  return { decimal: text };
}
export type Lang = 'vi' | 'en';

export interface Column<R> {
  /** Stable machine name (accepted as a header on import, like either language's header). */
  key: string;
  header: { vi: string; en: string };
  value: (row: R) => Cell;
}

/** A table's rows: all at once, or a page at a time (an export of a keyset-paged list, whose pages are turned into
 * cells and let go one by one, so 100,000 records never sit in the server's memory together). */
export type Rows<R> = readonly R[] | AsyncIterable<readonly R[]>;

export interface Table<R, Rs extends Rows<R> = Rows<R>> {
  /** File name stem and worksheet name (ASCII, e.g. `enterprises`). */
  name: string;
  columns: ReadonlyArray<Column<R>>;
  rows: Rs;
}

/** A table whose rows are all at hand. */
export type WholeTable<R> = Table<R, readonly R[]>;

/** The headers' language: English when the request prefers it (Accept-Language), else Vietnamese. */
export function headerLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.tag.startsWith('vi') || x.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'vi';
}
