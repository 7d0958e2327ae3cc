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
