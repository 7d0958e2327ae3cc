import { contentHash, type Definition } from '@dbi/schema';
import { nationalIndices } from '@dbi/indices';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importNationalIndices } from './national.js';
import type { Storage } from './storage.js';
import { testDatabase, type TestDatabase } from '../test/backend.js';

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

describe('importNationalIndices', () => {
  it('imports sme, large, group and size 1.0.0 as published national versions, once', async () => {
    expect(await importNationalIndices(storage, nationalIndices)).toBe(4);
    const list = await storage.indices.list();
    expect(list.map((i) => i.id).sort()).toEqual(['group', 'large', 'size', 'sme']);
    for (const def of nationalIndices) {
      const v = await storage.indices.getVersion(def.id, def.version);
      expect(v).toMatchObject({ status: 'published', kind: def.kind, hash: contentHash(def) });
      expect(JSON.parse(v!.definitionJson)).toEqual(def);
      expect((await storage.indices.get(def.id))?.national).toBe(true);
    }
    expect(await importNationalIndices(storage, nationalIndices)).toBe(0);
  });

  it('refuses an invalid definition and imports nothing', async () => {
    const broken = { ...nationalIndices[0]!, levels: [] } as unknown as Definition;
    await expect(importNationalIndices(storage, [nationalIndices[1]!, broken])).rejects.toThrow(/is invalid: \/levels/);
    expect(await storage.indices.count()).toBe(0);
  });
});
