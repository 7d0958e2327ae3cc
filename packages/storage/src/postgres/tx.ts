// The one way a repository writes on PostgreSQL: a SERIALIZABLE transaction (the reads that decide a write are
// exactly what it commits against — where SQLite takes its one write lock up front, PostgreSQL detects a conflicting
// concurrent transaction and fails one of them), retried from the start on a serialization failure or deadlock, and
// inside it the same audited-write pattern as SQLite's (read before, check, write, read after, append the audit
// entry with both hashes).
import type pg from 'pg';
import { now, recordHash, type Actor, type StorageErrorCode } from '../common.js';
import { appendAudit } from './audit.js';
import { sqlOf, type Sql } from './database.js';
import { isRetryable, translatePgError } from './errors.js';

export interface PgAuditedWrite<R> {
  action: string;
  target: string;
  /** Reads the record (before and after the write); undefined when it does not exist (yet). */
  load: (q: Sql) => Promise<R | undefined>;
  /** Checks (throwing StorageError) and writes; `before` is what `load` read first. */
  write: (q: Sql, at: string, before: R | undefined) => Promise<void>;
  /** The audit log's before/after hash of a record; default: the hash of its canonical JSON. */
  hash?: (record: R) => string | null;
}

/** Attempts of one write before a serialization failure is given up (each retry waits a little, at random). */
const ATTEMPTS = 20;

export class PgWriter {
  /** Reads outside any transaction. */
  readonly q: Sql;
  constructor(
    readonly pool: pg.Pool,
    /** What a trigger's refusal becomes (see translatePgError). */
    private readonly trigger: StorageErrorCode = 'immutable',
  ) {
    this.q = sqlOf(pool);
  }

  /** Runs `fn` in one SERIALIZABLE transaction with the write's timestamp; refusals become StorageErrors. */
  async tx<T>(fn: (q: Sql, at: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await fn(sqlOf(client), now());
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        if (isRetryable(err) && attempt < ATTEMPTS) {
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
          continue;
        }
        throw translatePgError(err, this.trigger);
      } finally {
        client.release(broken);
      }
    }
  }

  /** One audited write inside a transaction already open (a write that changes several records). */
  async step<R>(q: Sql, at: string, actor: Actor, w: PgAuditedWrite<R>): Promise<R> {
    const hash = w.hash ?? recordHash;
    const before = await w.load(q);
    await w.write(q, at, before);
    const after = await w.load(q);
    if (after === undefined) throw new Error(`${w.target} is missing after ${w.action}`);
    await appendAudit(
      q,
      actor,
      {
        action: w.action,
        target: w.target,
        beforeHash: before === undefined ? null : hash(before),
        afterHash: hash(after),
      },
      at,
    );
    return after;
  }

  /** One audited write in its own transaction. */
  write<R>(actor: Actor, w: PgAuditedWrite<R>): Promise<R> {
    return this.tx((q, at) => this.step(q, at, actor, w));
  }
}
