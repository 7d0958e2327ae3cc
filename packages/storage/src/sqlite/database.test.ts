import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, openDatabase } from './database.js';
import { migrations } from './migrations/index.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dbi-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the folder and the file, in WAL mode with durable, checked settings', () => {
    const file = join(tempDir(), 'nested', 'deeper', 'dbi.sqlite');
    const db = openDatabase(file);
    expect(existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('applies every migration once and records it', () => {
    const file = join(tempDir(), 'dbi.sqlite');
    const db = openDatabase(file);
    expect(appliedMigrations(db)).toEqual(migrations.map((m) => m.version));
    db.close();
    const again = openDatabase(file);
    expect(appliedMigrations(again)).toEqual(migrations.map((m) => m.version));
    const rows = again.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
    expect(rows.n).toBe(migrations.length);
    again.close();
  });

  it('applies only the pending migrations on an older database', () => {
    const file = join(tempDir(), 'dbi.sqlite');
    openDatabase(file, { migrations: migrations.slice(0, 1) }).close();
    const extra = { version: migrations.length + 1, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER) STRICT;' };
    const db = openDatabase(file, { migrations: [...migrations, extra] });
    expect(appliedMigrations(db)).toEqual([...migrations.map((m) => m.version), extra.version]);
    db.close();
  });

  it('refuses a database newer than the program', () => {
    const file = join(tempDir(), 'dbi.sqlite');
    const extra = { version: migrations.length + 1, name: 'future', sql: 'CREATE TABLE future (x INTEGER) STRICT;' };
    openDatabase(file, { migrations: [...migrations, extra] }).close();
    expect(() => openDatabase(file)).toThrow(/newer than this program/);
  });

  it('refuses a migration list that is not numbered 1, 2, 3, …', () => {
    const file = join(tempDir(), 'dbi.sqlite');
    expect(() => openDatabase(file, { migrations: [{ ...migrations[0]!, version: 2 }] })).toThrow(/numbered 1, 2, 3/);
  });

  it('rolls back every pending migration when one fails', () => {
    const file = join(tempDir(), 'dbi.sqlite');
    const broken = {
      version: migrations.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE ok_table (x INTEGER); THIS IS NOT SQL;',
    };
    expect(() => openDatabase(file, { migrations: [...migrations, broken] })).toThrow();
    const db = openDatabase(file);
    expect(appliedMigrations(db)).toEqual(migrations.map((m) => m.version));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ok_table'").all();
    expect(tables).toEqual([]);
    db.close();
  });
});
