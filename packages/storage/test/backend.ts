// The backend the storage contract tests run on: SQLite (a file in a temporary folder) by default, PostgreSQL (a
// scratch schema on $DBI_TEST_PG) when DBI_TEST_BACKEND=postgres — vitest.config.ts runs every contract test once
// per backend as two projects. A test opens storage and reads rows only through this file, so it is written once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStorage, openSqliteStorage, type Storage } from '../src/storage.js';
import { scratchSchema } from '../src/postgres/scratch.js';

export const BACKEND: 'sqlite' | 'postgres' = process.env.DBI_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** What DBI_DB would be: the SQLite file or the PostgreSQL URL. */
  target: string;
  /** Opens (another) storage on this database. */
  open(options?: { keyCacheMs?: number }): Promise<Storage>;
  /** Runs one statement directly (`?` placeholders on both backends), bypassing the repositories. */
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

export async function testDatabase(): Promise<TestDatabase> {
  if (BACKEND === 'postgres') {
    const base = process.env.DBI_TEST_PG;
    if (!base) throw new Error('DBI_TEST_BACKEND=postgres needs DBI_TEST_PG (see scripts/pg-cluster.sh)');
    const scratch = await scratchSchema(base);
    return {
      target: scratch.url,
      open: (options) => openPostgresStorage(scratch.url, options),
      async sql(text, params = []) {
        const c = new pg.Client({ connectionString: scratch.url });
        await c.connect();
        try {
          let n = 0;
          return (
            await c.query(
              text.replace(/\?/g, () => `$${++n}`),
              params,
            )
          ).rows;
        } finally {
          await c.end();
        }
      },
      drop: () => scratch.drop(),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'dbi-storage-'));
  const file = join(dir, 'dbi.sqlite');
  return {
    target: file,
    open: async (options) => openSqliteStorage(file, options),
    async sql(text, params = []) {
      const db = new BetterSqlite3(file);
      try {
        const st = db.prepare(text);
        return (st.reader ? st.all(...params) : (st.run(...params), [])) as never[];
      } finally {
        db.close();
      }
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
