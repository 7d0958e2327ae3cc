// Decision 1970 §III (seed 003, lines 150–190) played end to end over HTTP on a real port, by people signed in with
// their own sessions (cookie dbi_session + x-csrf-token) — no API key is ever used. The first Ministry account is made
// as `dbi admin create-account` makes it (storage's createAccount, a one-time password to change at first sign-in);
// every other account is made through the API: enterprises and a consultant register themselves, the Ministry creates
// the departments' accounts and recognises the consultant, each department approves the tax-code binding of the
// enterprises of its province.
//
// The cast (tax codes made by tax-codes.ts's withCheckDigit; the check digit of each is worked out there by hand):
//   E1  Hà Nội (01), industry G, micro → sme    the whole §III.1–4 path: self → consultant → department → Ministry
//   E2  TP. Hồ Chí Minh (79), industry C, sme   never self-assesses: the Ministry assesses it directly (§III.4)
//   E3  Đà Nẵng (48), industry J, sme           asks its department to assess it (§III.3), no self-assessment
//   P   Hà Nội, industry C, parent of subsidiaries → the group index; its own unit assessed with large@1.0.0
//   S   Hà Nội, P's subsidiary, sme, assessed directly by the Ministry
// Two periods: 2025 (E1 and E2, assessed directly by the Ministry) and 2026 (everything else).
//
// Points by hand from Appendix I (sme@1.0.0: pillars of 13, 1, 16, 13, 10, 7 criteria; every criterion weight 1 except
// 2.1.1, weight 5; pillar maxima 65/25/80/65/50/35, total 320; a pillar is at level 5/4/3/2 above 80/60/40/20 % of its
// maximum, level 1 from 10 %; overall level 3 needs total > 128 and ≥ 4 pillars at 3, level 4 total > 192 and ≥ 5
// pillars at 4, level 5 total > 256 and all 6 at 5). Every criterion at k points k × 64 in total, each pillar at
// exactly k × 20 % → level k (k = 1 … 5: 20 % is "from 10 %", 40/60/80 % are "above" the band below; 320 > 256 with all
// six at 5 for k = 5).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@dbi/schema';
import { loadNational } from '@dbi/indices';
import { createAccount, generatePassword } from '@dbi/storage';
import { buildServer } from '../src/index.js';
import { answersAll, LARGE, pillarAnswers, SME } from './assessments/helpers.js';
import { BOOTSTRAP, testDatabase } from './helpers.js';
import { withCheckDigit } from './tax-codes.js';

// jsqr is CommonJS with the decoder as its `default` export: Node's loader gives the exports object, Vitest's interop
// the function itself.
const jsQR = (typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default) as typeof jsQRModule.default;

const E1 = withCheckDigit('010234567'); // 0102345677
const E2 = withCheckDigit('079111222'); // 0791112225
const E3 = withCheckDigit('048123456'); // 0481234569
const P = withCheckDigit('010345678'); // 0103456789
const S = withCheckDigit('010567891'); // 0105678917
const E1_NAME = 'Công ty Cổ phần Thương mại An Phát';
const GROUP = loadNational('group@1.0.0')!;
const PASSWORD = 'mật khẩu đủ dài 2026';

let app: Awaited<ReturnType<typeof buildServer>>;
let base = '';
let dir = '';
let drop: () => Promise<void> = async () => {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-process-'));
  const database = await testDatabase(dir);
  drop = database.drop;
  // The server needs its bootstrap key to start on an empty database; no request of this test ever sends a key.
  app = await buildServer(
    { dbFile: database.db, bootstrapKey: BOOTSTRAP, designerDist: join(dir, 'none'), portalDist: join(dir, 'none') },
    { logger: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A person at a browser: the session cookie and the CSRF token the sign-in answered. */
interface Person {
  email: string;
  cookie?: string;
  csrf?: string;
  accountId?: string;
}

interface Answer {
  status: number;
  type: string;
  json: any;
  bytes: Buffer;
}

async function http(method: string, path: string, who: Person | null, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (who?.cookie) headers.cookie = who.cookie;
  if (who?.csrf && method !== 'GET') headers['x-csrf-token'] = who.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(base + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const bytes = Buffer.from(await r.arrayBuffer());
  const type = r.headers.get('content-type') ?? '';
  return {
    status: r.status,
    type,
    bytes,
    json: type.includes('json') && bytes.length ? JSON.parse(bytes.toString()) : undefined,
  };
}

/** The answer, which must have the status; its JSON body. */
async function ok(status: number, r: Promise<Answer>): Promise<any> {
  const a = await r;
  if (a.status !== status) throw new Error(`expected ${status}, got ${a.status}: ${a.bytes.toString().slice(0, 600)}`);
  return a.json;
}

async function signIn(who: Person, password: string): Promise<any> {
  const r = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password }),
  });
  const json = (await r.json()) as any;
  if (r.status !== 200) throw new Error(`sign-in ${who.email}: ${r.status} ${JSON.stringify(json)}`);
  who.cookie = `dbi_session=${/dbi_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]}`;
  who.csrf = json.csrfToken;
  who.accountId = json.account.id;
  return json.account;
}

/** First sign-in with a one-time password: only the password change is open until it is changed. */
async function firstSignIn(who: Person, oneTime: string): Promise<void> {
  const account = await signIn(who, oneTime);
  expect(account.mustChangePassword).toBe(true);
  await changePassword(who, oneTime);
}

/** Changes the password; this session goes on (every other session of the account ends). */
async function changePassword(who: Person, oneTime: string): Promise<void> {
  const changed = await ok(
    200,
    http('POST', '/api/v1/auth/password', who, { oldPassword: oneTime, newPassword: PASSWORD }),
  );
  who.csrf = changed.csrfToken;
}

async function register(
  who: Person,
  kind: 'enterprise' | 'consultant',
  name: string,
  taxCode?: string,
  province?: string,
) {
  const body = {
    kind,
    email: who.email,
    password: PASSWORD,
    name,
    ...(taxCode ? { taxCode } : {}),
    ...(province ? { province } : {}),
  };
  await ok(201, http('POST', '/api/v1/auth/register', null, body));
  await signIn(who, PASSWORD);
}

const ministry: Person = { email: 'cuc.kinhteso@mst.gov.vn' };
const hanoi: Person = { email: 'so.khcn@hanoi.gov.vn' };
const danang: Person = { email: 'so.khcn@danang.gov.vn' };
const e1: Person = { email: 'giam.doc@anphat.vn' };
const e3: Person = { email: 'ke.toan@songhan.vn' };
const parent: Person = { email: 'cntt@tapdoan-hongha.vn' };
const consultant: Person = { email: 'nguyen.van.an@tuvanso.vn' };

const facts = (taxCode: string, name: string, province: string, industry: string, over: object = {}) => ({
  taxCode,
  name,
  province,
  industry,
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
  ...over,
});
/** Today in Vietnam (UTC+7): the default issue date, and the latest the server accepts. */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const levels = (r: { pillars: { level: number }[] }) => r.pillars.map((p) => p.level);
const points = (r: { pillars: { points: number }[] }) => r.pillars.map((p) => p.points);

const ids: Record<string, string> = {};
const certificates: Record<string, string> = {};

/** The Ministry assesses an enterprise directly (§III.4): a draft of the period straight to reviewed, its own
 * column, appraisal, and certification when `issuedOn` is given. */
async function direct(taxCode: string, period: string, answers: Record<string, number | null>, issuedOn?: string) {
  const a = await ok(201, http('POST', '/api/v1/assessments', ministry, { taxCode, period }));
  await ok(200, http('POST', `/api/v1/assessments/${a.id}/direct`, ministry, {}));
  await ok(200, http('PUT', `/api/v1/assessments/${a.id}/columns/ministry`, ministry, { answers }));
  if (issuedOn === undefined) return { id: a.id as string, number: '' };
  await ok(200, http('POST', `/api/v1/assessments/${a.id}/appraise`, ministry, {}));
  const c = await ok(201, http('POST', `/api/v1/assessments/${a.id}/certify`, ministry, { issuedOn }));
  return { id: a.id as string, number: c.number as string };
}

describe('Decision 1970 §III with people’s sessions, over a real port', () => {
  it('the first Ministry account is made as `dbi admin create-account` makes it, and changes its one-time password at the first sign-in', async () => {
    const oneTime = generatePassword();
    await createAccount(app.storage, {
      email: ministry.email,
      name: 'Cục Kinh tế số',
      role: 'ministry-publisher',
      password: oneTime,
      mustChangePassword: true,
    });
    const account = await signIn(ministry, oneTime);
    expect(account).toMatchObject({ role: 'ministry-publisher', mustChangePassword: true });
    // Until the password is changed the session is anonymous outside /auth/*.
    expect(
      (
        await http('POST', '/api/v1/periods', ministry, {
          id: '2025',
          name: 'x',
          startsOn: '2025-01-01',
          endsOn: '2025-12-31',
        })
      ).status,
    ).toBe(401);
    await changePassword(ministry, oneTime);
    // The flag is gone from the session (it is shown only while set).
    expect((await ok(200, http('GET', '/api/v1/auth/session', ministry))).account).not.toHaveProperty(
      'mustChangePassword',
    );
  });

  it('the Ministry opens two yearly campaigns and creates the accounts of two provincial departments', async () => {
    for (const year of ['2025', '2026'])
      await ok(
        201,
        http('POST', '/api/v1/periods', ministry, {
          id: year,
          name: `Đánh giá chuyển đổi số năm ${year}`,
          startsOn: `${year}-01-01`,
          endsOn: `${year}-12-31`,
        }),
      );
    for (const [who, scope, name] of [
      [hanoi, '01', 'Sở Khoa học và Công nghệ Hà Nội'],
      [danang, '48', 'Sở Khoa học và Công nghệ Đà Nẵng'],
    ] as const) {
      const made = await ok(
        201,
        http('POST', '/api/v1/accounts', ministry, { email: who.email, name, role: 'provincial-department', scope }),
      );
      expect(made.account).toMatchObject({ role: 'provincial-department', scope });
      await firstSignIn(who, made.oneTimePassword);
    }
    // A department cannot create accounts.
    expect(
      (await http('POST', '/api/v1/accounts', hanoi, { email: 'x@hanoi.gov.vn', name: 'x', role: 'ministry-editor' }))
        .status,
    ).toBe(403);
  });

  it('an enterprise registers with a check-digit tax code and its province; that province’s department approves the binding', async () => {
    // 0102345670: the check digit of 010234567 is 7 (tax-codes.ts), so 0 is refused, naming the field.
    const typo = await http('POST', '/api/v1/auth/register', null, {
      kind: 'enterprise',
      email: e1.email,
      password: PASSWORD,
      name: E1_NAME,
      taxCode: '0102345670',
    });
    expect(typo.status).toBe(400);
    expect(typo.json.errors[0].pointer).toBe('/taxCode');
    // A province that is not one: refused, naming the field.
    const nowhere = await http('POST', '/api/v1/auth/register', null, {
      kind: 'enterprise',
      email: e1.email,
      password: PASSWORD,
      name: E1_NAME,
      taxCode: E1,
      province: 'Atlantis',
    });
    expect([nowhere.status, nowhere.json.errors[0].pointer]).toEqual([400, '/province']);
    // Registered with its province by name: kept as the unit's code, 01.
    await register(e1, 'enterprise', E1_NAME, E1, 'Hà Nội');
    // Pending: the account acts for no tax code yet, not even to put its own facts on record.
    expect((await http('POST', '/api/v1/enterprises', e1, facts(E1, E1_NAME, '01', 'G'))).status).toBe(403);
    // Another province's department neither sees nor decides it.
    expect((await http('PUT', `/api/v1/accounts/${e1.accountId}/binding`, danang, { status: 'approved' })).status).toBe(
      404,
    );
    expect((await ok(200, http('GET', '/api/v1/accounts?binding=pending', danang))).items).toEqual([]);
    // Hà Nội's department sees it although the enterprise is not on record yet, and approves it.
    const pending = await ok(200, http('GET', '/api/v1/accounts?binding=pending', hanoi));
    expect(pending.items.map((a: { email: string; binding: object }) => [a.email, a.binding])).toEqual([
      [e1.email, expect.objectContaining({ taxCode: E1, status: 'pending', province: '01' })],
    ]);
    const decided = await ok(
      200,
      http('PUT', `/api/v1/accounts/${e1.accountId}/binding`, hanoi, { status: 'approved' }),
    );
    expect(decided.binding).toMatchObject({ taxCode: E1, status: 'approved' });
    // Now it acts for its tax code: it puts its facts on record itself.
    await ok(201, http('POST', '/api/v1/enterprises', e1, facts(E1, E1_NAME, '01', 'G')));
    expect((await ok(200, http('GET', `/api/v1/enterprises/${E1}`, e1))).name).toBe(E1_NAME);

    // E3 (Đà Nẵng) and the group's parent P (Hà Nội) register without a province: their departments put them on record
    // first (from the business registry), then see and decide their bindings.
    await register(e3, 'enterprise', 'Công ty TNHH Phần mềm Sông Hàn', E3);
    await ok(201, http('POST', '/api/v1/enterprises', danang, facts(E3, 'Công ty TNHH Phần mềm Sông Hàn', '48', 'J')));
    await ok(200, http('PUT', `/api/v1/accounts/${e3.accountId}/binding`, danang, { status: 'approved' }));
    await register(parent, 'enterprise', 'Tập đoàn Hồng Hà', P);
    // Appendix IV: an enterprise organised as parent and subsidiaries is assessed as a group.
    const p = await ok(
      201,
      http(
        'POST',
        '/api/v1/enterprises',
        hanoi,
        facts(P, 'Tập đoàn Hồng Hà', '01', 'C', {
          sector: 'agriculture-industry-construction',
          employees: 300,
          revenueVnd: 500_000_000_000,
          hasSubsidiaries: true,
        }),
      ),
    );
    expect([p.classification.size, p.index]).toEqual(['large', 'group']);
    await ok(200, http('PUT', `/api/v1/accounts/${parent.accountId}/binding`, hanoi, { status: 'approved' }));
    await ok(201, http('POST', '/api/v1/enterprises', hanoi, facts(S, 'Công ty Hồng Hà Thương mại', '01', 'G')));
    // E2 never registers an account: the Ministry puts it on record to assess it directly.
    await ok(201, http('POST', '/api/v1/enterprises', ministry, facts(E2, 'Công ty Cơ khí Sài Gòn', '79', 'C')));
  });

  it('a consultant registers and acts as one only once the Ministry recognises it', async () => {
    await register(consultant, 'consultant', 'Nguyễn Văn An');
    await ok(
      201,
      http('POST', '/api/v1/consultants', ministry, {
        id: 'c1',
        name: 'Nguyễn Văn An',
        organisation: 'Công ty Tư vấn Số',
        employers: ['0311111111'],
      }),
    );
    // A consultant employed by E1 itself (§III.2: not independent of it).
    await ok(
      201,
      http('POST', '/api/v1/consultants', ministry, {
        id: 'c-staff',
        name: 'Lê Thị Hoa',
        organisation: 'An Phát',
        employers: [E1],
      }),
    );
    expect((await http('GET', '/api/v1/consultants/c1', consultant)).status).toBe(403);
    const recognised = await ok(
      200,
      http('PUT', `/api/v1/accounts/${consultant.accountId}/consultant`, ministry, { consultantId: 'c1' }),
    );
    expect(recognised.scope).toBe('c1');
    expect((await ok(200, http('GET', '/api/v1/consultants/c1', consultant))).id).toBe('c1');
  });

  it('2025: the Ministry assesses E1 (every criterion 5 → level 5, 320/320) and E2 (every criterion 1 → level 1, 64/320) directly and certifies them', async () => {
    const a1 = await direct(E1, '2025', answersAll(SME, 5), '2025-12-15');
    const a2 = await direct(E2, '2025', answersAll(SME, 1), '2025-12-15');
    certificates.e1of2025 = a1.number;
    const got = await ok(200, http('GET', `/api/v1/assessments/${a1.id}`, ministry));
    expect([got.status, got.reviewedAs, got.columns.self]).toEqual(['certified', 'ministry', undefined]);
    expect(got.columns.ministry.result).toMatchObject({ level: 5, total: 320, max: 320 });
    expect(
      (await ok(200, http('GET', `/api/v1/assessments/${a2.id}`, ministry))).columns.ministry.result,
    ).toMatchObject({ level: 1, total: 64 });
  });

  it('E1 self-assesses: column writes merge per criterion; submitting lists what is missing until confirmed', async () => {
    const a = await ok(201, http('POST', '/api/v1/assessments', e1, { taxCode: E1, period: '2026' }));
    ids.e1 = a.id;
    expect(a.index).toMatchObject({ id: 'sme', version: '1.0.0', hash: contentHash(SME) });
    const path = `/api/v1/assessments/${ids.e1}/columns/self`;
    await ok(200, http('PUT', path, e1, { answers: pillarAnswers(SME, '1', 3) }));
    // A second write names only pillars 2–5: pillar 1's 13 answers stay (merge is the default).
    const merged = await ok(
      200,
      http('PUT', path, e1, {
        answers: {
          ...pillarAnswers(SME, '2', 3),
          ...pillarAnswers(SME, '3', 3),
          ...pillarAnswers(SME, '4', 3),
          ...pillarAnswers(SME, '5', 3),
        },
      }),
    );
    // 13 + 1 + 16 + 13 + 10 = 53 answers; at 3 points: 39 + 15 + 48 + 39 + 30 = 171, pillar 6 (7 criteria) 0 points →
    // pillars 1–5 at 60 % → level 3, pillar 6 → 0; 171 > 128 with five pillars at 3 → level 3.
    const self = merged.columns.self;
    expect(Object.values(self.answers).filter((v) => v !== null).length).toBe(53);
    expect([self.result.total, self.result.level, levels(self.result)]).toEqual([171, 3, [3, 3, 3, 3, 3, 0]]);

    const refused = await http('POST', `/api/v1/assessments/${ids.e1}/submit`, e1, {});
    expect(refused.status).toBe(409);
    expect(refused.json.errors).toEqual([
      expect.objectContaining({
        pointer: '/confirmIncomplete',
        code: 'unanswered',
        detail: 'pillar 6: 6.1.1, 6.1.2, 6.1.3, 6.1.4, 6.1.5, 6.1.6, 6.1.7 unanswered',
      }),
    ]);
    const missing = await ok(200, http('GET', `/api/v1/assessments/${ids.e1}/missing`, e1));
    expect([missing.answered, missing.total]).toEqual([53, 60]);

    // The enterprise asks for a consultant: one it employs is refused (§III.2), an independent one is assigned.
    const dependent = await http('PUT', `/api/v1/assessments/${ids.e1}/consultant`, e1, { consultantId: 'c-staff' });
    expect(dependent.status).toBe(409);
    expect(dependent.json.detail).toMatch(/independen/);
    await ok(200, http('PUT', `/api/v1/assessments/${ids.e1}/consultant`, e1, { consultantId: 'c1' }));
    const submitted = await ok(
      200,
      http('POST', `/api/v1/assessments/${ids.e1}/submit`, e1, { confirmIncomplete: true }),
    );
    expect(submitted.status).toBe('submitted');
  });

  it('the consultant assesses from the self column, with a reason for every criterion it changes', async () => {
    const path = `/api/v1/assessments/${ids.e1}/columns/consultant`;
    const changes = { ...pillarAnswers(SME, '6', 3), '2.1.1': 4 };
    const bare = await http('PUT', path, consultant, { from: 'self', answers: changes });
    expect(bare.status).toBe(400);
    // Eight criteria differ from the self column (6.1.1–6.1.7 unanswered there, 2.1.1 was 3): one pointer each.
    expect(bare.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(
      ['2.1.1', ...Object.keys(pillarAnswers(SME, '6', 3))].map((id) => `/reasons/${id}`).sort(),
    );
    const reasons = Object.fromEntries(
      Object.keys(changes).map((id) => [
        id,
        id === '2.1.1' ? 'Có chiến lược số được phê duyệt' : 'Khảo sát tại doanh nghiệp',
      ]),
    );
    const written = await ok(200, http('PUT', path, consultant, { from: 'self', answers: changes, reasons }));
    // Pillar 2: 4 × 5 = 20/25 = 80 % → level 4 (not above 80 %); pillar 6: 21/35 = 60 % → 3. Total 171 + 5 + 21 =
    // 197 > 192, but only one pillar at 4 → level 3.
    const r = written.columns.consultant.result;
    expect([r.total, r.level, levels(r)]).toEqual([197, 3, [3, 4, 3, 3, 3, 3]]);
    expect(written.columns.consultant.reasons['2.1.1']).toBe('Có chiến lược số được phê duyệt');
  });

  it('the department returns the file for correction with a reason; the enterprise completes it and submits again', async () => {
    expect((await http('POST', `/api/v1/assessments/${ids.e1}/return`, hanoi, {})).status).toBe(400);
    const back = await ok(
      200,
      http('POST', `/api/v1/assessments/${ids.e1}/return`, hanoi, { reason: 'Thiếu số liệu trụ cột Dữ liệu' }),
    );
    expect(back.status).toBe('draft');
    const seen = await ok(200, http('GET', `/api/v1/assessments/${ids.e1}`, e1));
    expect(seen.returned).toMatchObject({ reason: 'Thiếu số liệu trụ cột Dữ liệu' });
    const fixed = await ok(
      200,
      http('PUT', `/api/v1/assessments/${ids.e1}/columns/self`, e1, { answers: pillarAnswers(SME, '6', 3) }),
    );
    // Every criterion at 3: 192, each pillar 60 % → level 3 (192 is not above 192).
    expect([fixed.columns.self.result.total, fixed.columns.self.result.level]).toEqual([192, 3]);
    // Nothing is missing now: submitted without confirmation.
    expect((await ok(200, http('POST', `/api/v1/assessments/${ids.e1}/submit`, e1, {}))).status).toBe('submitted');
  });

  it('the department assesses from the consultant’s column, with a reason, and reviews', async () => {
    const written = await ok(
      200,
      http('PUT', `/api/v1/assessments/${ids.e1}/columns/department`, hanoi, {
        from: 'consultant',
        answers: { '1.1.1': 4 },
        reasons: { '1.1.1': 'Trang thông tin điện tử có đặt hàng trực tuyến' },
      }),
    );
    // Pillar 1: 39 + 1 = 40/65 = 61.5 % → level 4; total 197 + 1 = 198; two pillars at 4 → still level 3.
    const r = written.columns.department.result;
    expect([r.total, r.level, levels(r)]).toEqual([198, 3, [4, 4, 3, 3, 3, 3]]);
    // The consultant (also assigned) does not review a file the department is reviewing: either may; the department does.
    const reviewed = await ok(200, http('POST', `/api/v1/assessments/${ids.e1}/review`, hanoi, {}));
    expect([reviewed.status, reviewed.reviewedAs]).toEqual(['reviewed', 'department']);
  });

  it('the Ministry adjusts one criterion with a reason, appraises and certifies', async () => {
    const path = `/api/v1/assessments/${ids.e1}/columns/ministry`;
    const bare = await http('PUT', path, ministry, { from: 'department', answers: { '2.1.1': 3 } });
    expect(bare.status).toBe(400);
    expect(bare.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/reasons/2.1.1']);
    const written = await ok(
      200,
      http('PUT', path, ministry, {
        from: 'department',
        answers: { '2.1.1': 3 },
        reasons: { '2.1.1': 'Chiến lược chưa có lộ trình thực hiện' },
      }),
    );
    // Pillar 2 back to 15/25 = 60 % → level 3; total 198 − 5 = 193 → level 3.
    const r = written.columns.ministry.result;
    expect([r.total, r.max, r.level, levels(r), points(r)]).toEqual([
      193,
      320,
      3,
      [4, 3, 3, 3, 3, 3],
      [40, 15, 48, 39, 30, 21],
    ]);
    await ok(200, http('POST', `/api/v1/assessments/${ids.e1}/appraise`, ministry, {}));
    const c = await ok(201, http('POST', `/api/v1/assessments/${ids.e1}/certify`, ministry, {}));
    expect(c).toMatchObject({ enterprise: { taxCode: E1 }, level: 3, total: 193, max: 320, issuedOn: today() });
    certificates.e1 = c.number;
  });

  it('the certificate PDF states the enterprise and its level in Vietnamese, and its QR code leads to the public verification', async () => {
    const pdf = await http('GET', `/api/v1/certificates/${certificates.e1}.pdf`, e1);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const file = join(dir, 'e1.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain(E1_NAME);
    expect(text).toContain(E1);
    // sme@1.0.0's name of level 3.
    expect(text).toContain('Mức 3: Hình thành');
    // Page 1 at 150 dpi as a binary PPM (P6: "P6 <w> <h> 255\n" then RGB bytes), decoded with jsQR.
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '150', file, join(dir, 'page')]);
    const ppm = readFileSync(join(dir, 'page-1.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const rgb = ppm.subarray(header[0].length);
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      rgba[i * 4] = rgb[i * 3]!;
      rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
      rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
      rgba[i * 4 + 3] = 255;
    }
    const qr = jsQR(rgba, w, h);
    // DBI_PUBLIC_BASE_URL is not set: the address is this request's own origin.
    expect(qr?.data).toBe(`${base}/verify/${certificates.e1}`);
    // The public verification, without any session.
    const v = await ok(200, http('GET', `/api/v1/certificates/${certificates.e1}/verification`, null));
    expect(v).toMatchObject({
      number: certificates.e1,
      state: 'valid',
      valid: true,
      enterprise: { taxCode: E1, name: E1_NAME },
      level: { level: 3, total: 193, max: 320, name: { vi: 'Hình thành' } },
      index: { id: 'sme', version: '1.0.0', hash: contentHash(SME) },
    });
    // The 2025 certificate of E1 is superseded by the newer one, not left valid beside it.
    const old = await ok(200, http('GET', `/api/v1/certificates/${certificates.e1of2025}/verification`, null));
    expect([old.state, old.valid, old.supersededBy]).toEqual(['superseded', false, certificates.e1]);
    // The PDF is for the enterprise, its department and the Ministry; not for anyone without a session.
    expect((await http('GET', `/api/v1/certificates/${certificates.e1}.pdf`, null)).status).toBe(401);
  });

  it('E2, which never self-assessed, is assessed directly by the Ministry (every criterion 4 → 256/320, level 4)', async () => {
    const a = await direct(E2, '2026', answersAll(SME, 4), today());
    const got = await ok(200, http('GET', `/api/v1/assessments/${a.id}`, ministry));
    expect([got.status, got.reviewedAs, got.columns.self, got.columns.ministry.result.level]).toEqual([
      'certified',
      'ministry',
      undefined,
      4,
    ]);
  });

  it('E3 asks its department to assess it without a self-assessment (every criterion 2 → 128/320, level 2)', async () => {
    const a = await ok(201, http('POST', '/api/v1/assessments', e3, { taxCode: E3, period: '2026' }));
    const asked = await ok(200, http('POST', `/api/v1/assessments/${a.id}/request`, e3, { party: 'department' }));
    expect([asked.status, asked.requested]).toEqual(['submitted', 'department']);
    // Another province's department is not the one asked.
    expect(
      (await http('PUT', `/api/v1/assessments/${a.id}/columns/department`, hanoi, { answers: answersAll(SME, 2) }))
        .status,
    ).toBe(403);
    await ok(
      200,
      http('PUT', `/api/v1/assessments/${a.id}/columns/department`, danang, { answers: answersAll(SME, 2) }),
    );
    await ok(200, http('POST', `/api/v1/assessments/${a.id}/review`, danang, {}));
    await ok(
      200,
      http('PUT', `/api/v1/assessments/${a.id}/columns/ministry`, ministry, { from: 'department', answers: {} }),
    );
    await ok(200, http('POST', `/api/v1/assessments/${a.id}/appraise`, ministry, {}));
    const c = await ok(201, http('POST', `/api/v1/assessments/${a.id}/certify`, ministry, {}));
    expect([c.level, c.total, c.max]).toEqual([2, 128, 320]);
  });

  describe('a group, certified and ranked by its roll-up (Appendix III)', () => {
    let group = '';

    it('the parent P assesses its own unit with large@1.0.0 (every criterion 3: each pillar 60 % → 3; 417 of 695 → level 3), reviewed by its department and appraised', async () => {
      const a = await ok(201, http('POST', '/api/v1/assessments', parent, { taxCode: P, period: '2026' }));
      ids.p = a.id;
      expect(a.index).toMatchObject({ id: 'large', version: '1.0.0', hash: contentHash(LARGE) });
      const answers = answersAll(LARGE, 3);
      await ok(200, http('PUT', `/api/v1/assessments/${ids.p}/columns/self`, parent, { answers }));
      await ok(200, http('POST', `/api/v1/assessments/${ids.p}/submit`, parent, {}));
      await ok(200, http('PUT', `/api/v1/assessments/${ids.p}/columns/department`, hanoi, { answers }));
      await ok(200, http('POST', `/api/v1/assessments/${ids.p}/review`, hanoi, {}));
      const m = await ok(
        200,
        http('PUT', `/api/v1/assessments/${ids.p}/columns/ministry`, ministry, { from: 'department', answers: {} }),
      );
      expect([m.columns.ministry.result.total, m.columns.ministry.result.max, m.columns.ministry.result.level]).toEqual(
        [417, 695, 3],
      );
      await ok(200, http('POST', `/api/v1/assessments/${ids.p}/appraise`, ministry, {}));
      // The subsidiary's assessment is opened by the Ministry, which will assess it directly.
      ids.s = (await ok(201, http('POST', '/api/v1/assessments', ministry, { taxCode: S, period: '2026' }))).id;
    });

    it('the department lists the group: P 300 staff at 3, S 200 staff not assessed yet (0) → Đth = 900/500 = 1.8; above 1.5 with the parent at 3 ≥ 2 → level 2 (2(i))', async () => {
      const g = await ok(
        201,
        http('POST', '/api/v1/groups', hanoi, {
          parentTaxCode: P,
          members: [
            { taxCode: P, relation: 'parent', headcount: 300, assessmentId: ids.p },
            { taxCode: S, relation: 'subsidiary', headcount: 200, assessmentId: ids.s },
          ],
        }),
      );
      group = g.id;
      expect([g.result.weighted, g.level]).toEqual([{ sum: 900, weight: 500 }, 2]);
      const stages = await ok(200, http('GET', `/api/v1/groups/${group}/stages`, parent));
      expect(
        stages.members.map((m: { taxCode: string; column: string | null; reviewed: boolean }) => [
          m.taxCode,
          m.column,
          m.reviewed,
        ]),
      ).toEqual([
        [P, 'ministry', true],
        [S, null, false],
      ]);
      expect(stages.unreviewed).toEqual([S]);
    });

    it('the parent manages its own member list: S’s headcount corrected to 100 → Đth = 900/400 = 2.25 → level 2; it cannot add a unit nobody has listed', async () => {
      const members = [
        { taxCode: P, relation: 'parent', headcount: 300, assessmentId: ids.p },
        { taxCode: S, relation: 'subsidiary', headcount: 100, assessmentId: ids.s },
      ];
      const g = await ok(200, http('PUT', `/api/v1/groups/${group}/members`, parent, { members }));
      expect([g.result.weighted, g.level]).toEqual([{ sum: 900, weight: 400 }, 2]);
      const stranger = [...members, { taxCode: E1, relation: 'subsidiary', headcount: 10, assessmentId: ids.e1 }];
      expect((await http('PUT', `/api/v1/groups/${group}/members`, parent, { members: stranger })).status).toBe(403);
    });

    it('P is not certified while its roll-up uses a unit no reviewer has assessed; the refusal names the unit', async () => {
      const r = await http('POST', `/api/v1/assessments/${ids.p}/certify`, ministry, {});
      expect(r.status).toBe(409);
      expect(r.json.detail).toContain(S);
      expect((await ok(200, http('GET', `/api/v1/assessments/${ids.p}`, ministry))).status).toBe('appraised');
    });

    it('the Ministry assesses S directly (every criterion 1 → level 1): Đth = 1000/400 = 2.5 → level 2; P is certified by the roll-up under group@1.0.0', async () => {
      await ok(200, http('POST', `/api/v1/assessments/${ids.s}/direct`, ministry, {}));
      await ok(
        200,
        http('PUT', `/api/v1/assessments/${ids.s}/columns/ministry`, ministry, { answers: answersAll(SME, 1) }),
      );
      const g = await ok(200, http('GET', `/api/v1/groups/${group}`, parent));
      expect([g.result.weighted, g.level]).toEqual([{ sum: 1000, weight: 400 }, 2]);
      expect((await ok(200, http('GET', `/api/v1/groups/${group}/stages`, parent))).unreviewed).toEqual([]);
      const c = await ok(201, http('POST', `/api/v1/assessments/${ids.p}/certify`, ministry, {}));
      // Points: the weighted mean level in thousandths of Mức 5, ⌊1000 × 1000 / 400⌋ = 2500 of 5000; each pillar the
      // same (P's pillars all at 3 × 300, S's all at 1 × 100): 2500 of 5000, level 2.
      expect(c).toMatchObject({
        enterprise: { taxCode: P },
        level: 2,
        total: 2500,
        max: 5000,
        index: { id: 'group', version: '1.0.0', hash: contentHash(GROUP) },
      });
      expect(c.pillars).toEqual(
        ['1', '2', '3', '4', '5', '6'].map((id) => ({ id, points: 2500, max: 5000, level: 2 })),
      );
      const v = await ok(200, http('GET', `/api/v1/certificates/${c.number}/verification`, null));
      expect(v).toMatchObject({ state: 'valid', level: { level: 2, name: { vi: 'Bắt đầu' } } });
      expect(v.pillars[0].name.vi).toBe('Trải nghiệm số cho khách hàng');
    });
  });

  describe('rankings by industry and province, in two periods', () => {
    // 2026, certified: E2 level 4 (256/320); E1 level 3 (193/320); P level 2 (2500/5000 = 1/2); E3 level 2 (128/320 =
    // 2/5). Level first, then the share of points: P's 1/2 is above E3's 2/5.
    // 2025, certified: E1 level 5 (320/320), E2 level 1 (64/320); the later certificate of E1 does not erase it.
    const ranking = async (query: string) =>
      (await ok(200, http('GET', `/api/v1/rankings?${query}`, null))).items.map(
        (i: { rank: number; taxCode: string; level: number }) => [i.rank, i.taxCode, i.level],
      );

    it('2026: all, by province and by industry', async () => {
      expect(await ranking('period=2026')).toEqual([
        [1, E2, 4],
        [2, E1, 3],
        [3, P, 2],
        [4, E3, 2],
      ]);
      expect(await ranking('period=2026&province=01')).toEqual([
        [1, E1, 3],
        [2, P, 2],
      ]);
      expect(await ranking('period=2026&province=48')).toEqual([[1, E3, 2]]);
      expect(await ranking('period=2026&industry=C')).toEqual([
        [1, E2, 4],
        [2, P, 2],
      ]);
      expect(await ranking('period=2026&industry=G')).toEqual([[1, E1, 3]]);
      const p = (await ok(200, http('GET', '/api/v1/rankings?period=2026&province=01', null))).items[1];
      expect(p).toMatchObject({ taxCode: P, total: 2500, max: 5000, group: expect.any(String) });
    });

    it('2025: the order of that year stays', async () => {
      expect(await ranking('period=2025')).toEqual([
        [1, E1, 5],
        [2, E2, 1],
      ]);
      expect(await ranking('period=2025&province=79')).toEqual([[1, E2, 1]]);
      expect(await ranking('period=2025&industry=G')).toEqual([[1, E1, 5]]);
      expect(await ranking('period=2025&industry=J')).toEqual([]);
    });
  });

  it('the provincial index of 2026 across provinces: mean shares, 10-point scores, Z-scores as exact fractions', async () => {
    // Shares sᵢ = total/max. Hà Nội (01): E1 193/320 and P 1/2 = 160/320 → m01 = 353/640. TP. Hồ Chí Minh (79): E2
    // 256/320 → m79 = 4/5 = 512/640. Đà Nẵng (48): E3 128/320 → m48 = 2/5 = 256/640.
    // μ = (353 + 512 + 256) / (3 × 640) = 1121/1920. In 1920ths: m01 = 1059, m79 = 1536, m48 = 768, so the
    // deviations are −62, 415, −353 (sum 0). V = (62² + 415² + 353²) / (3 × 1920²) = (3844 + 172225 + 124609) /
    // 11059200 = 300678/11059200 = 50113/1843200 (÷ 6; 50113 has no factor 2, 3 or 5).
    // zₚ² = dₚ² / V = x² / 1920² × 1843200 / 50113 = x² / 100226: z01² = 3844/100226 = 1922/50113,
    // z79² = 172225/100226, z48² = 124609/100226 (415 = 5 × 83 and 353 is prime: nothing cancels); Σ z² = 3 = P.
    // Displays, in integers (the nearest integer to √(z² × 10⁸), sign of the deviation):
    //   z01² × 10⁸ = 192200000000/50113 = 3835332.1…; 1958² = 3833764 ≤ it < 1958.5² = 3835722.25 → −0.1958
    //   z79² × 10⁸ = 17222500000000/100226 = 171836649.1…; 13108.5² = 171832772.25 ≤ it < 13109² → 1.3109
    //   z48² × 10⁸ = 12460900000000/100226 = 124328018.6…; 11150² = 124322500 ≤ it < 11150.5² = 124333650.25 → −1.1150
    // score10 = 10 × m: 353/64, 8, 4. Min-max: 10 × (m − 2/5) / (4/5 − 2/5): 01 → 10 × 97/256 = 485/128, 79 → 10, 48 → 0.
    // σ = √V to 6 places: V × 10¹² = 27188042534.7…; 164887.5² = 27188011906.25 ≤ it < 164888² = 27188052544 → 0.164888.
    const r = await ok(200, http('GET', '/api/v1/provinces/index?period=2026', null));
    const frac = (x: { numerator: string; denominator: string } | null) => x && `${x.numerator}/${x.denominator}`;
    expect([r.provincesWithResults, frac(r.mean), frac(r.variance), r.sigma]).toEqual([
      3,
      '1121/1920',
      '50113/1843200',
      '0.164888',
    ]);
    const row = (code: string) => r.items.find((i: { province: string }) => i.province === code);
    expect(
      ['01', '79', '48'].map((code) => {
        const x = row(code);
        return [
          code,
          x.enterprises,
          frac(x.meanShare),
          frac(x.score10),
          frac(x.z.squared),
          x.z.display,
          frac(x.minMax10),
        ];
      }),
    ).toEqual([
      ['01', 2, '353/640', '353/64', '1922/50113', '-0.1958', '485/128'],
      ['79', 1, '4/5', '8/1', '172225/100226', '1.3109', '10/1'],
      ['48', 1, '2/5', '4/1', '124609/100226', '-1.1150', '0/1'],
    ]);
    // Provinces without a certified result in 2026 are listed without figures.
    expect(row('31')).toMatchObject({ enterprises: 0, meanShare: null, z: null });
  });

  it('nothing was done with an API key: every change is in the audit log under a person’s account', async () => {
    const people = [ministry, hanoi, danang, e1, e3, parent, consultant].map((p) => p.accountId);
    const log = await ok(200, http('GET', '/api/v1/audit?limit=1000', ministry));
    expect(log.next).toBeNull();
    const actors = new Set<string>(log.entries.map((e: { actorId: string }) => e.actorId));
    // Besides the people: 'system' (the national indices imported at the first start, the first Ministry account as
    // the admin command makes it, the bootstrap key) and 'registration' (self-registration before any account exists).
    expect([...actors].filter((a) => !people.includes(a)).sort()).toEqual(['registration', 'system']);
    // Each person who changed something appears; the Ministry's account certified.
    expect(people.every((id) => actors.has(id!))).toBe(true);
    const certified = log.entries.filter((e: { action: string }) => e.action === 'assessment.certify');
    expect(certified.map((e: { actorId: string }) => e.actorId)).toEqual(
      Array(certified.length).fill(ministry.accountId),
    );
    expect(certified.length).toBe(6);
  });
});
