// Opening PostgreSQL: migrations applied once (also when two processes open a fresh database at once), a newer
// schema refused, a failing migration rolled back whole, 64-bit integers read exactly or refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedPgMigrations, migratePg, openPool } from './database.js';
import { migrations } from './migrations/index.js';
import { scratchSchema, type ScratchSchema } from './scratch.js';

let scratch: ScratchSchema;
beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
});
afterEach(async () => {
  await scratch.drop();
});

describe('migratePg', () => {
  it('applies every migration once, even when several processes open a fresh database at the same moment', async () => {
    const pools = [openPool(scratch.url), openPool(scratch.url), openPool(scratch.url)];
    try {
      const applied = await Promise.all(pools.map((p) => migratePg(p)));
      expect(applied.filter((a) => a.length > 0)).toEqual([migrations.map((m) => m.version)]);
      expect(await appliedPgMigrations(pools[0]!)).toEqual(migrations.map((m) => m.version));
      expect(await migratePg(pools[1]!)).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('refuses a database newer than the program, and rolls back a failing migration whole', async () => {
    const pool = openPool(scratch.url);
    try {
      const extra = { version: migrations.length + 1, name: 'extra', sql: 'CREATE TABLE extra (x integer)' };
      await migratePg(pool, [...migrations, extra]);
      await expect(migratePg(pool)).rejects.toThrow(/newer than this program/);
      const broken = {
        version: migrations.length + 2,
        name: 'broken',
        sql: 'CREATE TABLE ok_table (x integer); NOT SQL',
      };
      await expect(migratePg(pool, [...migrations, extra, broken])).rejects.toThrow();
      expect(await appliedPgMigrations(pool)).toEqual([...migrations.map((m) => m.version), extra.version]);
      expect((await pool.query("SELECT to_regclass('ok_table') AS t")).rows[0].t).toBeNull();
      await expect(migratePg(pool, [{ ...migrations[0]!, version: 2 }])).rejects.toThrow(/numbered 1, 2, 3/);
    } finally {
      await pool.end();
    }
  });

  it('reads bigint columns as exact numbers, and refuses one a number cannot hold', async () => {
    const pool = openPool(scratch.url);
    try {
      expect((await pool.query('SELECT 9007199254740991::bigint AS n')).rows[0].n).toBe(9_007_199_254_740_991);
      await expect(pool.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(/outside the exact range/);
    } finally {
      await pool.end();
    }
  });
});
