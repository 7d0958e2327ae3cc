// Bad input is refused with 400 and the JSON pointer of each bad field, and nothing is stored. Answers are checked
// by the engine against the assessment's pinned version (sme@1.0.0: levels 0–5, criteria 1.1.1 … 6.1.7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  B,
  answersAll,
  drive,
  enterpriseA,
  makeAssessmentApp,
  seed,
  SME,
  start,
  type AssessmentApp,
} from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

let t: AssessmentApp;
let id: string;
beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t);
  id = await start(t, A, 'enterprise');
  expect(
    (await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', { answers: answersAll(SME, 2) }))
      .status,
  ).toBe(200);
});
afterAll(async () => {
  await t.close();
});

/** The distinct pointers of a problem (a union's branches may each report the same field). */
const pointers = (json: { errors?: { pointer: string }[] }) => [...new Set((json.errors ?? []).map((e) => e.pointer))];
const self = async () => (await t.call('GET', `/api/v1/assessments/${id}`, 'enterprise')).json.columns.self;

describe('answers', () => {
  it('unknown criterion and level above the pinned version’s levels: both reported, each with its pointer', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: { '9.9.9': 3, '1.1.1': 6 },
    });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json.errors).toEqual([
      {
        pointer: '/answers/9.9.9',
        code: 'unknown-criterion',
        detail: '"9.9.9" is not a criterion of sme@1.0.0',
        in: 'body',
      },
      {
        pointer: '/answers/1.1.1',
        code: 'level-out-of-range',
        detail: 'level 6 is above the highest level 5',
        in: 'body',
      },
    ]);
    expect((await self()).answers['1.1.1']).toBe(2);
  });

  it('a level that is not a whole number', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: { '1.1.2': 2.5 },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/answers/1.1.2']);
  });

  it('a negative level', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: { '3.2.14': -1 },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/answers/3.2.14']);
  });

  it('a criterion adjusted from another column is checked the same way', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      from: 'self',
      answers: { '2.1.1': 9 },
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/answers/2.1.1']);
  });

  it('evidence for a criterion the version does not have', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: {},
      evidence: { '7.1.1': 'x', '1.1.1': 'ok' },
    });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([
      {
        pointer: '/evidence/7.1.1',
        detail: '7.1.1 is not a criterion of sme@1.0.0',
        code: 'unknown-criterion',
        in: 'body',
      },
    ]);
  });

  it('starting from a column that is empty', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      from: 'department',
      answers: {},
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/from']);
  });

  it('a property the body does not have', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', { answers: {}, level: 5 });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].in).toBe('body');
  });

  it('null answers are "no data": stored, scored 0 and listed as missing', async () => {
    const r = await t.call('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: answersAll(SME, 2, { '2.1.1': null }),
    });
    expect(r.status).toBe(200);
    expect(r.json.columns.self.result.missing).toEqual(['2.1.1']);
    expect(r.json.columns.self.result.pillars[1]).toEqual({ id: '2', points: 0, max: 25, level: 0 });
  });
});

describe('enterprises, assessments, groups', () => {
  it('a malformed tax code', async () => {
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', { ...enterpriseA, taxCode: '01234' });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/taxCode']);
  });

  it('size facts the classifier cannot use: neither revenue nor capital (Appendix IV needs one)', async () => {
    const { revenueVnd: _r, ...facts } = enterpriseA;
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      ...facts,
      taxCode: withCheckDigit('010000009'),
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/revenueVnd']);
    expect((await t.call('GET', `/api/v1/enterprises/${withCheckDigit('010000009')}`, 'ministry-editor')).status).toBe(
      404,
    );
  });

  it('a revenue of null is "not given", never 0 đồng: with no capital either, the classifier refuses', async () => {
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      ...enterpriseA,
      taxCode: withCheckDigit('010000009'),
      revenueVnd: null,
      capitalVnd: null,
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/revenueVnd']);
  });

  it('an override outside the classifier’s values, or without a reason', async () => {
    const r = await t.call('PUT', `/api/v1/enterprises/${A}/index-override`, 'ministry-editor', {
      index: 'huge',
      reason: '   ',
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/index', '/reason']);
  });

  it('pinning an index the enterprise is not assessed with, or a classifier', async () => {
    const wrong = await t.call('POST', '/api/v1/assessments', 'enterprise', { taxCode: A, index: 'large@1.0.0' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0]).toMatchObject({ pointer: '/index', code: 'wrong-index' });
    const classifier = await t.call('POST', '/api/v1/assessments', 'enterprise', { taxCode: A, index: 'size@1.0.0' });
    expect(classifier.json.errors[0]).toMatchObject({ pointer: '/index', code: 'not-scorecard' });
    const unknown = await t.call('POST', '/api/v1/assessments', 'enterprise', { taxCode: A, index: 'sme@9.0.0' });
    expect(unknown.json.errors[0]).toMatchObject({ pointer: '/index', code: 'unknown-index' });
  });

  it('a group whose parent is missing from its members', async () => {
    const r = await t.call('POST', '/api/v1/groups', 'ministry-editor', {
      parentTaxCode: A,
      members: [{ taxCode: A, relation: 'subsidiary', headcount: 5, assessmentId: id }],
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/members']);
  });

  it('a group member linked through another unit’s assessment', async () => {
    const r = await t.call('POST', '/api/v1/groups', 'ministry-editor', {
      parentTaxCode: A,
      members: [
        { taxCode: A, relation: 'parent', headcount: 5, assessmentId: id },
        { taxCode: B, relation: 'subsidiary', headcount: 5, assessmentId: id },
      ],
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/members/1/assessmentId']);
  });

  it('a certificate date that is not on the calendar', async () => {
    const appraised = await drive(t, A, 'appraised');
    const r = await t.call('POST', `/api/v1/assessments/${appraised}/certify`, 'ministry-publisher', {
      issuedOn: '2025-02-30',
    });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/issuedOn']);
    expect((await t.call('GET', `/api/v1/assessments/${appraised}`, 'ministry-editor')).json.status).toBe('appraised');
  });
});
