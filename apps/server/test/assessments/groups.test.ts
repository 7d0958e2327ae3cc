// Group assessments (Appendix III): units weighted by headcount, Đth = Σ level × headcount / Σ headcount decided
// exactly, affiliates listed but left out; the stored result recomputed whenever a member's result changes.
//   parent P (large@1.0.0, every criterion 3 → each pillar 60% → level 3; total 417 > 278, not > 417 → level 3)
//   subsidiary S (sme@1.0.0, level 4 / 5 / 1 as the test goes), affiliate F (sme, level 0, 1000 staff)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@dbi/schema';
import { loadNational } from '@dbi/indices';
import { answersAll, LARGE, makeAssessmentApp, SME, start, type AssessmentApp } from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

const P = withCheckDigit('010000010');
const S = withCheckDigit('010000020');
const F = withCheckDigit('010000031');
let t: AssessmentApp;
let p: string;
let s: string;
let f: string;
let group: string;

const facts = (taxCode: string, over: object = {}) => ({
  taxCode,
  name: `Unit ${taxCode}`,
  province: '01',
  industry: 'C',
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
  ...over,
});
const levels = (result: { pillars: { level: number }[] }) => result.pillars.map((x) => x.level);

beforeAll(async () => {
  t = await makeAssessmentApp();
  for (const code of [P, S, F]) await t.addKey(`ent-${code}`, 'enterprise', code);
  const parent = await t.call(
    'POST',
    '/api/v1/enterprises',
    'ministry-editor',
    facts(P, {
      sector: 'agriculture-industry-construction',
      employees: 300,
      revenueVnd: 500_000_000_000,
      hasSubsidiaries: true,
    }),
  );
  // Appendix IV: organised as parent and subsidiaries → the group index.
  expect([parent.json.classification.size, parent.json.index]).toEqual(['large', 'group']);
  await t.call('POST', '/api/v1/enterprises', 'ministry-editor', facts(S));
  await t.call('POST', '/api/v1/enterprises', 'ministry-editor', facts(F));
  const pa = await t.call('POST', '/api/v1/assessments', `ent-${P}`, { taxCode: P });
  // A group's parent unit is assessed with the index the group index names for parents (large@1.0.0).
  expect(pa.json.index).toEqual({ id: 'large', version: '1.0.0', hash: contentHash(LARGE) });
  p = pa.json.id;
  s = await start(t, S, `ent-${S}`);
  f = await start(t, F, `ent-${F}`);
  const w = async (id: string, code: string, body: object) =>
    expect((await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, `ent-${code}`, body)).status).toBe(200);
  await w(p, P, { answers: answersAll(LARGE, 3) });
  await w(s, S, { answers: answersAll(SME, 4) });
  await w(f, F, { answers: answersAll(SME, 0) });
});
afterAll(async () => {
  await t.close();
});

const current = async () => (await t.call('GET', `/api/v1/groups/${group}`, 'ministry-editor')).json;

describe('group roll-up and recomputation', () => {
  it('P 100 staff at 3, S 100 at 4, affiliate F 1000 at 0: Đth = 700/200 = 3.5 → "from 3 to below 4" → level 3 (4(i) needs above 3.5)', async () => {
    const r = await t.call('POST', '/api/v1/groups', 'ministry-editor', {
      parentTaxCode: P,
      members: [
        { taxCode: P, relation: 'parent', headcount: 100, assessmentId: p },
        { taxCode: S, relation: 'subsidiary', headcount: 100, assessmentId: s },
        { taxCode: F, relation: 'affiliate', headcount: 1000, assessmentId: f },
      ],
    });
    expect(r.status).toBe(201);
    group = r.json.id;
    expect(r.json.index).toEqual({ id: 'group', version: '1.0.0', hash: contentHash(loadNational('group@1.0.0')!) });
    expect(r.json.result.weighted).toEqual({ sum: 700, weight: 200 });
    expect([r.json.level, r.json.result.level]).toEqual([3, 3]);
    expect(r.json.result.parent).toEqual({ id: P, level: 3 });
    expect(
      r.json.result.units.map((u: { id: string; included: boolean; result: { level: number } }) => [
        u.id,
        u.included,
        u.result.level,
      ]),
    ).toEqual([
      [P, true, 3],
      [S, true, 4],
      [F, false, 0],
    ]);
    expect(levels(r.json.result)).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('S’s self column rewritten at 5: Đth = 800/200 = 4 → level 4, stored with the member write', async () => {
    expect(
      (await t.call('PUT', `/api/v1/assessments/${s}/columns/self`, `ent-${S}`, { answers: answersAll(SME, 5) }))
        .status,
    ).toBe(200);
    const g = await current();
    expect(g.result.weighted).toEqual({ sum: 800, weight: 200 });
    expect(g.level).toBe(4);
    expect(g.result.units[1].result.level).toBe(5);
  });

  it('members re-weighted, P 300 staff: Đth = (900 + 500)/400 = 3.5 → level 3', async () => {
    const r = await t.call('PUT', `/api/v1/groups/${group}/members`, 'ministry-editor', {
      members: [
        { taxCode: P, relation: 'parent', headcount: 300, assessmentId: p },
        { taxCode: S, relation: 'subsidiary', headcount: 100, assessmentId: s },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json.result.weighted).toEqual({ sum: 1400, weight: 400 });
    expect(r.json.level).toBe(3);
    expect(r.json.members.map((m: { taxCode: string }) => m.taxCode)).toEqual([P, S]);
  });

  it('S submitted and the department’s column (every criterion 1: each pillar 20% → 1; total 64, not > 64 → level 1) becomes S’s current result: Đth = 1000/400 = 2.5 → level 2', async () => {
    expect((await t.call('POST', `/api/v1/assessments/${s}/submit`, `ent-${S}`)).status).toBe(200);
    expect((await current()).level).toBe(3); // submitting changes no result
    const d = await t.call('PUT', `/api/v1/assessments/${s}/columns/department`, 'provincial-department', {
      answers: answersAll(SME, 1),
    });
    expect(d.json.columns.department.result.level).toBe(1);
    const g = await current();
    expect(g.result.weighted).toEqual({ sum: 1000, weight: 400 });
    expect(g.level).toBe(2);
    expect(g.result.units[1].result.level).toBe(1);
  });

  it('every recomputation is in the audit log', async () => {
    const actions = (await t.app.storage.audit.list({ target: `group:${group}` })).map((e) => [e.action, e.actorName]);
    expect(actions).toEqual([
      ['group.create', 'editor'],
      ['group.rescore', `ent-${S}`],
      ['group.members', 'editor'],
      ['group.rescore', 'hanoi'],
    ]);
  });

  it('a roll-up the group index cannot score (no staff in the included units, Appendix III step 2) is refused; the stored group stays', async () => {
    const r = await t.call('PUT', `/api/v1/groups/${group}/members`, 'ministry-editor', {
      members: [
        { taxCode: P, relation: 'parent', headcount: 300, assessmentId: p },
        { taxCode: S, relation: 'subsidiary', headcount: 0, assessmentId: s },
        { taxCode: F, relation: 'branch', headcount: 10, assessmentId: f },
      ],
    });
    expect(r.status).toBe(200);
    const bad = await t.call('PUT', `/api/v1/groups/${group}/members`, 'ministry-editor', {
      members: [{ taxCode: P, relation: 'parent', headcount: 0, assessmentId: p }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/members']);
    expect(bad.json.errors[0].code).toBe('no-headcount');
    expect((await current()).members.length).toBe(3);
  });

  it('a certified parent ranks by its group roll-up, not at its own level: P 300 at 3, S 100 at 1 → Đth = 1000/400 = 2.5 → level 2', async () => {
    const set = await t.call('PUT', `/api/v1/groups/${group}/members`, 'ministry-editor', {
      members: [
        { taxCode: P, relation: 'parent', headcount: 300, assessmentId: p },
        { taxCode: S, relation: 'subsidiary', headcount: 100, assessmentId: s },
      ],
    });
    expect(set.json.level).toBe(2);
    const ok = async (r: Promise<{ status: number; json: any }>) => expect((await r).status).toBeLessThan(300);
    const answers = answersAll(LARGE, 3);
    await ok(t.call('POST', `/api/v1/assessments/${p}/submit`, `ent-${P}`));
    await ok(t.call('PUT', `/api/v1/assessments/${p}/columns/department`, 'provincial-department', { answers }));
    await ok(t.call('POST', `/api/v1/assessments/${p}/review`, 'provincial-department'));
    await ok(
      t.call('PUT', `/api/v1/assessments/${p}/columns/ministry`, 'ministry-editor', {
        from: 'department',
        answers: {},
      }),
    );
    await ok(t.call('POST', `/api/v1/assessments/${p}/appraise`, 'ministry-editor'));
    const own = (await t.call('GET', `/api/v1/assessments/${p}`, 'ministry-editor')).json.columns.ministry.result;
    expect(own.level).toBe(3);
    await ok(t.call('POST', `/api/v1/assessments/${p}/certify`, 'ministry-publisher', { issuedOn: '2025-06-30' }));
    const r = await t.call('GET', '/api/v1/rankings', null);
    const entry = r.json.items.find((i: { taxCode: string }) => i.taxCode === P);
    // total = ⌊1000 × 1000 / 400⌋ = 2500 of 5000: the weighted mean level 2.5 of Mức 5 (migration 0003).
    expect(entry).toMatchObject({ level: 2, total: 2500, max: 5000, group });
  });
});
