import { definitionIssues } from '@dbi/engine';
import { contentHash, validateDefinition, type Definition, type ScorecardDefinition } from '@dbi/schema';
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
    expect(await importNationalIndices(storage, nationalIndices, definitionIssues)).toBe(4);
    const list = await storage.indices.list();
    expect(list.map((i) => i.id).sort()).toEqual(['group', 'large', 'size', 'sme']);
    for (const def of nationalIndices) {
      const v = await storage.indices.getVersion(def.id, def.version);
      expect(v).toMatchObject({ status: 'published', kind: def.kind, hash: contentHash(def) });
      expect(JSON.parse(v!.definitionJson)).toEqual(def);
      expect((await storage.indices.get(def.id))?.national).toBe(true);
    }
    expect(await importNationalIndices(storage, nationalIndices, definitionIssues)).toBe(0);
  });

  it('refuses an invalid definition and imports nothing', async () => {
    const broken = { ...nationalIndices[0]!, levels: [] } as unknown as Definition;
    await expect(importNationalIndices(storage, [nationalIndices[1]!, broken], definitionIssues)).rejects.toThrow(
      /is invalid: \/levels/,
    );
    expect(await storage.indices.count()).toBe(0);
  });

  it('refuses a definition the schema accepts but the engine cannot run exactly, and imports nothing', async () => {
    const sme = structuredClone(nationalIndices.find((d) => d.id === 'sme')) as ScorecardDefinition;
    // points × (2^53 − 1) leaves the integers a double holds exactly: well-formed and meaningful, but not exact.
    sme.rules.pillar[0]!.when = { '>': [{ '*': [{ var: 'points' }, 9007199254740991] }, 0] };
    expect(validateDefinition(sme).ok).toBe(true);
    await expect(importNationalIndices(storage, [nationalIndices[1]!, sme], definitionIssues)).rejects.toThrow(
      'national index sme@1.0.0 is invalid: /rules/pillar/0/when/>/0/*',
    );
    expect(await storage.indices.count()).toBe(0);
  });
});
