import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { createSqliteReader, type SqliteReader } from './reader.js';

const open: { db: Database; reader: SqliteReader; dir?: string }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.reader.close();
    o.db.close();
    if (o.dir) rmSync(o.dir, { recursive: true, force: true });
  }
});

function fileDb() {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-reader-'));
  const file = join(dir, 'dbi.sqlite');
  const db = openDatabase(file, { migrations: [] });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT) STRICT; CREATE TABLE c (t_id INTEGER, n INTEGER) STRICT');
  const reader = createSqliteReader(file, db);
  open.push({ db, reader, dir });
  return { db, reader };
}

describe('the SQLite reader thread', () => {
  it('sees every write committed on the main connection before the read', async () => {
    const { db, reader } = fileDb();
    expect(await reader.all('SELECT count(*) AS n FROM t', [])).toEqual([{ n: 0 }]);
    db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(1, 'một');
    db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(2, 'hai');
    expect(await reader.all('SELECT id, v FROM t WHERE id >= ? ORDER BY id', [1])).toEqual([
      { id: 1, v: 'một' },
      { id: 2, v: 'hai' },
    ]);
  });

  it('reads a page and the rows that belong to it (one marker per row, bound to its key)', async () => {
    const { db, reader } = fileDb();
    for (let i = 1; i <= 5; i++) db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(i, `v${i}`);
    for (const [t, n] of [
      [2, 20],
      [2, 21],
      [3, 30],
      [5, 50],
    ])
      db.prepare('INSERT INTO c (t_id, n) VALUES (?, ?)').run(t, n);
    const got = await reader.withRelated({
      sql: 'SELECT id FROM t WHERE id > ? ORDER BY id LIMIT ?',
      params: [1, 2],
      then: { sql: 'SELECT t_id, n FROM c WHERE t_id IN (?*) ORDER BY t_id, n', key: 'id' },
    });
    expect(got).toEqual({
      rows: [{ id: 2 }, { id: 3 }],
      related: [
        { t_id: 2, n: 20 },
        { t_id: 2, n: 21 },
        { t_id: 3, n: 30 },
      ],
    });
    const none = await reader.withRelated({
      sql: 'SELECT id FROM t WHERE id > ?',
      params: [99],
      then: { sql: 'SELECT * FROM c WHERE t_id IN (?*)', key: 'id' },
    });
    expect(none).toEqual({ rows: [], related: [] });
  });

  it('cannot write, and says why with SQLite’s code', async () => {
    const { reader } = fileDb();
    await expect(reader.all('INSERT INTO t (id, v) VALUES (9, ?) RETURNING id', ['x'])).rejects.toThrow(
      /^SQLITE_READONLY: /,
    );
    await expect(reader.all('SELECT * FROM missing', [])).rejects.toThrow(/^SQLITE_ERROR: no such table: missing/);
  });

  it('leaves the event loop free while a long read runs', async () => {
    const { reader } = fileDb();
    await reader.all('SELECT 1', []); // the thread is up: only the read itself is measured below
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const [r] = await reader.all<{ n: number }>(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) SELECT count(*) AS n FROM k`,
        [3_000_000],
      );
      expect(r!.n).toBe(3_000_000);
    } finally {
      clearInterval(timer);
    }
    // Synchronously on this thread the count would have run to the end with no tick in between.
    expect(ticks).toBeGreaterThan(0);
  });

  it('reads an in-memory database in place (it cannot be opened twice)', async () => {
    const db = openDatabase(':memory:', { migrations: [] });
    const reader = createSqliteReader(':memory:', db);
    open.push({ db, reader });
    db.exec('CREATE TABLE m (x INTEGER) STRICT; INSERT INTO m VALUES (7)');
    expect(await reader.all('SELECT x FROM m', [])).toEqual([{ x: 7 }]);
  });
});
