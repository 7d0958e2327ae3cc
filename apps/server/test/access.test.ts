// One test per role boundary: each role is refused exactly where it must be (and let through where it may, so
// a refusal is never an accident of a broken route).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
const SCORE = { answers: { '1.1.1': 3 } };

beforeAll(async () => {
  t = await makeApp();
  // large@1.1.0: a national draft; large-agri: the agriculture ministry's variant (a draft and a published version).
  expect(
    (
      await call(t, 'POST', '/api/v1/indices/large/versions', {
        as: 'ministry-editor',
        body: { from: '1.0.0', version: '1.1.0' },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call(t, 'POST', '/api/v1/indices', {
        as: 'sector-ministry',
        body: { id: 'large-agri', from: 'large@1.0.0', version: '1.0.0' },
      })
    ).status,
  ).toBe(201);
  expect(
    (await call(t, 'POST', '/api/v1/indices/large-agri/versions/1.0.0/publish', { as: 'sector-ministry' })).status,
  ).toBe(200);
  expect(
    (
      await call(t, 'POST', '/api/v1/indices/large-agri/versions', {
        as: 'sector-ministry',
        body: { from: '1.0.0', version: '1.1.0' },
      })
    ).status,
  ).toBe(201);
});
afterAll(async () => {
  await t.close();
});

const draftOf = async (id: string, version: string) =>
  (await call(t, 'GET', `/api/v1/indices/${id}/versions/${version}`, { as: 'ministry-publisher' })).body.definition;

describe('no key, bad key', () => {
  it('no key → 401 on every route that needs one', async () => {
    const refused = [
      call(t, 'POST', '/api/v1/indices/large/versions', { body: { from: '1.0.0', version: '1.2.0' } }),
      call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { body: {} }),
      call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/publish'),
      call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/deprecate'),
      call(t, 'POST', '/api/v1/indices', { body: { id: 'large-x', from: 'large@1.0.0', version: '1.0.0' } }),
      call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score', { body: SCORE }),
      call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score/batch', { body: { inputs: [SCORE] } }),
      call(t, 'GET', '/api/v1/indices/large/versions/1.1.0'),
      call(t, 'GET', '/api/v1/audit'),
      call(t, 'GET', '/api/v1/me'),
    ];
    for (const r of await Promise.all(refused)) {
      expectProblem(r, 401, 'unauthenticated');
      expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('reads of published indices need no key', async () => {
    expect((await call(t, 'GET', '/api/v1/indices')).status).toBe(200);
    expect((await call(t, 'GET', '/api/v1/indices/large/versions/1.0.0')).status).toBe(200);
    expect((await call(t, 'GET', '/api/v1/diff?from=large@1.0.0&to=large-agri@1.0.0')).status).toBe(200);
  });

  it('an unknown, malformed or revoked key → 401, even on public reads (never silently anonymous)', async () => {
    expectProblem(await call(t, 'GET', '/api/v1/indices', { key: 'dbi_not-a-real-key-0000000000000000' }), 401);
    expectProblem(await call(t, 'GET', '/api/v1/indices', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401);
    expectProblem(
      await call(t, 'GET', '/api/v1/indices', { headers: { 'x-api-key': 'wrong-key-wrong-key-wrong-key' } }),
      401,
    );
    const { issueApiKey } = await import('@dbi/storage');
    const { key, info } = await issueApiKey(t.app.storage, { name: 'temp', role: 'integrator' });
    expect((await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score', { key, body: SCORE })).status).toBe(
      200,
    );
    await t.app.storage.keys.revoke(info.id, { id: 'test', name: 'test' });
    expectProblem(await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score', { key, body: SCORE }), 401);
  });

  it('x-api-key works like Authorization: Bearer', async () => {
    const r = await call(t, 'GET', '/api/v1/me', { headers: { 'x-api-key': t.keys.integrator } });
    expect(r.body).toMatchObject({ role: 'integrator', name: 'bank', scope: null });
  });
});

describe('ministry-editor', () => {
  it('edits drafts of any index but cannot publish or deprecate', async () => {
    const def = await draftOf('large', '1.1.0');
    expect(
      (await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: def })).status,
    ).toBe(200);
    expect(
      (
        await call(t, 'PUT', '/api/v1/indices/large-agri/versions/1.1.0', {
          as: 'ministry-editor',
          body: await draftOf('large-agri', '1.1.0'),
        })
      ).status,
    ).toBe(200);
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/publish', { as: 'ministry-editor' }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/deprecate', { as: 'ministry-editor' }),
      403,
      'forbidden',
    );
    expect((await call(t, 'GET', '/api/v1/audit', { as: 'ministry-editor' })).status).toBe(200);
  });
});

describe('ministry-publisher', () => {
  it('publishes and deprecates any index (checked on a variant so national indices stay as they are)', async () => {
    expect(
      (
        await call(t, 'POST', '/api/v1/indices', {
          as: 'ministry-publisher',
          body: { id: 'sme-pilot', from: 'sme@1.0.0', version: '1.0.0' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(t, 'POST', '/api/v1/indices/sme-pilot/versions/1.0.0/publish', { as: 'ministry-publisher' })).status,
    ).toBe(200);
    expect(
      (await call(t, 'POST', '/api/v1/indices/sme-pilot/versions/1.0.0/deprecate', { as: 'ministry-publisher' }))
        .status,
    ).toBe(200);
  });
});

describe('sector-ministry', () => {
  it('cannot create, edit or publish versions of a national index', async () => {
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions', {
        as: 'sector-ministry',
        body: { from: '1.0.0', version: '1.5.0' },
      }),
      403,
    );
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
        as: 'sector-ministry',
        body: await draftOf('large', '1.1.0'),
      }),
      403,
    );
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/publish', { as: 'sector-ministry' }),
      403,
    );
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/deprecate', { as: 'sector-ministry' }),
      403,
    );
    expectProblem(await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0', { as: 'sector-ministry' }), 403);
  });

  it('cannot fork into an id outside its scope', async () => {
    expectProblem(
      await call(t, 'POST', '/api/v1/indices', {
        as: 'sector-ministry',
        body: { id: 'trade-large', from: 'large@1.0.0', version: '1.0.0' },
      }),
      403,
    );
  });

  it('cannot touch another ministry’s variant', async () => {
    const other = 'other-sector' as const; // scope trade-*
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large-agri/versions', {
        as: other,
        body: { from: '1.0.0', version: '1.9.0' },
      }),
      403,
    );
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large-agri/versions/1.1.0', {
        as: other,
        body: await draftOf('large-agri', '1.1.0'),
      }),
      403,
    );
    expectProblem(await call(t, 'POST', '/api/v1/indices/large-agri/versions/1.1.0/publish', { as: other }), 403);
    expectProblem(await call(t, 'POST', '/api/v1/indices/large-agri/versions/1.0.0/deprecate', { as: other }), 403);
    expectProblem(await call(t, 'GET', '/api/v1/indices/large-agri/versions/1.1.0', { as: other }), 403);
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large-agri/versions/1.1.0/score', { as: other, body: SCORE }),
      403,
    );
  });

  it('may edit its own variant and score its draft; not read the audit log', async () => {
    expect(
      (
        await call(t, 'PUT', '/api/v1/indices/large-agri/versions/1.1.0', {
          as: 'sector-ministry',
          body: await draftOf('large-agri', '1.1.0'),
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(t, 'POST', '/api/v1/indices/large-agri/versions/1.1.0/score', { as: 'sector-ministry', body: SCORE }))
        .status,
    ).toBe(200);
    expectProblem(await call(t, 'GET', '/api/v1/audit', { as: 'sector-ministry' }), 403);
  });
});

describe.each(['provincial-department', 'consultant', 'enterprise', 'integrator'] as const)('%s', (role) => {
  it('can read and score published versions', async () => {
    expect(
      (await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score', { as: role, body: SCORE })).status,
    ).toBe(200);
    expect((await call(t, 'GET', '/api/v1/indices/large-agri/versions/1.0.0', { as: role })).status).toBe(200);
  });

  it('cannot write to the registry, read or score drafts, or read the audit log', async () => {
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions', { as: role, body: { from: '1.0.0', version: '1.7.0' } }),
      403,
    );
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: role, body: await draftOf('large', '1.1.0') }),
      403,
    );
    expectProblem(await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/publish', { as: role }), 403);
    expectProblem(await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/deprecate', { as: role }), 403);
    expectProblem(
      await call(t, 'POST', '/api/v1/indices', {
        as: role,
        body: { id: 'large-mine', from: 'large@1.0.0', version: '1.0.0' },
      }),
      403,
    );
    expectProblem(await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0', { as: role }), 403);
    expectProblem(await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/score', { as: role, body: SCORE }), 403);
    expectProblem(await call(t, 'GET', '/api/v1/diff?from=large@1.0.0&to=large@1.1.0', { as: role }), 403);
    expectProblem(await call(t, 'GET', '/api/v1/audit', { as: role }), 403);
    const list = await call(t, 'GET', '/api/v1/indices', { as: role });
    const large = list.body.indices.find((i: { id: string }) => i.id === 'large');
    expect(large.versions.map((v: { status: string }) => v.status)).not.toContain('draft');
  });
});
