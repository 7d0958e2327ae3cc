// The long-read pool on PostgreSQL: however many national reads arrive at once, they hold at most
// `longReadConnections` connections, named apart from the main pool's in pg_stat_activity.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../storage.js';
import { scratchSchema, type ScratchSchema } from './scratch.js';

let scratch: ScratchSchema;
beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
});
afterEach(async () => {
  await scratch.drop();
});

describe('long reads on PostgreSQL', () => {
  for (const longReadConnections of [1, 3]) {
    it(`${longReadConnections} long-read connection(s): 12 reads at once hold no more, named <application>/long-reads`, async () => {
      // A name of this test's own: tests share the server, and pg_stat_activity shows every connection on it.
      const name = `t${randomBytes(4).toString('hex')}`;
      const u = new URL(scratch.url);
      u.searchParams.set('application_name', name);
      const storage = await openPostgresStorage(u.toString(), { longReadConnections });
      try {
        const counts = await Promise.all(
          Array.from({ length: 12 }, () => storage.standings.count({ basis: 'certified', period: '2026' })),
        );
        expect(counts).toEqual(Array.from({ length: 12 }, () => 0));
        const seen = await storage.pool.query<{ application_name: string; n: number }>(
          `SELECT application_name, count(*)::int AS n FROM pg_stat_activity
           WHERE application_name IN ($1, $2) GROUP BY application_name`,
          [name, `${name}/long-reads`],
        );
        const by = new Map(seen.rows.map((r) => [r.application_name, r.n]));
        expect(by.get(`${name}/long-reads`)).toBeGreaterThanOrEqual(1);
        expect(by.get(`${name}/long-reads`)).toBeLessThanOrEqual(longReadConnections);
        expect(by.get(name)).toBeGreaterThanOrEqual(1); // the main pool, which ran this very query
      } finally {
        await storage.close();
      }
    });
  }
});
