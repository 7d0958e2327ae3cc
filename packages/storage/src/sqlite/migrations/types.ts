import type { Database } from 'better-sqlite3';

/**
 * One numbered schema change. `sql` runs first, then `up` (for data changes SQL alone cannot express). Applied in
 * version order, once, inside the transaction that records it in `schema_migrations`.
 */
export interface Migration {
  version: number;
  /** kebab-case; the migration's file is `<4-digit version>-<name>.ts` with a `.test.ts` beside it. */
  name: string;
  sql?: string;
  up?: (db: Database) => void;
}
