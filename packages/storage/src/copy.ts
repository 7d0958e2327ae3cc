// Moving a whole database between backends (`dbi admin copy`) and SQLite's online backup (`dbi admin backup`).
// The copy moves rows unchanged — both schemas hold the same values (postgres/migrations/0001) — into an empty,
// migrated target, inside one transaction with the target's triggers off (they guard the order of live writes:
// an assessment's columns, say, could not be inserted after the assessment has moved on). Before committing it
// verifies, on the target as written: each table's rows equal the source's (a digest of every row in key order),
// every published version's definition hashes to its stored hash, and the audit log is the source's entry for
// entry, with each published version's hash the one its audit entry recorded. Any difference rolls it all back.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { canonicalJson, contentHash } from '@dbi/schema';
import { openPool, migratePg } from './postgres/database.js';
import { openDatabase } from './sqlite/database.js';
import { SYNC_CERTIFICATE_COUNTERS } from './sqlite/migrations/0006-certs.js';
import { databaseTarget, describeTarget, type DatabaseTarget } from './storage.js';

type Row = Record<string, unknown>;

/** Every table, parents before children, with its key (the order rows are read and compared in). */
export const TABLES: ReadonlyArray<{ name: string; key: readonly string[]; ints?: readonly string[] }> = [
  { name: 'indices', key: ['id'] },
  { name: 'index_versions', key: ['index_id', 'version'] },
  { name: 'version_force', key: ['index_id', 'version'] },
  // Accounts refer to consultants, and keys to the account that made them.
  { name: 'consultants', key: ['id'] },
  { name: 'consultant_employers', key: ['consultant_id', 'tax_code'] },
  { name: 'accounts', key: ['id'] },
  { name: 'api_keys', key: ['id'] },
  { name: 'sessions', key: ['id_hash'] },
  { name: 'enterprise_bindings', key: ['account_id'] },
  { name: 'audit_log', key: ['seq'] },
  { name: 'enterprises', key: ['tax_code'] },
  { name: 'periods', key: ['id'] },
  { name: 'assessments', key: ['id'] },
  { name: 'assessment_columns', key: ['assessment_id', 'col'] },
  { name: 'assessment_events', key: ['assessment_id', 'seq'] },
  { name: 'assessment_moves', key: ['assessment_id', 'seq'] },
  { name: 'certificates', key: ['number'] },
  { name: 'enterprise_groups', key: ['id'] },
  { name: 'group_members', key: ['group_id', 'tax_code'] },
  { name: 'standings', key: ['assessment_id'] },
  // The counts the triggers keep (migration 0009), copied as they are while the triggers are off.
  { name: 'coverage_registered', key: ['province', 'industry', 'size'] },
  { name: 'enterprise_progress', key: ['tax_code', 'period'] },
  {
    name: 'coverage_progress',
    key: ['period', 'province', 'industry', 'size', 'stage', 'certified'],
    ints: ['stage', 'certified'],
  },
  { name: 'standing_pillar_counts', key: ['basis', 'period', 'province', 'pillar', 'level'], ints: ['level'] },
  // Migration 0010's sums.
  {
    name: 'standing_sums',
    key: ['basis', 'period', 'province', 'industry', 'size', 'max', 'level'],
    ints: ['max', 'level'],
  },
];

const BATCH = 2000;

/** One side of a copy: a single connection, so a transaction can span the awaits of reading the other side. */
interface Side {
  /** Rows of a table in key order (byte order of text, on both backends), `BATCH` at a time. */
  rows(table: (typeof TABLES)[number]): AsyncGenerator<Row[]>;
  count(table: string): Promise<number>;
  /** `read`: a snapshot that blocks no writer; `write`: the target's one transaction. */
  begin(mode: 'read' | 'write'): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  triggersOff(): Promise<void>;
  triggersOn(): Promise<void>;
  insert(table: string, rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteSide(file: string): Side {
  const db: Database = openDatabase(file);
  let triggers: { name: string; sql: string }[] = [];
  return {
    async *rows(t) {
      const st = db.prepare(`SELECT * FROM ${t.name} ORDER BY ${t.key.join(', ')} LIMIT ? OFFSET ?`);
      for (let offset = 0; ; offset += BATCH) {
        const rows = st.all(BATCH, offset) as Row[];
        if (rows.length) yield rows;
        if (rows.length < BATCH) return;
      }
    },
    async count(table) {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
    async begin(mode) {
      // A deferred transaction's first read fixes its snapshot (WAL): the server keeps writing meanwhile.
      if (mode === 'write') return void db.exec('BEGIN IMMEDIATE');
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM schema_migrations').get();
    },
    async commit() {
      db.exec('COMMIT');
    },
    async rollback() {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
    // SQLite cannot switch a trigger off: drop them inside the transaction and create them again from their own
    // stored text before it commits.
    async triggersOff() {
      triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as typeof triggers;
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    },
    async triggersOn() {
      for (const t of triggers) db.exec(t.sql);
      // Certificate numbers continue after the copied ones.
      db.exec(SYNC_CERTIFICATE_COUNTERS);
    },
    async insert(table, rows) {
      const cols = Object.keys(rows[0]!);
      const st = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const r of rows) st.run(...cols.map((c) => r[c]));
    },
    async close() {
      db.close();
    },
  };
}

async function postgresSide(url: string): Promise<Side> {
  const pool: pg.Pool = openPool(url, { maxConnections: 1 });
  await migratePg(pool);
  const c = await pool.connect();
  const q = async (text: string, params: unknown[] = []) => (await c.query(text, params)).rows as Row[];
  return {
    async *rows(t) {
      // COLLATE "C": byte order, as SQLite compares text, whatever the database's own collation.
      const order = t.key.map((k) => (k === 'seq' || t.ints?.includes(k) ? k : `${k} COLLATE "C"`)).join(', ');
      for (let offset = 0; ; offset += BATCH) {
        const rows = await q(`SELECT * FROM ${t.name} ORDER BY ${order} LIMIT $1 OFFSET $2`, [BATCH, offset]);
        if (rows.length) yield rows;
        if (rows.length < BATCH) return;
      }
    },
    async count(table) {
      return (await q(`SELECT count(*) AS n FROM ${table}`))[0]!.n as number;
    },
    async begin(mode) {
      await q(
        mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN ISOLATION LEVEL SERIALIZABLE',
      );
    },
    async commit() {
      await q('COMMIT');
    },
    async rollback() {
      await q('ROLLBACK');
    },
    async triggersOff() {
      for (const t of TABLES) await q(`ALTER TABLE ${t.name} DISABLE TRIGGER USER`);
    },
    async triggersOn() {
      // Deferred foreign keys (a certificate superseded by a later one) are checked now: ALTER TABLE refuses a table
      // with checks still pending.
      await q('SET CONSTRAINTS ALL IMMEDIATE');
      for (const t of TABLES) await q(`ALTER TABLE ${t.name} ENABLE TRIGGER USER`);
      // The next audit entry continues after the copied ones.
      await q(
        `SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), GREATEST((SELECT max(seq) FROM audit_log), 1))`,
      );
      // So do certificate numbers (each year's sequence).
      await q('SELECT dbi_certificate_counters_sync()');
    },
    async insert(table, rows) {
      const cols = Object.keys(rows[0]!);
      // Several rows per statement, under PostgreSQL's 65,535 parameters.
      const per = Math.max(1, Math.floor(60_000 / cols.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        const values = chunk.map((r) => `(${cols.map((c) => `$${params.push(r[c])}`).join(', ')})`);
        await q(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(', ')}`, params);
      }
    },
    async close() {
      c.release();
      await pool.end();
    },
  };
}

const openSide = (t: DatabaseTarget) =>
  t.kind === 'sqlite' ? Promise.resolve(sqliteSide(t.file)) : postgresSide(t.url);

/** sha256 over every row of a table in key order (canonical JSON per row), and the row count. */
async function digest(side: Side, table: (typeof TABLES)[number]) {
  const h = createHash('sha256');
  let n = 0;
  for await (const rows of side.rows(table))
    for (const r of rows) {
      h.update(canonicalJson(r)).update('\n');
      n++;
    }
  return { rows: n, sha256: h.digest('hex') };
}

export interface CopyReport {
  from: string;
  to: string;
  /** Rows per table, equal on both sides. */
  tables: Record<string, number>;
  /** Published and deprecated versions whose definitions were hashed again and matched. */
  publishedVersions: number;
  /** Audit entries, identical on both sides, and their digest. */
  auditEntries: number;
  auditSha256: string;
}

export class CopyError extends Error {}

/**
 * Copies every row from one database to another (SQLite file or postgres:// URL, either way), verifying it as above.
 * The target must hold no data (it is created and migrated when new).
 */
export async function copyDatabase(from: string, to: string): Promise<CopyReport> {
  const [src, dst] = [databaseTarget(from), databaseTarget(to)];
  if (describeTarget(src) === describeTarget(dst)) throw new CopyError('--from and --to are the same database');
  if (src.kind === 'sqlite' && !existsSync(src.file)) throw new CopyError(`there is no database at ${src.file}`);
  const source = await openSide(src);
  let target: Side | undefined;
  try {
    target = await openSide(dst);
    for (const t of TABLES) {
      const n = await target.count(t.name);
      if (n > 0)
        throw new CopyError(`the target is not empty (${t.name} has ${n} rows); copy only into a new database`);
    }
    const report: CopyReport = {
      from: describeTarget(src),
      to: describeTarget(dst),
      tables: {},
      publishedVersions: 0,
      auditEntries: 0,
      auditSha256: '',
    };
    // A snapshot of the source: SQLite's read transaction or PostgreSQL's serializable one holds it still.
    await source.begin('read');
    await target.begin('write');
    try {
      await target.triggersOff();
      for (const t of TABLES) for await (const rows of source.rows(t)) await target.insert(t.name, rows);
      await target.triggersOn();
      for (const t of TABLES) {
        const [a, b] = [await digest(source, t), await digest(target, t)];
        if (a.rows !== b.rows || a.sha256 !== b.sha256)
          throw new CopyError(`${t.name} differs after the copy (${a.rows} rows → ${b.rows})`);
        report.tables[t.name] = b.rows;
        if (t.name === 'audit_log') [report.auditEntries, report.auditSha256] = [b.rows, b.sha256];
      }
      report.publishedVersions = await verifyPublished(target);
      await target.commit();
    } catch (err) {
      await target.rollback();
      throw err;
    } finally {
      await source.rollback();
    }
    return report;
  } finally {
    await source.close();
    await target?.close();
  }
}

/** Every published (or deprecated) version hashes to its stored hash, and that is the hash its audit entry recorded. */
async function verifyPublished(side: Side): Promise<number> {
  const recorded = new Map<string, Set<unknown>>();
  for await (const rows of side.rows(TABLES.find((t) => t.name === 'audit_log')!)) {
    let last = 0;
    for (const e of rows) {
      if ((e.seq as number) <= last) throw new CopyError(`the audit log is out of order at seq ${String(e.seq)}`);
      last = e.seq as number;
      if (e.action === 'version.publish' || e.action === 'version.import') {
        const set = recorded.get(e.target as string) ?? new Set();
        set.add(e.after_hash);
        recorded.set(e.target as string, set);
      }
    }
  }
  let n = 0;
  for await (const rows of side.rows(TABLES.find((t) => t.name === 'index_versions')!)) {
    for (const v of rows) {
      if (v.status === 'draft') continue;
      const name = `${String(v.index_id)}@${String(v.version)}`;
      if (contentHash(JSON.parse(v.definition as string)) !== v.hash)
        throw new CopyError(`${name}: its definition does not hash to its stored hash ${String(v.hash)}`);
      if (!recorded.get(name)?.has(v.hash))
        throw new CopyError(`${name}: no audit entry records its publication with hash ${String(v.hash)}`);
      n++;
    }
  }
  return n;
}

/** A consistent copy of a SQLite database while it is in use (SQLite's online backup API), to `dest` (new file). */
export async function backupSqlite(file: string, dest: string): Promise<{ pages: number }> {
  if (!existsSync(file)) throw new CopyError(`there is no database at ${file}`);
  if (existsSync(dest)) throw new CopyError(`${dest} exists already; back up to a new file`);
  const db = openDatabase(file);
  try {
    const r = await db.backup(dest);
    return { pages: r.totalPages };
  } finally {
    db.close();
  }
}
