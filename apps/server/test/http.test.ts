// The same app on a real port, through fetch: what curl would see. Also the OpenAPI document, the docs page and the
// web apps' builds (the portal at /, the designer at /designer/) with their client-side routes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { nationalIndices } from '@dbi/indices';
import { compile, run } from '@dbi/engine';
import { getAjv } from '@dbi/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './helpers.js';

let t: TestApp;
let base: string;

beforeAll(async () => {
  const designer = join(process.env.TMPDIR ?? '/tmp', `dbi-designer-${process.pid}-${Date.now()}`);
  mkdirSync(join(designer, 'assets'), { recursive: true });
  writeFileSync(join(designer, 'index.html'), '<!doctype html><title>DBI designer</title><div id="root"></div>');
  writeFileSync(join(designer, 'assets', 'app.js'), 'console.log("designer")');
  const portal = join(process.env.TMPDIR ?? '/tmp', `dbi-portal-${process.pid}-${Date.now()}`);
  mkdirSync(join(portal, 'assets'), { recursive: true });
  writeFileSync(join(portal, 'index.html'), '<!doctype html><title>DBI portal</title><div id="root"></div>');
  writeFileSync(join(portal, 'assets', 'portal.js'), 'console.log("portal")');
  t = await makeApp({ designerDist: designer, portalDist: portal });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
});

describe('over a real socket', () => {
  it('health', async () => {
    const r = await fetch(`${base}/api/v1/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok', indices: 5 }); // the four national indices and readiness-example
  });

  it('curl-equivalent scoring returns what the engine returns', async () => {
    const large = nationalIndices.find((d) => d.id === 'large')!;
    const input = { answers: { '1.1.1': 5, '2.1.1': 4, '3.2.5': 3, '6.1.1': null } };
    const r = await fetch(`${base}/api/v1/indices/large/versions/1.0.0/score`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.keys.integrator}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await r.json()).toEqual(JSON.parse(JSON.stringify(run(compile(large), input))));
  });

  it('problems travel as application/problem+json', async () => {
    const r = await fetch(`${base}/api/v1/indices/large/versions/1.0.0/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await r.json()).toMatchObject({ status: 401, title: 'Authentication required' });
  });

  it('a 10,000-input batch fits the body limit', async () => {
    const input = { answers: { '1.1.1': 3 } };
    const r = await fetch(`${base}/api/v1/indices/sme/versions/1.0.0/score/batch`, {
      method: 'POST',
      headers: { 'x-api-key': t.keys.integrator, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: new Array(10_000).fill(input) }),
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { results: unknown[] }).results).toHaveLength(10_000);
  });
});

describe('documentation', () => {
  it('serves an OpenAPI 3.1 document describing every route, itself valid JSON Schema where it embeds schemas', async () => {
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content?: Record<string, { schema: object }> }>; requestBody?: unknown }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const expected: Array<[string, string]> = [
      ['/api/v1/health', 'get'],
      ['/api/v1/indices', 'get'],
      ['/api/v1/indices', 'post'],
      ['/api/v1/indices/{id}', 'get'],
      ['/api/v1/indices/{id}/versions', 'post'],
      ['/api/v1/indices/{id}/versions/{version}', 'get'],
      ['/api/v1/indices/{id}/versions/{version}', 'put'],
      ['/api/v1/indices/{id}/versions/{version}/validate', 'post'],
      ['/api/v1/indices/{id}/versions/{version}/publish', 'post'],
      ['/api/v1/indices/{id}/versions/{version}/deprecate', 'post'],
      ['/api/v1/indices/{id}/versions/{version}/score', 'post'],
      ['/api/v1/indices/{id}/versions/{version}/score/batch', 'post'],
      ['/api/v1/diff', 'get'],
      ['/api/v1/audit', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const score = doc.paths['/api/v1/indices/{id}/versions/{version}/score']!.post!;
    expect(score.requestBody).toBeDefined();
    expect(Object.keys(score.responses).sort()).toEqual(['200', '400', '401', '403', '404', '413', '415']);
    expect(score.responses['400']!.content!['application/problem+json']).toBeDefined();
    // The embedded schemas compile (Ajv, draft 2020-12 as OpenAPI 3.1 uses).
    getAjv().compile(score.responses['200']!.content!['application/json']!.schema);
    const put = doc.paths['/api/v1/indices/{id}/versions/{version}']!.put!;
    expect(JSON.stringify(put.requestBody)).toContain('"pillars"');
  });

  it('serves the interactive docs at /docs', async () => {
    const r = await fetch(`${base}/docs`, { redirect: 'follow' });
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/swagger/i);
  });
});

describe('the designer build at /designer/ and the portal build at /', () => {
  it('serves their files, and each app’s index.html for its client-side routes, but never for /api', async () => {
    const root = await fetch(`${base}/designer/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('DBI designer');
    const asset = await fetch(`${base}/designer/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('designer');
    const deep = await fetch(`${base}/designer/indices/large/1.0.0`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await deep.text()).toContain('DBI designer');
    const portalRoot = await fetch(`${base}/`);
    expect(portalRoot.status).toBe(200);
    expect(await portalRoot.text()).toContain('DBI portal');
    expect(await (await fetch(`${base}/assets/portal.js`)).text()).toContain('portal');
    // The designer's files are not at the top any more.
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(404);
    for (const page of ['/verify/DBI-2026-1', '/indices/large/1.0.0', '/assessments/abc']) {
      const r = await fetch(`${base}${page}`, { headers: { accept: 'text/html' } });
      expect(r.status, page).toBe(200);
      expect(await r.text(), page).toContain('DBI portal');
    }
    const api = await fetch(`${base}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
