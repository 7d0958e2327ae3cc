/** One numbered schema change of the PostgreSQL backend, applied once, in version order, in the transaction that
 * records it in `schema_migrations`. Its own numbering: the SQLite backend's migrations are a separate list. */
export interface PgMigration {
  version: number;
  /** kebab-case; the migration's file is `<4-digit version>-<name>.ts` with a `.test.ts` beside it. */
  name: string;
  sql: string;
}
