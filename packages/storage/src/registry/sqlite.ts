// IndexRepository on SQLite. Each write is one transaction that also appends its audit entry. Conditions are
// re-checked in the UPDATE's WHERE clause (not only read before), and the triggers of migration 1 are the last word.
import type { Database, Statement } from 'better-sqlite3';
import { compareVersions } from '@dbi/schema';
import type { Actor } from '../common.js';
import {
  checkDeprecate,
  checkFirstVersion,
  checkNewDraft,
  checkNewIndex,
  checkPublish,
  checkReplace,
  mustExist,
} from './checks.js';
import {
  type IndexRecord,
  type IndexRepository,
  type IndexWithVersions,
  type NewIndex,
  type NewVersion,
  type StoredVersion,
  type VersionMeta,
} from './types.js';
import { AuditWriter } from '../sqlite/audit.js';
import { SqliteWriter } from '../sqlite/tx.js';

export interface IndexRow {
  id: string;
  kind: string;
  national: number;
  derived_from: string | null;
  created_at: string;
  created_by: string;
}

export interface VersionRow {
  index_id: string;
  version: string;
  kind: string;
  status: 'draft' | 'published' | 'deprecated';
  hash: string;
  derived_from: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  published_at: string | null;
  published_by: string | null;
  deprecated_at: string | null;
  deprecated_by: string | null;
  definition?: string;
}

export const META_COLUMNS = `v.index_id, v.version, i.kind, v.status, v.hash, v.derived_from, v.created_at, v.created_by, v.updated_at,
  v.updated_by, v.published_at, v.published_by, v.deprecated_at, v.deprecated_by`;

export const toIndex = (r: IndexRow): IndexRecord => ({
  id: r.id,
  kind: r.kind,
  national: r.national === 1,
  derivedFrom: r.derived_from,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export const toMeta = (r: VersionRow): VersionMeta => ({
  id: r.index_id,
  version: r.version,
  kind: r.kind,
  status: r.status,
  hash: r.hash,
  derivedFrom: r.derived_from,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  deprecatedAt: r.deprecated_at,
  deprecatedBy: r.deprecated_by,
});

export const toStored = (r: VersionRow): StoredVersion => ({ ...toMeta(r), definitionJson: r.definition! });

const who = (a: Actor) => a.name;

export class SqliteIndexRepository implements IndexRepository {
  private readonly audit: AuditWriter;
  private readonly w: SqliteWriter;
  private readonly s: Record<
    | 'count'
    | 'listIndices'
    | 'listVersions'
    | 'getIndex'
    | 'getVersion'
    | 'getMeta'
    | 'insertIndex'
    | 'insertVersion'
    | 'replace'
    | 'publish'
    | 'deprecate',
    Statement
  >;

  constructor(db: Database) {
    this.audit = new AuditWriter(db);
    this.w = new SqliteWriter(db, this.audit);
    this.s = {
      count: db.prepare('SELECT count(*) AS n FROM indices'),
      listIndices: db.prepare('SELECT * FROM indices ORDER BY national DESC, id'),
      listVersions: db.prepare(`SELECT ${META_COLUMNS} FROM index_versions v JOIN indices i ON i.id = v.index_id`),
      getIndex: db.prepare('SELECT * FROM indices WHERE id = ?'),
      getVersion: db.prepare(
        `SELECT ${META_COLUMNS}, v.definition FROM index_versions v JOIN indices i ON i.id = v.index_id WHERE v.index_id = ? AND v.version = ?`,
      ),
      getMeta: db.prepare(
        `SELECT ${META_COLUMNS} FROM index_versions v JOIN indices i ON i.id = v.index_id WHERE v.index_id = ? AND v.version = ?`,
      ),
      insertIndex: db.prepare(
        'INSERT INTO indices (id, kind, national, derived_from, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertVersion:
        db.prepare(`INSERT INTO index_versions (index_id, version, status, definition, hash, derived_from, created_at, created_by,
        updated_at, updated_by, published_at, published_by) VALUES (@id, @version, @status, @definition, @hash, @derivedFrom, @at, @by, @at, @by, @publishedAt, @publishedBy)`),
      replace: db.prepare(`UPDATE index_versions SET definition = ?, hash = ?, updated_at = ?, updated_by = ?
        WHERE index_id = ? AND version = ? AND status = 'draft'`),
      publish: db.prepare(`UPDATE index_versions SET status = 'published', published_at = ?, published_by = ?
        WHERE index_id = ? AND version = ? AND status = 'draft' AND hash = ?`),
      deprecate: db.prepare(`UPDATE index_versions SET status = 'deprecated', deprecated_at = ?, deprecated_by = ?
        WHERE index_id = ? AND version = ? AND status = 'published'`),
    };
  }

  async count(): Promise<number> {
    return (this.s.count.get() as { n: number }).n;
  }

  async list(): Promise<IndexWithVersions[]> {
    const versions = new Map<string, VersionMeta[]>();
    for (const r of this.s.listVersions.all() as VersionRow[]) {
      const list = versions.get(r.index_id) ?? [];
      list.push(toMeta(r));
      versions.set(r.index_id, list);
    }
    return (this.s.listIndices.all() as IndexRow[]).map((r) => ({
      ...toIndex(r),
      versions: (versions.get(r.id) ?? []).sort((a, b) => compareVersions(a.version, b.version)),
    }));
  }

  async get(id: string): Promise<IndexRecord | undefined> {
    const r = this.s.getIndex.get(id) as IndexRow | undefined;
    return r && toIndex(r);
  }

  async getVersion(id: string, version: string): Promise<StoredVersion | undefined> {
    return this.find(id, version);
  }

  async getVersionMeta(id: string, version: string): Promise<VersionMeta | undefined> {
    const r = this.s.getMeta.get(id, version) as VersionRow | undefined;
    return r && toMeta(r);
  }

  private insertVersion(v: NewVersion, status: 'draft' | 'published', actor: Actor, at: string): void {
    this.s.insertVersion.run({
      id: v.id,
      version: v.version,
      status,
      definition: v.definitionJson,
      hash: v.hash,
      derivedFrom: v.derivedFrom,
      at,
      by: who(actor),
      publishedAt: status === 'published' ? at : null,
      publishedBy: status === 'published' ? who(actor) : null,
    });
  }

  private find(id: string, version: string): StoredVersion | undefined {
    const r = this.s.getVersion.get(id, version) as VersionRow | undefined;
    return r && toStored(r);
  }

  private mustGet(id: string, version: string): StoredVersion {
    return mustExist(this.find(id, version), id, version);
  }

  async createIndex(index: NewIndex, first: NewVersion, actor: Actor): Promise<StoredVersion> {
    checkFirstVersion(index, first);
    return this.w.tx((at) => {
      checkNewIndex(this.s.getIndex.get(index.id) !== undefined, index.id);
      this.s.insertIndex.run(index.id, index.kind, index.national ? 1 : 0, index.derivedFrom, at, who(actor));
      this.insertVersion(first, 'draft', actor, at);
      this.audit.append(actor, { action: 'index.create', target: index.id, afterHash: null }, at);
      this.audit.append(
        actor,
        { action: 'version.create', target: `${first.id}@${first.version}`, afterHash: first.hash },
        at,
      );
      return this.mustGet(first.id, first.version);
    });
  }

  async importPublished(
    versions: Array<NewVersion & { kind: string; national?: boolean }>,
    actor: Actor,
  ): Promise<number> {
    return this.w.tx((at) => {
      if ((this.s.count.get() as { n: number }).n > 0) return 0;
      for (const v of versions) {
        if (!this.s.getIndex.get(v.id)) {
          this.s.insertIndex.run(v.id, v.kind, v.national === false ? 0 : 1, null, at, who(actor));
          this.audit.append(actor, { action: 'index.import', target: v.id }, at);
        }
        this.insertVersion(v, 'published', actor, at);
        this.audit.append(actor, { action: 'version.import', target: `${v.id}@${v.version}`, afterHash: v.hash }, at);
      }
      return versions.length;
    });
  }

  async createDraft(draft: NewVersion, actor: Actor): Promise<StoredVersion> {
    return this.w.tx((at) => {
      checkNewDraft(
        this.s.getIndex.get(draft.id) !== undefined,
        this.s.getMeta.get(draft.id, draft.version) !== undefined,
        draft,
      );
      this.insertVersion(draft, 'draft', actor, at);
      this.audit.append(
        actor,
        { action: 'version.create', target: `${draft.id}@${draft.version}`, afterHash: draft.hash },
        at,
      );
      return this.mustGet(draft.id, draft.version);
    });
  }

  /** An audited change of one version; the audit log's hashes are the definition's content hashes. */
  private change(
    id: string,
    version: string,
    action: string,
    actor: Actor,
    write: (at: string, before: StoredVersion) => void,
  ): StoredVersion {
    return this.w.write(actor, {
      action,
      target: `${id}@${version}`,
      load: () => this.find(id, version),
      write: (at, before) => write(at, mustExist(before, id, version)),
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
  ): Promise<StoredVersion> {
    return this.change(id, version, 'version.replace', actor, (at, before) => {
      checkReplace(before, expectedHash);
      this.s.replace.run(definitionJson, hash, at, who(actor), id, version);
    });
  }

  async publish(id: string, version: string, expectedHash: string, actor: Actor): Promise<StoredVersion> {
    return this.change(id, version, 'version.publish', actor, (at, before) => {
      checkPublish(before, expectedHash);
      this.s.publish.run(at, who(actor), id, version, expectedHash);
    });
  }

  async deprecate(id: string, version: string, actor: Actor): Promise<StoredVersion> {
    return this.change(id, version, 'version.deprecate', actor, (at, before) => {
      checkDeprecate(before);
      this.s.deprecate.run(at, who(actor), id, version);
    });
  }
}
