// The one ordered list of migrations. To change the schema: add `NNNN-name.ts` exporting a Migration with the next
// version number, append it here, and add `NNNN-name.test.ts` beside it (migrations.test.ts fails otherwise).
import { migration0001 } from './0001-registry.js';
import { migration0002 } from './0002-assessments.js';
import { migration0003 } from './0003-accounts.js';
import { migration0004 } from './0004-workflow.js';
import { migration0005 } from './0005-national.js';
import { migration0006 } from './0006-certs.js';
import { migration0007 } from './0007-revisions.js';
import { migration0008 } from './0008-process.js';
import { migration0009 } from './0009-counts.js';
import { migration0010 } from './0010-sums.js';
import type { Migration } from './types.js';

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
];
export type { Migration } from './types.js';
