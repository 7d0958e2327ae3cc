// Bulk scoring runs in worker threads (lib/scoring): a batch, and a group input of WORKER_MIN_UNITS units or more.
// Its answers must be exactly those of the in-process path: same bytes, same refusals.
import { nationalIndices } from '@dbi/indices';
import { createRegistry, run } from '@dbi/engine';
import type { ScorecardDefinition } from '@dbi/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_MIN_UNITS } from '../src/lib/scoring/pool.js';
import { call, expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t.close();
});

const def = (id: string) => nationalIndices.find((d) => d.id === id) as ScorecardDefinition;
function answers(id: string, seed: number): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  let i = seed;
  for (const p of def(id).pillars)
    for (const c of p.components!) for (const k of c.criteria) out[k.id] = i++ % 7 === 6 ? null : i % 6;
  return out;
}
const group = (n: number) => ({
  units: Array.from({ length: n }, (_, i) => ({
    id: `u${i}`,
    relation: i === 0 ? 'parent' : 'subsidiary',
    headcount: 10 + i,
    index: i === 0 ? 'large@1.0.0' : 'sme@1.0.0',
    answers: answers(i === 0 ? 'large' : 'sme', i),
  })),
});
const raw = (url: string, body: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${t.keys.integrator}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

describe('scoring in worker threads gives the in-process answers', () => {
  it('a batch (worker) is byte for byte the single-input answers (in-process), errors in place', async () => {
    const inputs = [{ answers: answers('large', 1) }, { answers: { '9.9.9': 1 } }, { answers: answers('large', 5) }];
    const batch = await raw('/api/v1/indices/large/versions/1.0.0/score/batch', { inputs });
    expect(batch.statusCode).toBe(200);
    const one = async (i: number) => (await raw('/api/v1/indices/large/versions/1.0.0/score', inputs[i])).body;
    const results = JSON.parse(batch.body).results as unknown[];
    expect(batch.body.startsWith(`{"results":[${await one(0)},`)).toBe(true);
    expect(batch.body.endsWith(`,${await one(2)}]}`)).toBe(true);
    const bad = results[1] as { error: { status: number; errors: { pointer: string }[] } };
    expect(bad.error.status).toBe(400);
    expect(bad.error.errors[0]!.pointer).toBe('/inputs/1/answers/9.9.9');
  });

  it(`a group of ${WORKER_MIN_UNITS} units (worker), plain and explained, equals the engine run in-process`, async () => {
    const input = group(WORKER_MIN_UNITS);
    const registry = createRegistry(nationalIndices);
    for (const explain of [false, true]) {
      const r = await raw(`/api/v1/indices/group/versions/1.0.0/score${explain ? '?explain=true' : ''}`, input);
      expect(r.statusCode).toBe(200);
      const want = run(registry.get('group@1.0.0')!, input, { explain, resolve: registry.resolve });
      expect(JSON.parse(r.body)).toEqual(JSON.parse(JSON.stringify(want)));
    }
  });

  it('refusals from the worker are the same problems: bad body, over a limit, unknown member index', async () => {
    const url = '/api/v1/indices/large/versions/1.0.0/score/batch';
    const notArray = await call(t, 'POST', url, { as: 'integrator', body: { inputs: 'many' } });
    expectProblem(notArray, 400, 'invalid-input');
    expect(notArray.body.errors[0]).toMatchObject({ pointer: '/inputs', in: 'body' });
    const deep = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${t.keys.integrator}`, 'content-type': 'application/json' },
      payload: '{"inputs":' + '['.repeat(100) + ']'.repeat(100) + '}',
    });
    expect(deep.statusCode).toBe(400);
    expect(JSON.parse(deep.body).errors[0].code).toBe('too-deep');
    const over = await call(t, 'POST', '/api/v1/indices/group/versions/1.0.0/score/batch', {
      as: 'integrator',
      body: { inputs: [group(600), group(600)] },
      headers: {},
    });
    expect(over.status).toBe(200); // 1,200 units: within MAX_REQUEST_UNITS
    const explained = await call(t, 'POST', '/api/v1/indices/group/versions/1.0.0/score/batch?explain=true', {
      as: 'integrator',
      body: { inputs: [group(600), group(600)] },
    });
    expectProblem(explained, 413, 'too-large');
    const unknown = group(WORKER_MIN_UNITS);
    unknown.units[3]!.index = 'nope@1.0.0';
    const r = await call(t, 'POST', '/api/v1/indices/group/versions/1.0.0/score', { as: 'integrator', body: unknown });
    expectProblem(r, 400, 'invalid-input');
    expect(JSON.stringify(r.body.errors)).toContain('/units/3/index');
  });
});
