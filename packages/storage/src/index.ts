// @dbi/storage: repository interfaces (types.ts) and their SQLite implementation. The only package that touches
// SQLite; the API sees the interfaces only.
export * from './types.js';
export * from './assessments/types.js';
export { openSqliteStorage, type SqliteStorage } from './sqlite/storage.js';
export { openDatabase, migrate, appliedMigrations, type OpenOptions } from './sqlite/database.js';
export { migrations, type Migration } from './sqlite/migrations/index.js';
export {
  generateApiKey,
  hashApiKey,
  issueApiKey,
  ensureBootstrapKey,
  scopeProblem,
  scopeCoversIndex,
  MIN_KEY_LENGTH,
  type IssuedKey,
  type IssueKeyInput,
} from './keys.js';
export { importNationalIndices } from './national.js';

import { openSqliteStorage } from './sqlite/storage.js';
import type { Storage } from './types.js';

/** Opens the storage behind the API. Today: the SQLite file at `file` (created with its folder when missing). */
export function openStorage(file: string): Storage {
  return openSqliteStorage(file);
}
