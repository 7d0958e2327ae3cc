// Accounts for people over HTTP, on a real server and database (both backends): registration → a pending tax-code
// binding → the department approves → the enterprise acts for its own tax code only; lockout; CSRF; the cookie's
// flags; password change and admin reset; disabling; consultant recognition; keys made by their owners.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
  // Enterprises on record (the Ministry's key), with their provinces: Hà Nội (01) and TP. Hồ Chí Minh (79).
  // Check digits worked out by hand (Circular 105/2020: weights 31 29 23 19 17 13 7 5 3, 10 − sum mod 11):
  // 0100109106 → 114 mod 11 = 4 → 6; 0309876547 → 564 mod 11 = 3 → 7.
  for (const [taxCode, province] of [
    ['0100109106', '01'],
    ['0309876547', '79'],
  ])
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/enterprises',
          headers: bearer(t.keys['ministry-publisher']),
          payload: {
            taxCode,
            name: `Công ty ${taxCode}`,
            province,
            industry: 'G',
            sector: 'trade-services',
            employees: 8,
            revenueVnd: 5_000_000_000,
          },
        })
      ).statusCode,
    ).toBe(201);
});
afterAll(async () => {
  await t.close();
});

const PASSWORD = 'mật khẩu đủ dài 2026';
let ip = 0;
/** Each test calls from its own address, so the per-address budgets of one test do not spend another's. */
const nextIp = () => `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;

interface Session {
  cookie: string;
  csrf: string;
  account: any;
  setCookie: string;
}

async function send(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  opts: { session?: Session; csrf?: string | null; key?: string; body?: unknown; ip?: string; lang?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.session) headers.cookie = opts.session.cookie;
  const csrf = opts.csrf === undefined ? opts.session?.csrf : opts.csrf;
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
  if (opts.key) Object.assign(headers, bearer(opts.key));
  if (opts.lang) headers['accept-language'] = opts.lang;
  const r = await t.app.inject({
    method,
    url,
    headers,
    remoteAddress: opts.ip ?? '127.0.0.1',
    ...(opts.body === undefined ? {} : { payload: opts.body as object }),
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined, headers: r.headers };
}

async function signIn(email: string, password = PASSWORD, ip = nextIp()): Promise<Session> {
  const r = await send('POST', '/api/v1/auth/sign-in', { body: { email, password }, ip });
  if (r.status !== 200) throw new Error(`sign-in ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  const setCookie = String(r.headers['set-cookie']);
  const value = /dbi_session=([^;]+)/.exec(setCookie)![1]!;
  return { cookie: `dbi_session=${value}`, csrf: r.body.csrfToken, account: r.body.account, setCookie };
}

const register = (body: Record<string, unknown>, ip = nextIp()) =>
  send('POST', '/api/v1/auth/register', { body: { password: PASSWORD, name: 'Nguyễn Văn An', ...body }, ip });

/** A staff account made by the Ministry, its one-time password changed to PASSWORD; signed in. */
async function staff(email: string, role: string, scope?: string): Promise<Session> {
  const made = await send('POST', '/api/v1/accounts', {
    key: t.keys['ministry-publisher'],
    body: { email, name: email, role, ...(scope ? { scope } : {}) },
  });
  expect(made.status).toBe(201);
  const first = await signIn(email, made.body.oneTimePassword);
  expect(first.account.mustChangePassword).toBe(true);
  const changed = await send('POST', '/api/v1/auth/password', {
    session: first,
    body: { oldPassword: made.body.oneTimePassword, newPassword: PASSWORD },
  });
  expect(changed.status).toBe(200);
  return first;
}

describe('registration and the tax-code binding', () => {
  it('a tax code with a wrong check digit is refused naming the field, in the caller’s language; nothing is stored', async () => {
    const r = await register({ kind: 'enterprise', email: 'sai@example.vn', taxCode: '0100109107', lang: 'vi' });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.body.errors[0]).toMatchObject({ pointer: '/taxCode', code: 'tax-code-check-digit', in: 'body' });
    expect(r.body.errors[0].detail).toMatch(/phải là 6, không phải 7/);
    const en = await register({ kind: 'enterprise', email: 'sai@example.vn', taxCode: '0100109107', lang: 'en' });
    expect(en.body.errors[0].detail).toMatch(/should be 6, not 7/);
    expect(
      (await send('POST', '/api/v1/auth/sign-in', { body: { email: 'sai@example.vn', password: PASSWORD } })).status,
    ).toBe(401);
    const missing = await register({ kind: 'enterprise', email: 'thieu@example.vn' });
    expect(missing.body.errors[0]).toMatchObject({ pointer: '/taxCode', code: 'tax-code-missing' });
    const weak = await register({ kind: 'consultant', email: 'yeu@example.vn', password: 'ngắn', lang: 'vi' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0]).toMatchObject({ pointer: '/password', code: 'password-too-short' });
    expect(weak.body.errors[0].detail).toMatch(/ít nhất 10 ký tự/);
  });

  it('registration → pending → the department of the province approves → the enterprise acts for its own tax code only', async () => {
    const reg = await register({ kind: 'enterprise', email: 'Giam.Doc@CongTy.vn', taxCode: ' 0100109106 ' });
    expect(reg.status).toBe(201);
    expect(reg.body.account).toEqual({
      id: expect.stringMatching(/^acc_[0-9a-f]{16}$/),
      email: 'giam.doc@congty.vn',
      name: 'Nguyễn Văn An',
      role: 'enterprise',
      scope: null,
      binding: { taxCode: '0100109106', status: 'pending' },
    });
    const id = reg.body.account.id;
    expect((await register({ kind: 'consultant', email: 'GIAM.DOC@congty.vn' })).status).toBe(409);

    const s = await signIn('giam.doc@congty.vn');
    expect(s.account.binding.status).toBe('pending');
    // Pending: no enterprise scope, so not its own record yet (one answer for absent and not yours: 404).
    expect((await send('GET', '/api/v1/enterprises/0100109106', { session: s })).status).toBe(404);

    // The department of another province may neither see nor decide it; the Hà Nội department may.
    const hcm = await staff('so79@example.vn', 'provincial-department', '79');
    expect(
      (await send('PUT', `/api/v1/accounts/${id}/binding`, { session: hcm, body: { status: 'approved' } })).status,
    ).toBe(404);
    const hanoiList = await send('GET', '/api/v1/accounts?binding=pending', { key: t.keys['provincial-department'] });
    expect(hanoiList.body.items.map((a: any) => a.id)).toContain(id);
    expect(
      (await send('GET', '/api/v1/accounts?binding=pending', { session: hcm })).body.items.map((a: any) => a.id),
    ).not.toContain(id);
    const approved = await send('PUT', `/api/v1/accounts/${id}/binding`, {
      key: t.keys['provincial-department'],
      body: { status: 'approved' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ scope: '0100109106', binding: { status: 'approved', decidedBy: 'hanoi' } });

    // The same session now acts for 0100109106, and only for it.
    const now = await send('GET', '/api/v1/auth/session', { session: s });
    expect(now.body.account).toMatchObject({ scope: '0100109106', binding: { status: 'approved' } });
    expect((await send('GET', '/api/v1/enterprises/0100109106', { session: s })).status).toBe(200);
    expect((await send('GET', '/api/v1/enterprises/0309876547', { session: s })).status).toBe(404);
    expect((await send('GET', '/api/v1/me', { session: s })).body).toEqual({
      id,
      name: 'giam.doc@congty.vn',
      role: 'enterprise',
      scope: '0100109106',
    });

    // A refusal needs a reason and takes the scope away at once.
    const noReason = await send('PUT', `/api/v1/accounts/${id}/binding`, {
      key: t.keys['ministry-publisher'],
      body: { status: 'refused' },
    });
    expect(noReason.body.errors[0]).toMatchObject({ pointer: '/reason', code: 'reason-required' });
    await send('PUT', `/api/v1/accounts/${id}/binding`, {
      key: t.keys['ministry-publisher'],
      body: { status: 'refused', reason: 'không phải người đại diện' },
    });
    expect((await send('GET', '/api/v1/enterprises/0100109106', { session: s })).status).toBe(404); // refused: no scope, absent and not yours answer alike
  });

  it('a consultant acts as one only once the Ministry recognises it', async () => {
    expect(
      (
        await send('POST', '/api/v1/consultants', {
          key: t.keys['ministry-publisher'],
          body: { id: 'tv-an', name: 'An', organisation: 'Viện', employers: [] },
        })
      ).status,
    ).toBe(201);
    const reg = await register({ kind: 'consultant', email: 'tu.van@example.vn' });
    expect(reg.body.account).toMatchObject({ role: 'consultant', scope: null });
    const s = await signIn('tu.van@example.vn');
    expect((await send('GET', '/api/v1/consultants/tv-an', { session: s })).status).toBe(403);
    const other = await staff('so01-tv@example.vn', 'provincial-department', '01');
    expect(
      (
        await send('PUT', `/api/v1/accounts/${reg.body.account.id}/consultant`, {
          session: other,
          body: { consultantId: 'tv-an' },
        })
      ).status,
    ).toBe(403);
    const ok = await send('PUT', `/api/v1/accounts/${reg.body.account.id}/consultant`, {
      key: t.keys['ministry-publisher'],
      body: { consultantId: 'tv-an' },
    });
    expect(ok.body).toMatchObject({ scope: 'tv-an', consultantId: 'tv-an' });
    expect((await send('GET', '/api/v1/consultants/tv-an', { session: s })).status).toBe(200);
    await send('PUT', `/api/v1/accounts/${reg.body.account.id}/consultant`, {
      key: t.keys['ministry-publisher'],
      body: { consultantId: null },
    });
    expect((await send('GET', '/api/v1/consultants/tv-an', { session: s })).status).toBe(403);
  });
});

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Lax session cookie (not Secure over plain http) and answers the same CSRF token as the session', async () => {
    await register({ kind: 'consultant', email: 'cookie@example.vn' });
    const s = await signIn('cookie@example.vn');
    expect(s.setCookie).toMatch(/^dbi_session=[A-Za-z0-9_-]{43};/);
    expect(s.setCookie).toMatch(/; HttpOnly/);
    expect(s.setCookie).toMatch(/; SameSite=Lax/);
    expect(s.setCookie).toMatch(/; Path=\//);
    expect(s.setCookie).toMatch(/; Max-Age=43200/);
    expect(s.setCookie).not.toMatch(/Secure/);
    const session = await send('GET', '/api/v1/auth/session', { session: s });
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(s.csrf);
    expect((await send('GET', '/api/v1/auth/session')).status).toBe(401);
    expect(
      (await send('GET', '/api/v1/auth/session', { session: { ...s, cookie: 'dbi_session=forged' } })).status,
    ).toBe(401);
  });

  it('one answer for an unknown e-mail and a wrong password; locked after 5 wrong passwords in a row, even for the right one', async () => {
    await register({ kind: 'consultant', email: 'khoa@example.vn' });
    const ip = nextIp();
    const unknown = await send('POST', '/api/v1/auth/sign-in', {
      body: { email: 'ai@example.vn', password: PASSWORD },
      ip,
    });
    const wrong = await send('POST', '/api/v1/auth/sign-in', {
      body: { email: 'khoa@example.vn', password: 'sai mật khẩu rồi' },
      ip,
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.type).toBe(unknown.body.type);
    for (let i = 2; i <= 5; i++) {
      const r = await send('POST', '/api/v1/auth/sign-in', {
        body: { email: 'khoa@example.vn', password: `sai lần thứ ${i}` },
        ip: nextIp(), // the lockout is per account, wherever the guesses come from
      });
      expect(r.status).toBe(401);
    }
    const locked = await send('POST', '/api/v1/auth/sign-in', {
      body: { email: 'khoa@example.vn', password: PASSWORD },
      ip: nextIp(),
    });
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers['retry-after']);
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });

  it('a flood of sign-ins from one address is refused with 429 before any password is checked', async () => {
    const ip = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++)
      codes.push(
        (await send('POST', '/api/v1/auth/sign-in', { body: { email: `x${i}@example.vn`, password: PASSWORD }, ip }))
          .status,
      );
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
  });
});

describe('sessions', () => {
  it('refuse an unsafe request without the session’s CSRF token, or with another session’s; a key needs none', async () => {
    await register({ kind: 'consultant', email: 'csrf@example.vn' });
    const a = await signIn('csrf@example.vn');
    const b = await signIn('csrf@example.vn');
    const body = { name: 'my key' };
    const none = await send('POST', '/api/v1/keys', { session: a, csrf: null, body });
    expect(none.status).toBe(403);
    expect(none.body.errors[0]).toMatchObject({ pointer: '/x-csrf-token', in: 'header', code: 'csrf-token' });
    expect((await send('POST', '/api/v1/keys', { session: a, csrf: b.csrf, body })).status).toBe(403);
    expect((await send('POST', '/api/v1/auth/sign-out', { session: a, csrf: null })).status).toBe(403);
    expect((await send('GET', '/api/v1/auth/session', { session: a, csrf: null })).status).toBe(200);
    expect((await send('POST', '/api/v1/keys', { session: a, body })).status).toBe(201);
    expect(
      (await send('PUT', '/api/v1/consultants/none', { key: t.keys['ministry-editor'], body: {} })).status,
    ).not.toBe(403);
  });

  it('sign-out ends the session at once', async () => {
    await register({ kind: 'consultant', email: 'ra@example.vn' });
    const s = await signIn('ra@example.vn');
    const out = await send('POST', '/api/v1/auth/sign-out', { session: s });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/dbi_session=;/);
    expect((await send('GET', '/api/v1/auth/session', { session: s })).status).toBe(401);
  });

  it('a password change needs the current password and ends every other session of the account', async () => {
    await register({ kind: 'consultant', email: 'doi@example.vn' });
    const a = await signIn('doi@example.vn');
    const b = await signIn('doi@example.vn');
    const wrong = await send('POST', '/api/v1/auth/password', {
      session: a,
      body: { oldPassword: 'không phải mật khẩu', newPassword: 'mật khẩu mới 2027' },
      lang: 'en',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ pointer: '/oldPassword', code: 'password-wrong' });
    expect((await send('GET', '/api/v1/auth/session', { session: b })).status).toBe(200);
    const ok = await send('POST', '/api/v1/auth/password', {
      session: a,
      body: { oldPassword: PASSWORD, newPassword: 'mật khẩu mới 2027' },
    });
    expect(ok.status).toBe(200);
    expect((await send('GET', '/api/v1/auth/session', { session: a })).status).toBe(200);
    expect((await send('GET', '/api/v1/auth/session', { session: b })).status).toBe(401);
    expect(
      (
        await send('POST', '/api/v1/auth/sign-in', {
          body: { email: 'doi@example.vn', password: PASSWORD },
          ip: nextIp(),
        })
      ).status,
    ).toBe(401);
    await signIn('doi@example.vn', 'mật khẩu mới 2027');
  });

  it('a disabled account is refused at once: its sessions, its keys and its sign-in', async () => {
    const s = await staff('tat@example.vn', 'integrator');
    const key = await send('POST', '/api/v1/keys', { session: s, body: { name: 'batch' } });
    expect((await send('GET', '/api/v1/me', { key: key.body.key })).status).toBe(200);
    const off = await send('PUT', `/api/v1/accounts/${s.account.id}/status`, {
      key: t.keys['ministry-publisher'],
      body: { status: 'disabled' },
    });
    expect(off.body.status).toBe('disabled');
    expect((await send('GET', '/api/v1/auth/session', { session: s })).status).toBe(401);
    expect((await send('GET', '/api/v1/me', { session: s })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100)); // keys are remembered for up to 1 s (storage's key cache)
    expect((await send('GET', '/api/v1/me', { key: key.body.key })).status).toBe(401);
    const again = await send('POST', '/api/v1/auth/sign-in', {
      body: { email: 'tat@example.vn', password: PASSWORD },
      ip: nextIp(),
    });
    expect(again.status).toBe(401);
  });

  it('after an admin reset, the account may only change its password; every other session has ended', async () => {
    const s = await staff('quen@example.vn', 'ministry-editor');
    const reset = await send('POST', `/api/v1/accounts/${s.account.id}/password-reset`, {
      key: t.keys['ministry-publisher'],
      body: {},
    });
    expect(reset.status).toBe(200);
    expect(reset.body.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await send('GET', '/api/v1/auth/session', { session: s })).status).toBe(401);
    const fresh = await signIn('quen@example.vn', reset.body.oneTimePassword);
    // Until the password is changed the session is anonymous everywhere else (public reads still answer).
    expect((await send('GET', '/api/v1/audit', { session: fresh })).status).toBe(401);
    expect((await send('GET', '/api/v1/indices', { session: fresh })).status).toBe(200);
    await send('POST', '/api/v1/auth/password', {
      session: fresh,
      body: { oldPassword: reset.body.oneTimePassword, newPassword: 'một mật khẩu khác 2026' },
    });
    expect((await send('GET', '/api/v1/audit', { session: fresh })).status).toBe(200);
  });

  it('only the Ministry administers accounts', async () => {
    for (const role of ['ministry-editor', 'provincial-department', 'enterprise', 'integrator'] as const)
      expect(
        (
          await send('POST', '/api/v1/accounts', {
            key: t.keys[role],
            body: { email: `${role}@x.vn`, name: 'x', role: 'integrator' },
          })
        ).status,
      ).toBe(role === 'ministry-editor' ? 201 : 403);
    const dept = await send('POST', '/api/v1/accounts', {
      key: t.keys['ministry-publisher'],
      body: { email: 'so@x.vn', name: 'Sở', role: 'provincial-department' },
    });
    expect(dept.body.errors[0]).toMatchObject({ pointer: '/scope' });
    const self = await send('POST', '/api/v1/accounts', {
      key: t.keys['ministry-publisher'],
      body: { email: 'dn@x.vn', name: 'DN', role: 'enterprise' },
    });
    expect(self.body.errors[0]).toMatchObject({ pointer: '/role' });
  });
});

describe('API keys made by their owners', () => {
  it('the secret is shown once; an account lists and revokes only its own; the Ministry may revoke any', async () => {
    const a = await staff('khoa-a@example.vn', 'integrator');
    const b = await staff('khoa-b@example.vn', 'integrator');
    const made = await send('POST', '/api/v1/keys', { session: a, body: { name: 'ngân hàng' } });
    expect(made.status).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.body.key).toMatch(/^dbi_[A-Za-z0-9_-]{43}$/);
    expect(made.body.info).toMatchObject({ role: 'integrator', scope: null, owner: a.account.id, revokedAt: null });
    const listed = await send('GET', '/api/v1/keys', { session: a });
    expect(listed.body.items.map((k: any) => k.id)).toEqual([made.body.info.id]);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.key);
    expect((await send('GET', '/api/v1/keys', { session: b })).body.items).toEqual([]);
    expect((await send('GET', '/api/v1/me', { key: made.body.key })).body).toMatchObject({ role: 'integrator' });
    // Not yours: the same answer as absent.
    expect((await send('DELETE', `/api/v1/keys/${made.body.info.id}`, { session: b })).status).toBe(404);
    expect((await send('DELETE', '/api/v1/keys/key_000000000000', { session: b })).status).toBe(404);
    // A role that is not the account's own is refused naming the field; a key cannot make keys.
    expect(
      (await send('POST', '/api/v1/keys', { session: a, body: { name: 'x', role: 'ministry-publisher' } })).body
        .errors[0],
    ).toMatchObject({
      pointer: '/role',
    });
    expect((await send('POST', '/api/v1/keys', { key: made.body.key, body: { name: 'x' } })).status).toBe(403);
    expect((await send('DELETE', `/api/v1/keys/${made.body.info.id}`, { session: a })).status).toBe(204);
    expect((await send('DELETE', `/api/v1/keys/${made.body.info.id}`, { session: a })).status).toBe(409);
    expect((await send('GET', '/api/v1/me', { key: made.body.key })).status).toBe(401);
    const second = await send('POST', '/api/v1/keys', { session: b, body: { name: 'b' } });
    expect(
      (await send('DELETE', `/api/v1/keys/${second.body.info.id}`, { key: t.keys['ministry-publisher'] })).status,
    ).toBe(204);
  });

  it('an enterprise whose binding is pending cannot make an enterprise key', async () => {
    await register({ kind: 'enterprise', email: 'cho@example.vn', taxCode: '0309876547' });
    const s = await signIn('cho@example.vn');
    const r = await send('POST', '/api/v1/keys', { session: s, body: { name: 'k', role: 'enterprise' } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ pointer: '/role', code: 'scope' });
  });
});

describe('OpenAPI', () => {
  it('documents every account route with the session scheme', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/auth/register',
      '/api/v1/auth/sign-in',
      '/api/v1/auth/sign-out',
      '/api/v1/auth/session',
      '/api/v1/auth/password',
      '/api/v1/accounts',
      '/api/v1/accounts/{id}',
      '/api/v1/accounts/{id}/password-reset',
      '/api/v1/accounts/{id}/status',
      '/api/v1/accounts/{id}/binding',
      '/api/v1/accounts/{id}/consultant',
      '/api/v1/keys',
      '/api/v1/keys/{id}',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: 'dbi_session' });
    // Answers are named component schemas, referred to by the routes.
    for (const name of ['Account', 'SessionInfo', 'AccountRecord', 'AccountList', 'OneTimePassword', 'KeyCreated'])
      expect(Object.keys(doc.components.schemas)).toContain(name);
    expect(doc.components.schemas.SessionInfo.properties.csrfToken.type).toBe('string');
    const signIn = doc.paths['/api/v1/auth/sign-in'].post.responses['200'].content['application/json'].schema;
    expect(signIn.$ref).toBe('#/components/schemas/SessionInfo');
    expect(doc.paths['/api/v1/accounts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'after']),
    );
  });
});
