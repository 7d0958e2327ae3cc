// The small lists are paged like the big ones (`?limit=`, `?after=` → `{ items, next }`, keyset by id): consultants
// and groups. The filter of a group list comes from the caller's access before anything is read: a department
// pages through the groups whose parent is in its province only, an enterprise through its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAssessmentApp, start, type AssessmentApp } from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

let t: AssessmentApp;
// Three parents: two in Hà Nội (01), one in Hồ Chí Minh City (79).
const HN1 = withCheckDigit('010000110');
const HN2 = withCheckDigit('010000120');
const HCM = withCheckDigit('030000130');
const groups: Record<string, string> = {};

const parent = (taxCode: string, province: string) => ({
  taxCode,
  name: `Tập đoàn ${taxCode}`,
  province,
  industry: 'C',
  sector: 'agriculture-industry-construction',
  employees: 300,
  revenueVnd: 500_000_000_000,
  hasSubsidiaries: true,
});

beforeAll(async () => {
  t = await makeAssessmentApp();
  for (const id of ['c3', 'c1', 'c2'])
    expect(
      (
        await t.call('POST', '/api/v1/consultants', 'ministry-editor', {
          id,
          name: `Tư vấn ${id}`,
          organisation: 'Tư vấn Số',
          employers: [],
        })
      ).status,
    ).toBe(201);
  for (const [code, province] of [
    [HN1, '01'],
    [HN2, '01'],
    [HCM, '79'],
  ] as const) {
    await t.addKey(`ent-${code}`, 'enterprise', code);
    expect((await t.call('POST', '/api/v1/enterprises', 'ministry-editor', parent(code, province))).status).toBe(201);
    const a = await start(t, code, `ent-${code}`);
    const g = await t.call('POST', '/api/v1/groups', 'ministry-editor', {
      parentTaxCode: code,
      members: [{ taxCode: code, relation: 'parent', headcount: 100, assessmentId: a }],
    });
    expect(g.status).toBe(201);
    groups[code] = g.json.id;
  }
});
afterAll(async () => {
  await t.close();
});

/** Every page of a list, `limit` at a time: the ids in order and how many pages it took. */
async function walk(path: string, key: string, limit: number) {
  const ids: string[] = [];
  let pages = 0;
  let after: string | null = null;
  do {
    const r = await t.call('GET', `${path}?limit=${limit}${after ? `&after=${after}` : ''}`, key);
    expect(r.status).toBe(200);
    pages++;
    ids.push(...r.json.items.map((x: { id: string }) => x.id));
    after = r.json.next;
  } while (after !== null);
  return { ids, pages };
}

describe('consultants, a page at a time', () => {
  it('by id: c1, c2 on the first page of two, c3 on the second, then no cursor', async () => {
    expect(await walk('/api/v1/consultants', 'ministry-editor', 2)).toEqual({ ids: ['c1', 'c2', 'c3'], pages: 2 });
    const first = await t.call('GET', '/api/v1/consultants?limit=2', 'ministry-editor');
    expect(first.json.items[0]).toMatchObject({ id: 'c1', name: 'Tư vấn c1', organisation: 'Tư vấn Số' });
  });

  it('refuses a cursor of another list and a limit above 500, naming the field', async () => {
    const groupsPage = await t.call('GET', '/api/v1/groups?limit=1', 'ministry-editor');
    const foreign = await t.call('GET', `/api/v1/consultants?after=${groupsPage.json.next}`, 'ministry-editor');
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors[0].pointer).toBe('/after');
    const big = await t.call('GET', '/api/v1/consultants?limit=501', 'ministry-editor');
    expect(big.status).toBe(400);
  });
});

describe('groups, a page at a time, filtered by access before reading', () => {
  const sorted = (codes: string[]) => codes.map((c) => groups[c]!).sort();

  it('the Ministry pages through all three, one at a time', async () => {
    expect(await walk('/api/v1/groups', 'ministry-editor', 1)).toEqual({
      ids: sorted([HN1, HN2, HCM]),
      pages: 3,
    });
  });

  it('the department of Hà Nội sees the two groups of Hà Nội; that of Hồ Chí Minh City its one', async () => {
    expect((await walk('/api/v1/groups', 'provincial-department', 1)).ids).toEqual(sorted([HN1, HN2]));
    expect((await walk('/api/v1/groups', 'department-79', 50)).ids).toEqual(sorted([HCM]));
  });

  it('a parent enterprise sees its own group only; an integrator none', async () => {
    expect((await walk('/api/v1/groups', `ent-${HN2}`, 50)).ids).toEqual([groups[HN2]]);
    expect((await t.call('GET', '/api/v1/groups', 'integrator')).status).toBe(403);
  });
});
