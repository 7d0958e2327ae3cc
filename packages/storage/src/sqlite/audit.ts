// The audit log: appended to by every write method in the same transaction as its write; read by the API.
import type { Database, Statement } from 'better-sqlite3';
import type { AuditEntry } from '@dbi/schema';
import { auditPageSize, type Actor, type AuditLog, type AuditQuery } from '../common.js';

export interface NewAuditEntry {
  action: string;
  target: string;
  beforeHash?: string | null;
  afterHash?: string | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  target: string;
  before_hash: string | null;
  after_hash: string | null;
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  target: r.target,
  beforeHash: r.before_hash,
  afterHash: r.after_hash,
});

/** Appends one entry; call inside the transaction of the write it records. */
export class AuditWriter {
  private readonly insert: Statement;
  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, actor_id, actor_name, action, target, before_hash, after_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }
  append(actor: Actor, entry: NewAuditEntry, at = new Date().toISOString()): void {
    this.insert.run(
      at,
      actor.id,
      actor.name,
      entry.action,
      entry.target,
      entry.beforeHash ?? null,
      entry.afterHash ?? null,
    );
  }
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Database) {}

  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const where: string[] = ['seq > @after'];
    if (query.target !== undefined) where.push('target = @target');
    if (query.action !== undefined) where.push('action = @action');
    const limit = auditPageSize(query);
    const rows = this.db
      .prepare(`SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`)
      .all({ after: query.after ?? 0, target: query.target, action: query.action, limit }) as AuditRow[];
    return rows.map(toAuditEntry);
  }
}
