// The one ordered list of PostgreSQL migrations. To change the schema: add `NNNN-name.ts` exporting a PgMigration
// with the next version number, append it here, and add `NNNN-name.test.ts` beside it (migrations.test.ts fails
// otherwise). The SQLite backend gets its own migration making the same change.
import { pgMigration0001 } from './0001-registry.js';
import { pgMigration0002 } from './0002-assessments.js';
import { pgMigration0003 } from './0003-accounts.js';
import { pgMigration0004 } from './0004-workflow.js';
import { pgMigration0005 } from './0005-national.js';
import { pgMigration0006 } from './0006-certs.js';
import { pgMigration0007 } from './0007-revisions.js';
import { pgMigration0008 } from './0008-process.js';
import { pgMigration0009 } from './0009-counts.js';
import { pgMigration0010 } from './0010-sums.js';
import type { PgMigration } from './types.js';

export const migrations: readonly PgMigration[] = [
  pgMigration0001,
  pgMigration0002,
  pgMigration0003,
  pgMigration0004,
  pgMigration0005,
  pgMigration0006,
  pgMigration0007,
  pgMigration0008,
  pgMigration0009,
  pgMigration0010,
];
export type { PgMigration } from './types.js';
