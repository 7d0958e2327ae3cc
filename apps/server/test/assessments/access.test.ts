// Each role refused outside its scope, one boundary per test (issue §6): enterprises only themselves, consultants
// only their assignments, provincial departments only their province, each column only its writer, certification
// only the ministry-publisher. Every refusal is problem+json (401 without a key, 403 with the wrong one) and
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  answersAll,
  B,
  drive,
  enterpriseA,
  makeAssessmentApp,
  seed,
  SME,
  smeVariant,
  start,
  type AssessmentApp,
  type KeyName,
} from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

let t: AssessmentApp;
let submitted: string; // A's assessment, submitted, consultant c1 assigned
let draft: string; // A's assessment, draft with a self column
let reviewed: string;
let appraised: string;
let certificate: string;
let auditBefore: number;

beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t);
  // One open assessment per index: each open state of A is held on its own variant of sme.
  draft = await drive(t, A, 'draft', 3, { index: await smeVariant(t, 'draft') });
  submitted = await drive(t, A, 'submitted', 3, { index: await smeVariant(t, 'submitted') });
  expect(
    (await t.call('PUT', `/api/v1/assessments/${submitted}/consultant`, 'enterprise', { consultantId: 'c1' })).status,
  ).toBe(200);
  reviewed = await drive(t, A, 'reviewed', 3, { index: await smeVariant(t, 'reviewed') });
  appraised = await drive(t, A, 'appraised', 3, { index: await smeVariant(t, 'appraised') });
  const certified = await drive(t, A, 'certified');
  certificate = (await t.call('GET', `/api/v1/assessments/${certified}`, 'ministry-editor')).json.certificateNumber;
  auditBefore = (await t.app.storage.audit.list({ limit: 1000 })).length;
});
afterAll(async () => {
  await t.close();
});

type Call = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: () => string, key: KeyName | null, body?: unknown];
const answers = { answers: answersAll(SME, 5) };

const REFUSALS: Array<[boundary: string, status: 401 | 403 | 404, call: Call]> = [
  // keys
  [
    'no key: register an enterprise',
    401,
    ['POST', () => '/api/v1/enterprises', null, { ...enterpriseA, taxCode: withCheckDigit('010000009') }],
  ],
  ['no key: read an assessment', 401, ['GET', () => `/api/v1/assessments/${draft}`, null]],
  [
    'no key: revoke a certificate',
    401,
    ['POST', () => `/api/v1/certificates/${certificate}/revoke`, null, { reason: 'x' }],
  ],
  // enterprise: only itself
  [
    'enterprise: register another tax code',
    403,
    ['POST', () => '/api/v1/enterprises', 'enterprise', { ...enterpriseA, taxCode: withCheckDigit('010000009') }],
  ],
  // Reading an enterprise that is not yours answers 404, as for one that does not exist (issue 12 item 5).
  ['enterprise: read another enterprise', 404, ['GET', () => `/api/v1/enterprises/${A}`, 'enterprise-b']],
  [
    'enterprise: change another enterprise',
    403,
    [
      'PUT',
      () => `/api/v1/enterprises/${A}`,
      'enterprise-b',
      { name: 'x', province: '01', industry: 'C', sector: 'trade-services', employees: 1, revenueVnd: 1 },
    ],
  ],
  [
    'enterprise: start an assessment of another enterprise',
    403,
    ['POST', () => '/api/v1/assessments', 'enterprise-b', { taxCode: A }],
  ],
  [
    'enterprise: read another enterprise’s assessment',
    403,
    ['GET', () => `/api/v1/assessments/${draft}`, 'enterprise-b'],
  ],
  [
    'enterprise: list another enterprise’s assessments',
    403,
    ['GET', () => `/api/v1/assessments?taxCode=${A}`, 'enterprise-b'],
  ],
  [
    'enterprise: write another enterprise’s self column',
    403,
    ['PUT', () => `/api/v1/assessments/${draft}/columns/self`, 'enterprise-b', answers],
  ],
  [
    'enterprise: assign the consultant of another enterprise’s assessment',
    403,
    ['PUT', () => `/api/v1/assessments/${draft}/consultant`, 'enterprise-b', { consultantId: 'c1' }],
  ],
  [
    'enterprise: override its own index',
    403,
    ['PUT', () => `/api/v1/enterprises/${A}/index-override`, 'enterprise', { index: 'large', reason: 'prefer' }],
  ],
  [
    'enterprise: write the department column',
    403,
    ['PUT', () => `/api/v1/assessments/${submitted}/columns/department`, 'enterprise', answers],
  ],
  [
    'enterprise: write the ministry column',
    403,
    ['PUT', () => `/api/v1/assessments/${reviewed}/columns/ministry`, 'enterprise', answers],
  ],
  [
    'enterprise: review its own assessment',
    403,
    ['POST', () => `/api/v1/assessments/${submitted}/review`, 'enterprise'],
  ],
  [
    'enterprise: register a consultant',
    403,
    ['POST', () => '/api/v1/consultants', 'enterprise', { id: 'c9', name: 'x', organisation: 'y', employers: [] }],
  ],
  [
    'enterprise: create a group with another enterprise as member',
    403,
    [
      'POST',
      () => '/api/v1/groups',
      'enterprise',
      {
        parentTaxCode: A,
        members: [
          { taxCode: A, relation: 'parent', headcount: 1, assessmentId: '__A__' },
          { taxCode: B, relation: 'subsidiary', headcount: 1, assessmentId: '__B__' },
        ],
      },
    ],
  ],
  // consultant: only its assignments
  [
    'consultant: read an enterprise it is not assigned to',
    404,
    ['GET', () => `/api/v1/enterprises/${A}`, 'consultant-c2'],
  ],
  [
    'consultant: read an assessment it is not assigned to',
    403,
    ['GET', () => `/api/v1/assessments/${submitted}`, 'consultant-c2'],
  ],
  [
    'consultant: write the consultant column of an assessment it is not assigned to',
    403,
    ['PUT', () => `/api/v1/assessments/${submitted}/columns/consultant`, 'consultant-c2', answers],
  ],
  [
    'consultant: review an assessment it is not assigned to',
    403,
    ['POST', () => `/api/v1/assessments/${submitted}/review`, 'consultant-c2'],
  ],
  [
    'consultant: write the department column',
    403,
    ['PUT', () => `/api/v1/assessments/${submitted}/columns/department`, 'consultant-c1', answers],
  ],
  ['consultant: read another consultant', 403, ['GET', () => '/api/v1/consultants/c1', 'consultant-c2']],
  ['consultant without a scope: list assessments', 403, ['GET', () => '/api/v1/assessments', 'consultant']],
  // provincial department: only its province
  [
    'department: read an enterprise of another province',
    404,
    ['GET', () => `/api/v1/enterprises/${A}`, 'department-79'],
  ],
  [
    'department: register an enterprise in another province',
    403,
    ['POST', () => '/api/v1/enterprises', 'department-79', { ...enterpriseA, taxCode: withCheckDigit('010000009') }],
  ],
  [
    'department: move an enterprise out of its province',
    403,
    [
      'PUT',
      () => `/api/v1/enterprises/${A}`,
      'provincial-department',
      {
        name: 'Công ty A',
        province: '79',
        industry: 'G',
        sector: 'trade-services',
        employees: 8,
        revenueVnd: 5_000_000_000,
      },
    ],
  ],
  [
    'department: override the index in another province',
    403,
    ['PUT', () => `/api/v1/enterprises/${A}/index-override`, 'department-79', { index: 'large', reason: 'r' }],
  ],
  [
    'department: list enterprises of another province',
    403,
    ['GET', () => '/api/v1/enterprises?province=01', 'department-79'],
  ],
  [
    'department: read an assessment of another province',
    403,
    ['GET', () => `/api/v1/assessments/${submitted}`, 'department-79'],
  ],
  [
    'department: write the department column in another province',
    403,
    ['PUT', () => `/api/v1/assessments/${submitted}/columns/department`, 'department-79', answers],
  ],
  [
    'department: review in another province',
    403,
    ['POST', () => `/api/v1/assessments/${submitted}/review`, 'department-79'],
  ],
  [
    'department: write the self column',
    403,
    ['PUT', () => `/api/v1/assessments/${draft}/columns/self`, 'provincial-department', answers],
  ],
  [
    'department: submit for the enterprise',
    403,
    ['POST', () => `/api/v1/assessments/${draft}/submit`, 'provincial-department'],
  ],
  ['department: appraise', 403, ['POST', () => `/api/v1/assessments/${reviewed}/appraise`, 'provincial-department']],
  [
    'department: register a consultant',
    403,
    [
      'POST',
      () => '/api/v1/consultants',
      'provincial-department',
      { id: 'c9', name: 'x', organisation: 'y', employers: [] },
    ],
  ],
  [
    'department: uncertified rankings of another province',
    403,
    ['GET', () => '/api/v1/rankings?basis=appraised&province=79', 'provincial-department'],
  ],
  [
    'department: uncertified rankings of every province',
    403,
    ['GET', () => '/api/v1/rankings?basis=appraised', 'provincial-department'],
  ],
  [
    'department: uncertified index of another province',
    403,
    ['GET', () => '/api/v1/provinces/01/index?basis=appraised', 'department-79'],
  ],
  // ministry roles: each column is its writer's, certification is the publisher's
  [
    'ministry-editor: write the self column',
    403,
    ['PUT', () => `/api/v1/assessments/${draft}/columns/self`, 'ministry-editor', answers],
  ],
  [
    'ministry-editor: write the department column',
    403,
    ['PUT', () => `/api/v1/assessments/${submitted}/columns/department`, 'ministry-editor', answers],
  ],
  ['ministry-editor: certify', 403, ['POST', () => `/api/v1/assessments/${appraised}/certify`, 'ministry-editor', {}]],
  [
    'ministry-editor: revoke a certificate',
    403,
    ['POST', () => `/api/v1/certificates/${certificate}/revoke`, 'ministry-editor', { reason: 'x' }],
  ],
  [
    'ministry-publisher: submit for the enterprise',
    403,
    ['POST', () => `/api/v1/assessments/${draft}/submit`, 'ministry-publisher'],
  ],
  // roles outside the assessment side
  ['integrator: list enterprises', 403, ['GET', () => '/api/v1/enterprises', 'integrator']],
  ['integrator: list assessments', 403, ['GET', () => '/api/v1/assessments', 'integrator']],
  ['integrator: list consultants', 403, ['GET', () => '/api/v1/consultants', 'integrator']],
  ['integrator: list groups', 403, ['GET', () => '/api/v1/groups', 'integrator']],
  ['integrator: uncertified rankings', 403, ['GET', () => '/api/v1/rankings?basis=appraised', 'integrator']],
  [
    'sector-ministry: start an assessment',
    403,
    ['POST', () => '/api/v1/assessments', 'sector-ministry', { taxCode: A }],
  ],
  [
    'sector-ministry: write the ministry column',
    403,
    ['PUT', () => `/api/v1/assessments/${reviewed}/columns/ministry`, 'sector-ministry', answers],
  ],
  ['no key: uncertified rankings', 401, ['GET', () => '/api/v1/rankings?basis=appraised', null]],
];

describe('each role refused outside its scope', () => {
  for (const [boundary, status, [method, url, key, body]] of REFUSALS) {
    it(boundary, async () => {
      let payload = body;
      // Ids that exist only after beforeAll, filled in now.
      if (JSON.stringify(body ?? null).includes('__B__')) {
        payload = JSON.parse(
          JSON.stringify(body)
            .replace('__A__', draft)
            .replace('__B__', await start(t, B, 'enterprise-b')),
        );
      }
      const before = await t.app.storage.audit.list({ after: 0, limit: 1000 });
      const r = await t.call(method, url(), key, payload);
      expect(r.status).toBe(status);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json.type).toBe(
        `https://dbi.example/problems/${status === 401 ? 'unauthenticated' : status === 404 ? 'not-found' : 'forbidden'}`,
      );
      const after = await t.app.storage.audit.list({ after: 0, limit: 1000 });
      expect(after.length - before.length).toBe(0);
    });
  }
});

describe('and allowed inside it (so the refusals above are about scope, not broken routes)', () => {
  const ALLOWED: Array<[string, Call]> = [
    ['enterprise reads itself', ['GET', () => `/api/v1/enterprises/${A}`, 'enterprise']],
    ['assigned consultant reads the enterprise', ['GET', () => `/api/v1/enterprises/${A}`, 'consultant-c1']],
    ['assigned consultant reads the assessment', ['GET', () => `/api/v1/assessments/${submitted}`, 'consultant-c1']],
    [
      'department reads an enterprise of its province',
      ['GET', () => `/api/v1/enterprises/${A}`, 'provincial-department'],
    ],
    [
      'department reads an assessment of its province',
      ['GET', () => `/api/v1/assessments/${submitted}`, 'provincial-department'],
    ],
    [
      'department sees uncertified rankings of its province',
      ['GET', () => '/api/v1/rankings?basis=appraised&province=01', 'provincial-department'],
    ],
    ['anyone sees certified rankings', ['GET', () => '/api/v1/rankings', null]],
    ['anyone verifies a certificate', ['GET', () => `/api/v1/certificates/${certificate}`, null]],
    ['consultant reads itself', ['GET', () => '/api/v1/consultants/c2', 'consultant-c2']],
  ];
  for (const [what, [method, url, key, body]] of ALLOWED) {
    it(what, async () => {
      expect((await t.call(method, url(), key, body)).status).toBe(200);
    });
  }

  it('lists are cut to the key’s scope', async () => {
    const mine = await t.call('GET', '/api/v1/assessments', 'enterprise-b');
    expect(mine.json.items.every((a: { taxCode: string }) => a.taxCode === B)).toBe(true);
    const c1 = await t.call('GET', '/api/v1/assessments', 'consultant-c1');
    expect(c1.json.items.map((a: { id: string }) => a.id)).toEqual([submitted]);
    const d79 = await t.call('GET', '/api/v1/enterprises', 'department-79');
    expect(d79.json.items.map((e: { taxCode: string }) => e.taxCode)).toEqual([B]);
    expect(auditBefore).toBeGreaterThan(0);
  });
});
