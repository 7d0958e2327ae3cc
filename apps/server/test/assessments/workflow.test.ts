// The whole workflow of Decision 1970 §III over a real port: an enterprise registers and assesses itself, an
// independent consultant and the provincial department review, the Ministry appraises with per-criterion
// adjustments and certifies, and anyone verifies the certificate without a key. Expected levels are worked out by
// hand from Appendix I (the sme index: pillar maxima 65/25/80/65/50/35, total 320).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@dbi/schema';
import { loadNational } from '@dbi/indices';
import {
  A,
  answersAll,
  enterpriseA,
  makeAssessmentApp,
  pillarAnswers,
  SME,
  stampOf,
  type AssessmentApp,
  type KeyName,
} from './helpers.js';

let t: AssessmentApp;
let base: string;

beforeAll(async () => {
  t = await makeAssessmentApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
});

async function http(method: string, path: string, key?: KeyName, body?: unknown) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${t.key[key]}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(base + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    json: text ? JSON.parse(text) : undefined,
    location: r.headers.get('location'),
  };
}

const levels = (result: { pillars: { level: number }[] }) => result.pillars.map((p) => p.level);
const points = (result: { pillars: { points: number }[] }) => result.pillars.map((p) => p.points);

describe('workflow to a certificate, over a real port', () => {
  let id = '';

  it('registers the enterprise, classified by size@1.0.0 (Appendix IV: trade and services, ≤10 staff, ≤10 bn revenue → micro → sme)', async () => {
    const c = await http('POST', '/api/v1/consultants', 'ministry-editor', {
      id: 'c1',
      name: 'Nguyễn Văn An',
      organisation: 'Tư vấn Số',
      employers: ['0311111111'],
    });
    expect(c.status).toBe(201);
    const r = await http('POST', '/api/v1/enterprises', 'enterprise', enterpriseA);
    expect(r.status).toBe(201);
    expect(r.location).toBe(`/api/v1/enterprises/${A}`);
    expect(r.json.classification).toEqual({
      size: 'micro',
      index: 'sme',
      classifier: stampOf(loadNational('size@1.0.0')!),
    });
    expect(r.json.index).toBe('sme');
    expect(r.json.override).toBeNull();
  });

  it('starts a draft pinned to sme@1.0.0 with its content hash', async () => {
    const r = await http('POST', '/api/v1/assessments', 'enterprise', { taxCode: A });
    expect(r.status).toBe(201);
    id = r.json.id;
    expect(r.json.status).toBe('draft');
    expect(r.json.index).toEqual({ id: 'sme', version: '1.0.0', hash: contentHash(SME) });
  });

  it('self-assessment, every criterion at 3: each pillar exactly 60% → level 3; total 192 > 128 with 6 pillars ≥ 3, not > 192 → overall 3', async () => {
    const r = await http('PUT', `/api/v1/assessments/${id}/columns/self`, 'enterprise', {
      answers: answersAll(SME, 3),
      evidence: { '1.1.1': 'website with online catalogue' },
    });
    expect(r.status).toBe(200);
    const self = r.json.columns.self;
    expect(points(self.result)).toEqual([39, 15, 48, 39, 30, 21]);
    expect(levels(self.result)).toEqual([3, 3, 3, 3, 3, 3]);
    expect([self.result.total, self.result.max, self.result.level]).toEqual([192, 320, 3]);
    expect(self.evidence).toEqual({ '1.1.1': 'website with online catalogue' });
    expect(self.by).toBe('acme');
  });

  it('assigns the independent consultant and submits', async () => {
    expect(
      (await http('PUT', `/api/v1/assessments/${id}/consultant`, 'enterprise', { consultantId: 'c1' })).json
        .consultantId,
    ).toBe('c1');
    const r = await http('POST', `/api/v1/assessments/${id}/submit`, 'enterprise');
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('submitted');
    expect(r.json.steps.submitted.by).toBe('acme');
  });

  it('consultant column from self, 2.1.1 raised to 4: pillar 2 = 20/25 = 80% → level 4; total 197 with one pillar at 4 → overall still 3', async () => {
    const r = await http('PUT', `/api/v1/assessments/${id}/columns/consultant`, 'consultant-c1', {
      from: 'self',
      answers: { '2.1.1': 4 },
      evidence: { '2.1.1': 'board-approved DX strategy' },
      reasons: { '2.1.1': 'the strategy is approved by the board' },
    });
    expect(r.status).toBe(200);
    const col = r.json.columns.consultant;
    expect(col.from).toBe('self');
    expect(col.answers['2.1.1']).toBe(4);
    expect(col.answers['1.1.1']).toBe(3);
    expect(col.evidence).toEqual({ '1.1.1': 'website with online catalogue', '2.1.1': 'board-approved DX strategy' });
    expect(levels(col.result)).toEqual([3, 4, 3, 3, 3, 3]);
    expect([col.result.total, col.result.level]).toEqual([197, 3]);
  });

  it('department column, every criterion at 4: pillars at 80% → level 4; total 256 > 192 with 6 pillars ≥ 4, not > 256 → overall 4', async () => {
    const r = await http('PUT', `/api/v1/assessments/${id}/columns/department`, 'provincial-department', {
      answers: answersAll(SME, 4),
    });
    expect(r.status).toBe(200);
    expect(levels(r.json.columns.department.result)).toEqual([4, 4, 4, 4, 4, 4]);
    expect([r.json.columns.department.result.total, r.json.columns.department.result.level]).toEqual([256, 4]);
  });

  it('the consultant reviews', async () => {
    const r = await http('POST', `/api/v1/assessments/${id}/review`, 'consultant-c1');
    expect(r.status).toBe(200);
    expect([r.json.status, r.json.reviewedAs]).toEqual(['reviewed', 'consultant']);
  });

  it('ministry column from the department’s, pillars 1 and 3 adjusted to 3: 4 pillars at 4, total 227 → level 4 fails (needs 5 pillars ≥ 4) → overall 3', async () => {
    const adjust = { ...pillarAnswers(SME, '1', 3), ...pillarAnswers(SME, '3', 3) };
    const r = await http('PUT', `/api/v1/assessments/${id}/columns/ministry`, 'ministry-editor', {
      from: 'department',
      answers: adjust,
      reasons: Object.fromEntries(Object.keys(adjust).map((c) => [c, 'appraisal found level 3'])),
    });
    expect(r.status).toBe(200);
    const m = r.json.columns.ministry.result;
    expect(points(m)).toEqual([39, 20, 48, 52, 40, 28]);
    expect(levels(m)).toEqual([3, 4, 3, 4, 4, 4]);
    expect([m.total, m.level]).toEqual([227, 3]);
    const a = await http('POST', `/api/v1/assessments/${id}/appraise`, 'ministry-editor');
    expect(a.json.status).toBe('appraised');
  });

  it('certifies: the certificate carries the ministry column’s levels and the pinned version and hash', async () => {
    const r = await http('POST', `/api/v1/assessments/${id}/certify`, 'ministry-publisher', { issuedOn: '2025-06-30' });
    expect(r.status).toBe(201);
    expect(r.location).toBe('/api/v1/certificates/DBI-2025-000001');
    expect(r.json).toEqual({
      number: 'DBI-2025-000001',
      status: 'valid',
      enterprise: { taxCode: A, name: 'Công ty A' },
      level: 3,
      total: 227,
      max: 320,
      pillars: [
        { id: '1', points: 39, max: 65, level: 3 },
        { id: '2', points: 20, max: 25, level: 4 },
        { id: '3', points: 48, max: 80, level: 3 },
        { id: '4', points: 52, max: 65, level: 4 },
        { id: '5', points: 40, max: 50, level: 4 },
        { id: '6', points: 28, max: 35, level: 4 },
      ],
      index: { id: 'sme', version: '1.0.0', hash: contentHash(SME) },
      issuedOn: '2025-06-30',
      revokedOn: null,
      revocationReason: null,
    });
    const a = await http('GET', `/api/v1/assessments/${id}`, 'enterprise');
    expect([a.json.status, a.json.certificateNumber]).toEqual(['certified', 'DBI-2025-000001']);
    expect(Object.keys(a.json.columns).sort()).toEqual(['consultant', 'department', 'ministry', 'self']);
  });

  it('anyone verifies the certificate without a key; after revocation it reads revoked', async () => {
    const v = await http('GET', '/api/v1/certificates/DBI-2025-000001');
    expect(v.status).toBe(200);
    expect([v.json.status, v.json.level, v.json.enterprise.taxCode]).toEqual(['valid', 3, A]);
    const r = await http('POST', '/api/v1/certificates/DBI-2025-000001/revoke', 'ministry-publisher', {
      reason: 'evidence for 2.1.1 withdrawn',
    });
    expect(r.status).toBe(200);
    const after = await http('GET', '/api/v1/certificates/DBI-2025-000001');
    expect([after.json.status, after.json.revocationReason]).toEqual(['revoked', 'evidence for 2.1.1 withdrawn']);
    expect(after.json.revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const missing = await http('GET', '/api/v1/certificates/DBI-2025-000099');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/application\/problem\+json/);
  });

  it('recorded every write in the audit log, with who did it', async () => {
    const entries = await t.app.storage.audit.list({ target: `assessment:${id}` });
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['assessment.create', 'acme'],
      ['assessment.column.self', 'acme'],
      ['assessment.assign', 'acme'],
      ['assessment.submit', 'acme'],
      ['assessment.column.consultant', 'consultant-c1'],
      ['assessment.column.department', 'hanoi'],
      ['assessment.review', 'consultant-c1'],
      ['assessment.column.ministry', 'editor'],
      ['assessment.appraise', 'editor'],
      ['assessment.certify', 'bootstrap'],
    ]);
    for (const e of entries.slice(1)) expect(e.beforeHash).toMatch(/^[0-9a-f]{64}$/);
    const cert = await t.app.storage.audit.list({ target: 'certificate:DBI-2025-000001' });
    expect(cert.map((e) => e.action)).toEqual(['certificate.issue', 'certificate.revoke']);
  });
});

describe('documentation', () => {
  it('every assessment endpoint is in the OpenAPI document', async () => {
    const doc = await http('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.json.paths);
    for (const p of [
      '/api/v1/enterprises/',
      '/api/v1/enterprises/{taxCode}',
      '/api/v1/enterprises/{taxCode}/index-override',
      '/api/v1/consultants/{id}',
      '/api/v1/assessments/',
      '/api/v1/assessments/{id}/consultant',
      '/api/v1/assessments/{id}/columns/{column}',
      '/api/v1/assessments/{id}/submit',
      '/api/v1/assessments/{id}/review',
      '/api/v1/assessments/{id}/appraise',
      '/api/v1/assessments/{id}/certify',
      '/api/v1/certificates/{number}',
      '/api/v1/certificates/{number}/revoke',
      '/api/v1/groups/',
      '/api/v1/groups/{id}/members',
      '/api/v1/rankings/',
      '/api/v1/provinces/{code}/index',
    ]) {
      expect(
        paths.map((x) => x.replace(/\/$/, '')),
        p,
      ).toContain(p.replace(/\/$/, ''));
    }
  });
});
