// Accounts' contract, run on each backend (test/backend.ts): e-mail uniqueness, password hashing and rules, lockout,
// sessions, password change, disabling, tax-code bindings, consultant recognition, paging and the audit trail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../test/backend.js';
import { createAccount } from '../account-setup.js';
import { StorageError } from '../common.js';
import { issueApiKey, hashApiKey } from '../keys/keys.js';
import type { Storage } from '../storage.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

let db: TestDatabase;
let storage: Storage;
beforeEach(async () => {
  db = await testDatabase();
  storage = await db.open();
});
afterEach(async () => {
  await storage.close();
  await db.drop();
});

const ADMIN = { id: 'acc_admin', name: 'admin@example.vn' };
const PASSWORD = 'correct horse battery';
const enterprise = (email = 'An@Example.VN') =>
  createAccount(storage, { email, name: 'Công ty An', role: 'enterprise', password: PASSWORD, taxCode: '0100109106' });
const hashOf = (n: number) => n.toString(16).padStart(64, '0');

describe('passwords', () => {
  it('are stored only as argon2id hashes that verify the right password only', async () => {
    const a = await enterprise();
    const [row] = await db.sql<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE id = ?', [a.id]);
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await db.sql('SELECT * FROM accounts'))).not.toContain(PASSWORD);
    expect(await verifyPassword(row!.password_hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(row!.password_hash, PASSWORD + ' ')).toBe(false);
    expect(await verifyPassword(undefined, PASSWORD)).toBe(false);
    expect(await hashPassword(PASSWORD)).not.toBe(row!.password_hash); // salted
  });

  it.each([
    ['short', 'password-too-short'],
    ['aaaaaaaaaaaaaaa', 'password-too-simple'],
    ['x'.repeat(257), 'password-too-long'],
    ['an@example.vn', 'password-is-email'],
  ])('%s is refused (%s), in Vietnamese and English', (pw, code) => {
    const p = passwordProblem(pw, 'AN@example.vn');
    expect(p?.code).toBe(code);
    expect(p?.vi).toMatch(/Mật khẩu/);
    expect(p?.en).toMatch(/password/);
  });

  it('ten characters of four kinds pass', () => {
    expect(passwordProblem('abcdabcdab')).toBeUndefined();
    expect(passwordProblem('abcabcabca')).toMatchObject({ code: 'password-too-simple' });
  });
});

describe('AccountRepository', () => {
  it('creates an enterprise account with a pending binding and no scope; e-mails are unique in any case', async () => {
    const a = await enterprise();
    expect(a).toMatchObject({
      email: 'an@example.vn',
      role: 'enterprise',
      scope: null,
      status: 'active',
      lang: 'vi',
      binding: { taxCode: '0100109106', status: 'pending', decidedBy: null },
    });
    await expect(enterprise('AN@example.vn')).rejects.toMatchObject({ code: 'conflict' });
    expect((await storage.accounts.findForSignIn(' an@EXAMPLE.vn '))?.id).toBe(a.id);
    await expect(
      createAccount(storage, { email: 'x@example.vn', name: 'X', role: 'provincial-department', password: PASSWORD }),
    ).rejects.toThrow(/scope: role provincial-department needs a scope/);
    await expect(
      createAccount(storage, { email: 'nope', name: 'X', role: 'integrator', password: PASSWORD }),
    ).rejects.toThrow(/^email:/);
    await expect(
      createAccount(storage, { email: 'y@example.vn', name: 'Y', role: 'integrator', password: 'short' }),
    ).rejects.toThrow(/^password:/);
  });

  it('locks an account after the allowed failures in a row, and a sign-in resets the count', async () => {
    const a = await enterprise();
    const policy = { maxAttempts: 3, lockMs: 60_000 };
    await storage.accounts.signInFailed(a.id, policy);
    const second = await storage.accounts.signInFailed(a.id, policy);
    expect(second.lockedUntil).toBeNull();
    expect((await storage.accounts.findForSignIn(a.email))?.failedAttempts).toBe(2);
    const third = await storage.accounts.signInFailed(a.id, policy);
    expect(Date.parse(third.lockedUntil!)).toBeGreaterThan(Date.now() + 50_000);
    expect((await storage.accounts.findForSignIn(a.email))?.failedAttempts).toBe(0);
    await storage.accounts.openSession(a.id, { idHash: hashOf(1), expiresAt: '2999-01-01T00:00:00.000Z' });
    expect((await storage.accounts.get(a.id))?.lockedUntil).toBeNull();
  });

  it('finds a session until it is revoked or expired', async () => {
    const a = await enterprise();
    const s = await storage.accounts.openSession(a.id, { idHash: hashOf(1), expiresAt: '2999-01-01T00:00:00.000Z' });
    expect(s).toMatchObject({ accountId: a.id, revokedAt: null });
    expect((await storage.accounts.findSession(hashOf(1)))?.account.id).toBe(a.id);
    await storage.accounts.openSession(a.id, { idHash: hashOf(2), expiresAt: '2000-01-01T00:00:00.000Z' });
    expect(await storage.accounts.findSession(hashOf(2))).toBeUndefined();
    expect(await storage.accounts.findSession(hashOf(3))).toBeUndefined();
    await storage.accounts.revokeSession(hashOf(1), { id: a.id, name: a.email });
    expect(await storage.accounts.findSession(hashOf(1))).toBeUndefined();
    const [row] = await db.sql<{ id_hash: string }>('SELECT * FROM sessions WHERE id_hash = ?', [hashOf(1)]);
    expect(row).toBeDefined(); // revoked, not deleted
  });

  it('a password change revokes every other session of the account, not the one kept', async () => {
    const a = await enterprise();
    const b = await createAccount(storage, {
      email: 'b@example.vn',
      name: 'B',
      role: 'integrator',
      password: PASSWORD,
    });
    for (const n of [1, 2, 3])
      await storage.accounts.openSession(a.id, { idHash: hashOf(n), expiresAt: '2999-01-01T00:00:00.000Z' });
    await storage.accounts.openSession(b.id, { idHash: hashOf(9), expiresAt: '2999-01-01T00:00:00.000Z' });
    const changed = await storage.accounts.setPassword(
      a.id,
      { passwordHash: await hashPassword('another good password'), mustChangePassword: false, keepSession: hashOf(2) },
      { id: a.id, name: a.email },
    );
    expect(changed.mustChangePassword).toBe(false);
    expect(await storage.accounts.findSession(hashOf(1))).toBeUndefined();
    expect(await storage.accounts.findSession(hashOf(2))).toBeDefined();
    expect(await storage.accounts.findSession(hashOf(3))).toBeUndefined();
    expect(await storage.accounts.findSession(hashOf(9))).toBeDefined();
    const stored = await storage.accounts.findForSignIn(a.email);
    expect(await verifyPassword(stored!.passwordHash, 'another good password')).toBe(true);
  });

  it('disabling revokes every session and every key the account made; enabling does not bring them back', async () => {
    const a = await createAccount(storage, {
      email: 'i@example.vn',
      name: 'I',
      role: 'integrator',
      password: PASSWORD,
    });
    await storage.accounts.openSession(a.id, { idHash: hashOf(1), expiresAt: '2999-01-01T00:00:00.000Z' });
    const own = await issueApiKey(
      storage,
      { name: 'mine', role: 'integrator', owner: a.id },
      { id: a.id, name: a.email },
    );
    const other = await issueApiKey(storage, { name: 'other', role: 'integrator' });
    expect(own.info.owner).toBe(a.id);
    expect((await storage.keys.list(a.id)).map((k) => k.id)).toEqual([own.info.id]);
    expect((await storage.accounts.setStatus(a.id, 'disabled', ADMIN)).status).toBe('disabled');
    expect(await storage.accounts.findSession(hashOf(1))).toBeUndefined();
    expect((await storage.keys.get(own.info.id))?.revokedAt).not.toBeNull();
    expect((await storage.keys.get(other.info.id))?.revokedAt).toBeNull();
    await storage.accounts.setStatus(a.id, 'active', ADMIN);
    expect(await storage.accounts.findSession(hashOf(1))).toBeUndefined();
    expect(await storage.keys.findActiveByHash(hashApiKey(own.key))).toBeUndefined();
  });

  it('approving a binding gives the tax code as scope; refusing takes it away; only enterprise bindings', async () => {
    const a = await enterprise();
    const approved = await storage.accounts.decideBinding(a.id, { status: 'approved', reason: null }, ADMIN);
    expect(approved).toMatchObject({ scope: '0100109106', binding: { status: 'approved', decidedBy: ADMIN.name } });
    expect(approved.binding!.decidedAt).not.toBeNull();
    const refused = await storage.accounts.decideBinding(
      a.id,
      { status: 'refused', reason: 'not the director' },
      ADMIN,
    );
    expect(refused).toMatchObject({ scope: null, binding: { status: 'refused', reason: 'not the director' } });
    const c = await createAccount(storage, {
      email: 'c@example.vn',
      name: 'C',
      role: 'consultant',
      password: PASSWORD,
    });
    await expect(
      storage.accounts.decideBinding(c.id, { status: 'approved', reason: null }, ADMIN),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(
      storage.accounts.decideBinding('acc_0000000000000000', { status: 'approved', reason: null }, ADMIN),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('recognises a consultant account as a consultant record (its scope), and un-recognises it', async () => {
    const c = await createAccount(storage, {
      email: 'c@example.vn',
      name: 'C',
      role: 'consultant',
      password: PASSWORD,
    });
    await expect(storage.accounts.recognise(c.id, 'c1', ADMIN)).rejects.toThrow(/consultant c1 is not registered/);
    await storage.consultants.create({ id: 'c1', name: 'C', organisation: 'Org', employers: [] }, ADMIN);
    expect(await storage.accounts.recognise(c.id, 'c1', ADMIN)).toMatchObject({ scope: 'c1', consultantId: 'c1' });
    expect(await storage.accounts.recognise(c.id, null, ADMIN)).toMatchObject({ scope: null, consultantId: 'c1' });
    const e = await enterprise();
    await expect(storage.accounts.recognise(e.id, 'c1', ADMIN)).rejects.toThrow(StorageError);
  });

  it('lists in pages with an opaque cursor, by role and binding status', async () => {
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(
        await createAccount(storage, {
          email: `u${i}@example.vn`,
          name: `U${i}`,
          role: 'integrator',
          password: PASSWORD,
        }),
      );
    const e = await enterprise();
    const ids = [...made.map((a) => a.id), e.id].sort();
    const first = await storage.accounts.list({ limit: 4 });
    expect(first.items.map((a) => a.id)).toEqual(ids.slice(0, 4));
    const second = await storage.accounts.list({ limit: 4, after: first.next! });
    expect(second.items.map((a) => a.id)).toEqual(ids.slice(4));
    expect(second.next).toBeNull();
    expect((await storage.accounts.list({ bindingStatus: 'pending' })).items.map((a) => a.id)).toEqual([e.id]);
    expect((await storage.accounts.list({ role: 'enterprise' })).items).toHaveLength(1);
    await expect(storage.accounts.list({ after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('audits every write with the account as target', async () => {
    const a = await enterprise();
    await storage.accounts.signInFailed(a.id, { maxAttempts: 5, lockMs: 1000 });
    await storage.accounts.openSession(a.id, { idHash: hashOf(1), expiresAt: '2999-01-01T00:00:00.000Z' });
    await storage.accounts.decideBinding(a.id, { status: 'approved', reason: null }, ADMIN);
    await storage.accounts.setStatus(a.id, 'disabled', ADMIN);
    const entries = await storage.audit.list({ target: `account:${a.id}` });
    expect(entries.map((e) => e.action)).toEqual([
      'account.create',
      'account.sign-in-failed',
      'session.open',
      'binding.approve',
      'account.disable',
    ]);
    expect(entries.every((e) => e.afterHash !== null)).toBe(true);
    expect(entries[3]!.actorName).toBe(ADMIN.name);
  });
});
