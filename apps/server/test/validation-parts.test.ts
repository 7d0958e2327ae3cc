// One validator compiler for every route, chosen by request part (lib/validation.ts): text parts (params, query
// strings) are coerced to their schema's types; JSON bodies never are, on any route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t.close();
});

describe('validation by request part', () => {
  it('a body is not coerced: a batch whose inputs is a string (not an array of one) is refused at /inputs', async () => {
    // With coercion (coerceTypes: 'array', as for query strings) "x" would become ["x"] and be answered 200.
    const url = '/api/v1/indices/sme/versions/1.0.0/score/batch';
    const one = { answers: { '1.1.1': 3 } };
    const r = await call(t, 'POST', url, { key: t.keys.integrator, body: { inputs: 'x' } });
    expectProblem(r, 400, 'invalid-input');
    expect(r.body.errors.map((e: { pointer: string; in?: string }) => [e.pointer, e.in])).toContainEqual([
      '/inputs',
      'body',
    ]);
    const ok = await call(t, 'POST', url, { key: t.keys.integrator, body: { inputs: [one] } });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(1);
  });

  it('a query string is coerced: limit=1 is the integer 1, limit=x is refused at the query', async () => {
    const r = await call(t, 'GET', '/api/v1/rankings?limit=1');
    expect(r.status).toBe(200);
    const bad = await call(t, 'GET', '/api/v1/rankings?limit=x');
    expectProblem(bad, 400, 'invalid-input');
  });
});
