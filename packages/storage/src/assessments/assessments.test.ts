// The assessment repositories' contract on each backend (test/backend.ts: a real SQLite file, or a real PostgreSQL
// schema): conditions re-checked inside each transaction, audit entries beside every write, group rescoring inside
// the member write's transaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import { testDatabase, type TestDatabase } from '../../test/backend.js';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type GroupResult, type ScoreResult } from '@dbi/schema';
import { importNationalIndices } from '../national.js';
import { StorageError, type Actor, type Stamp } from '../common.js';
import type { Storage } from '../storage.js';
import type { ColumnInput, GroupSnapshot, NewEnterprise } from './types.js';

let db: TestDatabase;
let storage: Storage;
const ent: Actor = { id: 'key_e', name: 'enterprise-key' };
const dept: Actor = { id: 'key_d', name: 'department-key' };
const min: Actor = { id: 'key_m', name: 'ministry-key' };
const sizeDef = nationalIndices.find((d) => d.id === 'size')!;
const smeDef = nationalIndices.find((d) => d.id === 'sme')!;
const groupDef = nationalIndices.find((d) => d.id === 'group')!;
const stamp = (d: { id: string; version: string }): Stamp => ({ id: d.id, version: d.version, hash: contentHash(d) });
const SME = () => stamp(smeDef);

const company = (taxCode: string, over: Partial<NewEnterprise> = {}): NewEnterprise => ({
  taxCode,
  name: `Company ${taxCode}`,
  province: '01',
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
  capitalVnd: null,
  hasSubsidiaries: false,
  classification: { size: 'micro', index: 'sme', classifier: stamp(sizeDef) },
  ...over,
});

/** A stored result is opaque to storage; these carry only what the repositories read (level, totals, pillars). */
const column = (level: number, answers: Record<string, number | null> = { '1.1.1': level }): ColumnInput => ({
  answers,
  evidence: { '1.1.1': 'website' },
  result: {
    index: SME(),
    engine: '1.0.0',
    total: level * 64,
    max: 320,
    level,
    pillars: [{ id: '1', points: 13 * level, max: 65, level }],
    missing: [],
  } as ScoreResult,
  from: null,
});
const groupResult = (level: number) => ({ level }) as unknown as GroupResult;
const noGroups = () => {
  throw new Error('no group should be rescored');
};

const refusal = async (p: Promise<unknown>, code: string, message?: RegExp) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageError);
  expect((err as StorageError).code).toBe(code);
  if (message) expect((err as StorageError).message).toMatch(message);
};

beforeEach(async () => {
  db = await testDatabase();
  storage = await db.open();
  await importNationalIndices(storage, nationalIndices, definitionIssues);
});
afterEach(async () => {
  await storage.close();
  await db.drop();
});

/** An assessment taken through the workflow to `appraised` with the given ministry level. */
async function appraised(taxCode: string, level: number) {
  const a = await storage.assessments.create({ taxCode, index: SME() }, ent);
  await storage.assessments.writeColumn(a.id, 'self', column(level), ent, noGroups);
  await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
  await storage.assessments.writeColumn(a.id, 'department', column(level), dept, noGroups);
  await storage.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'department' }, dept);
  await storage.assessments.writeColumn(a.id, 'ministry', column(level), min, noGroups);
  return storage.assessments.transition(a.id, { from: 'reviewed', to: 'appraised' }, min);
}

describe('enterprises', () => {
  it('registers once, updates facts, sets and clears an override, each with an audit entry', async () => {
    const created = await storage.enterprises.create(company('0100000001'), ent);
    expect(created.index).toBe('sme');
    expect(created.classification.classifier).toEqual(stamp(sizeDef));
    await refusal(storage.enterprises.create(company('0100000001'), ent), 'conflict');
    const updated = await storage.enterprises.update(
      '0100000001',
      { ...company('0100000001'), employees: 300 },
      { size: 'large', index: 'large', classifier: stamp(sizeDef) },
      ent,
    );
    expect([updated.employees, updated.classification.size, updated.index]).toEqual([300, 'large', 'large']);
    const over = await storage.enterprises.setOverride('0100000001', { index: 'sme', reason: 'seasonal staff' }, min);
    expect([over.index, over.override?.reason, over.override?.by]).toEqual(['sme', 'seasonal staff', 'ministry-key']);
    const cleared = await storage.enterprises.setOverride('0100000001', null, min);
    expect([cleared.index, cleared.override]).toEqual(['large', null]);
    await refusal(
      storage.enterprises.update('0199999999', company('0199999999'), created.classification, ent),
      'not-found',
    );
    const audit = await storage.audit.list({ target: 'enterprise:0100000001' });
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([
      ['enterprise.create', 'enterprise-key'],
      ['enterprise.update', 'enterprise-key'],
      ['enterprise.override', 'ministry-key'],
      ['enterprise.override-clear', 'ministry-key'],
    ]);
    expect(audit[1]!.beforeHash).toBe(audit[0]!.afterHash);
    expect(audit[1]!.afterHash).not.toBe(audit[1]!.beforeHash);
  });

  it('lists by province', async () => {
    await storage.enterprises.create(company('0100000001'), ent);
    await storage.enterprises.create(company('0200000001', { province: '79' }), ent);
    expect((await storage.enterprises.list({ province: '79' })).map((e) => e.taxCode)).toEqual(['0200000001']);
    expect((await storage.enterprises.list()).length).toBe(2);
  });
});

describe('consultants and the independence rule', () => {
  beforeEach(async () => {
    await storage.enterprises.create(company('0100000001'), ent);
    await storage.consultants.create({ id: 'c1', name: 'An', organisation: 'Org', employers: ['0300000003'] }, min);
  });

  it('refuses to assign a consultant employed by the enterprise or one of its branches', async () => {
    await storage.consultants.create(
      { id: 'c2', name: 'Binh', organisation: 'Branch', employers: ['0100000001-002'] },
      min,
    );
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME() }, ent);
    await refusal(storage.assessments.assignConsultant(a.id, 'c2', ent), 'conflict', /independence.*0100000001-002/);
    expect((await storage.assessments.get(a.id))!.consultantId).toBeNull();
    const assigned = await storage.assessments.assignConsultant(a.id, 'c1', ent);
    expect(assigned.consultantId).toBe('c1');
  });

  it('refuses recording an employer that conflicts with an open assignment', async () => {
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME() }, ent);
    await storage.assessments.assignConsultant(a.id, 'c1', ent);
    await refusal(
      storage.consultants.update('c1', { name: 'An', organisation: 'Org', employers: ['0100000001'] }, min),
      'conflict',
      /open assessment/,
    );
    expect((await storage.consultants.get('c1'))!.employers).toEqual(['0300000003']);
    const ok = await storage.consultants.update(
      'c1',
      { name: 'An', organisation: 'Org 2', employers: ['0400000004', '0300000003'] },
      min,
    );
    expect(ok.employers).toEqual(['0300000003', '0400000004']);
  });

  it('refuses the consultant column without an assignment', async () => {
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME() }, ent);
    await storage.assessments.writeColumn(a.id, 'self', column(3), ent, noGroups);
    await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
    await refusal(
      storage.assessments.writeColumn(a.id, 'consultant', column(3), ent, noGroups),
      'conflict',
      /no consultant/,
    );
  });
});

describe('assessments', () => {
  beforeEach(async () => {
    await storage.enterprises.create(company('0100000001'), ent);
  });

  it('pins published versions only', async () => {
    await refusal(
      storage.assessments.create({ taxCode: '0100000001', index: { ...SME(), hash: 'f'.repeat(64) } }, ent),
      'conflict',
      /published index version/,
    );
    await refusal(storage.assessments.create({ taxCode: '0199999999', index: SME() }, ent), 'not-found');
  });

  it('writes each column only in its state and moves only from the stated state', async () => {
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME() }, ent);
    await refusal(
      storage.assessments.writeColumn(a.id, 'ministry', column(3), min, noGroups),
      'conflict',
      /is draft; writing the ministry column needs it reviewed/,
    );
    await refusal(
      storage.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'department' }, dept),
      'conflict',
      /is draft; reviewing needs it submitted/,
    );
    await refusal(storage.assessments.transition(a.id, { from: 'draft', to: 'reviewed' }, dept), 'invalid');
    await storage.assessments.writeColumn(a.id, 'self', column(3), ent, noGroups);
    const s = await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
    expect(s.steps.submitted?.by).toBe('enterprise-key');
    await refusal(storage.assessments.writeColumn(a.id, 'self', column(4), ent, noGroups), 'conflict');
    expect((await storage.assessments.get(a.id))!.columns.self!.result.level).toBe(3);
    await refusal(
      storage.assessments.certify(a.id, '2025-01-02', min),
      'conflict',
      /is submitted; certifying needs it appraised/,
    );
  });

  it('asks the same step rules as the API: a step needs its column, a review its reviewer’s column', async () => {
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME() }, ent);
    await refusal(
      storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent),
      'conflict',
      /has no self-assessment yet/,
    );
    await storage.assessments.writeColumn(a.id, 'self', column(3), ent, noGroups);
    await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
    await storage.assessments.writeColumn(a.id, 'department', column(2), dept, noGroups);
    await refusal(
      storage.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'consultant' }, dept),
      'conflict',
      /no consultant assigned/,
    );
    const r = await storage.assessments.transition(
      a.id,
      { from: 'submitted', to: 'reviewed', reviewedAs: 'department' },
      dept,
    );
    expect([r.status, r.reviewedAs]).toEqual(['reviewed', 'department']);
    const audit = await storage.audit.list({ target: `assessment:${a.id}` });
    expect(audit.map((e) => e.action)).toEqual([
      'assessment.create',
      'assessment.column.self',
      'assessment.submit',
      'assessment.column.department',
      'assessment.review',
    ]);
  });

  it('certifies from the ministry column, numbers certificates per year, revokes once', async () => {
    await storage.enterprises.create(company('0100000002'), ent);
    const a1 = await appraised('0100000001', 3);
    const a2 = await appraised('0100000002', 4);
    const { assessment, certificate } = await storage.assessments.certify(a1.id, '2025-03-04', min);
    expect(assessment.status).toBe('certified');
    expect(assessment.certificateNumber).toBe('DBI-2025-000001');
    expect(certificate).toMatchObject({
      number: 'DBI-2025-000001',
      level: 3,
      total: 192,
      max: 320,
      taxCode: '0100000001',
      index: SME(),
      issuedOn: '2025-03-04',
      status: 'valid',
    });
    await refusal(storage.assessments.certify(a1.id, '2025-03-04', min), 'conflict');
    const second = await storage.assessments.certify(a2.id, '2025-05-06', min);
    expect(second.certificate.number).toBe('DBI-2025-000002');
    const revoked = await storage.certificates.revoke('DBI-2025-000001', 'data found false', min);
    expect([revoked.status, revoked.revocationReason, revoked.revokedBy]).toEqual([
      'revoked',
      'data found false',
      'ministry-key',
    ]);
    await refusal(storage.certificates.revoke('DBI-2025-000001', 'again', min), 'conflict');
    await refusal(storage.certificates.revoke('DBI-2025-999999', 'x', min), 'not-found');
    const actions = (await storage.audit.list({ target: 'certificate:DBI-2025-000001' })).map((e) => e.action);
    expect(actions).toEqual(['certificate.issue', 'certificate.revoke']);
  });

  it('lists by enterprise, consultant, province and status', async () => {
    await storage.enterprises.create(company('0200000001', { province: '79' }), ent);
    await storage.consultants.create({ id: 'c1', name: 'An', organisation: 'Org', employers: [] }, min);
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME() }, ent);
    const b = await storage.assessments.create({ taxCode: '0200000001', index: SME() }, ent);
    await storage.assessments.assignConsultant(b.id, 'c1', ent);
    expect((await storage.assessments.list({ province: '79' })).map((x) => x.id)).toEqual([b.id]);
    expect((await storage.assessments.list({ consultantId: 'c1' })).map((x) => x.id)).toEqual([b.id]);
    expect((await storage.assessments.list({ taxCode: '0100000001' })).map((x) => x.id)).toEqual([a.id]);
    expect((await storage.assessments.list({ status: 'draft' })).length).toBe(2);
    expect((await storage.assessments.list({ status: 'submitted' })).length).toBe(0);
  });
});

describe('groups', () => {
  let parent: string;
  let child: string;
  beforeEach(async () => {
    await storage.enterprises.create(
      company('0100000001', { classification: { size: 'large', index: 'large', classifier: stamp(sizeDef) } }),
      ent,
    );
    await storage.enterprises.create(company('0100000002'), ent);
    parent = (await storage.assessments.create({ taxCode: '0100000001', index: SME() }, ent)).id;
    child = (await storage.assessments.create({ taxCode: '0100000002', index: SME() }, ent)).id;
  });

  it('hands the rescorer each member with its effective column, in the member write’s transaction', async () => {
    const seen: GroupSnapshot[] = [];
    const rescore = (g: GroupSnapshot) => {
      seen.push(structuredClone(g));
      return groupResult(seen.length);
    };
    const members = [
      { taxCode: '0100000001', relation: 'parent' as const, headcount: 100, assessmentId: parent },
      { taxCode: '0100000002', relation: 'subsidiary' as const, headcount: 50, assessmentId: child },
    ];
    const g = await storage.groups.create(
      { parentTaxCode: '0100000001', index: stamp(groupDef), members },
      min,
      rescore,
    );
    expect(g.level).toBe(1);
    expect(seen[0]!.members.map((m) => [m.taxCode, m.column, m.answers])).toEqual([
      ['0100000001', null, {}],
      ['0100000002', null, {}],
    ]);
    await storage.assessments.writeColumn(child, 'self', column(4), ent, rescore);
    const after = await storage.groups.get(g.id);
    expect(after!.level).toBe(2);
    expect(seen[1]!.members[1]).toMatchObject({ column: 'self', answers: { '1.1.1': 4 } });

    // A rescorer that fails aborts the member write with it.
    await refusal(
      storage.assessments.writeColumn(child, 'self', column(5), ent, () => {
        throw new StorageError('invalid', 'cannot score');
      }),
      'invalid',
    );
    expect((await storage.assessments.get(child))!.columns.self!.answers).toEqual({ '1.1.1': 4 });
    expect((await storage.groups.get(g.id))!.level).toBe(2);
    const actions = (await storage.audit.list({ target: `group:${g.id}` })).map((e) => e.action);
    expect(actions).toEqual(['group.create', 'group.rescore']);
  });

  it('refuses a member linked through another unit’s assessment, or listed twice', async () => {
    const rescore = () => groupResult(0);
    await refusal(
      storage.groups.create(
        {
          parentTaxCode: '0100000001',
          index: stamp(groupDef),
          members: [{ taxCode: '0100000002', relation: 'subsidiary', headcount: 5, assessmentId: parent }],
        },
        min,
        rescore,
      ),
      'invalid',
      /belongs to 0100000001/,
    );
    await refusal(
      storage.groups.create(
        {
          parentTaxCode: '0100000001',
          index: stamp(groupDef),
          members: [
            { taxCode: '0100000001', relation: 'parent', headcount: 5, assessmentId: parent },
            { taxCode: '0100000001', relation: 'subsidiary', headcount: 5, assessmentId: parent },
          ],
        },
        min,
        rescore,
      ),
      'invalid',
      /listed twice/,
    );
    expect(await storage.groups.list()).toEqual([]);
  });
});
