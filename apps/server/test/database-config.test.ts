// PostgreSQL's pool sizes as settings (DBI_PG_CONNECTIONS, DBI_PG_LONG_READS): read and checked from the environment,
// and carried to the storage — on PostgreSQL, the national reads of a running app hold no more connections than set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PgStorage } from '@dbi/storage';
import { buildServer } from '../src/index.js';
import { readConfig } from '../src/config.js';
import { BACKEND, testDatabase } from './helpers.js';

describe('PostgreSQL pool settings', () => {
  it('reads DBI_PG_CONNECTIONS and DBI_PG_LONG_READS, and refuses what is not an integer 1–100, naming it', () => {
    expect(readConfig({}).database).toEqual({});
    expect(readConfig({ DBI_PG_CONNECTIONS: '20', DBI_PG_LONG_READS: '1' }).database).toEqual({
      maxConnections: 20,
      longReadConnections: 1,
    });
    for (const bad of ['0', '101', '1.5', 'two', '-3'])
      expect(() => readConfig({ DBI_PG_LONG_READS: bad })).toThrow(
        `DBI_PG_LONG_READS must be an integer 1–100, got "${bad}"`,
      );
    expect(() => readConfig({ DBI_PG_CONNECTIONS: '0' })).toThrow(/^DBI_PG_CONNECTIONS must be an integer 1–100/);
  });

  it('the app opens its database with them: on PostgreSQL 10 national reads at once hold one long-read connection; SQLite ignores them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbi-server-'));
    const { db, drop } = await testDatabase(dir);
    const name = `t${randomBytes(4).toString('hex')}`;
    const url = BACKEND === 'postgres' ? new URL(db) : undefined;
    url?.searchParams.set('application_name', name);
    const app = await buildServer(
      {
        dbFile: url?.toString() ?? db,
        designerDist: join(dir, 'none'),
        portalDist: join(dir, 'none'),
        database: { maxConnections: 3, longReadConnections: 1 },
      },
      { logger: false },
    );
    try {
      const counts = await Promise.all(
        Array.from({ length: 10 }, () => app.storage.standings.count({ basis: 'certified', period: '2026' })),
      );
      expect(counts).toEqual(Array.from({ length: 10 }, () => 0));
      if (BACKEND === 'postgres') {
        const r = await (app.storage as PgStorage).pool.query<{ name: string; n: number }>(
          `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
           WHERE application_name IN ($1, $2) GROUP BY application_name ORDER BY application_name`,
          [name, `${name}/long-reads`],
        );
        expect(r.rows.find((x) => x.name === `${name}/long-reads`)?.n).toBe(1);
        expect(r.rows.find((x) => x.name === name)?.n).toBeLessThanOrEqual(3);
      }
    } finally {
      await app.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
