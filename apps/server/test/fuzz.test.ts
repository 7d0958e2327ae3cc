// Hostile bodies against every route of the OpenAPI document, as every role and anonymously: deep nesting, huge and
// non-finite numbers, wrong types, prototype keys, huge strings, every content type. Any 5xx, any answer that is not
// problem+json on a refusal, or any request that does not answer within 10 s fails. Fixed seed, bounded runs.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './helpers.js';
import { ENTERPRISE_TAX_CODE } from './tax-codes.js';

let t: TestApp;
let routes: { method: string; url: string }[] = [];
beforeAll(async () => {
  t = await makeApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const sample: Record<string, string> = {
    id: 'large',
    version: '1.0.0',
    taxCode: ENTERPRISE_TAX_CODE,
    number: 'DBI-2026-1',
    code: '01',
    column: 'self',
    step: 'submit',
  };
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
      .map((m) => ({
        method: m.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name] ?? 'x'),
      })),
  );
});
afterAll(async () => {
  await t.close();
});

const nest = (depth: number) => '['.repeat(depth) + '0' + ']'.repeat(depth);
const hostileText = fc.oneof(
  fc.integer({ min: 60, max: 20_000 }).map(nest),
  fc.integer({ min: 60, max: 20_000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
  fc.constantFrom('1e999', '-1e999', '{"answers":{"1.1.1":1e999}}', '{"n":123456789012345678901234567890}'),
  fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":{"__proto__":[]}}'),
  fc
    .integer({ min: 1, max: 300_000 })
    .map((n) => JSON.stringify({ name: 'x'.repeat(n), answers: { a: 'y'.repeat(n) } })),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('', 'null', '[]', '{', '"text"', '{"inputs":[null]}', '{"units":"many"}', '\u0000\uffff'),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/problem+json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  '',
);
const ROLES = [
  undefined,
  'ministry-publisher',
  'ministry-editor',
  'sector-ministry',
  'provincial-department',
  'consultant',
  'enterprise',
  'integrator',
] as const;

async function send(method: string, url: string, role: (typeof ROLES)[number], ctype: string, payload: string) {
  const headers: Record<string, string> = {};
  if (role) headers.authorization = `Bearer ${t.keys[role]}`;
  if (ctype) headers['content-type'] = ctype;
  const answer = t.app.inject({
    method: method as 'GET',
    url,
    headers,
    payload: method === 'GET' ? undefined : payload,
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`hang: ${method} ${url}`)), 10_000),
  );
  const r = await Promise.race([answer, timeout]);
  expect(r.statusCode, `${method} ${url} as ${role ?? 'anonymous'} (${ctype}): ${r.body.slice(0, 300)}`).toBeLessThan(
    500,
  );
  if (r.statusCode >= 400) expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe('fuzz: every route of the OpenAPI document, every role', () => {
  it('no hostile body gets a 5xx, a non-problem refusal or no answer', async () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const [i, { method, url }] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ROLES), contentType, hostileText, async (role, ctype, payload) => {
          await send(method, url, role, ctype, payload);
        }),
        { seed: 20261201 + i, numRuns: 12 },
      );
    }
  }, 300_000);

  it('every route × every role, with the bodies that used to answer 500', async () => {
    const bodies = [nest(6000), '{"maxTotal":1e999}', '{"a":' + nest(2000) + '}'];
    for (const { method, url } of routes)
      for (const role of ROLES) for (const b of bodies) await send(method, url, role, 'application/json', b);
  }, 300_000);
});
