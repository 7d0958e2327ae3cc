// @dbi/storage: repository interfaces (one feature folder each: registry/, keys/, assessments/) and their SQLite
// implementation. The only package that touches SQLite; the API sees the interfaces only.
export {
  StorageError,
  SYSTEM_ACTOR,
  type Actor,
  type AuditLog,
  type AuditQuery,
  type Stamp,
  type Stamps,
  type StorageErrorCode,
} from './common.js';
export type * from './registry/types.js';
export type * from './keys/types.js';
export type * from './accounts/types.js';
export type * from './assessments/types.js';
export type * from './standings/types.js';
export type * from './revisions/types.js';
export {
  openStorage,
  openSqliteStorage,
  openPostgresStorage,
  databaseTarget,
  keySecretFor,
  describeTarget,
  type DatabaseTarget,
  type Storage,
  type SqliteStorage,
  type PgStorage,
} from './storage.js';
export { migrations as pgMigrations, type PgMigration } from './postgres/migrations/index.js';
export type { PgOpenOptions } from './postgres/database.js';
/** For tests: a throwaway schema per test on one PostgreSQL database. */
export { scratchSchema, type ScratchSchema } from './postgres/scratch.js';
export { openDatabase, migrate, appliedMigrations, type OpenOptions } from './sqlite/database.js';
export { migrations, type Migration } from './sqlite/migrations/index.js';
export {
  generateApiKey,
  hashApiKey,
  issueApiKey,
  ensureBootstrapKey,
  scopeProblem,
  MIN_KEY_LENGTH,
  type IssuedKey,
  type IssueKeyInput,
} from './keys/keys.js';
export { loadKeySecret, MIN_KEY_SECRET_LENGTH } from './keys/secret.js';
export { importNationalIndices } from './national.js';
export { copyDatabase, backupSqlite, CopyError, type CopyReport } from './copy.js';
export { createAccount, type CreateAccountInput } from './account-setup.js';
export {
  hashPassword,
  verifyPassword,
  passwordProblem,
  generatePassword,
  PASSWORD_MIN,
  PASSWORD_MAX,
  type PasswordProblem,
} from './accounts/passwords.js';
