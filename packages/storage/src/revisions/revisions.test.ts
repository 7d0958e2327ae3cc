// The revisions repository's contract on each backend: dates in force recorded at publication (and at the national
// import) and closed by a successor, "in force on D" at each instrument date and the day before, draft assessments
// moved to a newer published version in one audited transaction, and the rows impact analysis reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type ScoreResult, type ScorecardDefinition } from '@dbi/schema';
import { testDatabase, type TestDatabase } from '../../test/backend.js';
import { importNationalIndices } from '../national.js';
import { StorageError, type Actor, type Stamp } from '../common.js';
import type { Storage } from '../storage.js';
import type { ColumnInput, NewEnterprise } from '../assessments/types.js';

let db: TestDatabase;
let storage: Storage;
const pub: Actor = { id: 'key_p', name: 'publisher-key' };
const ent: Actor = { id: 'key_e', name: 'enterprise-key' };
const byId = (id: string) => nationalIndices.find((d) => d.id === id)!;
const stamp = (d: { id: string; version: string }): Stamp => ({ id: d.id, version: d.version, hash: contentHash(d) });

/** sme@1.1.0: the same content, derived from 1.0.0, by an instrument effective on 2025-07-01. */
const sme110 = (): ScorecardDefinition => {
  const d = structuredClone(byId('sme')) as ScorecardDefinition;
  d.version = '1.1.0';
  d.derivedFrom = 'sme@1.0.0';
  d.instrument = { ...d.instrument, number: '99/2025/QĐ-BKHCN', signed: '2025-06-15', effective: '2025-07-01' };
  return d;
};
async function publish(d: ScorecardDefinition) {
  const json = JSON.stringify(d);
  await storage.indices.createDraft(
    { id: d.id, version: d.version, definitionJson: json, hash: contentHash(d), derivedFrom: d.derivedFrom ?? null },
    pub,
  );
  await storage.indices.publish(d.id, d.version, contentHash(d), pub);
  return stamp(d);
}

const company = (taxCode: string, province = '01', size = 'micro'): NewEnterprise => ({
  taxCode,
  name: `Company ${taxCode}`,
  province,
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
  capitalVnd: null,
  hasSubsidiaries: false,
  classification: { size, index: 'sme', classifier: stamp(byId('size')) },
});
const column = (index: Stamp, level: number, answers: Record<string, number | null>): ColumnInput => ({
  answers,
  evidence: {},
  result: { index, engine: '1.0.0', total: 0, max: 320, level, pillars: [], missing: [] } as ScoreResult,
  from: null,
});
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

describe('dates in force', () => {
  it.each(['sme', 'large', 'group', 'size'])(
    '%s@1.0.0 entered force with 1970/QĐ-BTTTT on 13/12/2021 and is in force from that day, not the day before',
    async (id) => {
      expect(await storage.revisions.force(id)).toEqual([
        {
          index: id,
          version: '1.0.0',
          hash: stamp(byId(id)).hash,
          status: 'published',
          instrument: '1970/QĐ-BTTTT',
          enteredOn: '2021-12-13',
          leftOn: null,
        },
      ]);
      expect((await storage.revisions.inForce(id, '2021-12-13'))?.version).toBe('1.0.0');
      expect(await storage.revisions.inForce(id, '2021-12-12')).toBeUndefined();
      expect((await storage.revisions.inForce(id, '2030-01-01'))?.version).toBe('1.0.0');
    },
  );

  it('a published successor ends its predecessor’s force on its own entry date', async () => {
    await storage.indices.createDraft(
      {
        id: 'sme',
        version: '1.2.0',
        definitionJson: JSON.stringify({ ...sme110(), version: '1.2.0' }),
        hash: 'c'.repeat(64),
        derivedFrom: null,
      },
      pub,
    );
    await publish(sme110());
    const force = await storage.revisions.force('sme');
    expect(force.map((f) => [f.version, f.instrument, f.enteredOn, f.leftOn])).toEqual([
      ['1.0.0', '1970/QĐ-BTTTT', '2021-12-13', '2025-07-01'],
      ['1.1.0', '99/2025/QĐ-BKHCN', '2025-07-01', null],
    ]);
    // Each instrument date and the day before.
    expect((await storage.revisions.inForce('sme', '2021-12-12'))?.version).toBeUndefined();
    expect((await storage.revisions.inForce('sme', '2021-12-13'))?.version).toBe('1.0.0');
    expect((await storage.revisions.inForce('sme', '2025-06-30'))?.version).toBe('1.0.0');
    expect((await storage.revisions.inForce('sme', '2025-07-01'))?.version).toBe('1.1.0');
    // A draft is never in force, and the large index is untouched.
    expect((await storage.revisions.force('large')).map((f) => f.leftOn)).toEqual([null]);
  });

  it('the database refuses to delete or re-date an entry into force', async () => {
    await expect(db.sql("DELETE FROM version_force WHERE index_id = 'sme'")).rejects.toThrow(/never deleted/);
    await expect(db.sql("UPDATE version_force SET entered_on = '2020-01-01' WHERE index_id = 'sme'")).rejects.toThrow(
      /fixed/,
    );
    expect((await storage.revisions.force('sme'))[0]!.enteredOn).toBe('2021-12-13');
  });
});

describe('moving a draft assessment to a newer version', () => {
  it('changes the pin and the self column in one audited write, and records what was not carried', async () => {
    const SME = stamp(byId('sme'));
    await storage.enterprises.create(company('0100000001'), ent);
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME }, ent);
    await storage.assessments.writeColumn(a.id, 'self', column(SME, 1, { '1.1.1': 3 }), ent, () => {
      throw new Error('no groups');
    });
    const to = await publish(sme110());
    const notCarried = [{ id: '1.1.2', side: 'to' as const, code: 'new' as const, message: '1.1.2 is new' }];
    const moved = await storage.revisions.moveAssessment(
      a.id,
      { from: SME, to, column: column(to, 2, { '1.1.1': 3 }), carried: ['1.1.1'], notCarried },
      ent,
    );
    expect(moved).toMatchObject({
      assessmentId: a.id,
      seq: 1,
      from: SME,
      to,
      carried: ['1.1.1'],
      notCarried,
      by: 'enterprise-key',
    });
    const after = (await storage.assessments.get(a.id))!;
    expect(after.index).toEqual(to);
    expect(after.columns.self?.result.level).toBe(2);
    expect(after.columns.self?.result.index).toEqual(to);
    expect(await storage.revisions.moves(a.id)).toEqual([moved]);
    const audit = await storage.audit.list({ target: `assessment:${a.id}`, action: 'assessment.move' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.beforeHash).not.toBe(audit[0]!.afterHash);

    // Moving again from the old pin is stale; moving to the same version, or to a draft, is refused.
    await refusal(
      storage.revisions.moveAssessment(a.id, { from: SME, to, column: null, carried: [], notCarried: [] }, ent),
      'stale',
    );
    await refusal(
      storage.revisions.moveAssessment(a.id, { from: to, to, column: null, carried: [], notCarried: [] }, ent),
      'invalid',
      /already pinned/,
    );
    await refusal(
      storage.revisions.moveAssessment(a.id, { from: to, to: SME, column: null, carried: [], notCarried: [] }, ent),
      'invalid',
      /only to a newer version/,
    );
    const draft = { ...sme110(), version: '1.2.0' };
    await storage.indices.createDraft(
      {
        id: 'sme',
        version: '1.2.0',
        definitionJson: JSON.stringify(draft),
        hash: contentHash(draft),
        derivedFrom: null,
      },
      pub,
    );
    await refusal(
      storage.revisions.moveAssessment(
        a.id,
        { from: to, to: stamp(draft), column: null, carried: [], notCarried: [] },
        ent,
      ),
      'invalid',
      /not a published version/,
    );
    // The refused moves changed nothing and left no audit entry.
    expect((await storage.assessments.get(a.id))!.index).toEqual(to);
    expect(await storage.audit.list({ target: `assessment:${a.id}`, action: 'assessment.move' })).toHaveLength(1);
  });

  it('only a draft moves; the database holds the pin of a submitted assessment', async () => {
    const SME = stamp(byId('sme'));
    await storage.enterprises.create(company('0100000001'), ent);
    const a = await storage.assessments.create({ taxCode: '0100000001', index: SME }, ent);
    await storage.assessments.writeColumn(a.id, 'self', column(SME, 1, { '1.1.1': 3 }), ent, () => {
      throw new Error('no groups');
    });
    await storage.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, ent);
    const to = await publish(sme110());
    await refusal(
      storage.revisions.moveAssessment(a.id, { from: SME, to, column: null, carried: [], notCarried: [] }, ent),
      'conflict',
      /only a draft/,
    );
    await expect(
      db.sql('UPDATE assessments SET index_version = ?, index_hash = ? WHERE id = ?', ['1.1.0', to.hash, a.id]),
    ).rejects.toThrow(/only a draft moves/);
    await refusal(
      storage.revisions.moveAssessment('asm_nope', { from: SME, to, column: null, carried: [], notCarried: [] }, ent),
      'not-found',
    );
  });
});

describe('the rows impact analysis reads', () => {
  it('every assessment pinned to the base with its effective column, filtered by province and size', async () => {
    const SME = stamp(byId('sme'));
    await storage.enterprises.create(company('0100000001', '01', 'micro'), ent);
    await storage.enterprises.create(company('0100000002', '79', 'small'), ent);
    const a1 = await storage.assessments.create({ taxCode: '0100000001', index: SME }, ent);
    const a2 = await storage.assessments.create({ taxCode: '0100000002', index: SME }, ent);
    const none = () => {
      throw new Error('no groups');
    };
    await storage.assessments.writeColumn(a1.id, 'self', column(SME, 1, { '1.1.1': 1 }), ent, none);
    await storage.assessments.transition(a1.id, { from: 'draft', to: 'submitted' }, ent);
    await storage.assessments.writeColumn(a1.id, 'department', column(SME, 1, { '1.1.1': 4 }), ent, none);
    const rows = await storage.revisions.impactRows(SME);
    const sorted = [a1.id, a2.id].sort();
    expect(rows.map((r) => r.assessmentId)).toEqual(sorted);
    const r1 = rows.find((r) => r.assessmentId === a1.id)!;
    expect(r1).toEqual({
      assessmentId: a1.id,
      taxCode: '0100000001',
      name: 'Company 0100000001',
      province: '01',
      size: 'micro',
      column: 'department',
      answers: { '1.1.1': 4 },
    });
    expect(rows.find((r) => r.assessmentId === a2.id)).toMatchObject({ column: null, answers: {} });
    expect((await storage.revisions.impactRows(SME, { province: '79' })).map((r) => r.assessmentId)).toEqual([a2.id]);
    expect((await storage.revisions.impactRows(SME, { size: 'micro' })).map((r) => r.assessmentId)).toEqual([a1.id]);
    expect(await storage.revisions.impactRows(stamp(byId('large')))).toEqual([]);
  });
});
