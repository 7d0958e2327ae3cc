// ApiKeyRepository on PostgreSQL: the same rows, checks and cache as SQLite's (keys/shared.ts). Another instance's
// revocation is seen within the cache's lifetime (1 s by default).
import type { ApiKeyInfo } from '@dbi/schema';
import type { Actor } from '../common.js';
import { appendAudit } from '../postgres/audit.js';
import type { Sql } from '../postgres/database.js';
import type { PgWriter } from '../postgres/tx.js';
import { checkRevoke, KeyCache, toKeyInfo, type KeyRow } from './shared.js';
import { newKeyId } from './sqlite.js';
import type { ApiKeyRepository, NewApiKey } from './types.js';

const byId = async (q: Sql, id: string) => q.one<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);

export class PgApiKeyRepository implements ApiKeyRepository {
  private readonly recent: KeyCache;
  constructor(
    private readonly w: PgWriter,
    cacheMs = 1000,
  ) {
    this.recent = new KeyCache(cacheMs);
  }

  async count(): Promise<number> {
    return (await this.w.q.one<{ n: number }>('SELECT count(*) AS n FROM api_keys'))!.n;
  }

  async create(key: NewApiKey, actor: Actor): Promise<ApiKeyInfo> {
    const id = newKeyId();
    return this.tx(async (q, at) => {
      await q.run(
        'INSERT INTO api_keys (id, name, hash, role, scope, created_at, created_by, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [id, key.name, key.hash, key.role, key.scope, at, actor.name, key.owner ?? null],
      );
      await appendAudit(q, actor, { action: 'key.create', target: `key:${id}` }, at);
      return toKeyInfo((await byId(q, id))!);
    });
  }

  async findActiveByHash(hash: string): Promise<ApiKeyInfo | undefined> {
    return this.recent.find(hash, (h) =>
      this.w.q.one<KeyRow>('SELECT * FROM api_keys WHERE hash = $1 AND revoked_at IS NULL', [h]),
    );
  }

  async get(id: string): Promise<ApiKeyInfo | undefined> {
    const r = await byId(this.w.q, id);
    return r && toKeyInfo(r);
  }

  async list(owner?: string): Promise<ApiKeyInfo[]> {
    const rows =
      owner === undefined
        ? await this.w.q.rows<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')
        : await this.w.q.rows<KeyRow>('SELECT * FROM api_keys WHERE owner_id = $1 ORDER BY created_at, id', [owner]);
    return rows.map(toKeyInfo);
  }

  async revoke(id: string, actor: Actor): Promise<ApiKeyInfo> {
    return this.tx(async (q, at) => {
      checkRevoke(await byId(q, id), id);
      await q.run('UPDATE api_keys SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL', [
        at,
        actor.name,
        id,
      ]);
      await appendAudit(q, actor, { action: 'key.revoke', target: `key:${id}` }, at);
      return toKeyInfo((await byId(q, id))!);
    });
  }

  private async tx<T>(fn: (q: Sql, at: string) => Promise<T>): Promise<T> {
    this.recent.clear();
    try {
      return await this.w.tx(fn);
    } finally {
      this.recent.clear();
    }
  }
}
