// What both backends' periods and pages share: the row mapper and the keyset WHERE clause.
import type { PeriodRecord } from './types.js';

export interface PeriodRow {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  created_at: string;
  created_by: string;
}

export const toPeriod = (r: PeriodRow): PeriodRecord => ({
  id: r.id,
  name: r.name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** `key > after` and each given condition (a list: IN, an empty list: nothing matches). */
export function pageWhere(
  placeholder: (n: number) => string,
  key: string,
  after: string | undefined,
  conditions: Array<[string, string | readonly string[] | undefined]>,
): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const w: string[] = [];
  if (after !== undefined) w.push(`${key} > ${placeholder(params.push(after))}`);
  for (const [column, value] of conditions) {
    if (value === undefined) continue;
    if (typeof value === 'string') w.push(`${column} = ${placeholder(params.push(value))}`);
    else if (value.length === 0) w.push('1 = 0');
    else w.push(`${column} IN (${value.map((v) => placeholder(params.push(v))).join(', ')})`);
  }
  return { where: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
}

/** The keyset id queries of the small lists, one SQL for both backends. */
export function idPageQueries(placeholder: (n: number) => string) {
  return {
    consultants(limit: number, after?: string) {
      const { where, params } = pageWhere(placeholder, 'c.id', after, []);
      return {
        sql: `SELECT c.id FROM consultants c ${where} ORDER BY c.id LIMIT ${placeholder(params.length + 1)}`,
        params: [...params, limit],
      };
    },
    groups(filter: { parentTaxCode?: string; province?: string }, limit: number, after?: string) {
      const { where, params } = pageWhere(placeholder, 'g.id', after, [
        ['g.parent_tax_code', filter.parentTaxCode],
        ['e.province', filter.province],
      ]);
      return {
        sql: `SELECT g.id FROM enterprise_groups g JOIN enterprises e ON e.tax_code = g.parent_tax_code ${where}
              ORDER BY g.id LIMIT ${placeholder(params.length + 1)}`,
        params: [...params, limit],
      };
    },
  };
}
