// Every step the workflow does not allow is refused with 409 and changes nothing: draft → submitted → reviewed →
// appraised → certified, one step at a time; each column only in its state; each step only once its column exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  answersAll,
  drive,
  makeAssessmentApp,
  seed,
  SME,
  smeVariant,
  start,
  type AssessmentApp,
  type KeyName,
} from './helpers.js';

let t: AssessmentApp;
const at: Record<string, string> = {};
const STATES = ['draft', 'submitted', 'reviewed', 'appraised', 'certified'] as const;

beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t);
  // One open assessment per index: each state of A is held on its own variant of sme.
  for (const s of STATES) at[s] = await drive(t, A, s, 3, { index: await smeVariant(t, s) });
});
afterAll(async () => {
  await t.close();
});

/** Each step with the key that is allowed to take it for enterprise A (so a refusal is about state, not rights). */
const STEPS: Array<{ step: string; key: KeyName; from: (typeof STATES)[number]; body?: unknown }> = [
  { step: 'submit', key: 'enterprise', from: 'draft' },
  { step: 'review', key: 'provincial-department', from: 'submitted' },
  { step: 'appraise', key: 'ministry-editor', from: 'reviewed' },
  { step: 'certify', key: 'ministry-publisher', from: 'appraised', body: {} },
];

describe('illegal transitions → 409, nothing changes', () => {
  for (const state of STATES) {
    for (const s of STEPS.filter((x) => x.from !== state)) {
      it(`${s.step} while ${state}`, async () => {
        const before = await t.call('GET', `/api/v1/assessments/${at[state]}`, 'ministry-editor');
        const r = await t.call('POST', `/api/v1/assessments/${at[state]}/${s.step}`, s.key, s.body);
        expect(r.status).toBe(409);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r.json.type).toBe('https://dbi.example/problems/conflict');
        expect(r.json.detail).toContain(`is ${state}`);
        const after = await t.call('GET', `/api/v1/assessments/${at[state]}`, 'ministry-editor');
        expect(after.json).toEqual(before.json);
      });
    }
  }
});

describe('columns only in their state → 409', () => {
  const COLUMNS: Array<{ column: string; key: KeyName; state: (typeof STATES)[number] }> = [
    { column: 'self', key: 'enterprise', state: 'draft' },
    { column: 'department', key: 'provincial-department', state: 'submitted' },
    { column: 'ministry', key: 'ministry-editor', state: 'reviewed' },
  ];
  for (const c of COLUMNS) {
    for (const state of STATES.filter((s) => s !== c.state)) {
      it(`${c.column} while ${state}`, async () => {
        const r = await t.call('PUT', `/api/v1/assessments/${at[state]}/columns/${c.column}`, c.key, {
          answers: answersAll(SME, 1),
        });
        expect(r.status).toBe(409);
        expect(r.json.detail).toContain(`is ${state}; writing the ${c.column} column needs it ${c.state}`);
        const a = await t.call('GET', `/api/v1/assessments/${at[state]}`, 'ministry-editor');
        expect(a.json.columns[c.column]?.answers['1.1.1'] ?? 3).toBe(3);
      });
    }
  }

  it('consultant column while draft (the consultant is assigned)', async () => {
    const id = await start(t, A, 'enterprise');
    await t.call('PUT', `/api/v1/assessments/${id}/consultant`, 'enterprise', { consultantId: 'c1' });
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/consultant`, 'consultant-c1', { answers: {} });
    expect(r.status).toBe(409);
  });
});

describe('steps need their column → 409', () => {
  it('submit with no self column', async () => {
    const id = await start(t, A, 'enterprise');
    const r = await t.call('POST', `/api/v1/assessments/${id}/submit`, 'enterprise');
    expect(r.status).toBe(409);
    expect(r.json.detail).toMatch(/no self-assessment/);
  });

  it('review with no department column', async () => {
    const id = await drive(t, A, 'submitted');
    const r = await t.call('POST', `/api/v1/assessments/${id}/review`, 'provincial-department');
    expect(r.status).toBe(409);
    expect(r.json.detail).toMatch(/no department column/);
  });

  it('appraise with no ministry column', async () => {
    const id = await drive(t, A, 'submitted');
    await t.call('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', {
      answers: answersAll(SME, 2),
    });
    expect((await t.call('POST', `/api/v1/assessments/${id}/review`, 'provincial-department')).status).toBe(200);
    const r = await t.call('POST', `/api/v1/assessments/${id}/appraise`, 'ministry-editor');
    expect(r.status).toBe(409);
    expect(r.json.detail).toMatch(/no ministry column/);
  });

  it('assigning a consultant after review', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${at.reviewed}/consultant`, 'enterprise', {
      consultantId: 'c1',
    });
    expect(r.status).toBe(409);
  });

  it('revoking a certificate twice', async () => {
    const number = (await t.call('GET', `/api/v1/assessments/${at.certified}`, 'ministry-editor')).json
      .certificateNumber;
    expect(
      (await t.call('POST', `/api/v1/certificates/${number}/revoke`, 'ministry-publisher', { reason: 'first' })).status,
    ).toBe(200);
    const again = await t.call('POST', `/api/v1/certificates/${number}/revoke`, 'ministry-publisher', {
      reason: 'second',
    });
    expect(again.status).toBe(409);
    expect((await t.call('GET', `/api/v1/certificates/${number}`)).json.revocationReason).toBe('first');
  });
});
