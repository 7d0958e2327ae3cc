// The registry's repository: indices and their versions. Nothing about SQLite; every method returns a Promise (a
// PostgreSQL adapter implements the same interface), and each write appends its audit entry in its own transaction.
import type { VersionStatus } from '@dbi/schema';
import type { Actor } from '../common.js';

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
  /** `expectedHash`: refuse with `stale` unless the stored draft still has this hash (optimistic concurrency). */
  replaceDraft(
    id: string,
    version: string,
    definitionJson: string,
    hash: string,
    actor: Actor,
    expectedHash?: string,
  ): Promise<StoredVersion>;
  /** draft → published; the hash given must equal the stored one (the caller validated exactly that content). */
  publish(id: string, version: string, expectedHash: string, actor: Actor): Promise<StoredVersion>;
  /** published → deprecated. */
  deprecate(id: string, version: string, actor: Actor): Promise<StoredVersion>;
}
