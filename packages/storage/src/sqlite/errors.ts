// SQLite constraint failures → StorageError, so callers never see driver-specific errors for refused writes.
import { DRIVER_REFUSALS, StorageError, type StorageErrorCode } from '../common.js';

/**
 * `trigger`: the code a trigger's RAISE(ABORT) becomes. The registry's triggers guard immutability ('immutable');
 * the assessment side's guard state rules, which the repositories check first with a precise message ('conflict').
 */
export function translateSqliteError(err: unknown, trigger: StorageErrorCode = 'immutable'): unknown {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown }).code;
  // A trigger's text is ours (it says which rule refused); a constraint's is the driver's and is not shown.
  const message = err instanceof Error ? err.message : String(err);
  const refused = (c: Exclude<StorageErrorCode, 'not-found'>) =>
    new StorageError(c, DRIVER_REFUSALS[c], { cause: err });
  switch (code) {
    case 'SQLITE_CONSTRAINT_TRIGGER':
      return new StorageError(trigger, message);
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_UNIQUE':
      return refused('conflict');
    case 'SQLITE_CONSTRAINT_CHECK':
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return refused('invalid');
    default:
      return err;
  }
}
