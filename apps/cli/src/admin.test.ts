// dbi admin on the backend under test (vitest.config.ts: a SQLite file, or with DBI_TEST_BACKEND=postgres a scratch
// schema on $DBI_TEST_PG).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  databaseTarget,
  hashApiKey,
  keySecretFor,
  openSqliteStorage,
  openStorage,
  scratchSchema,
  verifyPassword,
} from '@dbi/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from './admin.js';

let dir: string;
let db: string;
let drop: () => Promise<void>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-admin-'));
  if (process.env.DBI_TEST_BACKEND === 'postgres') {
    const scratch = await scratchSchema(process.env.DBI_TEST_PG!);
    [db, drop] = [scratch.url, scratch.drop];
  } else [db, drop] = [join(dir, 'data', 'dbi.sqlite'), async () => {}];
});
afterEach(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

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
    const storage = await openStorage(db);
    // Stored as HMAC-SHA256 under the key secret beside the database (the server's), never as plain sha256.
    const info = await storage.keys.findActiveByHash(hashApiKey(key, keySecretFor(databaseTarget(db))));
    expect(info).toMatchObject({ role: 'sector-ministry', scope: 'large-agri*', name: 'MARD' });
    expect(await storage.keys.findActiveByHash(hashApiKey(key))).toBeUndefined();
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
    const storage = await openStorage(db);
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

  it('refuses a --db that is neither a file nor a postgres:// URL, creating nothing', async () => {
    const r = await admin('create-key', '--role', 'integrator', '--db', 'mysql://user@host/dbi');
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/"mysql:…" is not supported.*postgres:\/\//) });
    expect(existsSync('mysql:')).toBe(false);
  });

  it('copy: the database to a new one and back, verified, keys and audit log intact; refuses a target with data', async () => {
    const key = (await admin('create-key', '--role', 'integrator')).out.trim();
    await admin('revoke-key', /key_[0-9a-f]+/.exec((await admin('list-keys')).out)![0]);
    const copy = join(dir, 'copy.sqlite');
    const there = await admin('copy', '--from', db, '--to', copy);
    expect(there.err).toBe('');
    expect(there.code).toBe(0);
    expect(there.out).toMatch(/api_keys +1 rows, identical/);
    expect(there.out).toMatch(/audit_log +2 rows, identical/);
    expect(there.out).toMatch(/audit log: 2 entries, sha256 [0-9a-f]{64} on both sides/);
    const copied = openSqliteStorage(copy);
    const [k] = await copied.keys.list();
    expect(k).toMatchObject({ role: 'integrator', revokedAt: expect.stringMatching(/^\d{4}-/) });
    expect((await copied.audit.list()).map((e) => e.action)).toEqual(['key.create', 'key.revoke']);
    await copied.close();
    const refused = await admin('copy', '--from', copy, '--to', db);
    expect(refused).toMatchObject({
      code: 1,
      err: expect.stringMatching(/the target is not empty \(api_keys has 1 rows\)/),
    });
    expect((await admin('copy', '--from', copy)).code).toBe(2);
    expect(key).toMatch(/^dbi_/);
  });

  it('backup: a SQLite file to a new file readable as the original; PostgreSQL is pointed to pg_dump', async () => {
    await admin('create-key', '--role', 'integrator');
    const to = join(dir, 'backup.sqlite');
    const r = await admin('backup', '--to', to);
    if (process.env.DBI_TEST_BACKEND === 'postgres') {
      expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/pg_dump -Fc/) });
      return;
    }
    expect(r.code).toBe(0);
    const restored = openSqliteStorage(to);
    expect((await restored.keys.list()).map((k) => k.role)).toEqual(['integrator']);
    await restored.close();
    expect((await admin('backup', '--to', to)).code).toBe(1); // never overwrites
  });
});

describe('dbi admin create-account', () => {
  it('makes the first Ministry account with a one-time password printed once, to be changed at sign-in', async () => {
    const r = await admin(
      'create-account',
      '--role',
      'ministry-publisher',
      '--email',
      'Admin@Bo.gov.vn',
      '--name',
      'Bộ',
    );
    expect(r.code).toBe(0);
    const password = r.out.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(r.err).toMatch(/shown once/);
    const s = await openStorage(db);
    try {
      const stored = await s.accounts.findForSignIn('admin@bo.gov.vn');
      expect(stored).toMatchObject({ role: 'ministry-publisher', scope: null, name: 'Bộ', mustChangePassword: true });
      expect(await verifyPassword(stored!.passwordHash, password)).toBe(true);
      expect(stored!.passwordHash).not.toContain(password);
    } finally {
      await s.close();
    }
    expect((await admin('create-account', '--role', 'ministry-publisher', '--email', 'admin@bo.gov.vn')).err).toMatch(
      /exists/,
    );
  });

  it('refuses self-registering roles, bad scopes and missing flags', async () => {
    expect(await admin('create-account', '--role', 'enterprise', '--email', 'a@b.vn')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/register themselves/),
    });
    expect(await admin('create-account', '--role', 'provincial-department', '--email', 'a@b.vn')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/needs a scope/),
    });
    expect((await admin('create-account', '--role', 'ministry-editor')).code).toBe(2);
    expect((await admin('create-account', '--role', 'ministry-editor', '--email', 'not-an-email')).err).toMatch(
      /not an e-mail/,
    );
  });
});
