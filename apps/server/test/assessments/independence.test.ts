// Decision 1970 §III.2: an independent consultant "không phải là người ký hợp đồng lao động có đóng bảo hiểm tại
// doanh nghiệp" — is not an employee (labour contract with social insurance) of the enterprise assessed. Its branches
// (tax code + "-NNN") are the same enterprise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, answersAll, drive, makeAssessmentApp, seed, SME, start, type AssessmentApp } from './helpers.js';

let t: AssessmentApp;
beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t); // c1: employed by 0311111111; c2: employed by A's branch A-001
  expect(
    (
      await t.call('POST', '/api/v1/consultants', 'ministry-editor', {
        id: 'c3',
        name: 'Lê Văn Cường',
        organisation: 'Công ty A',
        employers: [A],
      })
    ).status,
  ).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('the independence rule', () => {
  it('refuses a consultant employed by the enterprise itself: 409 naming the rule, nothing assigned', async () => {
    const id = await start(t, A, 'enterprise');
    const r = await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'enterprise', { consultantId: 'c3' });
    expect(r.status).toBe(409);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json.detail).toMatch(new RegExp(`^independence: consultant c3 is employed by ${A}`));
    expect(r.json.errors).toEqual([
      { pointer: '/consultantId', detail: `employed by ${A}`, code: 'not-independent', in: 'body' },
    ]);
    expect((await t.call('GET', `/api/v1/assessments/${id}`, 'enterprise')).json.consultantId).toBeNull();
  });

  it('refuses a consultant employed by one of the enterprise’s branches', async () => {
    const id = await start(t, A, 'enterprise');
    const r = await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'provincial-department', {
      consultantId: 'c2',
    });
    expect(r.status).toBe(409);
    expect(r.json.detail).toContain(`employed by ${A}-001`);
  });

  it('refuses it in submitted too, whoever assigns (ministry included)', async () => {
    const id = await drive(t, A, 'submitted');
    const r = await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'ministry-publisher', { consultantId: 'c3' });
    expect(r.status).toBe(409);
  });

  it('so a dependent consultant can neither write the consultant column nor review', async () => {
    const id = await drive(t, A, 'submitted');
    const w = await t.call('PUT', `/api/v1/assessments/${id}/columns/consultant`, 'consultant-c2', {
      answers: answersAll(SME, 5),
    });
    expect(w.status).toBe(403); // never assigned, so not its assessment
    const rv = await t.call('POST', `/api/v1/assessments/${id}/review`, 'consultant-c2');
    expect(rv.status).toBe(403);
  });

  it('refuses recording an employment that would make an assigned consultant dependent', async () => {
    const id = await start(t, A, 'enterprise');
    expect(
      (await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'enterprise', { consultantId: 'c1' })).status,
    ).toBe(200);
    const r = await t.call('PUT', '/api/v1/consultants/c1', 'ministry-editor', {
      name: 'Nguyễn Văn An',
      organisation: 'Tư vấn Số',
      employers: ['0311111111', A],
    });
    expect(r.status).toBe(409);
    expect(r.json.detail).toMatch(/independence: consultant c1 is assigned to open assessment/);
    expect((await t.call('GET', '/api/v1/consultants/c1', 'ministry-editor')).json.employers).toEqual(['0311111111']);
  });

  it('accepts a consultant employed elsewhere', async () => {
    const id = await start(t, A, 'enterprise');
    const r = await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'enterprise', { consultantId: 'c1' });
    expect(r.status).toBe(200);
    expect(r.json.consultantId).toBe('c1');
  });

  it('refuses an unknown consultant with a pointer', async () => {
    const id = await start(t, A, 'enterprise');
    const r = await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'enterprise', { consultantId: 'nobody' });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].pointer).toBe('/consultantId');
  });
});
