// The opaque cursor of paged lists (COMMON contract: `?after=<cursor>` → `{ items, next }`): the key of the last item
// of the page, base64url-encoded with the list it belongs to, so a cursor of one list is refused by another.
import { HttpProblem, invalidInput } from '../problems.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export function encodeCursor(list: string, key: string): string {
  return Buffer.from(JSON.stringify([list, key]), 'utf8').toString('base64url');
}

/** The key in a cursor of `list`; 400 naming `after` for anything else. */
export function decodeCursor(list: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && v[0] === list && typeof v[1] === 'string') return v[1];
  } catch {
    // refused below
  }
  throw invalidInput([
    {
      pointer: '/after',
      detail: 'not a cursor of this list: pass the `next` of the previous page unchanged',
      code: 'bad-cursor',
      in: 'query',
    },
  ]);
}

/** `limit + 1` rows asked for → the page and the cursor of the next one (null on the last page). */
export function pageOf<T>(list: string, rows: T[], limit: number, key: (row: T) => string) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(list, key(last)) : null };
}

/** Most rows one CSV/XLSX export carries: beyond it the caller narrows the filter (413), so no export reads a whole
 * national table. */
export const EXPORT_MAX_ROWS = 100_000;

/** Every row of a keyset-paged list for an export, read `MAX_LIMIT` at a time in the database's order and handed on
 * a page at a time (lib/exchange turns each into cells before the next is read). */
export async function* allPages<T>(
  read: (limit: number, after: string | undefined) => Promise<T[]>,
  key: (row: T) => string,
): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (let count = 0; ;) {
    const page = await read(MAX_LIMIT, after);
    count += page.length;
    if (count > EXPORT_MAX_ROWS) throw tooLargeExport();
    yield page;
    if (page.length < MAX_LIMIT) return;
    after = key(page[page.length - 1]!);
  }
}

function tooLargeExport() {
  return new HttpProblem(
    'too-large',
    `an export carries at most ${EXPORT_MAX_ROWS} rows; narrow the list with its filters`,
  );
}
