// ApiKeyRepository on SQLite: secrets are stored only as sha256 hashes; keys are revoked, never deleted.
import { randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { ApiKeyInfo } from '@dbi/schema';
import type { Actor } from '../common.js';
import { AuditWriter } from '../sqlite/audit.js';
import { SqliteWriter } from '../sqlite/tx.js';
import { checkRevoke, KeyCache, toKeyInfo, type KeyRow } from './shared.js';
import type { ApiKeyRepository, NewApiKey } from './types.js';

/** A new key id. */
export const newKeyId = () => `key_${randomBytes(6).toString('hex')}`;

export class SqliteApiKeyRepository implements ApiKeyRepository {
  private readonly audit: AuditWriter;
  private readonly w: SqliteWriter;
  private readonly s: Record<'count' | 'insert' | 'byHash' | 'byId' | 'list' | 'owned' | 'revoke', Statement>;
  private readonly recent: KeyCache;

  constructor(db: Database, cacheMs = 1000) {
    this.recent = new KeyCache(cacheMs);
    this.audit = new AuditWriter(db);
    this.w = new SqliteWriter(db, this.audit);
    this.s = {
      count: db.prepare('SELECT count(*) AS n FROM api_keys'),
      insert: db.prepare(
        'INSERT INTO api_keys (id, name, hash, role, scope, created_at, created_by, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byHash: db.prepare('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL'),
      byId: db.prepare('SELECT * FROM api_keys WHERE id = ?'),
      list: db.prepare('SELECT * FROM api_keys ORDER BY created_at, id'),
      owned: db.prepare('SELECT * FROM api_keys WHERE owner_id = ? ORDER BY created_at, id'),
      revoke: db.prepare('UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }

  async count(): Promise<number> {
    return (this.s.count.get() as { n: number }).n;
  }

  async create(key: NewApiKey, actor: Actor): Promise<ApiKeyInfo> {
    const id = newKeyId();
    return this.tx((at) => {
      this.s.insert.run(id, key.name, key.hash, key.role, key.scope, at, actor.name, key.owner ?? null);
      this.audit.append(actor, { action: 'key.create', target: `key:${id}` }, at);
      return toKeyInfo(this.s.byId.get(id) as KeyRow);
    });
  }

  async findActiveByHash(hash: string): Promise<ApiKeyInfo | undefined> {
    return this.recent.find(hash, async (h) => this.s.byHash.get(h) as KeyRow | undefined);
  }

  async get(id: string): Promise<ApiKeyInfo | undefined> {
    const r = this.s.byId.get(id) as KeyRow | undefined;
    return r && toKeyInfo(r);
  }

  async list(owner?: string): Promise<ApiKeyInfo[]> {
    return ((owner === undefined ? this.s.list.all() : this.s.owned.all(owner)) as KeyRow[]).map(toKeyInfo);
  }

  async revoke(id: string, actor: Actor): Promise<ApiKeyInfo> {
    return this.tx((at) => {
      checkRevoke(this.s.byId.get(id) as KeyRow | undefined, id);
      this.s.revoke.run(at, actor.name, id);
      this.audit.append(actor, { action: 'key.revoke', target: `key:${id}` }, at);
      return toKeyInfo(this.s.byId.get(id) as KeyRow);
    });
  }

  /** A write clears the remembered keys at once (a revocation takes effect in this process immediately). */
  private tx<T>(fn: (at: string) => T): T {
    this.recent.clear();
    return this.w.tx(fn);
  }
}
