// Security headers on every kind of answer (API JSON, problem+json, /docs, the portal's and the designer's pages)
// and CORS only for the configured origins.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { buildServer } from '../src/index.js';
import { BOOTSTRAP, testDatabase } from './helpers.js';

type App = Awaited<ReturnType<typeof buildServer>>;
const made: { app: App; done: () => Promise<void> }[] = [];

async function make(corsOrigins?: string[]): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-headers-'));
  const { db, drop } = await testDatabase(dir);
  const designerDist = join(dir, 'designer');
  mkdirSync(designerDist);
  writeFileSync(join(designerDist, 'index.html'), '<!doctype html><title>designer</title>');
  const portalDist = join(dir, 'portal');
  mkdirSync(portalDist);
  writeFileSync(join(portalDist, 'index.html'), '<!doctype html><title>portal</title>');
  const app = await buildServer(
    { dbFile: db, bootstrapKey: BOOTSTRAP, designerDist, portalDist, corsOrigins },
    { logger: false },
  );
  made.push({
    app,
    done: async () => {
      await app.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return app;
}

let plain: App;
let withCors: App;
beforeAll(async () => {
  plain = await make();
  withCors = await make(['https://portal.example.gov.vn']);
});
afterAll(async () => {
  for (const m of made) await m.done();
});

describe('security headers', () => {
  it('on the API, problems, /docs, the portal and the designer: CSP without framing, nosniff, no referrer, deny frames', async () => {
    const designerPages = ['/designer/', '/designer/indices/large/1.0.0', '/designer'];
    const portalPages = ['/', '/some/client/route', '/verify/DBI-2026-1', '/designer-notes'];
    for (const url of ['/api/v1/health', '/api/v1/indices/nope', '/docs/', ...portalPages, ...designerPages]) {
      const r = await plain.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBeLessThan(500);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      // The designer's page compiles its validators in the browser (Ajv: new Function); nothing else may eval —
      // not the portal either.
      const designer = designerPages.includes(url);
      if (designer) expect(csp).toContain("script-src 'self' 'unsafe-eval'");
      else expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});

describe('CORS', () => {
  it('is off unless configured: no Access-Control headers for any origin', async () => {
    const r = await plain.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'https://portal.example.gov.vn' },
    });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await plain.inject({
      method: 'OPTIONS',
      url: '/api/v1/indices',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when configured, allows exactly the listed origins', async () => {
    const ok = await withCors.inject({
      method: 'OPTIONS',
      url: '/api/v1/indices',
      headers: { origin: 'https://portal.example.gov.vn', 'access-control-request-method': 'POST' },
    });
    expect(ok.statusCode).toBeLessThan(300);
    expect(ok.headers['access-control-allow-origin']).toBe('https://portal.example.gov.vn');
    const other = await withCors.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('DBI_CORS_ORIGINS is read as a list of origins; anything else is refused at start', () => {
    expect(readConfig({ DBI_CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
    expect(readConfig({}).corsOrigins).toEqual([]);
    expect(() => readConfig({ DBI_CORS_ORIGINS: '*' })).toThrow(/DBI_CORS_ORIGINS/);
  });
});
