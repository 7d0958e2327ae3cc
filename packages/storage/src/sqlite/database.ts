// Opening the SQLite file: durable settings first, then every pending migration in one transaction.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrations as defaultMigrations, type Migration } from './migrations/index.js';

export interface OpenOptions {
  /** Override the migration list (tests of migrations themselves). */
  migrations?: readonly Migration[];
  /** Milliseconds a writer waits for another connection's lock before failing (default 5000). */
  busyTimeoutMs?: number;
  /** How long an active API key found by hash is remembered (default 1000 ms; 0 = look it up every time). A key
   *  revoked by another process is refused at most this much later; revocations through this storage at once. */
  keyCacheMs?: number;
}

/**
 * Opens (creating when needed, with its folder) the database file and brings its schema up to date.
 * WAL lets readers run beside the writer; synchronous=FULL makes every acknowledged commit survive a crash of the
 * process or the machine; foreign keys are off by default in SQLite and must be switched on per connection.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (file !== ':memory:' && String(mode).toLowerCase() !== 'wal')
      throw new Error(`could not switch ${file} to WAL (got ${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    migrate(db, options.migrations ?? defaultMigrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Applies the pending migrations in version order, all in one transaction. Returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[]): number[] {
  const versions = migrations.map((m) => m.version);
  versions.forEach((v, i) => {
    if (v !== i + 1)
      throw new Error(`migrations must be numbered 1, 2, 3, … in order; found ${v} at position ${i + 1}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const run = db.transaction((): number[] => {
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new Error(
        `the database is at schema version ${newest}, newer than this program (${migrations.length}); upgrade the program`,
      );
    }
    const done: number[] = [];
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      if (m.sql) db.exec(m.sql);
      m.up?.(db);
      record.run(m.version, m.name, new Date().toISOString());
      done.push(m.version);
    }
    return done;
  });
  // IMMEDIATE: take the write lock before reading what is applied, so two processes opening a fresh file at once
  // cannot both apply the same migration.
  return run.immediate();
}

/** Versions recorded in schema_migrations, ascending. */
export function appliedMigrations(db: Database): number[] {
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
    (r) => r.version,
  );
}
