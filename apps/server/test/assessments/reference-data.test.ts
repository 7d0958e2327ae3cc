// Reference data on enterprises (issue 9 item 2): a typo in a tax code used to become a second enterprise; a province
// was free text. Now the check digit, the province (one of the 34, or a former-63 one mapped and recorded) and the
// industry (VSIC 2018 section) are checked when an enterprise is registered or changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, enterpriseA, makeAssessmentApp, seed, type AssessmentApp } from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

let t: AssessmentApp;
const pointers = (json: { errors?: Array<{ pointer: string }> }) => (json.errors ?? []).map((e) => e.pointer);

beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t);
});
afterAll(async () => {
  await t.close();
});

describe('registering an enterprise', () => {
  it('a typo in the tax code (wrong check digit) is refused, not registered as a second enterprise', async () => {
    const last = Number(A[9]);
    const typo = `${A.slice(0, 9)}${(last + 1) % 10}`;
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', { ...enterpriseA, taxCode: typo });
    expect(r.status).toBe(400);
    expect(pointers(r.json)).toEqual(['/taxCode']);
    expect(r.json.errors[0].detail).toMatch(new RegExp(`should be ${last}, not ${(last + 1) % 10}`));
    expect(r.json.errors[0].detail).toMatch(/chữ số kiểm tra/i);
    expect((await t.call('GET', `/api/v1/enterprises/${typo}`, 'ministry-editor')).status).toBe(404);
  });

  it('a former province (name or code) is mapped to its unit and recorded', async () => {
    const code = withCheckDigit('150000001');
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      ...enterpriseA,
      taxCode: code,
      province: 'Yên Bái',
    });
    expect(r.status).toBe(201);
    expect([r.json.province, r.json.provinceFormer, r.json.industry]).toEqual(['15', '15', 'G']);
    const byCode = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      ...enterpriseA,
      taxCode: withCheckDigit('740000001'),
      province: '74',
    });
    // 74 was Bình Dương, part of Hồ Chí Minh (79) since 1 July 2025
    expect([byCode.json.province, byCode.json.provinceFormer]).toEqual(['79', '74']);
  });

  it('an unknown province, an unknown industry: each named', async () => {
    const body = { ...enterpriseA, taxCode: withCheckDigit('010000099') };
    const province = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', { ...body, province: 'Atlantis' });
    expect([province.status, pointers(province.json)]).toEqual([400, ['/province']]);
    const industry = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', { ...body, industry: 'V' });
    expect([industry.status, pointers(industry.json)]).toEqual([400, ['/industry']]);
    const both = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      ...body,
      taxCode: `${body.taxCode.slice(0, 9)}${(Number(body.taxCode[9]) + 1) % 10}`,
      province: '99',
    });
    expect([both.status, pointers(both.json)]).toEqual([400, ['/taxCode', '/province']]);
  });

  it('a provincial department registers only in its province, by code', async () => {
    const r = await t.call('POST', '/api/v1/enterprises', 'department-79', {
      ...enterpriseA,
      taxCode: withCheckDigit('790000077'),
      province: 'Bà Rịa - Vũng Tàu',
    });
    // Bà Rịa – Vũng Tàu is part of Hồ Chí Minh now: the department of 79 may register it.
    expect([r.status, r.json.province, r.json.provinceFormer]).toEqual([201, '79', '77']);
  });
});

describe('lists are paged', () => {
  it('enterprises: limit and the next cursor; another list’s cursor is refused', async () => {
    const first = await t.call('GET', '/api/v1/enterprises?limit=2', 'ministry-editor');
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(2);
    const second = await t.call('GET', `/api/v1/enterprises?limit=2&after=${first.json.next}`, 'ministry-editor');
    const seen = [...first.json.items, ...second.json.items].map((e: { taxCode: string }) => e.taxCode);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    const rankingCursor = Buffer.from(JSON.stringify(['rankings', 'x'])).toString('base64url');
    const bad = await t.call('GET', `/api/v1/enterprises?after=${rankingCursor}`, 'ministry-editor');
    expect([bad.status, pointers(bad.json)]).toEqual([400, ['/after']]);
    expect((await t.call('GET', '/api/v1/enterprises?limit=501', 'ministry-editor')).status).toBe(400);
  });

  it('reading another enterprise answers as for one that does not exist', async () => {
    const other = await t.call('GET', `/api/v1/enterprises/${withCheckDigit('790000077')}`, 'enterprise');
    const absent = await t.call('GET', `/api/v1/enterprises/${withCheckDigit('790000088')}`, 'enterprise');
    expect([other.status, absent.status]).toEqual([404, 404]);
    expect(other.json.detail.replace(/[0-9]{10}/, 'X')).toBe(absent.json.detail.replace(/[0-9]{10}/, 'X'));
  });
});
