// The bottom of the package: what every feature folder shares and nothing else — who writes (Actor), how a refusal
// looks (StorageError), the stamps and ids every record carries. Imports nothing of this package.
import { randomBytes } from 'node:crypto';
import { canonicalJson, sha256Hex, type AuditEntry, type IndexStamp } from '@dbi/schema';

/** Who performs a write: an API key (id + name) or the system itself (imports, bootstrap). */
export interface Actor {
  id: string;
  name: string;
}
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', name: 'system' });

export type StorageErrorCode = 'not-found' | 'conflict' | 'immutable' | 'invalid' | 'stale';

/**
 * What a refused write says when the database itself refused it: the driver's own text (table, column, constraint
 * names) is kept as `cause` for the log and never shown to a client.
 */
export const DRIVER_REFUSALS: Record<Exclude<StorageErrorCode, 'not-found'>, string> = {
  conflict: 'a record with the same key already exists',
  invalid: 'the record was refused: a value is missing, malformed or refers to a record that does not exist',
  immutable: 'published versions and the audit log cannot be changed',
  stale: 'the record changed since it was read',
};

/** A refused storage operation. Routes map codes to HTTP statuses (404, 409, 409, 400, 412). */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** id, version and content hash of a pinned index version. */
export type Stamp = IndexStamp;

/** Created/updated stamps of a record: when and by whom (the actor's name). */
export interface Stamps {
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** The time of a write, ISO 8601 UTC. */
export const now = (): string => new Date().toISOString();

/** A new record id: `<prefix>_` + 16 random hex digits. */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(8).toString('hex')}`;

/** The content hash of a stored record, for the audit log's before/after. */
export const recordHash = (record: unknown): string => sha256Hex(canonicalJson(record));

export interface AuditQuery {
  /** Entries with seq greater than this (paging forward). */
  after?: number;
  limit?: number;
  target?: string;
  action?: string;
}

/** Append-only: there is no update or delete, here or in the database (triggers refuse them). */
export interface AuditLog {
  list(query?: AuditQuery): Promise<AuditEntry[]>;
}

/** The page size of an audit query: 100 unless asked, 1–1000. */
export const auditPageSize = (query: AuditQuery): number => Math.max(1, Math.min(query.limit ?? 100, 1000));
