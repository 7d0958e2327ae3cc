// What both backends' key repositories share: the row mapper, the revocation check and the cache of active keys.
import type { ApiKeyInfo, Role } from '@dbi/schema';
import { StorageError } from '../common.js';

export interface KeyRow {
  id: string;
  name: string;
  hash: string;
  role: Role;
  scope: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  /** Set for keys an account made through the API (migration 0003). */
  owner_id?: string | null;
}

export const toKeyInfo = (r: KeyRow): ApiKeyInfo => ({
  id: r.id,
  name: r.name,
  role: r.role,
  scope: r.scope,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  ...(r.owner_id ? { owner: r.owner_id } : {}),
});

export function checkRevoke(r: KeyRow | undefined, id: string): void {
  if (!r) throw new StorageError('not-found', `no key ${id}`);
  if (r.revoked_at !== null) throw new StorageError('conflict', `key ${id} was already revoked at ${r.revoked_at}`);
}

/** Most active keys remembered at once (a bound, not a working-set estimate: a deployment has few keys). */
const CACHE_LIMIT = 10_000;

/**
 * Active keys recently found, by hash: every API request looks its key up, and the lookup is most of what
 * authentication costs. Writes through the repository clear it at once; a key revoked by another process (another
 * server instance, `dbi admin revoke-key`) is refused at most `cacheMs` later.
 */
export class KeyCache {
  private readonly recent = new Map<string, { info: ApiKeyInfo; until: number }>();
  constructor(private readonly cacheMs = 1000) {}

  async find(hash: string, lookup: (hash: string) => Promise<KeyRow | undefined>): Promise<ApiKeyInfo | undefined> {
    const now = Date.now();
    const hit = this.recent.get(hash);
    if (hit && hit.until > now) return hit.info;
    const r = await lookup(hash);
    if (!r) {
      this.recent.delete(hash);
      return undefined;
    }
    const info = toKeyInfo(r);
    if (this.cacheMs > 0) {
      if (this.recent.size >= CACHE_LIMIT) this.recent.clear();
      this.recent.set(hash, { info, until: now + this.cacheMs });
    }
    return info;
  }

  clear(): void {
    this.recent.clear();
  }
}
