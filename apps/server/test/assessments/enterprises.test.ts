// Enterprises: size classified by size@1.0.0 (Appendix IV), stored with the classifier's version and hash; the index
// overridden only with a reason, by a ministry or provincial key, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@dbi/schema';
import { loadNational } from '@dbi/indices';
import { A, enterpriseA, LARGE, makeAssessmentApp, seed, type AssessmentApp } from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

let t: AssessmentApp;
const SIZE = loadNational('size@1.0.0')!;
beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t);
});
afterAll(async () => {
  await t.close();
});

describe('classification (Appendix IV)', () => {
  const cases: Array<[string, object, string, string]> = [
    [
      'trade and services, 8 staff, revenue 5 bn',
      { sector: 'trade-services', employees: 8, revenueVnd: 5_000_000_000 },
      'micro',
      'sme',
    ],
    [
      'trade and services, 40 staff (≤ 50), revenue 60 bn (10–100 bn)',
      { sector: 'trade-services', employees: 40, revenueVnd: 60_000_000_000 },
      'small',
      'sme',
    ],
    [
      'agriculture, 150 staff (≤ 200), revenue 150 bn (50–200 bn)',
      { sector: 'agriculture-industry-construction', employees: 150, revenueVnd: 150_000_000_000 },
      'medium',
      'sme',
    ],
    [
      'trade and services, 150 staff (> 100), revenue 350 bn (> 300 bn)',
      { sector: 'trade-services', employees: 150, revenueVnd: 350_000_000_000 },
      'large',
      'large',
    ],
    [
      'the same as parent of subsidiaries',
      { sector: 'trade-services', employees: 150, revenueVnd: 350_000_000_000, hasSubsidiaries: true },
      'large',
      'group',
    ],
  ];
  cases.forEach(([what, facts, size, index], i) => {
    it(`${what} → ${size}, ${index}`, async () => {
      const taxCode = withCheckDigit(`02000000${i}`);
      const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
        taxCode,
        name: what,
        province: '02',
        industry: 'C',
        ...facts,
      });
      expect(r.status).toBe(201);
      expect(r.json.classification).toEqual({
        size,
        index,
        classifier: { id: 'size', version: '1.0.0', hash: contentHash(SIZE) },
      });
      expect(r.json.index).toBe(index);
    });
  });

  it('registers a tax code once', async () => {
    const r = await t.call('POST', '/api/v1/enterprises', 'enterprise', enterpriseA);
    expect(r.status).toBe(409);
  });

  it('re-classifies when the facts change (8 → 300 staff: large)', async () => {
    const r = await t.call('PUT', `/api/v1/enterprises/${A}`, 'enterprise', {
      ...enterpriseA,
      taxCode: undefined,
      employees: 300,
      revenueVnd: 400_000_000_000,
    });
    expect(r.status).toBe(200);
    expect([r.json.classification.size, r.json.index]).toEqual(['large', 'large']);
    const back = await t.call('PUT', `/api/v1/enterprises/${A}`, 'enterprise', { ...enterpriseA, taxCode: undefined });
    expect([back.json.classification.size, back.json.index]).toEqual(['micro', 'sme']);
  });
});

describe('index override', () => {
  it('by the provincial department, with a reason: the enterprise is then assessed with it; audited; cleared again', async () => {
    const r = await t.call('PUT', `/api/v1/enterprises/${A}/index-override`, 'provincial-department', {
      index: 'large',
      reason: 'listed on HOSE; reports as a large enterprise',
    });
    expect(r.status).toBe(200);
    expect(r.json.index).toBe('large');
    expect(r.json.classification.index).toBe('sme');
    expect(r.json.override).toMatchObject({
      index: 'large',
      reason: 'listed on HOSE; reports as a large enterprise',
      by: 'hanoi',
    });

    const a = await t.call('POST', '/api/v1/assessments', 'enterprise', { taxCode: A });
    expect(a.json.index).toEqual({ id: 'large', version: '1.0.0', hash: contentHash(LARGE) });

    // The override survives a change of facts.
    const u = await t.call('PUT', `/api/v1/enterprises/${A}`, 'enterprise', {
      ...enterpriseA,
      taxCode: undefined,
      name: 'Công ty A (mới)',
    });
    expect(u.json.index).toBe('large');

    const cleared = await t.call('DELETE', `/api/v1/enterprises/${A}/index-override`, 'ministry-editor');
    expect([cleared.json.index, cleared.json.override]).toEqual(['sme', null]);

    const audit = (await t.app.storage.audit.list({ target: `enterprise:${A}` })).map((e) => [e.action, e.actorName]);
    expect(audit.filter(([a]) => a!.startsWith('enterprise.override'))).toEqual([
      ['enterprise.override', 'hanoi'],
      ['enterprise.override-clear', 'editor'],
    ]);
  });
});
