// The registry's contract, run on each backend (test/backend.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKEND, testDatabase, type TestDatabase } from '../../test/backend.js';
import { StorageError, type Actor } from '../common.js';
import type { Storage } from '../storage.js';
import type { NewVersion } from './types.js';

let db: TestDatabase;
let storage: Storage;
const alice: Actor = { id: 'key_a', name: 'alice' };
const bob: Actor = { id: 'key_b', name: 'bob' };
const H = (c: string) => c.repeat(64);
const version = (
  id: string,
  v: string,
  hash: string,
  derivedFrom: string | null = null,
): NewVersion & { kind: string } => ({
  id,
  version: v,
  kind: 'scorecard',
  definitionJson: JSON.stringify({ id, version: v, kind: 'scorecard' }),
  hash,
  derivedFrom,
});

beforeEach(async () => {
  db = await testDatabase();
  storage = await db.open();
});
afterEach(async () => {
  await storage.close();
  await db.drop();
});

const refusal = async (p: Promise<unknown>, code: string) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageError);
  expect((err as StorageError).code).toBe(code);
};

describe(`IndexRepository (${BACKEND})`, () => {
  it('imports published versions only into an empty registry, all at once, with audit entries', async () => {
    expect(await storage.indices.count()).toBe(0);
    expect(
      await storage.indices.importPublished(
        [version('sme', '1.0.0', H('1')), version('large', '1.0.0', H('2'))],
        alice,
      ),
    ).toBe(2);
    expect(await storage.indices.importPublished([version('other', '1.0.0', H('3'))], alice)).toBe(0);
    const list = await storage.indices.list();
    expect(list.map((i) => [i.id, i.national, i.versions.map((v) => [v.version, v.status])])).toEqual([
      ['large', true, [['1.0.0', 'published']]],
      ['sme', true, [['1.0.0', 'published']]],
    ]);
    const v = await storage.indices.getVersion('sme', '1.0.0');
    expect(v?.publishedBy).toBe('alice');
    expect(v?.publishedAt).toBe(v?.createdAt);
    const audit = await storage.audit.list();
    expect(audit.map((a) => [a.action, a.target, a.afterHash])).toEqual([
      ['index.import', 'sme', null],
      ['version.import', 'sme@1.0.0', H('1')],
      ['index.import', 'large', null],
      ['version.import', 'large@1.0.0', H('2')],
    ]);
  });

  it('creates drafts, refuses duplicates and unknown indices', async () => {
    await storage.indices.importPublished([version('large', '1.0.0', H('1'))], alice);
    const d = await storage.indices.createDraft(version('large', '1.1.0', H('2'), 'large@1.0.0'), bob);
    expect(d).toMatchObject({
      id: 'large',
      version: '1.1.0',
      status: 'draft',
      hash: H('2'),
      derivedFrom: 'large@1.0.0',
      createdBy: 'bob',
      publishedAt: null,
    });
    await refusal(storage.indices.createDraft(version('large', '1.1.0', H('3')), bob), 'conflict');
    await refusal(storage.indices.createDraft(version('nope', '1.0.0', H('3')), bob), 'not-found');
  });

  it('replaces a draft, recording before and after hashes; refuses published versions', async () => {
    await storage.indices.importPublished([version('large', '1.0.0', H('1'))], alice);
    await storage.indices.createDraft(version('large', '1.1.0', H('2')), bob);
    const r = await storage.indices.replaceDraft('large', '1.1.0', '{"x":1}', H('3'), alice);
    expect(r).toMatchObject({ hash: H('3'), definitionJson: '{"x":1}', updatedBy: 'alice', createdBy: 'bob' });
    await refusal(storage.indices.replaceDraft('large', '1.0.0', '{"x":1}', H('3'), alice), 'immutable');
    await refusal(storage.indices.replaceDraft('large', '9.0.0', '{}', H('3'), alice), 'not-found');
    const last = (await storage.audit.list({ action: 'version.replace' }))[0]!;
    expect(last).toMatchObject({
      actorId: 'key_a',
      actorName: 'alice',
      target: 'large@1.1.0',
      beforeHash: H('2'),
      afterHash: H('3'),
    });
    expect((await storage.indices.getVersion('large', '1.0.0'))?.hash).toBe(H('1'));
  });

  it('replaces a draft only while it still has the hash the caller read (two saves from one base: one wins)', async () => {
    await storage.indices.importPublished([version('large', '1.0.0', H('1'))], alice);
    await storage.indices.createDraft(version('large', '1.1.0', H('2')), bob);
    const [a, b] = await Promise.allSettled([
      storage.indices.replaceDraft('large', '1.1.0', '{"by":"alice"}', H('3'), alice, H('2')),
      storage.indices.replaceDraft('large', '1.1.0', '{"by":"bob"}', H('4'), bob, H('2')),
    ]);
    const won = [a, b].filter((r) => r.status === 'fulfilled');
    const lost = [a, b].filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'stale' });
    const stored = await storage.indices.getVersion('large', '1.1.0');
    expect(stored?.hash).toBe((won[0] as PromiseFulfilledResult<{ hash: string }>).value.hash);
    expect(await storage.audit.list({ action: 'version.replace' })).toHaveLength(1);
    await refusal(storage.indices.replaceDraft('large', '1.1.0', '{}', H('5'), alice, H('2')), 'stale');
  });

  it('publishes only the content that was checked, once; deprecates only published versions', async () => {
    await storage.indices.importPublished([version('large', '1.0.0', H('1'))], alice);
    await storage.indices.createDraft(version('large', '1.1.0', H('2')), bob);
    await refusal(storage.indices.deprecate('large', '1.1.0', alice), 'conflict');
    await refusal(storage.indices.publish('large', '1.1.0', H('9'), alice), 'conflict');
    const p = await storage.indices.publish('large', '1.1.0', H('2'), alice);
    expect(p).toMatchObject({ status: 'published', publishedBy: 'alice', hash: H('2') });
    await refusal(storage.indices.publish('large', '1.1.0', H('2'), alice), 'immutable');
    await refusal(storage.indices.replaceDraft('large', '1.1.0', '{}', H('4'), alice), 'immutable');
    const d = await storage.indices.deprecate('large', '1.1.0', bob);
    expect(d).toMatchObject({ status: 'deprecated', deprecatedBy: 'bob', hash: H('2'), publishedBy: 'alice' });
    await refusal(storage.indices.deprecate('large', '1.1.0', bob), 'immutable');
    const actions = (await storage.audit.list({ target: 'large@1.1.0' })).map((a) => a.action);
    expect(actions).toEqual(['version.create', 'version.publish', 'version.deprecate']);
  });

  it('creates a variant index with its first draft; refuses an existing id', async () => {
    await storage.indices.importPublished([version('large', '1.0.0', H('1'))], alice);
    const v = await storage.indices.createIndex(
      { id: 'large-agriculture', kind: 'scorecard', national: false, derivedFrom: 'large@1.0.0' },
      version('large-agriculture', '1.0.0', H('5'), 'large@1.0.0'),
      bob,
    );
    expect(v).toMatchObject({ id: 'large-agriculture', status: 'draft', derivedFrom: 'large@1.0.0' });
    expect(await storage.indices.get('large-agriculture')).toMatchObject({
      national: false,
      derivedFrom: 'large@1.0.0',
      createdBy: 'bob',
    });
    await refusal(
      storage.indices.createIndex(
        { id: 'large', kind: 'scorecard', national: false, derivedFrom: null },
        version('large', '2.0.0', H('6')),
        bob,
      ),
      'conflict',
    );
    expect(await storage.indices.getVersionMeta('large', '2.0.0')).toBeUndefined();
  });

  it('lists versions in numeric order (1.10.0 after 1.9.0)', async () => {
    await storage.indices.importPublished([version('large', '1.0.0', H('1'))], alice);
    for (const v of ['1.10.0', '1.9.0', '1.2.0']) await storage.indices.createDraft(version('large', v, H('2')), bob);
    const [large] = await storage.indices.list();
    expect(large!.versions.map((v) => v.version)).toEqual(['1.0.0', '1.2.0', '1.9.0', '1.10.0']);
  });

  it('keeps data across close and reopen', async () => {
    await storage.indices.importPublished([version('large', '1.0.0', H('1'))], alice);
    await storage.close();
    storage = await db.open();
    expect((await storage.indices.getVersion('large', '1.0.0'))?.status).toBe('published');
    expect(await storage.integrityCheck()).toEqual(['ok']);
  });
});

describe(`AuditLog (${BACKEND})`, () => {
  it('pages forward by seq and filters by target and action', async () => {
    await storage.indices.importPublished([version('a', '1.0.0', H('1')), version('b', '1.0.0', H('2'))], alice);
    const all = await storage.audit.list();
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect((await storage.audit.list({ after: 2, limit: 1 })).map((e) => e.seq)).toEqual([3]);
    expect((await storage.audit.list({ target: 'b@1.0.0' })).map((e) => e.action)).toEqual(['version.import']);
  });
});
