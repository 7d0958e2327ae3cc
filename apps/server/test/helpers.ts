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
  const issue = async (name: string, role: Role, scope?: string) => (await issueApiKey(app.storage, { name, role, scope })).key;
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
