// A constraint the database refuses becomes a StorageError whose message is ours: the driver's text (table, column
// and constraint names) is kept as `cause` for the log and never reaches a client.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../common.js';
import { translateSqliteError } from './errors.js';

const refusal = (db: Database.Database, sql: string): unknown => {
  try {
    db.exec(sql);
  } catch (err) {
    return err;
  }
  throw new Error(`not refused: ${sql}`);
};

describe('translateSqliteError', () => {
  it('hides the driver message of unique, check and not-null refusals; keeps trigger messages (ours)', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)));
      CREATE TRIGGER t_keep BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'rows of t are kept'); END;
      INSERT INTO t VALUES ('a', '{}')`);
    const cases: [string, string][] = [
      [`INSERT INTO t VALUES ('a', '{}')`, 'conflict'],
      [`INSERT INTO t VALUES ('b', 'not json')`, 'invalid'],
      [`INSERT INTO t VALUES ('c', NULL)`, 'invalid'],
    ];
    for (const [sql, code] of cases) {
      const err = translateSqliteError(refusal(db, sql));
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).code).toBe(code);
      expect((err as StorageError).message).not.toMatch(/constraint|json_valid|UNIQUE|NOT NULL|t\.id|t\.doc/i);
      expect(String(((err as StorageError).cause as Error).message)).toMatch(/constraint/i);
    }
    const kept = translateSqliteError(refusal(db, `DELETE FROM t`)) as StorageError;
    expect([kept.code, kept.message]).toEqual(['immutable', 'rows of t are kept']);
    db.close();
  });
});
