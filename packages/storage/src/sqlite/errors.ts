// SQLite constraint failures → StorageError, so callers never see driver-specific errors for refused writes.
import { StorageError } from '../types.js';

export function translateSqliteError(err: unknown): unknown {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'SQLITE_CONSTRAINT_TRIGGER':
      // RAISE(ABORT, …) from the immutability triggers of migration 1.
      return new StorageError('immutable', message);
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_UNIQUE':
      return new StorageError('conflict', message);
    case 'SQLITE_CONSTRAINT_CHECK':
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return new StorageError('invalid', message);
    default:
      return err;
  }
}
