// The audit log on PostgreSQL. Appending takes a transaction-scoped advisory lock first, so sequence numbers are
// handed out in commit order: a reader paging with `after` never skips an entry that commits later with a smaller
// seq. (Writes still run side by side up to that point; only their audit append and commit are ordered.)
import type { AuditEntry } from '@dbi/schema';
import { auditPageSize, type Actor, type AuditLog, type AuditQuery } from '../common.js';
import { toAuditEntry, type AuditRow, type NewAuditEntry } from '../sqlite/audit.js';
import type { Sql } from './database.js';

const AUDIT_LOCK = 0x646269_02;

/** Appends one entry; call inside the transaction of the write it records. */
export async function appendAudit(q: Sql, actor: Actor, entry: NewAuditEntry, at: string): Promise<void> {
  await q.run('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  await q.run(
    'INSERT INTO audit_log (at, actor_id, actor_name, action, target, before_hash, after_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [at, actor.id, actor.name, entry.action, entry.target, entry.beforeHash ?? null, entry.afterHash ?? null],
  );
}

export class PgAuditLog implements AuditLog {
  constructor(private readonly q: Sql) {}

  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const params: unknown[] = [query.after ?? 0];
    const where = ['seq > $1'];
    if (query.target !== undefined) where.push(`target = $${params.push(query.target)}`);
    if (query.action !== undefined) where.push(`action = $${params.push(query.action)}`);
    const limit = auditPageSize(query);
    const rows = await this.q.rows<AuditRow>(
      `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.push(limit)}`,
      params,
    );
    return rows.map(toAuditEntry);
  }
}
