// The top of the package: the aggregate `Storage` the API sees (one member per feature folder), and its SQLite
// assembly. Everything here only composes what the feature folders (registry/, keys/, assessments/) declare and
// implement on the shared sqlite/ layer; nothing below imports this file.
import type { Database } from 'better-sqlite3';
import type { AuditLog } from './common.js';
import type { AssessmentRepositories } from './assessments/types.js';
import { createSqliteAssessmentRepositories } from './assessments/sqlite.js';
import type { ApiKeyRepository } from './keys/types.js';
import { SqliteApiKeyRepository } from './keys/sqlite.js';
import type { IndexRepository } from './registry/types.js';
import { SqliteIndexRepository } from './registry/sqlite.js';
import { SqliteAuditLog } from './sqlite/audit.js';
import { openDatabase, type OpenOptions } from './sqlite/database.js';

export interface Storage extends AssessmentRepositories {
  readonly indices: IndexRepository;
  readonly keys: ApiKeyRepository;
  readonly audit: AuditLog;
  /** `PRAGMA integrity_check` (or the adapter's equivalent): ['ok'] when intact. */
  integrityCheck(): Promise<string[]>;
  close(): Promise<void>;
}

export interface SqliteStorage extends Storage {
  /** The connection, for other SQLite repositories of this package (never exported to the API). */
  readonly db: Database;
  readonly file: string;
}

/** The SQLite implementation: one connection (better-sqlite3 is synchronous; every statement runs to completion
 * before the event loop moves on, so there is no interleaving inside a transaction). */
export function openSqliteStorage(file: string, options: OpenOptions = {}): SqliteStorage {
  const db = openDatabase(file, options);
  let closed = false;
  return {
    db,
    file,
    indices: new SqliteIndexRepository(db),
    keys: new SqliteApiKeyRepository(db, options.keyCacheMs),
    audit: new SqliteAuditLog(db),
    ...createSqliteAssessmentRepositories(db),
    async integrityCheck() {
      return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/** Opens the storage behind the API. Today: the SQLite file at `file` (created with its folder when missing). */
export function openStorage(file: string): Storage {
  return openSqliteStorage(file);
}
