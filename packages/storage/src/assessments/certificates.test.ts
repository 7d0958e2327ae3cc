// Certificates' contract on each backend: numbers from the year's counter (not a count of what is stored), a newer
// certificate of the same enterprise and index superseding the older one in the certification's transaction, the
// validity end date kept as issued, and createMany importing all enterprises or none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type ScoreResult } from '@dbi/schema';
import { BACKEND, testDatabase, type TestDatabase } from '../../test/backend.js';
import { importNationalIndices } from '../national.js';
import { StorageError, type Actor } from '../common.js';
import type { Storage } from '../storage.js';
import type { ColumnInput, NewEnterprise } from './types.js';

let db: TestDatabase;
let storage: Storage;
const ent: Actor = { id: 'key_e', name: 'enterprise-key' };
const dept: Actor = { id: 'key_d', name: 'department-key' };
const min: Actor = { id: 'key_m', name: 'ministry-key' };
const def = (id: string) => nationalIndices.find((d) => d.id === id)!;
const stamp = (id: string) => ({ id, version: def(id).version, hash: contentHash(def(id)) });

const company = (taxCode: string): NewEnterprise => ({
  taxCode,
  name: `Công ty ${taxCode}`,
  province: '01',
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
  capitalVnd: null,
  hasSubsidiaries: false,
  classification: { size: 'micro', index: 'sme', classifier: stamp('size') },
});
const column = (level: number): ColumnInput => ({
  answers: { '1.1.1': level },
  evidence: {},
  result: {
    index: stamp('sme'),
    engine: '1.0.0',
    total: level * 64,
    max: 320,
    level,
    pillars: [{ id: '1', points: 13 * level, max: 65, level }],
    missing: [],
  } as ScoreResult,
  from: null,
});
const noGroups = () => {
  throw new Error('no group should be rescored');
};

async function appraised(taxCode: string, level: number) {
  const a = await storage.assessments.create({ taxCode, index: stamp('sme') }, ent);
  await storage.assessments.writeColumn(a.id, 'self', column(level), ent, noGroups);
  await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
  await storage.assessments.writeColumn(a.id, 'department', column(level), dept, noGroups);
  await storage.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'department' }, dept);
  await storage.assessments.writeColumn(a.id, 'ministry', column(level), min, noGroups);
  return storage.assessments.transition(a.id, { from: 'reviewed', to: 'appraised' }, min);
}

beforeEach(async () => {
  db = await testDatabase();
  storage = await db.open();
  await importNationalIndices(storage, nationalIndices, definitionIssues);
  await storage.enterprises.create(company('0100000001'), ent);
  await storage.enterprises.create(company('0100000002'), ent);
});
afterEach(async () => {
  await storage.close();
  await db.drop();
});

describe('certificate numbers', () => {
  it('count each year from 1, from the counter and not from what is stored', async () => {
    // An enterprise has one open assessment of an index at a time: each is certified before the next is started.
    const a = await appraised('0100000001', 3);
    const b = await appraised('0100000002', 2);
    expect((await storage.assessments.certify(a.id, '2025-03-04', min)).certificate.number).toBe('DBI-2025-000001');
    expect((await storage.assessments.certify(b.id, '2026-01-02', min)).certificate.number).toBe('DBI-2026-000001');
    const c = await appraised('0100000002', 4);
    // Move 2025's counter on behind storage's back: a count of 2025's certificates (1) would give 000002.
    if (BACKEND === 'sqlite') await db.sql("UPDATE certificate_counters SET last = 41 WHERE year = '2025'");
    else await db.sql('SELECT setval(?, 41)', ['dbi_certificate_seq_2025']);
    expect((await storage.assessments.certify(c.id, '2025-12-31', min)).certificate.number).toBe('DBI-2025-000042');
  });
});

describe('supersession', () => {
  it('a newer certificate of the same enterprise and index supersedes the older one, audited', async () => {
    const first = await appraised('0100000001', 2);
    const other = await appraised('0100000002', 3);
    const c1 = (await storage.assessments.certify(first.id, '2025-01-10', min, '2027-01-09')).certificate;
    expect([c1.validUntil, c1.supersededBy, c1.supersededAt]).toEqual(['2027-01-09', null, null]);
    const c2 = (await storage.assessments.certify(other.id, '2025-02-10', min)).certificate;
    expect((await storage.certificates.get(c1.number))!.supersededBy).toBeNull(); // another enterprise
    const second = await appraised('0100000001', 4);
    const c3 = (await storage.assessments.certify(second.id, '2025-03-10', min, '2027-03-09')).certificate;
    const old = (await storage.certificates.get(c1.number))!;
    expect([old.status, old.supersededBy, old.supersededAt]).toEqual(['valid', c3.number, c3.issuedAt]);
    expect((await storage.certificates.get(c2.number))!.supersededBy).toBeNull();
    expect(c3.supersededBy).toBeNull();
    const actions = (await storage.audit.list({ target: `certificate:${c1.number}` })).map((e) => e.action);
    expect(actions).toEqual(['certificate.issue', 'certificate.supersede']);
    // A superseded certificate can still be revoked; the revoked newer one supersedes nothing more.
    const revoked = await storage.certificates.revoke(c1.number, 'false data', min);
    expect([revoked.status, revoked.supersededBy]).toEqual(['revoked', c3.number]);
  });

  it('a revoked certificate is not superseded', async () => {
    const first = await appraised('0100000001', 2);
    const c1 = (await storage.assessments.certify(first.id, '2025-01-10', min)).certificate;
    await storage.certificates.revoke(c1.number, 'withdrawn', min);
    const second = await appraised('0100000001', 3);
    await storage.assessments.certify(second.id, '2025-02-10', min);
    expect((await storage.certificates.get(c1.number))!.supersededBy).toBeNull();
  });
});

describe('certificates.list', () => {
  it('pages one enterprise’s or one province’s certificates in issue order, after the last of the previous page', async () => {
    await storage.enterprises.create({ ...company('0200000001'), province: '79' }, ent);
    const issued: string[] = [];
    for (const taxCode of ['0100000001', '0200000001', '0100000002', '0100000001']) {
      const a = await appraised(taxCode, 3);
      issued.push((await storage.assessments.certify(a.id, '2025-04-01', min)).certificate.number);
    }
    const numbers = (l: { number: string }[]) => l.map((c) => c.number);
    expect(numbers(await storage.certificates.list({ limit: 10 }))).toEqual(issued);
    expect(numbers(await storage.certificates.list({ taxCode: '0100000001', limit: 10 }))).toEqual([
      issued[0],
      issued[3],
    ]);
    expect(numbers(await storage.certificates.list({ province: '79', limit: 10 }))).toEqual([issued[1]]);
    const first = await storage.certificates.list({ province: '01', limit: 2 });
    expect(numbers(first)).toEqual([issued[0], issued[2]]);
    const last = first.at(-1)!;
    const second = await storage.certificates.list({
      province: '01',
      limit: 2,
      after: { issuedAt: last.issuedAt, number: last.number },
    });
    expect(numbers(second)).toEqual([issued[3]]);
  });
});

describe('enterprises.createMany', () => {
  it('registers every enterprise with its audit entry, in one transaction', async () => {
    const created = await storage.enterprises.createMany([company('0100000003'), company('0100000004')], min);
    expect(created.map((e) => [e.taxCode, e.name, e.createdBy])).toEqual([
      ['0100000003', 'Công ty 0100000003', 'ministry-key'],
      ['0100000004', 'Công ty 0100000004', 'ministry-key'],
    ]);
    expect((await storage.audit.list({ target: 'enterprise:0100000004' })).map((e) => e.action)).toEqual([
      'enterprise.create',
    ]);
  });

  it('registers none when one is registered already or listed twice', async () => {
    for (const list of [
      [company('0100000005'), company('0100000001')],
      [company('0100000006'), company('0100000006')],
    ]) {
      const err = await storage.enterprises.createMany(list, min).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).code).toBe('conflict');
    }
    expect(await storage.enterprises.get('0100000005')).toBeUndefined();
    expect(await storage.enterprises.get('0100000006')).toBeUndefined();
    expect(await storage.audit.list({ target: 'enterprise:0100000005' })).toEqual([]);
  });
});
