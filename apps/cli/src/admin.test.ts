import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey, openStorage } from '@dbi/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from './admin.js';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-admin-'));
  db = join(dir, 'data', 'dbi.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function admin(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runAdmin(args, { out: (t) => (out += t), err: (t) => (err += t), env: { DBI_DB: db } });
  return { code, out, err };
}

describe('dbi admin', () => {
  it('create-key prints the secret once and stores only its hash, with role and scope', async () => {
    const r = await admin('create-key', '--role', 'sector-ministry', '--scope', 'large-agri*', '--name', 'MARD');
    expect(r.code).toBe(0);
    const key = r.out.trim();
    expect(key).toMatch(/^dbi_[A-Za-z0-9_-]{43}$/);
    expect(r.err).toMatch(/shown once/);
    const storage = openStorage(db);
    const info = await storage.keys.findActiveByHash(hashApiKey(key));
    expect(info).toMatchObject({ role: 'sector-ministry', scope: 'large-agri*', name: 'MARD' });
    const audit = await storage.audit.list({ action: 'key.create' });
    expect(audit[0]).toMatchObject({ actorId: 'cli', target: `key:${info!.id}` });
    await storage.close();
  });

  it('list-keys shows keys without secrets; revoke-key revokes once', async () => {
    const created = await admin('create-key', '--role', 'integrator', `--db=${db}`);
    const key = created.out.trim();
    const list = await admin('list-keys');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^ID\s+ROLE\s+SCOPE\s+NAME\s+CREATED\s+REVOKED/);
    expect(list.out).toContain('integrator');
    expect(list.out).not.toContain(key);
    const id = /key_[0-9a-f]+/.exec(list.out)![0];
    expect((await admin('revoke-key', id)).code).toBe(0);
    const row = (await admin('list-keys')).out.split('\n').find((l) => l.startsWith(id))!;
    expect(row.trim().split(/\s+/).at(-1)).toMatch(/^\d{4}-\d\d-\d\dT/);
    const again = await admin('revoke-key', id);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already revoked/);
    const storage = openStorage(db);
    expect(await storage.keys.findActiveByHash(hashApiKey(key))).toBeUndefined();
    await storage.close();
  });

  it('refuses invalid roles and scopes (exit 1) and bad usage (exit 2)', async () => {
    expect(await admin('create-key', '--role', 'root')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/unknown role "root"/),
    });
    expect(await admin('create-key', '--role', 'enterprise')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/needs a scope/),
    });
    expect(await admin('create-key', '--role', 'integrator', '--scope', 'x')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/takes no scope/),
    });
    expect((await admin('create-key')).code).toBe(2);
    expect((await admin('create-key', '--role')).code).toBe(2);
    expect((await admin('create-key', '--role', 'integrator', '--colour', 'red')).code).toBe(2);
    expect((await admin('frobnicate')).code).toBe(2);
    expect((await admin()).code).toBe(2);
    expect((await admin('revoke-key')).code).toBe(2);
  });

  it('list-keys and revoke-key refuse a database that does not exist', async () => {
    const r = await admin('list-keys', '--db', join(dir, 'nope.sqlite'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no database/);
    expect((await admin('revoke-key', 'key_0000', '--db', join(dir, 'nope.sqlite'))).code).toBe(1);
  });
});
