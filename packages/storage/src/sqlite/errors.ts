// SQLite constraint failures → StorageError, so callers never see driver-specific errors for refused writes.
import { StorageError, type StorageErrorCode } from '../common.js';

/**
 * `trigger`: the code a trigger's RAISE(ABORT) becomes. The registry's triggers guard immutability ('immutable');
 * the assessment side's guard state rules, which the repositories check first with a precise message ('conflict').
 */
export function translateSqliteError(err: unknown, trigger: StorageErrorCode = 'immutable'): unknown {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'SQLITE_CONSTRAINT_TRIGGER':
      return new StorageError(trigger, message);
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
