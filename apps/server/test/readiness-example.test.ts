// readiness-example@1.0.0 over HTTP on a real port: imported at first start beside the national indices (marked as
// an example, not national), served, and scored exactly as issue 8 specifies (values worked out by hand in
// packages/engine/src/readiness-example.test.ts; the case here is restated with its arithmetic).
import { exampleIndices } from '@dbi/indices';
import { contentHash } from '@dbi/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './helpers.js';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await makeApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.keys.integrator}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// services, 5 employees (6.3 does not apply), 2.3 = "n". Pillar points/max: 9/13, 9/10, 3/5, 17/17, 11/11, 6/8,
// 8/13; Σ w·s = 20·900/13 + 10·800/13 + 15·90 + 15·60 + 15·100 + 15·100 + 10·75 = 2000 + 6000 = 8000 → S = 80,
// every pillar at level ≥ 3 → level 4.
const S80 = {
  ref: 'acme-2026',
  profile: { sector: 'services', employees: 5 },
  answers: {
    '1.1': 'd', '1.2': 'a', '1.3': true,
    '2.1': ['c', 'd'], '2.2': 100, '2.3': 'n',
    '3.1': 'c', '3.2': false,
    '4.1': 5, '4.2': ['a', 'b', 'c'], '4.3': true,
    '5.1': 'd', '5.2': 'c', '5.3': 52,
    '6.1': 'c', '6.2': 50,
    '7.1': ['e', 'f'], '7.2': 'c',
  },
}; // prettier-ignore

describe('readiness-example@1.0.0 through the API', () => {
  it('is imported at first start and served, marked as an example and not as a national index', async () => {
    const list = (await (await fetch(`${base}/api/v1/indices`)).json()) as {
      indices: { id: string; national: boolean; versions: { version: string; hash: string; status: string }[] }[];
    };
    const entry = list.indices.find((i) => i.id === 'readiness-example')!;
    expect(entry).toMatchObject({ national: false });
    expect(entry.versions).toEqual([
      expect.objectContaining({ version: '1.0.0', status: 'published', hash: contentHash(exampleIndices[0]!) }),
    ]);
    const served = await fetch(`${base}/api/v1/indices/readiness-example/versions/1.0.0`);
    expect(served.status).toBe(200);
  });

  it('scores S = 80 exactly with every pillar at level ≥ 3 as level 4', async () => {
    const r = await post('/api/v1/indices/readiness-example/versions/1.0.0/score', S80);
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      ref: 'acme-2026',
      index: { id: 'readiness-example', version: '1.0.0', hash: contentHash(exampleIndices[0]!) },
      total: 63, // 9 + 9 + 3 + 17 + 11 + 6 + 8
      max: 77, // 13 + 10 + 5 + 17 + 11 + 8 + 13
      score: '80.00',
      level: 4,
      missing: [],
      notApplicable: ['2.3', '3.3', '3.4', '3.5', '3.6', '6.3'],
    });
    expect((body.pillars as { score: string; level: number }[]).map((p) => [p.score, p.level])).toEqual([
      ['69.23', 3],
      ['90.00', 4],
      ['60.00', 3],
      ['100.00', 4],
      ['100.00', 4],
      ['75.00', 3],
      ['61.54', 3],
    ]);
  });

  it('bad answers and a missing profile fact: 400 problem+json naming each in its own terms', async () => {
    const r = await post('/api/v1/indices/readiness-example/versions/1.0.0/score', {
      profile: { employees: 5 },
      answers: { '1.1': 'z', '2.2': 100.5 },
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await r.json()) as { errors: { pointer: string; detail: string }[] };
    expect(body.errors.map((e) => [e.pointer, e.detail])).toEqual([
      ['/profile/sector', 'profile.sector is required'],
      ['/answers/1.1', "1.1: 'z' is not one of a, b, c, d"],
      ['/answers/2.2', '2.2: 100.5 is above the maximum 100'],
    ]);
  });

  it('scores a batch in order, with an error in place of a bad input', async () => {
    const r = await post('/api/v1/indices/readiness-example/versions/1.0.0/score/batch', {
      inputs: [
        S80,
        { ...S80, profile: { sector: 'services', employees: 5 }, answers: { ...S80.answers, '6.2': 25 } },
        { answers: {} },
      ],
    });
    expect(r.status).toBe(200);
    const { results } = (await r.json()) as { results: Record<string, unknown>[] };
    // Second input: 6.2 = 25 → 1 point, P6 = 5/8 = 62.5, S = 80 − 10·12.5/100 = 78.75 → level 3.
    expect(results.map((x) => (x.error ? 'error' : [x.score, x.level]))).toEqual([['80.00', 4], ['78.75', 3], 'error']);
  });
});
