// Test fixtures: a real app on a real database with one key per role — a SQLite file in a temporary folder, or, when
// DBI_TEST_BACKEND=postgres (vitest.config.ts's postgres project), a scratch schema on the PostgreSQL at DBI_TEST_PG.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { issueApiKey, openPostgresStorage, openSqliteStorage, scratchSchema } from '@dbi/storage';
import type { Role } from '@dbi/schema';
import { buildServer, type AppOptions } from '../src/index.js';
import { ENTERPRISE_TAX_CODE } from './tax-codes.js';

export const BOOTSTRAP = 'test-bootstrap-key-0123456789abcdef';

export const BACKEND: 'sqlite' | 'postgres' = process.env.DBI_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh database for one test: what DBI_DB would be, and how to remove it. */
export async function testDatabase(dir: string): Promise<{ db: string; drop: () => Promise<void> }> {
  if (BACKEND === 'sqlite') return { db: join(dir, 'data', 'dbi.sqlite'), drop: async () => {} };
  if (!process.env.DBI_TEST_PG)
    throw new Error('DBI_TEST_BACKEND=postgres needs DBI_TEST_PG (see scripts/pg-cluster.sh)');
  const scratch = await scratchSchema(process.env.DBI_TEST_PG);
  return { db: scratch.url, drop: scratch.drop };
}

/** Runs one statement on the database directly, past the API and the repositories (as a person with a shell could). */
export async function directSql(db: string, text: string): Promise<void> {
  if (BACKEND === 'postgres') {
    const s = await openPostgresStorage(db);
    try {
      await s.pool.query(text);
    } finally {
      await s.close();
    }
  } else {
    const s = openSqliteStorage(db);
    try {
      s.db.prepare(text).run();
    } finally {
      await s.close();
    }
  }
}

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  /** DBI_DB of this app: its SQLite file or its PostgreSQL URL. */
  dbFile: string;
  /** One key per role; sector-ministry covers `large-agri*`, provincial-department 01, enterprise ENTERPRISE_TAX_CODE. */
  keys: Record<Role | 'other-sector', string>;
  close(): Promise<void>;
}

export async function makeApp(
  options: { designerDist?: string; portalDist?: string; certificates?: AppOptions['certificates'] } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-server-'));
  const { db: dbFile, drop } = await testDatabase(dir);
  const app = await buildServer(
    {
      dbFile,
      bootstrapKey: BOOTSTRAP,
      designerDist: options.designerDist ?? join(dir, 'no-designer'),
      ...(options.certificates ? { certificates: options.certificates } : {}),
      portalDist: options.portalDist ?? join(dir, 'no-portal'),
    },
    { logger: false },
  );
  const issue = async (name: string, role: Role, scope?: string) =>
    (await issueApiKey(app.storage, { name, role, scope }, undefined, app.keySecret)).key;
  const keys = {
    'ministry-publisher': BOOTSTRAP,
    'ministry-editor': await issue('editor', 'ministry-editor'),
    'sector-ministry': await issue('agriculture', 'sector-ministry', 'large-agri*'),
    'other-sector': await issue('trade', 'sector-ministry', 'trade-*'),
    'provincial-department': await issue('hanoi', 'provincial-department', '01'),
    consultant: await issue('consultant', 'consultant'),
    enterprise: await issue('acme', 'enterprise', ENTERPRISE_TAX_CODE),
    integrator: await issue('bank', 'integrator'),
  };
  return {
    app,
    dir,
    dbFile,
    keys,
    async close() {
      await app.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  text: string;
}

/** app.inject with a key (by role) and a JSON body; the reply's body parsed when it is JSON. */
export async function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
  url: string,
  options: { key?: string; as?: keyof TestApp['keys']; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const key = options.key ?? (options.as ? t.keys[options.as] : undefined);
  const headers: Record<string, string> = { ...(key ? bearer(key) : {}), ...options.headers };
  const r = await t.app.inject({
    method,
    url,
    headers,
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
  const type = String(r.headers['content-type'] ?? '');
  return {
    status: r.statusCode,
    headers: r.headers,
    text: r.body,
    body: type.includes('json') && r.body ? JSON.parse(r.body) : r.body,
  };
}

/** Every problem response has the RFC 9457 members and its media type. */
export function expectProblem(r: Reply, status: number, type?: string): void {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text.slice(0, 500)}`);
  if (!String(r.headers['content-type']).startsWith('application/problem+json'))
    throw new Error(`not problem+json: ${String(r.headers['content-type'])}`);
  const b = r.body as Record<string, unknown>;
  for (const k of ['type', 'title', 'status', 'detail', 'instance'])
    if (!(k in b)) throw new Error(`problem lacks ${k}: ${r.text}`);
  if (b.status !== status) throw new Error(`problem status ${String(b.status)} ≠ ${status}`);
  if (type && b.type !== `https://dbi.example/problems/${type}`)
    throw new Error(`problem type ${String(b.type)} ≠ ${type}`);
}
