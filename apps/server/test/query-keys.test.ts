// Keys travel only in headers: a key in the query string is refused (400, never served as anonymous) and never
// reaches the log — a URL carrying one is written with the value replaced.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/app.js';
import { buildServer } from '../src/index.js';
import { redactUrl } from '../src/lib/query-keys.js';
import { hashApiKey, issueApiKey } from '@dbi/storage';
import { BACKEND, BOOTSTRAP, testDatabase } from './helpers.js';

const lines: string[] = [];
let app: Awaited<ReturnType<typeof buildServer>>;
let cleanup: () => Promise<void>;
let dbFile: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-query-keys-'));
  const { db, drop } = await testDatabase(dir);
  dbFile = db;
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  app = await buildServer(
    { dbFile: db, bootstrapKey: BOOTSTRAP, designerDist: join(dir, 'none') },
    { logger: { ...loggerOptions('info'), stream } },
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

describe('API keys in the query string', () => {
  it('are refused with 400 and a pointer to the parameter, on public and keyed routes alike', async () => {
    const cases: [string, string][] = [
      [`/api/v1/me?key=${BOOTSTRAP}`, '/key'],
      [`/api/v1/indices?api_key=${BOOTSTRAP}`, '/api_key'],
      [`/api/v1/indices/large/versions/1.0.0?ACCESS_TOKEN=x`, '/ACCESS_TOKEN'],
      [`/api/v1/health?q=dbi_abcdefghijklmnopqrstuvwxyz`, '/q'],
    ];
    for (const [url, pointer] of cases) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().errors).toEqual([expect.objectContaining({ pointer, in: 'query', code: 'key-in-query' })]);
    }
    const scored = await app.inject({
      method: 'POST',
      url: `/api/v1/indices/sme/versions/1.0.0/score?apikey=${BOOTSTRAP}`,
      payload: { answers: {} },
    });
    expect(scored.statusCode).toBe(400);
    // The same key in the header is served.
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${BOOTSTRAP}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('never reach the log', async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: `/api/v1/me?key=${BOOTSTRAP}&x=1` });
    await app.inject({ method: 'GET', url: `/api/v1/indices?token=${encodeURIComponent(BOOTSTRAP)}` });
    const log = lines.join('');
    expect(log).toContain('/api/v1/me?key=[redacted]&x=1');
    expect(log).toContain('/api/v1/indices?token=[redacted]');
    expect(log).not.toContain(BOOTSTRAP);
  });

  it('redactUrl keeps every other parameter as sent', () => {
    expect(redactUrl('/a?from=large%401.0.0&to=x')).toBe('/a?from=large%401.0.0&to=x');
    expect(redactUrl('/a?Api_Key=s&b=dbi_zz&c')).toBe('/a?Api_Key=[redacted]&b=[redacted]&c');
    expect(redactUrl('/a?key=%E0%A4%A')).toBe('/a?key=[redacted]');
    expect(redactUrl('/a')).toBe('/a');
  });
});

describe('stored key hashes are keyed with the server key secret', () => {
  it('the bootstrap key is stored as HMAC-SHA256, not plain sha256; the secret file sits beside the database', async () => {
    expect(app.keySecret.length).toBeGreaterThanOrEqual(32);
    expect(await app.storage.keys.findActiveByHash(hashApiKey(BOOTSTRAP, app.keySecret))).toBeDefined();
    expect(await app.storage.keys.findActiveByHash(hashApiKey(BOOTSTRAP))).toBeUndefined();
    if (BACKEND === 'sqlite') {
      const file = join(dbFile, '..', 'key-secret');
      expect(readFileSync(file, 'utf8').trim()).toBe(app.keySecret);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('keys stored before the key secret existed (plain sha256) keep working', async () => {
    const legacy = await issueApiKey(app.storage, { name: 'old', role: 'integrator' });
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${legacy.key}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(legacy.info.id);
    const wrong = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer dbi_nope' } });
    expect(wrong.statusCode).toBe(401);
  });
});
