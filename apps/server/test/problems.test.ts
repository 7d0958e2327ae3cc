// Errors are RFC 9457 problem details with a pointer per bad field; no input makes the server answer 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../src/app.js';
import { call, expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t.close();
});

const raw = (method: 'POST' | 'PUT', url: string, payload: string, headers: Record<string, string>) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: { authorization: `Bearer ${t.keys['ministry-publisher']}`, ...headers },
  });

describe('problem+json', () => {
  it('400 from schema validation: every bad field with its pointer, in body/query/path', async () => {
    const r = await call(t, 'POST', '/api/v1/indices', {
      as: 'ministry-publisher',
      body: { id: 'Bad Id', from: 'large', version: '1.0.0', extra: 1 },
    });
    expectProblem(r, 400, 'invalid-input');
    expect(r.body.instance).toBe('/api/v1/indices');
    expect(r.body.errors.map((e: { pointer: string; code: string; in: string }) => [e.pointer, e.code, e.in])).toEqual(
      expect.arrayContaining([
        ['/extra', 'schema-additionalProperties', 'body'],
        ['/id', 'schema-pattern', 'body'],
        ['/from', 'schema-pattern', 'body'],
      ]),
    );
    const q = await call(t, 'GET', '/api/v1/audit?limit=5000', { as: 'ministry-publisher' });
    expectProblem(q, 400);
    expect(q.body.errors).toEqual([
      expect.objectContaining({ pointer: '/limit', in: 'query', code: 'schema-maximum' }),
    ]);
  });

  it('400 for bodies that are not JSON, and for prototype-poisoning keys', async () => {
    const url = '/api/v1/indices/large/versions/1.0.0/score';
    const broken = await raw('POST', url, '{"answers": {', { 'content-type': 'application/json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
    const proto = await raw('POST', url, '{"answers": {}, "__proto__": {"admin": true}}', {
      'content-type': 'application/json',
    });
    expect(proto.statusCode).toBe(400);
    const ctor = await raw('POST', url, '{"answers": {}, "constructor": {"prototype": {"x": 1}}}', {
      'content-type': 'application/json',
    });
    expect(ctor.statusCode).toBe(400);
  });

  it('404 for unknown routes and versions, 401, 403, 409 — all problem+json', async () => {
    expectProblem(await call(t, 'GET', '/api/v1/nothing-here'), 404, 'not-found');
    expectProblem(await call(t, 'GET', '/api/v1/indices/large/versions/3.0.0'), 404, 'not-found');
    expectProblem(await call(t, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await call(t, 'GET', '/api/v1/audit', { as: 'integrator' }), 403, 'forbidden');
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/publish', { as: 'ministry-publisher' }),
      409,
      'immutable',
    );
  });

  it('413 for a body over the limit', async () => {
    const big = JSON.stringify({ answers: {}, ref: 'x'.repeat(BODY_LIMIT) });
    const r = await raw('POST', '/api/v1/indices/large/versions/1.0.0/score', big, {
      'content-type': 'application/json',
    });
    expect(r.statusCode).toBe(413);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({
      status: 413,
      type: 'https://dbi.example/problems/too-large',
      instance: '/api/v1/indices/large/versions/1.0.0/score',
    });
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('415 for bodies that are not JSON', async () => {
    const r = await raw('POST', '/api/v1/indices/large/versions/1.0.0/score', 'answers=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(r.statusCode).toBe(415);
    expect(JSON.parse(r.body)).toMatchObject({
      status: 415,
      type: 'https://dbi.example/problems/unsupported-media-type',
    });
    const text = await raw('PUT', '/api/v1/indices/large/versions/1.0.0', 'hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
  });

  it('an empty JSON body on an action route counts as no body', async () => {
    const r = await raw('POST', '/api/v1/indices/large/versions/1.0.0/validate', '', {
      'content-type': 'application/json',
    });
    expect(r.statusCode).toBe(200);
  });
});

describe('no input makes the server answer 500', () => {
  const bodies: unknown[] = [
    null,
    0,
    -1,
    1e308,
    'text',
    true,
    [],
    [null],
    {},
    { answers: null },
    { answers: [] },
    { answers: { '': 1 } },
    { answers: { __proto__: 1 } },
    { answers: { 'a/b~c': 2 } },
    { answers: { '1.1.1': '3' } },
    { answers: { '1.1.1': 2.5 } },
    { answers: { '1.1.1': -1 } },
    { answers: { '1.1.1': 1e20 } },
    { units: 'x' },
    { units: [{}] },
    { units: [null] },
    { units: [{ id: 'p', relation: 'parent', headcount: -5, index: 'large@1.0.0', answers: {} }] },
    { units: [{ id: 'p', relation: 'cousin', headcount: 5, index: 'large@1.0.0', answers: {} }] },
    { units: [{ id: 'p', relation: 'subsidiary', headcount: 5, index: 'sme@1.0.0', answers: {} }] },
    { id: 'x', from: 'y', version: 'z' },
    { from: '1.0.0', version: '1.0.0' },
    { inputs: 'x' },
    { inputs: [1, 'a', null] },
    { kind: 'scorecard', id: 'large', version: '1.0.0' },
    { id: 'large', version: '1.0.0', kind: 'scorecard', pillars: 'x' },
  ];
  const urls: Array<['POST' | 'PUT', string]> = [
    ['POST', '/api/v1/indices'],
    ['POST', '/api/v1/indices/large/versions'],
    ['POST', '/api/v1/indices/nope/versions'],
    ['PUT', '/api/v1/indices/large/versions/1.0.0'],
    ['PUT', '/api/v1/indices/large/versions/7.7.7'],
    ['POST', '/api/v1/indices/large/versions/1.0.0/score'],
    ['POST', '/api/v1/indices/group/versions/1.0.0/score'],
    ['POST', '/api/v1/indices/size/versions/1.0.0/score'],
    ['POST', '/api/v1/indices/sme/versions/1.0.0/score/batch'],
    ['POST', '/api/v1/indices/group/versions/1.0.0/score/batch'],
    ['POST', '/api/v1/indices/large/versions/1.0.0/publish'],
    ['POST', '/api/v1/indices/large/versions/1.0.0/validate'],
  ];
  it(`${bodies.length} odd bodies × ${urls.length} routes: always a 2xx or a 4xx problem`, async () => {
    for (const [method, url] of urls) {
      for (const body of bodies) {
        const r = await t.app.inject({
          method,
          url,
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t.keys['ministry-publisher']}` },
        });
        if (r.statusCode >= 500)
          throw new Error(`${method} ${url} ${JSON.stringify(body)} → ${r.statusCode} ${r.body}`);
        if (r.statusCode >= 400) expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });

  it('odd paths and queries', async () => {
    for (const url of [
      '/api/v1/indices/%00/versions/1.0.0',
      '/api/v1/indices/large/versions/%ZZ',
      '/api/v1/indices/' + 'a'.repeat(5000),
      '/api/v1/diff?from=a@1.0.0&to=b@1.0.0&from=c@1.0.0',
      '/api/v1/diff?from[]=x',
      '/api/v1/audit?after=-1',
      '/api/v1/audit?limit=abc',
      '/docs/../../etc/passwd',
    ]) {
      const r = await t.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${t.keys['ministry-publisher']}` },
      });
      expect(r.statusCode, `${url} → ${r.body}`).toBeLessThan(500);
    }
  });
});

describe('hostile bodies answer 400 problem+json, bounded before anything recurses', () => {
  const nest = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);
  const json = { 'content-type': 'application/json' };
  const problemOf = (r: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    return JSON.parse(r.body) as { detail: string; errors?: { pointer: string; code: string; in: string }[] };
  };

  it('deep nesting in a score body, a size input and a draft definition: 400 naming the limit', async () => {
    await call(t, 'POST', '/api/v1/indices/large/versions', {
      as: 'ministry-publisher',
      body: { from: '1.0.0', version: '9.0.0' },
    });
    const cases: ['POST' | 'PUT', string, string][] = [
      ['POST', '/api/v1/indices/large/versions/1.0.0/score', `{"answers":{"1.1.1":${nest(6000)}}}`],
      ['POST', '/api/v1/indices/size/versions/1.0.0/score', `{"sector":${nest(6000, '"x"')},"employees":1}`],
      ['PUT', '/api/v1/indices/large/versions/9.0.0', `{"id":"large","pillars":${nest(5000)}}`],
      ['PUT', '/api/v1/indices/large/versions/9.0.0', `{"id":"large","pillars":${nest(2000)}}`],
      ['POST', '/api/v1/indices/large/versions/1.0.0/score', `{"answers":{"1.1.1":${nest(65)}}}`],
    ];
    for (const [method, url, payload] of cases) {
      const r = await raw(method, url, payload, json);
      expect(r.statusCode, `${url}: ${r.body.slice(0, 200)}`).toBe(400);
      const p = problemOf(r);
      expect(p.detail).toMatch(/deeper than 64 levels/);
      expect(p.errors).toEqual([expect.objectContaining({ code: 'too-deep', in: 'body' })]);
      expect(p.detail).not.toMatch(/constraint|json_valid|stack/i);
    }
    // 64 levels is within the limit: the body is parsed and refused by the schema instead.
    const ok = await raw(
      'POST',
      '/api/v1/indices/large/versions/1.0.0/score',
      `{"answers":{"1.1.1":${nest(62)}}}`,
      json,
    );
    expect(ok.statusCode).toBe(400);
    expect(problemOf(ok).errors?.[0]?.code).not.toBe('too-deep');
    // Brackets inside strings do not count.
    const text = await raw(
      'POST',
      '/api/v1/indices/large/versions/1.0.0/score',
      `{"answers":{},"note":"${'['.repeat(500)}"}`,
      json,
    );
    expect(problemOf(text).errors?.[0]?.code).not.toBe('too-deep');
  });

  it('a number that overflows to Infinity is refused with its pointer', async () => {
    const draft = await call(t, 'GET', '/api/v1/indices/large/versions/1.0.0');
    const definition = { ...(draft.body.definition as Record<string, unknown>), version: '9.1.0' };
    await call(t, 'POST', '/api/v1/indices/large/versions', {
      as: 'ministry-publisher',
      body: { from: '1.0.0', version: '9.1.0' },
    });
    const payload = JSON.stringify(definition).replace(/"version":"9\.1\.0"/, '"version":"9.1.0","maxTotal":1e999');
    const r = await raw('PUT', '/api/v1/indices/large/versions/9.1.0', payload, json);
    expect(r.statusCode).toBe(400);
    expect(problemOf(r).errors).toEqual([
      expect.objectContaining({ pointer: '/maxTotal', code: 'non-finite-number', in: 'body' }),
    ]);
    const score = await raw(
      'POST',
      '/api/v1/indices/large/versions/1.0.0/score',
      '{"answers":{"1.1.1":-1e400, "1.1.2": 3}}',
      json,
    );
    expect(score.statusCode).toBe(400);
    expect(problemOf(score).errors).toEqual([
      expect.objectContaining({ pointer: '/answers/1.1.1', code: 'non-finite-number' }),
    ]);
  });
});
