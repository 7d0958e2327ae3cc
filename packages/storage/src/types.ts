// The repository interfaces: everything the API needs from storage, and nothing about SQLite. Every method returns a
// Promise so a PostgreSQL adapter can implement the same interfaces without touching routes. Each write method is
// one unit of work: it takes the acting principal and appends its audit entry in the same transaction, so no write
// is ever stored without its audit record (and no audit record without its write).
import type { ApiKeyInfo, AuditEntry, Role, VersionStatus } from '@dbi/schema';
import type { AssessmentRepositories } from './assessments/types.js';

/** Who performs a write: an API key (id + name) or the system itself (imports, bootstrap). */
export interface Actor {
  id: string;
  name: string;
}
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', name: 'system' });

export interface IndexRecord {
  id: string;
  kind: string;
  /** True for the Decision's own indices (imported at first start); false for variants. */
  national: boolean;
  derivedFrom: string | null;
  createdAt: string;
  createdBy: string;
}

/** A version's bookkeeping without its definition. */
export interface VersionMeta {
  id: string;
  version: string;
  kind: string;
  status: VersionStatus;
  hash: string;
  derivedFrom: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  deprecatedAt: string | null;
  deprecatedBy: string | null;
}

/** A stored version: its bookkeeping and its definition exactly as stored (JSON text). */
export interface StoredVersion extends VersionMeta {
  definitionJson: string;
}

export interface IndexWithVersions extends IndexRecord {
  versions: VersionMeta[];
}

export interface NewVersion {
  id: string;
  version: string;
  /** JSON text of the definition; its `id` and `version` must match. */
  definitionJson: string;
  /** contentHash(definition) — computed by the caller with @dbi/schema, the one place hashing lives. */
  hash: string;
  derivedFrom: string | null;
}

export interface NewIndex {
  id: string;
  kind: string;
  national: boolean;
  derivedFrom: string | null;
}

export interface IndexRepository {
  /** Number of indices (0 on a fresh database). */
  count(): Promise<number>;
  list(): Promise<IndexWithVersions[]>;
  get(id: string): Promise<IndexRecord | undefined>;
  getVersion(id: string, version: string): Promise<StoredVersion | undefined>;
  getVersionMeta(id: string, version: string): Promise<VersionMeta | undefined>;
  /** Creates a new index with its first version as a draft (variants). Conflict when the id exists. */
  createIndex(index: NewIndex, first: NewVersion, actor: Actor): Promise<StoredVersion>;
  /** Imports definitions as published versions of national indices, atomically, only into an empty registry.
   * Returns how many were imported (0 when the registry already had indices). */
  /** `national: false` imports an example (default: national). */
  importPublished(versions: Array<NewVersion & { kind: string; national?: boolean }>, actor: Actor): Promise<number>;
  /** Adds a draft version to an existing index. Conflict when that version exists. */
  createDraft(draft: NewVersion, actor: Actor): Promise<StoredVersion>;
  /** Replaces a draft's definition. Conflict (code `immutable`) when the version is not a draft. */
  replaceDraft(id: string, version: string, definitionJson: string, hash: string, actor: Actor): Promise<StoredVersion>;
  /** draft → published; the hash given must equal the stored one (the caller validated exactly that content). */
  publish(id: string, version: string, expectedHash: string, actor: Actor): Promise<StoredVersion>;
  /** published → deprecated. */
  deprecate(id: string, version: string, actor: Actor): Promise<StoredVersion>;
}

export interface NewApiKey {
  name: string;
  role: Role;
  scope: string | null;
  /** sha256 hex of the secret; the secret itself is never stored. */
  hash: string;
}

export interface ApiKeyRepository {
  /** All keys ever created, revoked included. */
  count(): Promise<number>;
  create(key: NewApiKey, actor: Actor): Promise<ApiKeyInfo>;
  /** The active (not revoked) key with this secret hash. */
  findActiveByHash(hash: string): Promise<ApiKeyInfo | undefined>;
  get(id: string): Promise<ApiKeyInfo | undefined>;
  list(): Promise<ApiKeyInfo[]>;
  revoke(id: string, actor: Actor): Promise<ApiKeyInfo>;
}

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

export interface Storage extends AssessmentRepositories {
  readonly indices: IndexRepository;
  readonly keys: ApiKeyRepository;
  readonly audit: AuditLog;
  /** `PRAGMA integrity_check` (or the adapter's equivalent): ['ok'] when intact. */
  integrityCheck(): Promise<string[]>;
  close(): Promise<void>;
}

export type StorageErrorCode = 'not-found' | 'conflict' | 'immutable' | 'invalid';

/** A refused storage operation. Routes map codes to HTTP statuses (404, 409, 409, 400). */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
  }
}
