// Long reads off the event loop. better-sqlite3 is synchronous: a national rankings page or a provincial index held
// the one thread that also answers /health and every write. The reads that can grow with the country (standings,
// coverage, the list pages) run here instead, on a read-only connection of their own in a worker thread (piscina, as
// the scoring pool). WAL lets that connection read beside the writer; each call is one read transaction, so a page
// and the rows that belong to it come from one snapshot. An in-memory database cannot be opened twice and is read in
// place (it exists only in tests and tools).
import { availableParallelism } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { Piscina } from 'piscina';
import { readerThreads } from '../threads.js';

/** Rows of `sql`, then (when there are any) the rows of `then.sql` whose `(?*)` is replaced by one marker per row,
 * bound to each row's `then.key` — e.g. a page of assessments and their columns. */
export interface RelatedQuery {
  sql: string;
  params: unknown[];
  then: { sql: string; key: string };
}

export interface ReadTask {
  file: string;
  /** One statement, or a statement and its related rows (see RelatedQuery). */
  query: { sql: string; params: unknown[] } | RelatedQuery;
}

export type ReadAnswer = { rows: unknown[]; related: unknown[] } | { error: { code: string; message: string } };

export interface SqliteReader {
  all<R>(sql: string, params: unknown[]): Promise<R[]>;
  withRelated<R, C>(q: RelatedQuery): Promise<{ rows: R[]; related: C[] }>;
  close(): Promise<void>;
}

/** Runs one read task on a connection (the worker's own, or the in-memory one in place). */
export function read(db: Database, query: ReadTask['query']): { rows: unknown[]; related: unknown[] } {
  return db.transaction(() => {
    const rows = db.prepare(query.sql).all(...(query.params as unknown[])) as Record<string, unknown>[];
    if (!('then' in query) || rows.length === 0) return { rows, related: [] as unknown[] };
    const sql = query.then.sql.replace('(?*)', `(${rows.map(() => '?').join(', ')})`);
    return { rows, related: db.prepare(sql).all(...rows.map((r) => r[query.then.key])) };
  })();
}

const rethrow = (a: ReadAnswer) => {
  if ('error' in a) throw Object.assign(new Error(`${a.error.code}: ${a.error.message}`), { code: a.error.code });
  return a;
};

export function createSqliteReader(file: string, db: Database): SqliteReader {
  if (file === ':memory:') {
    return {
      all: async <R>(sql: string, params: unknown[]) => read(db, { sql, params }).rows as R[],
      withRelated: async <R, C>(q: RelatedQuery) => read(db, q) as { rows: R[]; related: C[] },
      close: async () => {},
    };
  }
  let pool: Piscina | undefined;
  const run = async (query: ReadTask['query']) => {
    // One thread per spare core; reads are synchronous there, one at a time per thread.
    pool ??= readerThreads(import.meta.url, './reader-worker', {
      maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
      idleTimeout: 60_000,
    });
    return rethrow((await pool.run({ file, query } satisfies ReadTask)) as ReadAnswer);
  };
  return {
    all: async <R>(sql: string, params: unknown[]) => (await run({ sql, params })).rows as R[],
    withRelated: async <R, C>(q: RelatedQuery) => (await run(q)) as { rows: R[]; related: C[] },
    async close() {
      const p = pool;
      pool = undefined;
      await p?.destroy();
    },
  };
}
