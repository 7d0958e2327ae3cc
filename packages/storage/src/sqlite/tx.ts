// The one way a repository writes: an IMMEDIATE transaction (the write lock first, so the reads that decide a write
// see the latest commit), and inside it the audited-write pattern — read the record before, check, write, read it
// after, append the audit entry with both hashes — so no write is stored without its audit record.
import type { Database } from 'better-sqlite3';
import { now, recordHash, type Actor, type StorageErrorCode } from '../common.js';
import type { AuditWriter } from './audit.js';
import { translateSqliteError } from './errors.js';

export interface AuditedWrite<R> {
  action: string;
  target: string;
  /** Reads the record (before and after the write); undefined when it does not exist (yet). */
  load: () => R | undefined;
  /** Checks (throwing StorageError) and writes; `before` is what `load` read first. */
  write: (at: string, before: R | undefined) => void;
  /** The audit log's before/after hash of a record; default: the hash of its canonical JSON. */
  hash?: (record: R) => string | null;
}

export class SqliteWriter {
  constructor(
    readonly db: Database,
    readonly audit: AuditWriter,
    /** What a trigger's refusal becomes (see translateSqliteError). */
    private readonly trigger: StorageErrorCode = 'immutable',
  ) {}

  /** Runs `fn` in one IMMEDIATE transaction with the write's timestamp; SQLite refusals become StorageErrors. */
  tx<T>(fn: (at: string) => T): T {
    const at = now();
    try {
      return this.db.transaction(() => fn(at)).immediate();
    } catch (err) {
      throw translateSqliteError(err, this.trigger);
    }
  }

  /** One audited write inside a transaction already open (a write that changes several records). */
  step<R>(at: string, actor: Actor, w: AuditedWrite<R>): R {
    const hash = w.hash ?? recordHash;
    const before = w.load();
    w.write(at, before);
    const after = w.load();
    if (after === undefined) throw new Error(`${w.target} is missing after ${w.action}`);
    this.audit.append(
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

  /** One audited write in its own IMMEDIATE transaction. */
  write<R>(actor: Actor, w: AuditedWrite<R>): R {
    return this.tx((at) => this.step(at, actor, w));
  }
}

/** Fixed words of the code (never user input, e.g. the rules' ASSIGNABLE states) as an SQL list: 'a', 'b'. */
export const sqlList = (words: readonly string[]): string => words.map((w) => `'${w}'`).join(', ');
