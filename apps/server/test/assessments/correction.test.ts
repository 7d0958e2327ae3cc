// The whole workflow of Decision 1970 §III over HTTP, as the parties would play it: returns for correction with a
// reason (the returned party sees it, fixes and resubmits; every return kept), withdrawal and cancellation, the
// enterprise's request for a department assessment without a self-assessment (line 178), the Ministry's direct
// assessment (line 184), reasons on every reviewer adjustment, column writes that merge per criterion, submission
// that lists what is missing, independence of every unit of a group and of the consulting organisation (line 168),
// a warning when certifying against a deprecated version, and one open assessment per index with a draft quota.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  answersAll,
  B,
  drive,
  makeAssessmentApp,
  seed,
  SME,
  smeVariant,
  start,
  type AssessmentApp,
} from './helpers.js';

let t: AssessmentApp;
beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t);
});
afterAll(async () => {
  await t.close();
});

const ids = (def: typeof SME) => Object.keys(answersAll(def, 0));

describe('column writes merge per criterion', () => {
  it('a write without `from` changes only the criteria it names; `mode: replace` replaces the column', async () => {
    const id = await start(t, A, 'enterprise');
    const all = answersAll(SME, 3);
    expect(ids(SME).length).toBe(60);
    await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', { answers: all });
    const one = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: { '1.1.1': 4 },
      evidence: { '1.1.1': 'new website' },
    });
    expect(one.status).toBe(200);
    const self = one.json.columns.self;
    expect(Object.keys(self.answers).length).toBe(60);
    expect(self.answers).toEqual({ ...all, '1.1.1': 4 });
    // Every criterion at 3 is 192 (workflow.test.ts); 1.1.1 weighs 1 in sme, so one level more is 193.
    expect(self.result.total).toBe(193);
    const replaced = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: { '1.1.2': 2 },
      mode: 'replace',
    });
    expect(replaced.json.columns.self.answers).toEqual({ '1.1.2': 2 });
    expect(replaced.json.columns.self.evidence).toEqual({});
    const bad = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: {},
      mode: 'overwrite',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].pointer).toBe('/mode');
  });
});

describe('submission shows what is missing', () => {
  it('3 of 60 answered: 409 listing the unanswered criteria per pillar; submitted only when confirmed', async () => {
    const id = await start(t, A, 'enterprise');
    const answers = { '1.1.1': 3, '1.1.2': 3, '2.1.1': 3 };
    await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', { answers, mode: 'replace' });
    const missing = await t.call('GET', `/api/v1/assessments/${id}/missing`, 'enterprise');
    expect(missing.status).toBe(200);
    expect([missing.json.answered, missing.json.total]).toEqual([3, 60]);
    const pillar1 = SME.pillars[0]!.components!.flatMap((c) => c.criteria.map((cr) => cr.id));
    expect(missing.json.unanswered[0]).toEqual({
      pillar: '1',
      criteria: pillar1.filter((c) => c !== '1.1.1' && c !== '1.1.2'),
    });
    // Pillar 2 of sme has one criterion, 2.1.1, answered: it is not listed.
    expect(missing.json.unanswered.map((u: { pillar: string }) => u.pillar)).toEqual(['1', '3', '4', '5', '6']);
    const refused = await t.call('POST', `/api/v1/assessments/${id}/submit`, 'enterprise');
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toMatch(/^57 of 60 criteria of assessment \S+ are unanswered/);
    expect(refused.json.errors).toHaveLength(5);
    expect(refused.json.errors[0]).toMatchObject({ pointer: '/confirmIncomplete', code: 'unanswered', in: 'body' });
    expect((await t.call('GET', `/api/v1/assessments/${id}`, 'enterprise')).json.status).toBe('draft');
    const ok = await t.call('POST', `/api/v1/assessments/${id}/submit`, 'enterprise', { confirmIncomplete: true });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('submitted');
    expect(ok.json.history.at(-1)).toMatchObject({ kind: 'submitted-incomplete', party: 'enterprise' });
    expect(ok.json.history.at(-1).reason).toMatch(/^57 unanswered: pillar 1: /);
  });
});

describe('return for correction', () => {
  it('department → enterprise → resubmitted → Ministry → department: each party sees the reason; all kept', async () => {
    const id = await drive(t, A, 'submitted');
    const noReason = await t.call('POST', `/api/v1/assessments/${id}/return`, 'provincial-department', {});
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors[0].pointer).toBe('/reason');
    const blank = await t.call('POST', `/api/v1/assessments/${id}/return`, 'provincial-department', { reason: '   ' });
    expect(blank.status).toBe(400);
    const notTheirs = await t.call('POST', `/api/v1/assessments/${id}/return`, 'department-79', { reason: 'x' });
    expect(notTheirs.status).toBe(403);
    const back = await t.call('POST', `/api/v1/assessments/${id}/return`, 'provincial-department', {
      reason: 'Thiếu minh chứng cho tiêu chí 1.1.1',
    });
    expect(back.status).toBe(200);
    expect(back.json.status).toBe('draft');
    const seen = (await t.call('GET', `/api/v1/assessments/${id}`, 'enterprise')).json;
    expect(seen.returned).toMatchObject({
      reason: 'Thiếu minh chứng cho tiêu chí 1.1.1',
      from: 'submitted',
      party: 'department',
    });
    await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: {},
      evidence: { '1.1.1': 'hợp đồng website' },
    });
    const again = await t.call('POST', `/api/v1/assessments/${id}/submit`, 'enterprise');
    expect([again.status, again.json.returned]).toEqual([200, null]);
    await t.call('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', {
      answers: answersAll(SME, 3),
    });
    await t.call('POST', `/api/v1/assessments/${id}/review`, 'provincial-department');
    const toReviewer = await t.call('POST', `/api/v1/assessments/${id}/return`, 'ministry-editor', {
      reason: 'check pillar 2 on site',
    });
    expect([toReviewer.json.status, toReviewer.json.reviewedAs]).toEqual(['submitted', null]);
    expect(toReviewer.json.history.map((e: { kind: string; party: string }) => [e.kind, e.party])).toEqual([
      ['returned', 'department'],
      ['returned', 'ministry'],
    ]);
    // A draft has no reviewing step to return from.
    const draft = await drive(t, B, 'draft');
    const none = await t.call('POST', `/api/v1/assessments/${draft}/return`, 'department-79', { reason: 'x' });
    expect(none.status).toBe(409);
    expect(none.json.detail).toMatch(/is draft; only a submitted, reviewed or appraised assessment is returned/);
  });
});

describe('withdraw and cancel', () => {
  it('the enterprise withdraws before review, cancels the draft, and it leaves the department’s queue', async () => {
    const id = await drive(t, A, 'submitted');
    const queue = async () =>
      (await t.call('GET', '/api/v1/assessments?status=draft', 'provincial-department')).json.items.map(
        (a: { id: string }) => a.id,
      );
    expect(
      (await t.call('POST', `/api/v1/assessments/${id}/withdraw`, 'provincial-department', { reason: 'x' })).status,
    ).toBe(403);
    const w = await t.call('POST', `/api/v1/assessments/${id}/withdraw`, 'enterprise', { reason: 'wrong year' });
    expect([w.status, w.json.status, w.json.history.at(-1).kind]).toEqual([200, 'draft', 'withdrawn']);
    expect(await queue()).toContain(id);
    const c = await t.call('POST', `/api/v1/assessments/${id}/cancel`, 'enterprise', { reason: 'duplicate' });
    expect([c.status, c.json.status]).toEqual([200, 'cancelled']);
    expect(await queue()).not.toContain(id);
    const all = (await t.call('GET', `/api/v1/assessments?taxCode=${A}`, 'ministry-editor')).json.items;
    expect(all.map((a: { id: string }) => a.id)).not.toContain(id);
    const cancelled = (await t.call('GET', '/api/v1/assessments?status=cancelled', 'ministry-editor')).json.items;
    expect(cancelled.map((a: { id: string }) => a.id)).toContain(id);
    const write = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', { answers: {} });
    expect(write.status).toBe(409);
  });

  it('no withdrawal once a reviewer has written', async () => {
    const id = await drive(t, A, 'submitted');
    await t.call('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', { answers: {} });
    const r = await t.call('POST', `/api/v1/assessments/${id}/withdraw`, 'enterprise', { reason: 'x' });
    expect(r.status).toBe(409);
    expect(r.json.detail).toMatch(/has started \(the department column is written\); ask the reviewer to return it/);
  });
});

describe('assessment on request and directly by the Ministry', () => {
  it('the department assesses on the enterprise’s request, without a self-assessment', async () => {
    const id = await start(t, A, 'enterprise');
    const bad = await t.call('POST', `/api/v1/assessments/${id}/request`, 'enterprise', { party: 'ministry' });
    expect(bad.status).toBe(400);
    const r = await t.call('POST', `/api/v1/assessments/${id}/request`, 'enterprise', { party: 'department' });
    expect([r.status, r.json.status, r.json.requested]).toEqual([200, 'submitted', 'department']);
    await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'enterprise', { consultantId: 'c1' });
    const cons = await t.call('PUT', `/api/v1/assessments/${id}/columns/consultant`, 'consultant-c1', { answers: {} });
    expect(cons.status).toBe(409);
    expect(cons.json.detail).toMatch(/asked the department/);
    const d = await t.call('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', {
      answers: answersAll(SME, 2),
    });
    expect(d.status).toBe(200);
    expect((await t.call('POST', `/api/v1/assessments/${id}/review`, 'provincial-department')).json.status).toBe(
      'reviewed',
    );
  });

  it('the Ministry assesses directly and certifies', async () => {
    const id = await start(t, B, 'ministry-editor');
    expect((await t.call('POST', `/api/v1/assessments/${id}/direct`, 'provincial-department')).status).toBe(403);
    const d = await t.call('POST', `/api/v1/assessments/${id}/direct`, 'ministry-editor');
    expect([d.status, d.json.status, d.json.reviewedAs]).toEqual([200, 'reviewed', 'ministry']);
    await t.call('PUT', `/api/v1/assessments/${id}/columns/ministry`, 'ministry-editor', {
      answers: answersAll(SME, 2),
    });
    await t.call('POST', `/api/v1/assessments/${id}/appraise`, 'ministry-editor');
    const c = await t.call('POST', `/api/v1/assessments/${id}/certify`, 'ministry-publisher', {
      issuedOn: '2025-07-01',
    });
    expect(c.status).toBe(201);
    expect(c.json.level).toBe(2);
    expect(c.json.warnings).toBeUndefined();
  });
});

describe('reasons on reviewer adjustments', () => {
  it('each criterion the reviewer changes from the column it builds on needs a reason, named by pointer', async () => {
    const id = await drive(t, A, 'submitted');
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', {
      from: 'self',
      answers: { '1.1.1': 4, '1.1.2': 3, '2.1.1': 1 },
      reasons: { '2.1.1': 'no strategy document' },
    });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([
      {
        pointer: '/reasons/1.1.1',
        code: 'reason-required',
        detail: 'criterion 1.1.1 is 4 here but 3 in the self column; say why it was adjusted',
        in: 'body',
      },
    ]);
    const ok = await t.call('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', {
      from: 'self',
      answers: { '1.1.1': 4, '2.1.1': 1 },
      reasons: { '1.1.1': 'online sales seen', '2.1.1': 'no strategy document', '1.1.2': 'unchanged' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.columns.department.reasons).toEqual({
      '1.1.1': 'online sales seen',
      '2.1.1': 'no strategy document',
    });
    // A later write merges: setting 1.1.1 back to the self column's 3 needs no reason, and drops it.
    const back = await t.call('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', {
      answers: { '1.1.1': 3 },
    });
    expect(back.json.columns.department.reasons).toEqual({ '2.1.1': 'no strategy document' });
    expect(back.json.columns.department.from).toBe('self');
  });
});

describe('independence (§III.2, line 168)', () => {
  it('a consultant employed by a member unit of the group, or whose organisation is the enterprise, is refused', async () => {
    // Check digits by weights 31 29 23 19 17 13 7 5 3: 010000000 → s = 29, 29 mod 11 = 7, 10 − 7 = 3;
    // 010000002 → s = 35, 35 mod 11 = 2, 10 − 2 = 8.
    const P = '0100000003';
    const S = '0100000028';
    for (const [tax, name, hasSubsidiaries] of [
      [P, 'Tập đoàn P', true],
      [S, 'Công ty con S', false],
    ] as const) {
      await t.addKey(`ent-${tax}`, 'enterprise', tax);
      const e = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
        taxCode: tax,
        name,
        province: '01',
        industry: 'G',
        sector: 'trade-services',
        employees: 8,
        revenueVnd: 5_000_000_000,
        hasSubsidiaries,
      });
      expect(e.status).toBe(201);
    }
    const p = await start(t, P, 'ministry-editor');
    const s = await start(t, S, 'ministry-editor');
    const g = await t.call('POST', '/api/v1/groups', 'ministry-editor', {
      parentTaxCode: P,
      members: [
        { taxCode: P, relation: 'parent', headcount: 10, assessmentId: p },
        { taxCode: S, relation: 'subsidiary', headcount: 10, assessmentId: s },
      ],
    });
    expect(g.status, JSON.stringify(g.json)).toBe(201);
    // Each member's stage is visible in the group view, and the roll-up says which members are unreviewed.
    const selfOnly = await t.call('PUT', `/api/v1/assessments/${s}/columns/self`, `ent-${S}`, {
      answers: { '1.1.1': 2 },
    });
    expect(selfOnly.status).toBe(200);
    const stages = await t.call('GET', `/api/v1/groups/${g.json.id}/stages`, `ent-${P}`);
    expect(stages.status).toBe(200);
    expect(stages.json).toEqual({
      group: g.json.id,
      members: [
        { taxCode: P, assessmentId: p, status: 'draft', column: null, reviewed: false, included: true },
        { taxCode: S, assessmentId: s, status: 'draft', column: 'self', reviewed: false, included: true },
      ],
      unreviewed: [P, S],
    });
    expect((await t.call('GET', `/api/v1/groups/${g.json.id}/stages`, 'enterprise-b')).status).toBe(403);
    await t.call('POST', '/api/v1/consultants', 'ministry-editor', {
      id: 'c-sub',
      name: 'Phạm Văn D',
      organisation: 'Tư vấn D',
      employers: [S],
    });
    const r = await t.call('PUT', `/api/v1/assessments/${p}/consultant`, 'ministry-editor', { consultantId: 'c-sub' });
    expect(r.status).toBe(409);
    expect(r.json.detail).toMatch(/employed by 0100000028, a unit of a group enterprise 0100000003 belongs to/);
    const org = await t.call('POST', '/api/v1/consultants', 'ministry-editor', {
      id: 'c-org',
      name: 'Công ty Tư vấn E',
      organisation: 'Tư vấn E',
      employers: [],
      organisationTaxCode: B,
    });
    expect([org.status, org.json.organisationTaxCode]).toEqual([201, B]);
    const b = await start(t, B, 'enterprise-b');
    const own = await t.call('PUT', `/api/v1/assessments/${b}/consultant`, 'enterprise-b', { consultantId: 'c-org' });
    expect(own.status).toBe(409);
    expect(own.json.errors[0]).toMatchObject({ pointer: '/consultantId', code: 'not-independent' });
  });
});

describe('certifying against a deprecated version', () => {
  it('answers with a warning and records it in the history', async () => {
    const index = await smeVariant(t, 'old');
    const id = await drive(t, A, 'appraised', 3, { index });
    await t.app.storage.indices.deprecate('sme-old', '1.0.0', { id: 'test', name: 'test' });
    const c = await t.call('POST', `/api/v1/assessments/${id}/certify`, 'ministry-publisher', {
      issuedOn: '2025-08-01',
    });
    expect(c.status).toBe(201);
    expect(c.json.warnings).toEqual([
      'sme-old@1.0.0 is deprecated; this certificate is issued against a version no longer current',
    ]);
    const a = (await t.call('GET', `/api/v1/assessments/${id}`, 'ministry-editor')).json;
    expect(a.history.at(-1)).toMatchObject({ kind: 'warning', party: 'publisher', reason: c.json.warnings[0] });
  });
});

describe('parallel drafts do not pile up', () => {
  it('one open assessment per index, and at most 3 open drafts per enterprise', async () => {
    const first = await t.call('POST', '/api/v1/assessments', 'enterprise-b', { taxCode: B });
    expect(first.status === 201 || first.status === 409).toBe(true);
    const second = await t.call('POST', '/api/v1/assessments', 'enterprise-b', { taxCode: B });
    expect(second.status).toBe(409);
    expect(second.json.detail).toMatch(/already has open assessment .* of sme/);
    for (const v of ['q1', 'q2', 'q3']) await smeVariant(t, v);
    const made = [];
    for (const v of ['q1', 'q2', 'q3'])
      made.push(
        (await t.call('POST', '/api/v1/assessments', 'enterprise-b', { taxCode: B, index: `sme-${v}@1.0.0` })).status,
      );
    expect(made.slice(0, 2)).toEqual([201, 201]);
    expect(made[2]).toBe(409);
    const drafts = (await t.call('GET', `/api/v1/assessments?taxCode=${B}&status=draft`, 'enterprise-b')).json.items;
    expect(drafts).toHaveLength(3);
  });
});

describe('the OpenAPI document', () => {
  it('has every workflow route, with its named body schema', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).json;
    const body = (path: string) =>
      doc.paths[path].post.requestBody?.content['application/json'].schema as { title?: string } | undefined;
    for (const [path, title] of [
      ['/api/v1/assessments/{id}/return', 'StepReasonBody'],
      ['/api/v1/assessments/{id}/withdraw', 'StepReasonBody'],
      ['/api/v1/assessments/{id}/cancel', 'StepReasonBody'],
      ['/api/v1/assessments/{id}/request', 'RequestAssessmentBody'],
      ['/api/v1/assessments/{id}/direct', undefined],
    ] as const)
      expect(body(path)?.title, path).toBe(title);
    expect(doc.paths['/api/v1/assessments/{id}/missing'].get.responses['200']).toBeDefined();
    expect(JSON.stringify(doc.paths['/api/v1/assessments/{id}/submit'].post.requestBody)).toContain('SubmitBody');
  });
});
