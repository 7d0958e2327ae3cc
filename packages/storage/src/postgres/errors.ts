// PostgreSQL refusals → StorageError, the same codes the SQLite adapter gives for the same refusals.
import { StorageError, type StorageErrorCode } from '../common.js';

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
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'P0001':
      return new StorageError(trigger, message);
    case '23505': // unique_violation
      return new StorageError('conflict', message);
    case '23514': // check_violation
    case '23503': // foreign_key_violation
    case '23502': // not_null_violation
    case '22P02': // invalid_text_representation (e.g. text that is not JSON)
      return new StorageError('invalid', message);
    default:
      return err;
  }
}
