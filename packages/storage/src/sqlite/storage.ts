// The SQLite implementation of Storage: one connection (better-sqlite3 is synchronous; every statement runs to
// completion before the event loop moves on, so there is no interleaving inside a transaction).
import type { Database } from 'better-sqlite3';
import type { Storage } from '../types.js';
import { SqliteApiKeyRepository } from './api-key-repository.js';
import { SqliteAuditLog } from './audit-log.js';
import { openDatabase, type OpenOptions } from './database.js';
import { SqliteIndexRepository } from './index-repository.js';
import { createSqliteAssessmentRepositories } from '../assessments/sqlite.js';

export interface SqliteStorage extends Storage {
  /** The connection, for other SQLite repositories of this package (never exported to the API). */
  readonly db: Database;
  readonly file: string;
}

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
