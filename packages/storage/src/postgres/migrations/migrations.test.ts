// Meta-test of the PostgreSQL migrations: numbered without gaps, each with its file and test, and the schema they
// make is the SQLite schema's — the same tables with the same columns in the same order, the same triggers — so one
// row mapper serves both backends and `dbi admin copy` moves rows unchanged.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../sqlite/database.js';
import { openPostgresStorage } from '../../storage.js';
import { scratchSchema } from '../scratch.js';
import { migrations } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fileBase = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}-${m.name}`;

describe('PostgreSQL migrations', () => {
  it('are numbered 1, 2, 3, … in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (const m of migrations) {
    it(`${fileBase(m)} has its file and a test beside it`, () => {
      expect(existsSync(join(here, `${fileBase(m)}.ts`))).toBe(true);
      expect(existsSync(join(here, `${fileBase(m)}.test.ts`))).toBe(true);
    });
  }

  it('every migration file in the folder is in the list', () => {
    const files = readdirSync(here).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.sort()).toEqual(migrations.map((m) => `${fileBase(m)}.ts`).sort());
  });

  it('make the SQLite schema: same tables, same columns in the same order, same trigger names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbi-parity-'));
    const lite = openDatabase(join(dir, 'dbi.sqlite'));
    const scratch = await scratchSchema(process.env.DBI_TEST_PG!);
    const pg = await openPostgresStorage(scratch.url);
    try {
      const liteTables = (
        lite
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
          .all() as {
          name: string;
        }[]
      ).map((t) => ({
        table: t.name,
        columns: (lite.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string }[]).map((c) => c.name),
      }));
      const cols = (
        await pg.pool.query<{ table_name: string; column_name: string }>(
          `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()
           ORDER BY table_name COLLATE "C", ordinal_position`,
        )
      ).rows;
      const pgTables = [...new Set(cols.map((c) => c.table_name))].map((table) => ({
        table,
        columns: cols.filter((c) => c.table_name === table).map((c) => c.column_name),
      }));
      expect(pgTables).toEqual(liteTables);
      const liteTriggers = (
        lite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]
      ).map((t) => t.name);
      const pgTriggers = (
        await pg.pool.query<{ name: string }>(
          `SELECT DISTINCT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`,
        )
      ).rows.map((t) => t.name);
      // PostgreSQL's row triggers do not fire on TRUNCATE: those two are its own additions.
      expect(pgTriggers.filter((n) => !n.endsWith('_no_truncate'))).toEqual(liteTriggers);
      expect(pgTriggers.filter((n) => n.endsWith('_no_truncate'))).toEqual([
        'audit_log_no_truncate',
        'index_versions_no_truncate',
      ]);
    } finally {
      lite.close();
      await pg.close();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
