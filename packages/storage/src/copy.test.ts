// `dbi admin copy` in storage: a populated SQLite database copied to the backend under test (test/backend.ts: another
// SQLite file, or PostgreSQL) and back to a new SQLite file, each copy verified and equal through the repositories.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type GroupResult, type ScoreResult } from '@dbi/schema';
import { testDatabase, type TestDatabase } from '../test/backend.js';
import type { Actor } from './common.js';
import { backupSqlite, copyDatabase, CopyError } from './copy.js';
import { issueApiKey } from './keys/keys.js';
import { importNationalIndices } from './national.js';
import { openSqliteStorage, type Storage } from './storage.js';

const actor: Actor = { id: 'key_x', name: 'someone' };
const def = (id: string) => nationalIndices.find((d) => d.id === id)!;
const stamp = (id: string) => ({ id, version: def(id).version, hash: contentHash(def(id)) });
const result = (level: number) =>
  ({
    index: stamp('sme'),
    engine: '1.0.0',
    total: level * 64,
    max: 320,
    level,
    pillars: [{ id: '1', points: 13, max: 65, level }],
    missing: [],
  }) as unknown as ScoreResult;
const column = (level: number) => ({ answers: { '1.1.1': level }, evidence: {}, result: result(level), from: null });
const rescore = () => ({ level: 2 }) as unknown as GroupResult;

let dir: string;
let target: TestDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-copy-'));
  target = await testDatabase();
});
afterEach(async () => {
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A SQLite database with something of every kind: versions in each state, keys, every workflow state, a group. */
async function populated(file: string): Promise<void> {
  const s = openSqliteStorage(file);
  await importNationalIndices(s, nationalIndices, definitionIssues);
  const sme = JSON.parse((await s.indices.getVersion('sme', '1.0.0'))!.definitionJson);
  for (const v of ['1.1.0', '1.2.0']) {
    const d = { ...sme, version: v };
    await s.indices.createDraft(
      { id: 'sme', version: v, definitionJson: JSON.stringify(d), hash: contentHash(d), derivedFrom: null },
      actor,
    );
  }
  await s.indices.publish('sme', '1.1.0', contentHash({ ...sme, version: '1.1.0' }), actor);
  await s.indices.deprecate('sme', '1.1.0', actor);
  const { info } = await issueApiKey(s, { name: 'bank', role: 'integrator' });
  await s.keys.revoke(info.id, actor);
  await issueApiKey(s, { name: 'acme', role: 'enterprise', scope: '0100000001' });
  for (const taxCode of ['0100000001', '0100000002']) {
    await s.enterprises.create(
      {
        taxCode,
        name: `Công ty ${taxCode}`,
        province: '01',
        sector: 'trade-services',
        employees: 8,
        revenueVnd: 9_007_199_254_740_991,
        capitalVnd: null,
        hasSubsidiaries: taxCode.endsWith('1'),
        classification: { size: 'micro', index: 'sme', classifier: stamp('size') },
      },
      actor,
    );
  }
  await s.consultants.create({ id: 'c1', name: 'An', organisation: 'Tư vấn', employers: ['0311111111'] }, actor);
  const ids: string[] = [];
  for (const until of ['draft', 'certified', 'appraised'] as const) {
    const a = await s.assessments.create(
      { taxCode: until === 'draft' ? '0100000002' : '0100000001', index: stamp('sme') },
      actor,
    );
    ids.push(a.id);
    await s.assessments.writeColumn(a.id, 'self', column(2), actor, rescore);
    if (until === 'draft') continue;
    await s.assessments.assignConsultant(a.id, 'c1', actor);
    await s.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, actor);
    await s.assessments.writeColumn(a.id, 'consultant', column(3), actor, rescore);
    await s.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'consultant' }, actor);
    await s.assessments.writeColumn(a.id, 'ministry', column(3), actor, rescore);
    await s.assessments.transition(a.id, { from: 'reviewed', to: 'appraised' }, actor);
    if (until === 'certified') {
      const { certificate } = await s.assessments.certify(a.id, '2025-06-30', actor);
      await s.certificates.revoke(certificate.number, 'withdrawn', actor);
    }
  }
  await s.groups.create(
    {
      parentTaxCode: '0100000001',
      index: stamp('group'),
      members: [{ taxCode: '0100000002', relation: 'subsidiary', headcount: 3, assessmentId: ids[0]! }],
    },
    actor,
    rescore,
  );
  await s.close();
}

/** Everything the repositories return, for comparing two databases. */
async function everything(s: Storage) {
  const assessments = await s.assessments.list();
  return {
    indices: await s.indices.list(),
    versions: await Promise.all(['1.0.0', '1.1.0', '1.2.0'].map((v) => s.indices.getVersion('sme', v))),
    keys: await s.keys.list(),
    audit: await s.audit.list({ limit: 1000 }),
    enterprises: await s.enterprises.list(),
    consultants: await s.consultants.list(),
    assessments,
    certificates: await Promise.all(
      assessments.filter((a) => a.certificateNumber).map((a) => s.certificates.get(a.certificateNumber!)),
    ),
    groups: await s.groups.list(),
    // The standings (rankings' maintained table) of every period the assessments are in.
    standings: await Promise.all(
      [...new Set(assessments.map((a) => a.period))].sort().map(async (period) => ({
        period,
        rows: (await s.standings.page({ basis: 'appraised', period }, 1000)).rows,
      })),
    ),
  };
}

describe('copyDatabase', () => {
  it('copies every row to an empty database and back, verified, and both copies read as the original', async () => {
    const source = join(dir, 'source.sqlite');
    await populated(source);
    const original = openSqliteStorage(source);
    const expected = await everything(original);
    await original.close();
    expect(expected.audit.length).toBeGreaterThan(30);

    const there = await copyDatabase(source, target.target);
    // Counted by hand from populated(): 4 national indices, their 4 versions and sme 1.1.0 and 1.2.0; 2 keys; ...
    expect(there.tables).toMatchObject({
      indices: 4,
      index_versions: 6,
      api_keys: 2,
      enterprises: 2,
      consultants: 1,
      consultant_employers: 1,
      assessments: 3,
      assessment_columns: 1 + 3 + 3,
      certificates: 1,
      enterprise_groups: 1,
      group_members: 1,
      audit_log: expected.audit.length,
    });
    expect(there.publishedVersions).toBe(5); // the 4 national versions and the deprecated sme 1.1.0
    const copied = await target.open();
    expect(await everything(copied)).toEqual(expected);
    // The copy is live: new writes continue its audit log after the copied entries, and its triggers hold again.
    await copied.indices.publish('sme', '1.2.0', expected.versions[2]!.hash, actor);
    expect((await copied.audit.list({ after: expected.audit.at(-1)!.seq })).map((e) => e.seq)).toEqual([
      expected.audit.at(-1)!.seq + 1,
    ]);
    await expect(
      target.sql("UPDATE index_versions SET hash = ? WHERE version = '1.0.0'", ['0'.repeat(64)]),
    ).rejects.toThrow(/immutable/);
    await copied.close();

    const back = join(dir, 'back.sqlite');
    const again = await copyDatabase(target.target, back);
    expect(again.tables.audit_log).toBe(expected.audit.length + 1);
    expect(again.auditSha256).not.toBe(there.auditSha256);
    const roundTrip = openSqliteStorage(back);
    expect(await everything(roundTrip)).toMatchObject({
      ...expected,
      indices: expect.any(Array),
      versions: expect.any(Array),
      audit: expect.any(Array),
    });
    expect((await roundTrip.indices.getVersionMeta('sme', '1.2.0'))?.status).toBe('published');
    await roundTrip.close();
  });

  it('refuses a target that holds data, and changes nothing there', async () => {
    const source = join(dir, 'source.sqlite');
    await populated(source);
    const t = await target.open();
    await importNationalIndices(t, nationalIndices, definitionIssues);
    const before = await t.audit.list({ limit: 1000 });
    await t.close();
    await expect(copyDatabase(source, target.target)).rejects.toThrow(/the target is not empty \(indices has 4 rows\)/);
    const after = await target.open();
    expect(await after.audit.list({ limit: 1000 })).toEqual(before);
    await after.close();
  });

  it('refuses a source whose published definition no longer matches its hash, leaving the target empty', async () => {
    const source = join(dir, 'source.sqlite');
    await populated(source);
    // Tampering past the triggers (as only someone with the file could).
    const raw = openSqliteStorage(source);
    raw.db.exec('DROP TRIGGER index_versions_frozen');
    raw.db
      .prepare("UPDATE index_versions SET definition = json_set(definition, '$.name', 'x') WHERE index_id = 'large'")
      .run();
    await raw.close();
    await expect(copyDatabase(source, target.target)).rejects.toThrow(CopyError);
    await expect(copyDatabase(source, target.target)).rejects.toThrow(
      /large@1\.0\.0: its definition does not hash to its stored hash/,
    );
    const t = await target.open();
    expect(await t.indices.count()).toBe(0);
    expect(await t.audit.list()).toEqual([]);
    await t.close();
  });

  it('refuses a missing source without creating it', async () => {
    await expect(copyDatabase(join(dir, 'nope.sqlite'), target.target)).rejects.toThrow(/there is no database at/);
  });
});

describe('backupSqlite', () => {
  it('writes a consistent copy of a database in use, readable as the original', async () => {
    const source = join(dir, 'source.sqlite');
    await populated(source);
    const live = openSqliteStorage(source);
    const expected = await everything(live);
    const dest = join(dir, 'backup.sqlite');
    expect((await backupSqlite(source, dest)).pages).toBeGreaterThan(0);
    await live.close();
    const restored = openSqliteStorage(dest);
    expect(await everything(restored)).toEqual(expected);
    expect(await restored.integrityCheck()).toEqual(['ok']);
    await restored.close();
    await expect(backupSqlite(source, dest)).rejects.toThrow(/exists already/);
  });
});
