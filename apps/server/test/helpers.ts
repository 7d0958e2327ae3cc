// Test fixtures: a real app on a real SQLite file in a temporary folder, with one key per role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { issueApiKey } from '@dbi/storage';
import type { Role } from '@dbi/schema';
import { buildServer } from '../src/index.js';

export const BOOTSTRAP = 'test-bootstrap-key-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  dbFile: string;
  /** One key per role; sector-ministry covers `large-agri*`, provincial-department 01, enterprise 0101234567. */
  keys: Record<Role | 'other-sector', string>;
  close(): Promise<void>;
}

export async function makeApp(options: { designerDist?: string } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-server-'));
  const dbFile = join(dir, 'data', 'dbi.sqlite');
  const app = await buildServer(
    { dbFile, bootstrapKey: BOOTSTRAP, designerDist: options.designerDist ?? join(dir, 'no-designer') },
    { logger: false },
  );
  const issue = async (name: string, role: Role, scope?: string) =>
    (await issueApiKey(app.storage, { name, role, scope })).key;
  const keys = {
    'ministry-publisher': BOOTSTRAP,
    'ministry-editor': await issue('editor', 'ministry-editor'),
    'sector-ministry': await issue('agriculture', 'sector-ministry', 'large-agri*'),
    'other-sector': await issue('trade', 'sector-ministry', 'trade-*'),
    'provincial-department': await issue('hanoi', 'provincial-department', '01'),
    consultant: await issue('consultant', 'consultant'),
    enterprise: await issue('acme', 'enterprise', '0101234567'),
    integrator: await issue('bank', 'integrator'),
  };
  return {
    app,
    dir,
    dbFile,
    keys,
    async close() {
      await app.close();
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
