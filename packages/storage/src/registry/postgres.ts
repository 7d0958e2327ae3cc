// IndexRepository on PostgreSQL: the SQLite repository's rows, checks and audit entries, over a pool. Each write is
// one SERIALIZABLE transaction (see postgres/tx.ts): of two instances publishing the same draft at once, one commits
// and the other is retried, reads the version as published and is refused like any late publish.
import { compareVersions } from '@dbi/schema';
import type { Actor } from '../common.js';
import { appendAudit } from '../postgres/audit.js';
import type { Sql } from '../postgres/database.js';
import type { PgWriter } from '../postgres/tx.js';
import {
  checkDeprecate,
  checkFirstVersion,
  checkNewDraft,
  checkNewIndex,
  checkPublish,
  checkReplace,
  mustExist,
} from './checks.js';
import { META_COLUMNS, toIndex, toMeta, toStored, type IndexRow, type VersionRow } from './sqlite.js';
import type {
  IndexRecord,
  IndexRepository,
  IndexWithVersions,
  NewIndex,
  NewVersion,
  StoredVersion,
  VersionMeta,
} from './types.js';

const FROM = 'FROM index_versions v JOIN indices i ON i.id = v.index_id';
const who = (a: Actor) => a.name;

export class PgIndexRepository implements IndexRepository {
  constructor(private readonly w: PgWriter) {}

  async count(): Promise<number> {
    return (await this.w.q.one<{ n: number }>('SELECT count(*)::bigint AS n FROM indices'))!.n;
  }

  async list(): Promise<IndexWithVersions[]> {
    const versions = new Map<string, VersionMeta[]>();
    for (const r of await this.w.q.rows<VersionRow>(`SELECT ${META_COLUMNS} ${FROM}`)) {
      const list = versions.get(r.index_id) ?? [];
      list.push(toMeta(r));
      versions.set(r.index_id, list);
    }
    const indices = await this.w.q.rows<IndexRow>('SELECT * FROM indices ORDER BY national DESC, id');
    return indices.map((r) => ({
      ...toIndex(r),
      versions: (versions.get(r.id) ?? []).sort((a, b) => compareVersions(a.version, b.version)),
    }));
  }

  async get(id: string): Promise<IndexRecord | undefined> {
    return indexRow(this.w.q, id).then((r) => r && toIndex(r));
  }

  async getVersion(id: string, version: string): Promise<StoredVersion | undefined> {
    return find(this.w.q, id, version);
  }

  async getVersionMeta(id: string, version: string): Promise<VersionMeta | undefined> {
    const r = await this.w.q.one<VersionRow>(
      `SELECT ${META_COLUMNS} ${FROM} WHERE v.index_id = $1 AND v.version = $2`,
      [id, version],
    );
    return r && toMeta(r);
  }

  async createIndex(index: NewIndex, first: NewVersion, actor: Actor): Promise<StoredVersion> {
    checkFirstVersion(index, first);
    return this.w.tx(async (q, at) => {
      checkNewIndex((await indexRow(q, index.id)) !== undefined, index.id);
      await insertIndex(q, index.id, index.kind, index.national, index.derivedFrom, actor, at);
      await insertVersion(q, first, 'draft', actor, at);
      await appendAudit(q, actor, { action: 'index.create', target: index.id, afterHash: null }, at);
      await appendAudit(
        q,
        actor,
        { action: 'version.create', target: `${first.id}@${first.version}`, afterHash: first.hash },
        at,
      );
      return mustExist(await find(q, first.id, first.version), first.id, first.version);
    });
  }

  async importPublished(
    versions: Array<NewVersion & { kind: string; national?: boolean }>,
    actor: Actor,
  ): Promise<number> {
    return this.w.tx(async (q, at) => {
      if ((await q.one<{ n: number }>('SELECT count(*)::bigint AS n FROM indices'))!.n > 0) return 0;
      for (const v of versions) {
        if (!(await indexRow(q, v.id))) {
          await insertIndex(q, v.id, v.kind, v.national !== false, null, actor, at);
          await appendAudit(q, actor, { action: 'index.import', target: v.id }, at);
        }
        await insertVersion(q, v, 'published', actor, at);
        await appendAudit(
          q,
          actor,
          { action: 'version.import', target: `${v.id}@${v.version}`, afterHash: v.hash },
          at,
        );
      }
      return versions.length;
    });
  }

  async createDraft(draft: NewVersion, actor: Actor): Promise<StoredVersion> {
    return this.w.tx(async (q, at) => {
      checkNewDraft(
        (await indexRow(q, draft.id)) !== undefined,
        (await q.one('SELECT 1 FROM index_versions WHERE index_id = $1 AND version = $2', [
          draft.id,
          draft.version,
        ])) !== undefined,
        draft,
      );
      await insertVersion(q, draft, 'draft', actor, at);
      await appendAudit(
        q,
        actor,
        { action: 'version.create', target: `${draft.id}@${draft.version}`, afterHash: draft.hash },
        at,
      );
      return mustExist(await find(q, draft.id, draft.version), draft.id, draft.version);
    });
  }

  /** An audited change of one version; the audit log's hashes are the definition's content hashes. */
  private change(
    id: string,
    version: string,
    action: string,
    actor: Actor,
    write: (q: Sql, at: string, before: StoredVersion) => Promise<unknown>,
  ): Promise<StoredVersion> {
    return this.w.write(actor, {
      action,
      target: `${id}@${version}`,
      load: (q) => find(q, id, version),
      write: async (q, at, before) => {
        await write(q, at, mustExist(before, id, version));
      },
      hash: (v) => v.hash,
    });
  }

  async replaceDraft(
    id: string,
    version: string,
    definitionJson: string,
    hash: string,
    actor: Actor,
    expectedHash?: string,
  ) {
    return this.change(id, version, 'version.replace', actor, (q, at, before) => {
      checkReplace(before, expectedHash);
      return q.run(
        `UPDATE index_versions SET definition = $1, hash = $2, updated_at = $3, updated_by = $4
         WHERE index_id = $5 AND version = $6 AND status = 'draft'`,
        [definitionJson, hash, at, who(actor), id, version],
      );
    });
  }

  async publish(id: string, version: string, expectedHash: string, actor: Actor) {
    return this.change(id, version, 'version.publish', actor, (q, at, before) => {
      checkPublish(before, expectedHash);
      return q.run(
        `UPDATE index_versions SET status = 'published', published_at = $1, published_by = $2
         WHERE index_id = $3 AND version = $4 AND status = 'draft' AND hash = $5`,
        [at, who(actor), id, version, expectedHash],
      );
    });
  }

  async deprecate(id: string, version: string, actor: Actor) {
    return this.change(id, version, 'version.deprecate', actor, (q, at, before) => {
      checkDeprecate(before);
      return q.run(
        `UPDATE index_versions SET status = 'deprecated', deprecated_at = $1, deprecated_by = $2
         WHERE index_id = $3 AND version = $4 AND status = 'published'`,
        [at, who(actor), id, version],
      );
    });
  }
}

const indexRow = (q: Sql, id: string) => q.one<IndexRow>('SELECT * FROM indices WHERE id = $1', [id]);

async function find(q: Sql, id: string, version: string): Promise<StoredVersion | undefined> {
  const r = await q.one<VersionRow>(
    `SELECT ${META_COLUMNS}, v.definition ${FROM} WHERE v.index_id = $1 AND v.version = $2`,
    [id, version],
  );
  return r && toStored(r);
}

function insertIndex(
  q: Sql,
  id: string,
  kind: string,
  national: boolean,
  derivedFrom: string | null,
  actor: Actor,
  at: string,
) {
  return q.run(
    'INSERT INTO indices (id, kind, national, derived_from, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, kind, national ? 1 : 0, derivedFrom, at, who(actor)],
  );
}

function insertVersion(q: Sql, v: NewVersion, status: 'draft' | 'published', actor: Actor, at: string) {
  const published = status === 'published';
  return q.run(
    `INSERT INTO index_versions (index_id, version, status, definition, hash, derived_from, created_at, created_by,
     updated_at, updated_by, published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, $9, $10)`,
    [
      v.id,
      v.version,
      status,
      v.definitionJson,
      v.hash,
      v.derivedFrom,
      at,
      who(actor),
      published ? at : null,
      published ? who(actor) : null,
    ],
  );
}
