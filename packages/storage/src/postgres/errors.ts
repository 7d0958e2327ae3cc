// PostgreSQL refusals → StorageError, the same codes the SQLite adapter gives for the same refusals.
import { DRIVER_REFUSALS, StorageError, type StorageErrorCode } from '../common.js';

/** SQLSTATE of a serialization failure or a deadlock: the transaction is retried from the start. */
export const isRetryable = (err: unknown): boolean => {
  const code = (err as { code?: unknown }).code;
  return code === '40001' || code === '40P01';
};

/**
 * `trigger`: the code a trigger's refusal (RAISE EXCEPTION, SQLSTATE P0001) becomes — as for SQLite: 'immutable'
 * for the registry's triggers, 'conflict' for the assessment side's state rules.
 */
export function translatePgError(err: unknown, trigger: StorageErrorCode = 'immutable'): unknown {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown }).code;
  // A trigger's text is ours (it says which rule refused); a constraint's is the driver's and is not shown.
  const message = err instanceof Error ? err.message : String(err);
  const refused = (c: Exclude<StorageErrorCode, 'not-found'>) =>
    new StorageError(c, DRIVER_REFUSALS[c], { cause: err });
  switch (code) {
    case 'P0001':
      return new StorageError(trigger, message);
    case '23505': // unique_violation
      return refused('conflict');
    case '23514': // check_violation
    case '23503': // foreign_key_violation
    case '23502': // not_null_violation
    case '22P02': // invalid_text_representation (e.g. text that is not JSON)
      return refused('invalid');
    default:
      return err;
  }
}
