// API keys: stored as the sha256 of their secret, revoked but never changed or deleted.
import type { ApiKeyInfo, Role } from '@dbi/schema';
import type { Actor } from '../common.js';

export interface NewApiKey {
  name: string;
  role: Role;
  scope: string | null;
  /** sha256 hex of the secret; the secret itself is never stored. */
  hash: string;
  /** The account that made it through the API; its owner manages it. */
  owner?: string | null;
}

export interface ApiKeyRepository {
  /** All keys ever created, revoked included. */
  count(): Promise<number>;
  create(key: NewApiKey, actor: Actor): Promise<ApiKeyInfo>;
  /** The active (not revoked) key with this secret hash. */
  findActiveByHash(hash: string): Promise<ApiKeyInfo | undefined>;
  get(id: string): Promise<ApiKeyInfo | undefined>;
  /** Every key, or only those `owner` made. */
  list(owner?: string): Promise<ApiKeyInfo[]>;
  revoke(id: string, actor: Actor): Promise<ApiKeyInfo>;
}
