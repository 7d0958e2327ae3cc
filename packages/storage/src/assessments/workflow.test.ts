// The whole workflow's contract on each backend (test/backend.ts): returns for correction, withdrawal, cancellation,
// requests and the Ministry's direct assessment, each asked of the assessment rules inside its transaction and kept
// in the history with its reason; reasons on reviewer adjustments; one open assessment per enterprise and index and
// a quota of open drafts; independence of every unit of a group and of the consulting organisation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type GroupResult, type ScoreResult } from '@dbi/schema';
import { testDatabase, type TestDatabase } from '../../test/backend.js';
import { importNationalIndices } from '../national.js';
import { StorageError, type Actor, type Stamp } from '../common.js';
import type { Storage } from '../storage.js';
import type { ColumnInput, NewEnterprise } from './types.js';

let db: TestDatabase;
let storage: Storage;
const ent: Actor = { id: 'key_e', name: 'enterprise-key' };
const dept: Actor = { id: 'key_d', name: 'department-key' };
const cons: Actor = { id: 'key_c', name: 'consultant-key' };
const min: Actor = { id: 'key_m', name: 'ministry-key' };
const pub: Actor = { id: 'key_p', name: 'publisher-key' };
const def = (id: string) => nationalIndices.find((d) => d.id === id)!;
const stamp = (d: { id: string; version: string }): Stamp => ({ id: d.id, version: d.version, hash: contentHash(d) });
const SME = () => stamp(def('sme'));
const LARGE = () => stamp(def('large'));
const TAX = '0100000001';

const company = (taxCode: string): NewEnterprise => ({
  taxCode,
  name: `Company ${taxCode}`,
  province: '01',
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
  capitalVnd: null,
  hasSubsidiaries: false,
  classification: { size: 'micro', index: 'sme', classifier: stamp(def('size')) },
});
const column = (
  answers: Record<string, number | null>,
  from: ColumnInput['from'] = null,
  reasons = {},
): ColumnInput => ({
  answers,
  evidence: {},
  reasons,
  result: { index: SME(), engine: '1.0.0', total: 0, max: 320, level: 1, pillars: [], missing: [] } as ScoreResult,
  from,
});
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
  await storage.enterprises.create(company(TAX), ent);
});
afterEach(async () => {
  await storage.close();
  await db.drop();
});

async function submitted() {
  const a = await storage.assessments.create({ taxCode: TAX, index: SME() }, ent);
  await storage.assessments.writeColumn(a.id, 'self', column({ '1.1.1': 2 }), ent, noGroups);
  return storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
}

describe('return for correction', () => {
  it('a reviewer returns to the enterprise with a reason; it fixes and resubmits; the history keeps every return', async () => {
    const a = await submitted();
    await refusal(
      storage.assessments.act(a.id, 'return:submitted', { reason: ' ' }, dept),
      'invalid',
      /needs a reason/,
    );
    const back = await storage.assessments.act(
      a.id,
      'return:submitted',
      { reason: 'no evidence for 1.1.1', party: 'department' },
      dept,
    );
    expect(back.status).toBe('draft');
    expect(back.steps.submitted).toBeUndefined();
    expect(back.returned).toMatchObject({ reason: 'no evidence for 1.1.1', by: 'department-key', from: 'submitted' });
    await storage.assessments.writeColumn(a.id, 'self', column({ '1.1.1': 1 }), ent, noGroups);
    const again = await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
    expect([again.status, again.returned]).toEqual(['submitted', null]);
    await storage.assessments.writeColumn(a.id, 'department', column({ '1.1.1': 1 }), dept, noGroups);
    await storage.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'department' }, dept);
    const toReviewer = await storage.assessments.act(
      a.id,
      'return:reviewed',
      { reason: 'check 2.1', party: 'ministry' },
      min,
    );
    expect([toReviewer.status, toReviewer.reviewedAs, toReviewer.returned?.reason]).toEqual([
      'submitted',
      null,
      'check 2.1',
    ]);
    expect(toReviewer.history.map((e) => [e.kind, e.from, e.to, e.party, e.reason, e.by])).toEqual([
      ['returned', 'submitted', 'draft', 'department', 'no evidence for 1.1.1', 'department-key'],
      ['returned', 'reviewed', 'submitted', 'ministry', 'check 2.1', 'ministry-key'],
    ]);
    const audit = await storage.audit.list({ target: `assessment:${a.id}` });
    expect(audit.map((e) => e.action)).toContain('assessment.return:reviewed');
  });

  it('the publisher returns an appraised assessment to the Ministry’s appraisal', async () => {
    const a = await submitted();
    await storage.assessments.writeColumn(a.id, 'department', column({ '1.1.1': 2 }), dept, noGroups);
    await storage.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'department' }, dept);
    await storage.assessments.writeColumn(a.id, 'ministry', column({ '1.1.1': 2 }, 'department'), min, noGroups);
    await storage.assessments.transition(a.id, { from: 'reviewed', to: 'appraised' }, min);
    const r = await storage.assessments.act(a.id, 'return:appraised', { reason: 'wrong year' }, pub);
    expect([r.status, r.steps.appraised, r.returned?.from]).toEqual(['reviewed', undefined, 'appraised']);
    // Not a return in this state any more.
    await refusal(
      storage.assessments.act(a.id, 'return:appraised', { reason: 'again' }, pub),
      'conflict',
      /is reviewed/,
    );
  });
});

describe('withdraw and cancel', () => {
  it('the enterprise withdraws before review starts, not after', async () => {
    const a = await submitted();
    const w = await storage.assessments.act(a.id, 'withdraw', { reason: 'wrong figures', party: 'enterprise' }, ent);
    expect([w.status, w.history.at(-1)?.kind, w.returned]).toEqual(['draft', 'withdrawn', null]);
    await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
    await storage.assessments.writeColumn(a.id, 'department', column({ '1.1.1': 2 }), dept, noGroups);
    await refusal(storage.assessments.act(a.id, 'withdraw', { reason: 'x' }, ent), 'conflict', /review .* has started/);
  });

  it('a cancelled draft leaves every queue, takes no step and frees its index for a new assessment', async () => {
    const a = await storage.assessments.create({ taxCode: TAX, index: SME() }, ent);
    await refusal(
      storage.assessments.create({ taxCode: TAX, index: SME() }, ent),
      'conflict',
      /already has open assessment/,
    );
    const c = await storage.assessments.act(a.id, 'cancel', { reason: 'started twice', party: 'enterprise' }, ent);
    expect(c.status).toBe('cancelled');
    expect((await storage.assessments.list({ taxCode: TAX })).map((x) => x.id)).toEqual([]);
    expect((await storage.assessments.list({ taxCode: TAX, status: 'draft' })).map((x) => x.id)).toEqual([]);
    expect((await storage.assessments.list({ taxCode: TAX, status: 'cancelled' })).map((x) => x.id)).toEqual([a.id]);
    await refusal(storage.assessments.writeColumn(a.id, 'self', column({}), ent, noGroups), 'conflict', /is cancelled/);
    await refusal(storage.assessments.act(a.id, 'cancel', { reason: 'x' }, ent), 'conflict', /is cancelled/);
    const b = await storage.assessments.create({ taxCode: TAX, index: SME() }, ent);
    expect(b.status).toBe('draft');
  });

  it('a quota of open drafts per enterprise', async () => {
    await storage.assessments.create({ taxCode: TAX, index: SME() }, ent, { maxOpenDrafts: 1 });
    await refusal(
      storage.assessments.create({ taxCode: TAX, index: LARGE() }, ent, { maxOpenDrafts: 1 }),
      'conflict',
      /has 1 open drafts \(at most 1/,
    );
    expect((await storage.assessments.create({ taxCode: TAX, index: LARGE() }, ent, { maxOpenDrafts: 2 })).status).toBe(
      'draft',
    );
  });
});

describe('requests and direct assessment', () => {
  it('on request the department assesses without a self-assessment, and only the department', async () => {
    const a = await storage.assessments.create({ taxCode: TAX, index: SME() }, ent);
    await refusal(
      storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent),
      'conflict',
      /no self-assessment/,
    );
    await refusal(storage.assessments.act(a.id, 'request', {}, ent), 'conflict', /name whom/);
    await refusal(
      storage.assessments.act(a.id, 'request', { requested: 'consultant' }, ent),
      'conflict',
      /no consultant/,
    );
    const r = await storage.assessments.act(a.id, 'request', { requested: 'department', party: 'enterprise' }, ent);
    expect([r.status, r.requested, r.history.at(-1)?.kind]).toEqual(['submitted', 'department', 'requested']);
    await storage.consultants.create({ id: 'c1', name: 'An', organisation: 'Org', employers: [] }, min);
    await storage.assessments.assignConsultant(a.id, 'c1', ent);
    await refusal(
      storage.assessments.writeColumn(a.id, 'consultant', column({ '1.1.1': 2 }), cons, noGroups),
      'conflict',
      /asked the department/,
    );
    await storage.assessments.writeColumn(a.id, 'department', column({ '1.1.1': 2 }), dept, noGroups);
    const rev = await storage.assessments.transition(
      a.id,
      { from: 'submitted', to: 'reviewed', reviewedAs: 'department' },
      dept,
    );
    expect(rev.status).toBe('reviewed');
  });

  it('the Ministry assesses a draft directly, then appraises its own column', async () => {
    const a = await storage.assessments.create({ taxCode: TAX, index: SME() }, min);
    const d = await storage.assessments.act(a.id, 'direct', { party: 'ministry' }, min);
    expect([d.status, d.reviewedAs, d.steps.submitted?.by, d.steps.reviewed?.by]).toEqual([
      'reviewed',
      'ministry',
      'ministry-key',
      'ministry-key',
    ]);
    await storage.assessments.writeColumn(a.id, 'ministry', column({ '1.1.1': 3 }), min, noGroups);
    expect((await storage.assessments.transition(a.id, { from: 'reviewed', to: 'appraised' }, min)).status).toBe(
      'appraised',
    );
    await refusal(storage.assessments.act(a.id, 'direct', {}, min), 'conflict', /is appraised/);
  });
});

describe('reasons on reviewer adjustments', () => {
  it('a column built from another needs a reason for each criterion it changes, and keeps them', async () => {
    const a = await submitted();
    await refusal(
      storage.assessments.writeColumn(a.id, 'department', column({ '1.1.1': 3, '1.1.2': 1 }, 'self'), dept, noGroups),
      'invalid',
      /differs from the self column at 1\.1\.1, 1\.1\.2 without a reason/,
    );
    const r = await storage.assessments.writeColumn(
      a.id,
      'department',
      column({ '1.1.1': 3, '1.1.2': 1 }, 'self', { '1.1.1': 'seen on site', '1.1.2': 'invoice' }),
      dept,
      noGroups,
    );
    expect(r.columns.department!.reasons).toEqual({ '1.1.1': 'seen on site', '1.1.2': 'invoice' });
    expect(r.columns.self!.reasons).toEqual({});
  });
});

describe('independence', () => {
  it('of every unit of a group, and of the consulting organisation', async () => {
    const sub = '0100000002';
    await storage.enterprises.create(company(sub), ent);
    const parentA = await storage.assessments.create({ taxCode: TAX, index: SME() }, ent);
    const subA = await storage.assessments.create({ taxCode: sub, index: SME() }, ent);
    const rescore = () => ({ level: 0 }) as unknown as GroupResult;
    await storage.groups.create(
      {
        parentTaxCode: TAX,
        index: stamp(def('group')),
        members: [
          { taxCode: TAX, relation: 'parent', headcount: 10, assessmentId: parentA.id },
          { taxCode: sub, relation: 'subsidiary', headcount: 5, assessmentId: subA.id },
        ],
      },
      min,
      rescore,
    );
    expect(await storage.assessments.relatedUnits(TAX)).toEqual([TAX, sub]);
    expect(await storage.assessments.relatedUnits(`${sub}-001`)).toEqual([TAX, sub]);
    await storage.consultants.create({ id: 'c1', name: 'An', organisation: 'Org', employers: [`${sub}-003`] }, min);
    await refusal(storage.assessments.assignConsultant(parentA.id, 'c1', ent), 'conflict', /a unit of a group/);
    await storage.consultants.create(
      { id: 'c2', name: 'Bình', organisation: 'Own', employers: [], organisationTaxCode: TAX },
      min,
    );
    expect((await storage.consultants.get('c2'))!.organisationTaxCode).toBe(TAX);
    await refusal(storage.assessments.assignConsultant(parentA.id, 'c2', ent), 'conflict', /employed by 0100000001/);
  });
});
