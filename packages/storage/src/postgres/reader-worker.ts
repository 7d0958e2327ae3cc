// The PostgreSQL reader thread (see reader.ts): its own pool per database, rows decoded here with the same type
// parsers as the main pool. Errors go back as plain data (a DatabaseError does not survive the thread boundary).
import type pg from 'pg';
import { openPool } from './database.js';
import { lowerThreadPriority } from '../threads.js';
import type { PgReadAnswer, PgReadTask } from './reader.js';

lowerThreadPriority();

const pools = new Map<string, pg.Pool>();

export default async function readTask(task: PgReadTask): Promise<PgReadAnswer> {
  if (task.query === 'close') {
    await Promise.all([...pools.values()].map((p) => p.end()));
    pools.clear();
    return { rows: [] };
  }
  let pool = pools.get(task.url);
  if (!pool) pools.set(task.url, (pool = openPool(task.url, {}, task.max, 'long-reads')));
  try {
    return { rows: (await pool.query(task.query.sql, task.query.params as unknown[])).rows };
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    return { error: { code: typeof e.code === 'string' ? e.code : undefined, message: String(e.message ?? err) } };
  }
}
