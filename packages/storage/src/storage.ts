// The top of the package: the aggregate `Storage` the API sees (one member per feature folder), its SQLite and
// PostgreSQL assemblies, and the choice between them from DBI_DB. Everything here only composes what the feature
// folders (registry/, keys/, assessments/) declare and implement on the shared sqlite/ and postgres/ layers;
// nothing below imports this file.
import { dirname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { StorageError, type AuditLog } from './common.js';
import type { AccountRepository } from './accounts/types.js';
import { SqliteAccountRepository } from './accounts/sqlite.js';
import { PgAccountRepository } from './accounts/postgres.js';
import type { AssessmentRepositories } from './assessments/types.js';
import { createSqliteAssessmentRepositories } from './assessments/sqlite.js';
import type { ApiKeyRepository } from './keys/types.js';
import { SqliteApiKeyRepository } from './keys/sqlite.js';
import { loadKeySecret } from './keys/secret.js';
import type { IndexRepository } from './registry/types.js';
import { SqliteIndexRepository } from './registry/sqlite.js';
import { SqliteAuditLog } from './sqlite/audit.js';
import { openDatabase, type OpenOptions } from './sqlite/database.js';
import { createPgReader } from './postgres/reader.js';
import { createSqliteReader } from './sqlite/reader.js';
import { createPgAssessmentRepositories } from './assessments/postgres.js';
import { PgApiKeyRepository } from './keys/postgres.js';
import { PgIndexRepository } from './registry/postgres.js';
import { PgAuditLog } from './postgres/audit.js';
import { isPostgresUrl, migratePg, openPool, sqlOf, type PgOpenOptions } from './postgres/database.js';
import { PgWriter } from './postgres/tx.js';
import type { NationalRepositories } from './standings/types.js';
import { createSqliteNationalRepositories } from './standings/sqlite.js';
import { createPgNationalRepositories } from './standings/postgres.js';
import type { RevisionRepository } from './revisions/types.js';
import { SqliteRevisionRepository } from './revisions/sqlite.js';
import { PgRevisionRepository } from './revisions/postgres.js';

export interface Storage extends AssessmentRepositories, NationalRepositories {
  readonly indices: IndexRepository;
  readonly keys: ApiKeyRepository;
  readonly accounts: AccountRepository;
  readonly audit: AuditLog;
  readonly revisions: RevisionRepository;
  /** `PRAGMA integrity_check` (or the adapter's equivalent): ['ok'] when intact. */
  integrityCheck(): Promise<string[]>;
  close(): Promise<void>;
}

export interface SqliteStorage extends Storage {
  /** The connection, for other SQLite repositories of this package (never exported to the API). */
  readonly db: Database;
  readonly file: string;
}

/** The SQLite implementation: one connection for writes and point reads (better-sqlite3 is synchronous; every
 * statement runs to completion before the event loop moves on, so there is no interleaving inside a transaction),
 * and a read-only one in a worker thread for the reads that grow with the data (sqlite/reader.ts). */
export function openSqliteStorage(file: string, options: OpenOptions = {}): SqliteStorage {
  const db = openDatabase(file, options);
  const reader = createSqliteReader(file, db);
  let closed = false;
  return {
    db,
    file,
    indices: new SqliteIndexRepository(db),
    keys: new SqliteApiKeyRepository(db, options.keyCacheMs),
    accounts: new SqliteAccountRepository(db),
    audit: new SqliteAuditLog(db),
    ...createSqliteAssessmentRepositories(db),
    ...createSqliteNationalRepositories(db, reader),
    revisions: new SqliteRevisionRepository(db),
    async integrityCheck() {
      return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    },
    async close() {
      if (closed) return;
      closed = true;
      await reader.close();
      db.close();
    },
  };
}

export interface PgStorage extends Storage {
  /** The pool, for this package's own tools and tests (never exported to the API). */
  readonly pool: pg.Pool;
}

/** The PostgreSQL implementation: a pool for writes and short reads (every write one SERIALIZABLE transaction,
 * postgres/tx.ts) and a small one for the long national reads (PgOpenOptions.longReadConnections). */
export async function openPostgresStorage(url: string, options: PgOpenOptions = {}): Promise<PgStorage> {
  const pool = openPool(url, options);
  try {
    await migratePg(pool, options.migrations);
  } catch (err) {
    await pool.end();
    throw err;
  }
  // A thread and connections of their own, started on first use: an instance that serves no national reads holds none.
  const longReads = createPgReader(url, options.longReadConnections ?? 2);
  let closed = false;
  return {
    pool,
    indices: new PgIndexRepository(new PgWriter(pool)),
    keys: new PgApiKeyRepository(new PgWriter(pool), options.keyCacheMs),
    accounts: new PgAccountRepository(new PgWriter(pool, 'conflict')),
    audit: new PgAuditLog(sqlOf(pool)),
    ...createPgAssessmentRepositories(new PgWriter(pool, 'conflict')),
    ...createPgNationalRepositories(new PgWriter(pool, 'conflict'), longReads),
    revisions: new PgRevisionRepository(new PgWriter(pool, 'conflict')),
    async integrityCheck() {
      // PostgreSQL checks its own pages; what can be asked here is that the schema is the one this program wrote.
      const r = await pool.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations');
      return r.rows[0]?.version ? ['ok'] : ['schema_migrations is empty'];
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([pool.end(), longReads.close()]);
    },
  };
}

/** Where DBI_DB points: a SQLite file (a path) or a PostgreSQL database (a postgres:// URL). */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/**
 * Reads DBI_DB (or `--db`): a postgres:// or postgresql:// URL selects PostgreSQL; a path is a SQLite file (relative
 * to `cwd`); anything else that looks like a URL (`mysql://…`, `sqlite:…`, `http://…`) is refused — taken as a path
 * it would silently create a SQLite file under a folder named after the scheme.
 */
export function databaseTarget(value: string, cwd = process.cwd()): DatabaseTarget {
  if (isPostgresUrl(value)) return { kind: 'postgres', url: value };
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(value);
  if (scheme) {
    throw new StorageError(
      'invalid',
      `the database "${scheme[1]}:…" is not supported: give a file path for SQLite (e.g. ./data/dbi.sqlite) or a postgres://user@host:5432/dbname URL for PostgreSQL`,
    );
  }
  return { kind: 'sqlite', file: resolve(cwd, value) };
}

/**
 * The key secret of a database (see keys/secret.ts): `given` (DBI_KEY_SECRET) when set, else the file `key-secret`
 * beside a SQLite file, or ./data/key-secret of the working directory for PostgreSQL — several instances on one
 * PostgreSQL database must be given the same DBI_KEY_SECRET (or share that file).
 */
export function keySecretFor(target: DatabaseTarget, given?: string): string {
  const file = target.kind === 'sqlite' ? join(dirname(target.file), 'key-secret') : resolve('data', 'key-secret');
  return loadKeySecret(file, given);
}

/** A target as it may be printed: a URL without its password. */
export function describeTarget(t: DatabaseTarget): string {
  if (t.kind === 'sqlite') return t.file;
  try {
    const u = new URL(t.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Opens the storage behind the API: PostgreSQL for a postgres:// URL, else the SQLite file (created with its folder
 * when missing). Refuses other URL schemes (see databaseTarget). */
export async function openStorage(
  target: string | DatabaseTarget,
  options: OpenOptions & Pick<PgOpenOptions, 'maxConnections' | 'longReadConnections'> = {},
): Promise<Storage> {
  const t = typeof target === 'string' ? databaseTarget(target) : target;
  const { maxConnections, longReadConnections, ...sqlite } = options;
  return t.kind === 'postgres'
    ? openPostgresStorage(t.url, { keyCacheMs: options.keyCacheMs, maxConnections, longReadConnections })
    : openSqliteStorage(t.file, sqlite);
}
