// Opening PostgreSQL: a pool of connections (node-postgres), 64-bit integers read as exact JS numbers, then every
// pending migration in one transaction under an advisory lock (two instances starting at once apply it once).
import pg from 'pg';
import { migrations as defaultMigrations, type PgMigration } from './migrations/index.js';

export interface PgOpenOptions {
  /** Override the migration list (tests of migrations themselves). */
  migrations?: readonly PgMigration[];
  /** How long an active API key found by hash is remembered (default 1000 ms; see the SQLite option). */
  keyCacheMs?: number;
  /** Most connections this process holds for writes and short reads (default 10). */
  maxConnections?: number;
  /** Most connections for the reads that grow with the country — standings, coverage, list pages — beside those
   *  (default 2): however many such reads arrive at once, /health, sign-in, API keys and writes still find a free
   *  connection, and the database's CPU is not all spent on them. */
  longReadConnections?: number;
}

/** What a repository runs SQL through: a pooled connection inside a transaction, or the pool for single reads. */
export interface Sql {
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  one<R>(text: string, params?: readonly unknown[]): Promise<R | undefined>;
  run(text: string, params?: readonly unknown[]): Promise<number>;
}

export const sqlOf = (c: pg.Pool | pg.PoolClient): Sql => ({
  async rows<R>(text: string, params: readonly unknown[] = []) {
    return (await c.query(text, params as unknown[])).rows as R[];
  },
  async one<R>(text: string, params: readonly unknown[] = []) {
    return (await c.query(text, params as unknown[])).rows[0] as R | undefined;
  },
  async run(text: string, params: readonly unknown[] = []) {
    return (await c.query(text, params as unknown[])).rowCount ?? 0;
  },
});

/** bigint columns (SQLite's INTEGER is 64-bit too) as numbers, refusing any value a number cannot hold exactly. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${text} is outside the exact range of a JS number`);
  return n;
}

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** True for the URLs that select PostgreSQL. */
export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/** `role` names the pool's connections in pg_stat_activity (application_name): the URL's application_name (or
 * `dbi`), followed by `/long-reads` for the long-read pool, so an operator sees which connections do what. */
export function openPool(
  url: string,
  options: PgOpenOptions = {},
  max = options.maxConnections ?? 10,
  role: 'main' | 'long-reads' = 'main',
): pg.Pool {
  // node-postgres lets the URL's parameters win over the options: the name is taken out of the URL and set here.
  const u = new URL(url);
  const name = u.searchParams.get('application_name') || 'dbi';
  u.searchParams.delete('application_name');
  const pool = new pg.Pool({
    connectionString: u.toString(),
    application_name: role === 'main' ? name : `${name}/long-reads`,
    types: typeParsers,
    max,
  });
  // An idle connection that dies (the server restarted, the network dropped) must not crash the process: the
  // pool drops it and the next query opens another.
  pool.on('error', () => {});
  return pool;
}

const MIGRATION_LOCK = 0x646269_01; // any fixed number; only DBI's migrations take it

/** Applies the pending migrations in version order, all in one transaction. Returns the versions applied. */
export async function migratePg(
  pool: pg.Pool,
  migrations: readonly PgMigration[] = defaultMigrations,
): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered 1, 2, 3, … in order; found ${m.version} at position ${i + 1}`);
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at text NOT NULL
    )`);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new Error(
        `the database is at schema version ${newest}, newer than this program (${migrations.length}); upgrade the program`,
      );
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      done.push(m.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function appliedPgMigrations(pool: pg.Pool): Promise<number[]> {
  return (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
    (r) => r.version,
  );
}
