// Rate limits: per key, per anonymous IP, and a small budget of failed authentications per IP after which keyed
// requests from that address are refused before any lookup — 429 problem+json with Retry-After.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '@dbi/storage';
import { buildServer } from '../src/index.js';
import { BOOTSTRAP, testDatabase } from './helpers.js';

let app: Awaited<ReturnType<typeof buildServer>>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-rate-'));
  const { db, drop } = await testDatabase(dir);
  app = await buildServer(
    {
      dbFile: db,
      bootstrapKey: BOOTSTRAP,
      designerDist: join(dir, 'none'),
      rateLimits: { perKey: 5, perIp: 3, authFailures: 4 },
    },
    { logger: false },
  );
  cleanup = async () => {
    await app.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  };
});
afterAll(async () => {
  await cleanup();
});

const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'GET', url, headers, remoteAddress });

const expect429 = (r: Awaited<ReturnType<typeof get>>) => {
  expect(r.statusCode).toBe(429);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(r.json().type).toBe('https://dbi.example/problems/too-many-requests');
  const after = Number(r.headers['retry-after']);
  expect(after).toBeGreaterThanOrEqual(1);
  expect(after).toBeLessThanOrEqual(60);
};

describe('rate limits', () => {
  it('anonymous callers: 3 a minute per IP, then 429 with Retry-After; another IP has its own budget', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/health', {}, '10.0.0.1')).statusCode).toBe(200);
    expect429(await get('/api/v1/health', {}, '10.0.0.1'));
    expect((await get('/api/v1/health', {}, '10.0.0.2')).statusCode).toBe(200);
  });

  it('keys: 5 a minute per key wherever they call from; another key has its own budget', async () => {
    const a = (await issueApiKey(app.storage, { name: 'a', role: 'integrator' }, undefined, app.keySecret)).key;
    const b = (await issueApiKey(app.storage, { name: 'b', role: 'integrator' }, undefined, app.keySecret)).key;
    for (let i = 0; i < 5; i++)
      expect((await get('/api/v1/me', { authorization: `Bearer ${a}` }, `10.1.0.${i}`)).statusCode).toBe(200);
    expect429(await get('/api/v1/me', { authorization: `Bearer ${a}` }, '10.1.0.9'));
    expect((await get('/api/v1/me', { authorization: `Bearer ${b}` }, '10.1.0.9')).statusCode).toBe(200);
  });

  it('failed authentications: after 4 from one IP, even a valid key from there gets 429 (not 401, not 200)', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 4; i++)
      expect((await get('/api/v1/me', { authorization: `Bearer dbi_wrong${i}` }, ip)).statusCode).toBe(401);
    expect429(await get('/api/v1/me', { authorization: 'Bearer dbi_wrong-again' }, ip));
    expect429(await get('/api/v1/me', { authorization: `Bearer ${BOOTSTRAP}` }, ip));
    expect((await get('/api/v1/me', { authorization: `Bearer ${BOOTSTRAP}` }, '10.2.0.2')).statusCode).toBe(200);
  });
});

describe('rate limit settings', () => {
  it('DBI_RATE_PER_KEY, DBI_RATE_PER_IP, DBI_RATE_AUTH_FAILURES are positive integers per minute', async () => {
    const { readConfig } = await import('../src/config.js');
    expect(readConfig({ DBI_RATE_PER_KEY: '100', DBI_RATE_AUTH_FAILURES: '5' }).rateLimits).toEqual({
      perKey: 100,
      authFailures: 5,
    });
    expect(readConfig({}).rateLimits).toEqual({});
    expect(() => readConfig({ DBI_RATE_PER_IP: '0' })).toThrow(/DBI_RATE_PER_IP/);
    expect(() => readConfig({ DBI_RATE_PER_IP: '1.5' })).toThrow(/positive integer/);
  });
});
