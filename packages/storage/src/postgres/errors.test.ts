// As on SQLite: a constraint PostgreSQL refuses becomes a StorageError with our message; the server's text (relation,
// column and constraint names, the failing row) stays in `cause` for the log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../common.js';
import { openPool } from './database.js';
import { translatePgError } from './errors.js';
import { scratchSchema, type ScratchSchema } from './scratch.js';

let scratch: ScratchSchema;
beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
});
afterEach(async () => {
  await scratch.drop();
});

describe('translatePgError', () => {
  it('hides the server message of unique, check, not-null and malformed-JSON refusals', async () => {
    const pool = openPool(scratch.url);
    try {
      await pool.query(`CREATE TABLE t (id text PRIMARY KEY, doc jsonb NOT NULL, n int CHECK (n > 0))`);
      await pool.query(`INSERT INTO t VALUES ('a', '{}', 1)`);
      const cases: [string, string][] = [
        [`INSERT INTO t VALUES ('a', '{}', 1)`, 'conflict'],
        [`INSERT INTO t VALUES ('b', 'not json', 1)`, 'invalid'],
        [`INSERT INTO t VALUES ('c', NULL, 1)`, 'invalid'],
        [`INSERT INTO t VALUES ('d', '{}', 0)`, 'invalid'],
      ];
      for (const [sql, code] of cases) {
        const raw = await pool.query(sql).then(
          () => undefined,
          (e: unknown) => e,
        );
        const err = translatePgError(raw) as StorageError;
        expect(err).toBeInstanceOf(StorageError);
        expect(err.code).toBe(code);
        expect(err.message).not.toMatch(/constraint|violates|duplicate|json|"t"|t_pkey|column/i);
        expect((err.cause as Error).message.length).toBeGreaterThan(0);
      }
    } finally {
      await pool.end();
    }
  });
});
