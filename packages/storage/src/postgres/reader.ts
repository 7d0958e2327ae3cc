// Long reads off the event loop, as SQLite's reader (sqlite/reader.ts) does: node-postgres decodes every row in
// JavaScript, and a run of 500-row national pages held the event loop that answers /health for 50–150 ms at a time.
// The reads that grow with the country run in a worker thread (piscina) holding a pool of their own
// (PgOpenOptions.longReadConnections), so /health, keys, sessions and writes always find a connection and a thread.
import type { Piscina } from 'piscina';
import { readerThreads } from '../threads.js';

export interface PgReadTask {
  url: string;
  max: number;
  /** A statement to run, or `close` to end the worker's connections. */
  query: { sql: string; params: readonly unknown[] } | 'close';
}

export type PgReadAnswer = { rows: unknown[] } | { error: { code: string | undefined; message: string } };

export interface PgReader {
  rows<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export function createPgReader(url: string, max: number): PgReader {
  let pool: Piscina | undefined;
  return {
    async rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      // One thread with `max` reads in flight: the work there is waiting on the database and decoding rows.
      pool ??= readerThreads(import.meta.url, './reader-worker', {
        maxThreads: 1,
        concurrentTasksPerWorker: max,
        idleTimeout: Infinity,
      });
      const a = (await pool.run({ url, max, query: { sql, params } } satisfies PgReadTask)) as PgReadAnswer;
      if ('error' in a) throw Object.assign(new Error(a.error.message), { code: a.error.code });
      return a.rows as R[];
    },
    async close() {
      const p = pool;
      pool = undefined;
      if (!p) return;
      await p.run({ url, max, query: 'close' } satisfies PgReadTask).catch(() => undefined);
      await p.destroy();
    },
  };
}
