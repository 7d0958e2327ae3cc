// ApiKeyRepository on SQLite: secrets are stored only as sha256 hashes; keys are revoked, never deleted.
import { randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { ApiKeyInfo, Role } from '@dbi/schema';
import { StorageError, type Actor } from '../common.js';
import { AuditWriter } from '../sqlite/audit.js';
import { SqliteWriter } from '../sqlite/tx.js';
import type { ApiKeyRepository, NewApiKey } from './types.js';

interface Row {
  id: string;
  name: string;
  hash: string;
  role: Role;
  scope: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

const toInfo = (r: Row): ApiKeyInfo => ({
  id: r.id,
  name: r.name,
  role: r.role,
  scope: r.scope,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});

/** Most active keys remembered at once (a bound, not a working-set estimate: a deployment has few keys). */
const CACHE_LIMIT = 10_000;

export class SqliteApiKeyRepository implements ApiKeyRepository {
  private readonly audit: AuditWriter;
  private readonly w: SqliteWriter;
  private readonly s: Record<'count' | 'insert' | 'byHash' | 'byId' | 'list' | 'revoke', Statement>;
  /**
   * Active keys recently found, by hash: every API request looks its key up, and the lookup is most of what
   * authentication costs. Writes through this repository clear it at once; a key revoked by another process
   * (`dbi admin revoke-key` beside a running server) is refused at most `cacheMs` later.
   */
  private readonly recent = new Map<string, { info: ApiKeyInfo; until: number }>();

  constructor(
    db: Database,
    private readonly cacheMs = 1000,
  ) {
    this.audit = new AuditWriter(db);
    this.w = new SqliteWriter(db, this.audit);
    this.s = {
      count: db.prepare('SELECT count(*) AS n FROM api_keys'),
      insert: db.prepare(
        'INSERT INTO api_keys (id, name, hash, role, scope, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byHash: db.prepare('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL'),
      byId: db.prepare('SELECT * FROM api_keys WHERE id = ?'),
      list: db.prepare('SELECT * FROM api_keys ORDER BY created_at, id'),
      revoke: db.prepare('UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }

  async count(): Promise<number> {
    return (this.s.count.get() as { n: number }).n;
  }

  async create(key: NewApiKey, actor: Actor): Promise<ApiKeyInfo> {
    const id = `key_${randomBytes(6).toString('hex')}`;
    return this.tx((at) => {
      this.s.insert.run(id, key.name, key.hash, key.role, key.scope, at, actor.name);
      this.audit.append(actor, { action: 'key.create', target: `key:${id}` }, at);
      return toInfo(this.s.byId.get(id) as Row);
    });
  }

  async findActiveByHash(hash: string): Promise<ApiKeyInfo | undefined> {
    const now = Date.now();
    const hit = this.recent.get(hash);
    if (hit && hit.until > now) return hit.info;
    const r = this.s.byHash.get(hash) as Row | undefined;
    if (!r) {
      this.recent.delete(hash);
      return undefined;
    }
    const info = toInfo(r);
    if (this.cacheMs > 0) {
      if (this.recent.size >= CACHE_LIMIT) this.recent.clear();
      this.recent.set(hash, { info, until: now + this.cacheMs });
    }
    return info;
  }

  async get(id: string): Promise<ApiKeyInfo | undefined> {
    const r = this.s.byId.get(id) as Row | undefined;
    return r && toInfo(r);
  }

  async list(): Promise<ApiKeyInfo[]> {
    return (this.s.list.all() as Row[]).map(toInfo);
  }

  async revoke(id: string, actor: Actor): Promise<ApiKeyInfo> {
    return this.tx((at) => {
      const r = this.s.byId.get(id) as Row | undefined;
      if (!r) throw new StorageError('not-found', `no key ${id}`);
      if (r.revoked_at !== null) throw new StorageError('conflict', `key ${id} was already revoked at ${r.revoked_at}`);
      this.s.revoke.run(at, actor.name, id);
      this.audit.append(actor, { action: 'key.revoke', target: `key:${id}` }, at);
      return toInfo(this.s.byId.get(id) as Row);
    });
  }

  /** A write clears the remembered keys at once (a revocation takes effect in this process immediately). */
  private tx<T>(fn: (at: string) => T): T {
    this.recent.clear();
    return this.w.tx(fn);
  }
}
