// A scratch schema on a PostgreSQL server, for tests: each test gets its own schema (so tests run in parallel on one
// database) through a URL whose connections use it as their search_path; dropping it removes everything in it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchSchema {
  /** The given URL with `options=-c search_path=<schema>`: every connection opened with it works in the schema. */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function scratchSchema(url: string): Promise<ScratchSchema> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin(url, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    schema,
    drop: () => admin(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}
