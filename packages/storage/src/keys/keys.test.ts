// API keys' contract, run on each backend (test/backend.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../test/backend.js';
import { StorageError } from '../common.js';
import type { Storage } from '../storage.js';
import { ensureBootstrapKey, generateApiKey, hashApiKey, issueApiKey, scopeProblem } from './keys.js';

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

describe('keyed hashes (HMAC-SHA256 under the key secret)', () => {
  it('match RFC 4231 and are what is stored, the bootstrap key included', async () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(hashApiKey('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const secret = 'a-key-secret-of-at-least-32-characters';
    const boot = await ensureBootstrapKey(storage, 'an-operator-chosen-bootstrap-key', secret);
    const issued = await issueApiKey(storage, { name: 'bank', role: 'integrator' }, undefined, secret);
    for (const k of [boot!, issued]) {
      const [row] = await db.sql('SELECT hash FROM api_keys WHERE id = ?', [k.info.id]);
      expect(row!.hash).toBe(hashApiKey(k.key, secret));
      expect(row!.hash).not.toBe(hashApiKey(k.key));
      expect((await storage.keys.findActiveByHash(hashApiKey(k.key, secret)))?.id).toBe(k.info.id);
    }
  });
});

describe('key secrets', () => {
  it('are long, random and stored only as their sha256', async () => {
    const a = generateApiKey();
    expect(a).toMatch(/^dbi_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(a);
    // sha256("abc") from FIPS 180-2's test vectors.
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const { key, info } = await issueApiKey(storage, { name: 'bank', role: 'integrator' });
    const [row] = await db.sql('SELECT * FROM api_keys WHERE id = ?', [info.id]);
    expect(Object.values(row!)).not.toContain(key);
    expect(row!.hash).toBe(hashApiKey(key));
  });
});

describe('scopes', () => {
  it.each([
    ['ministry-editor', null, undefined],
    ['ministry-editor', 'x', /takes no scope/],
    ['integrator', 'x', /takes no scope/],
    ['sector-ministry', null, /needs a scope/],
    ['sector-ministry', 'large-agriculture,agri-*', undefined],
    ['sector-ministry', 'Large', /not valid/],
    ['provincial-department', '01', undefined],
    ['provincial-department', null, /needs a scope/],
    ['provincial-department', 'ha-noi', /not valid/],
    ['provincial-department', '1', /not valid/],
    ['enterprise', '0101234567', undefined],
    ['enterprise', '0101234567-001', undefined],
    ['enterprise', '12345', /not valid/],
    ['consultant', null, undefined],
    ['root', null, /unknown role/],
  ])('%s with scope %s', (role, scope, problem) => {
    const p = scopeProblem(role, scope);
    if (problem === undefined) expect(p).toBeUndefined();
    else expect(p).toMatch(problem);
  });
});

describe('ApiKeyRepository', () => {
  it('finds active keys by hash, revokes once, never deletes', async () => {
    const { key, info } = await issueApiKey(storage, { name: 'agri', role: 'sector-ministry', scope: 'agri-*' });
    expect(await storage.keys.findActiveByHash(hashApiKey(key))).toMatchObject({
      id: info.id,
      role: 'sector-ministry',
      scope: 'agri-*',
    });
    const revoked = await storage.keys.revoke(info.id, { id: 'key_x', name: 'admin' });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await storage.keys.findActiveByHash(hashApiKey(key))).toBeUndefined();
    await expect(storage.keys.revoke(info.id, { id: 'key_x', name: 'admin' })).rejects.toThrow(StorageError);
    await expect(storage.keys.revoke('key_nope', { id: 'key_x', name: 'admin' })).rejects.toThrow(/no key/);
    expect((await storage.keys.list()).length).toBe(1);
    expect((await storage.audit.list()).map((e) => [e.action, e.target])).toEqual([
      ['key.create', `key:${info.id}`],
      ['key.revoke', `key:${info.id}`],
    ]);
  });

  it('refuses invalid role/scope pairs and short secrets', async () => {
    await expect(issueApiKey(storage, { name: 'x', role: 'enterprise' })).rejects.toThrow(/needs a scope/);
    await expect(issueApiKey(storage, { name: 'x', role: 'integrator', secret: 'short' })).rejects.toThrow(/at least/);
    expect(await storage.keys.count()).toBe(0);
  });
});

describe('key lookups across connections (a running server and dbi admin)', () => {
  it('a revocation by another connection is seen at once without the cache, and not before the cache expires with it', async () => {
    const { key, info } = await issueApiKey(storage, { name: 'bank', role: 'integrator' });
    const hash = hashApiKey(key);
    const uncached = await db.open({ keyCacheMs: 0 });
    const cached = await db.open({ keyCacheMs: 3_600_000 });
    try {
      expect(await uncached.keys.findActiveByHash(hash)).toMatchObject({ id: info.id });
      expect(await cached.keys.findActiveByHash(hash)).toMatchObject({ id: info.id });
      await storage.keys.revoke(info.id, { id: 'admin', name: 'admin' }); // the other process
      expect(await uncached.keys.findActiveByHash(hash)).toBeUndefined();
      expect(await cached.keys.findActiveByHash(hash)).toMatchObject({ id: info.id }); // bounded by keyCacheMs
      await cached.keys.create(
        { name: 'other', role: 'integrator', scope: null, hash: 'c'.repeat(64) },
        { id: 'a', name: 'a' },
      );
      expect(await cached.keys.findActiveByHash(hash)).toBeUndefined(); // its own writes clear what it remembers
    } finally {
      await uncached.close();
      await cached.close();
    }
  });
});

describe('ensureBootstrapKey', () => {
  it('makes one ministry-publisher key on first start only, from the given secret', async () => {
    const secret = 'bootstrap-secret-of-enough-length';
    const first = await ensureBootstrapKey(storage, secret);
    expect(first).toMatchObject({
      key: secret,
      generated: false,
      info: { role: 'ministry-publisher', name: 'bootstrap' },
    });
    expect(await ensureBootstrapKey(storage, 'another-secret-of-enough-length')).toBeUndefined();
    expect(await storage.keys.findActiveByHash(hashApiKey('another-secret-of-enough-length'))).toBeUndefined();
  });

  it('generates a secret when none is given', async () => {
    const first = await ensureBootstrapKey(storage);
    expect(first?.generated).toBe(true);
    expect(await storage.keys.findActiveByHash(hashApiKey(first!.key))).toMatchObject({ role: 'ministry-publisher' });
  });
});
