import { describe, expect, it } from 'vitest';
import { ApiError, createRawRequest, createRequest, isUnsafe } from './http.js';
import { createTranslator } from './i18n.js';

/** A fetch that answers one canned response and records what it was asked. */
function fake(status: number, body: string, contentType = 'application/json') {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': contentType } });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe('createRequest', () => {
  it('sends JSON with the per-method headers and returns the parsed answer', async () => {
    const f = fake(200, '{"ok":true}');
    const request = createRequest({
      fetchImpl: f.fetchImpl,
      headers: (m): Record<string, string> => (isUnsafe(m) ? { 'x-csrf-token': 'tok' } : {}),
    });
    expect(await request('PUT', '/x', { a: 1 })).toEqual({ ok: true });
    expect(await request('GET', '/y')).toEqual({ ok: true });
    expect(f.calls[0]!.url).toBe('/api/v1/x');
    const put = f.calls[0]!.init.headers as Record<string, string>;
    expect(put['x-csrf-token']).toBe('tok');
    expect(put['content-type']).toBe('application/json');
    expect(f.calls[0]!.init.body).toBe('{"a":1}');
    expect((f.calls[1]!.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect(f.calls[1]!.init.credentials).toBe('same-origin');
  });

  it('turns a problem+json answer into an ApiError with its fields', async () => {
    const problem = {
      type: 'x',
      title: 'Invalid input',
      status: 400,
      detail: 'bad',
      errors: [{ pointer: '/a', detail: 'a is wrong' }],
    };
    const f = fake(400, JSON.stringify(problem), 'application/problem+json');
    const err = await createRequest({ fetchImpl: f.fetchImpl })('POST', '/x', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).problem?.errors?.[0]?.detail).toBe('a is wrong');
    expect((err as ApiError).message).toBe('Invalid input: bad');
  });

  it('a non-JSON failure and an unreachable server are errors too, not crashes', async () => {
    const f = fake(502, '<html>bad gateway</html>', 'text/html');
    const e1 = await createRequest({ fetchImpl: f.fetchImpl })('GET', '/x').catch((e: unknown) => e);
    expect((e1 as ApiError).status).toBe(502);
    expect((e1 as ApiError).problem).toBeUndefined();
    const down = (async () => {
      throw new TypeError('connection refused');
    }) as unknown as typeof fetch;
    const e2 = await createRequest({ fetchImpl: down })('GET', '/x').catch((e: unknown) => e);
    expect((e2 as ApiError).status).toBe(0);
    expect((e2 as ApiError).message).toContain('connection refused');
  });
});

describe('createTranslator', () => {
  it('fills placeholders in the chosen language', () => {
    const t = createTranslator({ en: { hi: 'Hello {name}' }, vi: { hi: 'Xin chào {name}' } });
    expect(t('vi', 'hi', { name: 'An' })).toBe('Xin chào An');
    expect(t('en', 'hi', { name: 'An' })).toBe('Hello An');
  });
});

describe('createRawRequest', () => {
  it('sends a file as it is and hands back the Response; a problem+json failure is an ApiError', async () => {
    const f = fake(200, 'PK\u0003\u0004', 'application/octet-stream');
    const raw = createRawRequest({ fetchImpl: f.fetchImpl, headers: () => ({ 'x-csrf-token': 'tok' }) });
    const file = new Blob(['a,b\n1,2\n'], { type: 'text/csv' });
    const res = await raw('POST', '/import', file, { contentType: 'text/csv', accept: 'text/csv' });
    expect(await res.text()).toBe('PK\u0003\u0004');
    const sent = f.calls[0]!.init;
    expect(sent.body).toBe(file);
    const headers = sent.headers as Record<string, string>;
    expect(headers['content-type']).toBe('text/csv');
    expect(headers.accept).toBe('text/csv, application/json, application/problem+json');
    expect(headers['x-csrf-token']).toBe('tok');

    const bad = fake(400, JSON.stringify({ type: 'x', title: 'Invalid input', status: 400, detail: 'cell B2' }));
    const err = await createRawRequest({ fetchImpl: bad.fetchImpl })('POST', '/import', file).catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).message).toBe('Invalid input: cell B2');
  });
});
