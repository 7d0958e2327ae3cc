// Fixtures for the assessment side: the app of test/helpers.ts on a real SQLite file, plus keys scoped to the
// enterprises, provinces and consultants the tests use, and answer sets built from the national definitions.
import { issueApiKey } from '@dbi/storage';
import { contentHash, type Role, type ScorecardDefinition } from '@dbi/schema';
import { loadNational } from '@dbi/indices';
import { bearer, makeApp, type TestApp } from '../helpers.js';
import { ENTERPRISE_TAX_CODE, withCheckDigit } from '../tax-codes.js';

/** Enterprise A: Hà Nội (01), trade and services (VSIC G), 8 employees, 5 bn VND revenue → micro → sme (Appendix IV). */
export const A = ENTERPRISE_TAX_CODE;
/** Enterprise B: TP. Hồ Chí Minh (79). */
export const B = withCheckDigit('030987654');

export const SME = loadNational('sme@1.0.0') as ScorecardDefinition;
export const LARGE = loadNational('large@1.0.0') as ScorecardDefinition;
export const stampOf = (d: { id: string; version: string }) => ({ id: d.id, version: d.version, hash: contentHash(d) });

/** A role's key from test/helpers.ts, one of the scoped keys below, or one added with addKey. */
export type KeyName = Role | 'department-79' | 'enterprise-b' | 'consultant-c1' | 'consultant-c2' | (string & {});

export interface AssessmentApp extends TestApp {
  key: Record<string, string>;
  /** Issues another key and names it. */
  addKey(name: string, role: Role, scope?: string): Promise<void>;
  /** inject with the named key (or none); JSON body when given. */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    key?: KeyName | null,
    body?: unknown,
  ): Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
}

export async function makeAssessmentApp(options: Parameters<typeof makeApp>[0] = {}): Promise<AssessmentApp> {
  const t = await makeApp(options);
  const issue = async (name: string, role: Role, scope?: string) =>
    (await issueApiKey(t.app.storage, { name, role, scope }, undefined, t.app.keySecret)).key;
  const key: Record<string, string> = {
    ...t.keys,
    // test/helpers.ts scopes: provincial-department 01, enterprise 0101234567 (= A); its consultant key has no scope.
    'department-79': await issue('hcmc', 'provincial-department', '79'),
    'enterprise-b': await issue('b-corp', 'enterprise', B),
    'consultant-c1': await issue('consultant-c1', 'consultant', 'c1'),
    'consultant-c2': await issue('consultant-c2', 'consultant', 'c2'),
  };
  return {
    ...t,
    key,
    async addKey(name, role, scope) {
      key[name] = await issue(name, role, scope);
    },
    async call(method, url, k, body) {
      if (k && key[k] === undefined) throw new Error(`no key named ${k}`);
      const headers: Record<string, string> = k ? bearer(key[k]!) : {};
      const r = await t.app.inject({
        method,
        url,
        headers,
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: r.statusCode, json: r.body ? JSON.parse(r.body) : undefined, headers: r.headers };
    },
  };
}

/** Every criterion of a scorecard answered with `level`, then the given overrides. */
export function answersAll(
  def: ScorecardDefinition,
  level: number | null,
  overrides: Record<string, number | null> = {},
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const p of def.pillars) for (const c of p.components!) for (const cr of c.criteria) out[cr.id] = level;
  return { ...out, ...overrides };
}

/** The criterion ids of one pillar, each answered with `level`. */
export function pillarAnswers(def: ScorecardDefinition, pillarId: string, level: number): Record<string, number> {
  const p = def.pillars.find((x) => x.id === pillarId)!;
  return Object.fromEntries(p.components!.flatMap((c) => c.criteria.map((cr) => [cr.id, level])));
}

export const enterpriseA = {
  taxCode: A,
  name: 'Công ty A',
  province: '01',
  industry: 'G',
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
};
export const enterpriseB = {
  taxCode: B,
  name: 'Công ty B',
  province: '79',
  industry: 'G',
  sector: 'trade-services',
  employees: 8,
  revenueVnd: 5_000_000_000,
};

/**
 * Registers A (and B) and the consultants c1 (employed elsewhere) and c2 (employed by a branch of A).
 * Returns nothing: tests read what they need through the API.
 */
export async function seed(t: AssessmentApp): Promise<void> {
  const ok = (r: { status: number; json: any }) => {
    if (r.status >= 300) throw new Error(`seed failed: ${r.status} ${JSON.stringify(r.json)}`);
  };
  ok(await t.call('POST', '/api/v1/enterprises', 'enterprise', enterpriseA));
  ok(await t.call('POST', '/api/v1/enterprises', 'enterprise-b', enterpriseB));
  ok(
    await t.call('POST', '/api/v1/consultants', 'ministry-editor', {
      id: 'c1',
      name: 'Nguyễn Văn An',
      organisation: 'Tư vấn Số',
      employers: ['0311111111'],
    }),
  );
  ok(
    await t.call('POST', '/api/v1/consultants', 'ministry-editor', {
      id: 'c2',
      name: 'Trần Thị Bình',
      organisation: 'Chi nhánh A',
      employers: [`${A}-001`],
    }),
  );
}

/** Creates an assessment of `taxCode` with `key` and returns its id. An enterprise has one open assessment per
 * index: tests that start afresh first return (as each party would) and cancel the open one. */
export async function start(
  t: AssessmentApp,
  taxCode: string,
  key: KeyName,
  index?: string,
  period?: string,
): Promise<string> {
  const body = { taxCode, ...(index ? { index } : {}), ...(period ? { period } : {}) };
  let r = await t.call('POST', '/api/v1/assessments', key, body);
  if (r.status === 409 && /already has open assessment/.test(r.json.detail)) {
    await cancelOpen(t, taxCode);
    r = await t.call('POST', '/api/v1/assessments', key, body);
  }
  if (r.status !== 201) throw new Error(`start failed: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.id as string;
}

/** Returns every open assessment of the enterprise back to draft, one step at a time, and cancels it. */
export async function cancelOpen(t: AssessmentApp, taxCode: string): Promise<void> {
  const list = await t.call('GET', `/api/v1/assessments?taxCode=${taxCode}`, 'ministry-editor');
  const dept: KeyName = taxCode === B ? 'department-79' : 'provincial-department';
  const by: Record<string, KeyName> = { submitted: dept, reviewed: 'ministry-editor', appraised: 'ministry-publisher' };
  for (const a of list.json.items as { id: string; status: string }[]) {
    let status = a.status;
    while (by[status]) {
      const back = await t.call('POST', `/api/v1/assessments/${a.id}/return`, by[status], { reason: 'start afresh' });
      if (back.status !== 200) throw new Error(`return failed: ${back.status} ${JSON.stringify(back.json)}`);
      status = back.json.status;
    }
    if (status !== 'draft') continue;
    const c = await t.call('POST', `/api/v1/assessments/${a.id}/cancel`, 'ministry-editor', { reason: 'start afresh' });
    if (c.status !== 200) throw new Error(`cancel failed: ${c.status} ${JSON.stringify(c.json)}`);
  }
}

export interface DriveOptions {
  /** Key of the enterprise (default: `enterprise` for A, `enterprise-b` for B, else `ent-<taxCode>`). */
  ent?: KeyName;
  /** Key of the reviewing department (default: the department of 01 or 79 by the enterprise's tax code). */
  dept?: KeyName;
  /** Answers of the self and department columns (default: every criterion at `level`). */
  answers?: Record<string, number | null>;
  issuedOn?: string;
  /** The version to pin (default: the newest published of the enterprise's index). */
  index?: string;
  /** The period of the assessment (default: the current one). */
  period?: string;
}

/**
 * Publishes `sme-<name>@1.0.0`, a variant with the content of sme@1.0.0: an enterprise has one open assessment per
 * index, so tests that hold several open assessments of one enterprise pin each to its own variant.
 */
export async function smeVariant(t: AssessmentApp, name: string): Promise<string> {
  const id = `sme-${name}`;
  const pub: KeyName = 'ministry-publisher';
  const fork = await t.call('POST', '/api/v1/indices', pub, { id, from: 'sme@1.0.0', version: '1.0.0' });
  if (fork.status !== 201) throw new Error(`variant failed: ${fork.status} ${JSON.stringify(fork.json)}`);
  const published = await t.call('POST', `/api/v1/indices/${id}/versions/1.0.0/publish`, pub);
  if (published.status !== 200)
    throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.json)}`);
  return `${id}@1.0.0`;
}

/**
 * Takes an assessment to `until`: self and department columns with the same answers (every sme criterion at
 * `level` unless given), reviewed by the department, ministry column copied from the department's.
 */
export async function drive(
  t: AssessmentApp,
  taxCode: string,
  until: 'draft' | 'submitted' | 'reviewed' | 'appraised' | 'certified',
  level = 3,
  o: DriveOptions = {},
) {
  const ent: KeyName = o.ent ?? (taxCode === A ? 'enterprise' : taxCode === B ? 'enterprise-b' : `ent-${taxCode}`);
  const dept: KeyName = o.dept ?? (taxCode === B ? 'department-79' : 'provincial-department');
  const id = await start(t, taxCode, ent, o.index, o.period);
  const step = async (r: Promise<{ status: number; json: any }>) => {
    const x = await r;
    if (x.status >= 300) throw new Error(`drive failed: ${x.status} ${JSON.stringify(x.json)}`);
    return x.json;
  };
  const answers = o.answers ?? answersAll(SME, level);
  await step(t.call('PUT', `/api/v1/assessments/${id}/columns/self`, ent, { answers }));
  if (until === 'draft') return id;
  await step(t.call('POST', `/api/v1/assessments/${id}/submit`, ent));
  if (until === 'submitted') return id;
  await step(t.call('PUT', `/api/v1/assessments/${id}/columns/department`, dept, { answers }));
  await step(t.call('POST', `/api/v1/assessments/${id}/review`, dept));
  if (until === 'reviewed') return id;
  await step(
    t.call('PUT', `/api/v1/assessments/${id}/columns/ministry`, 'ministry-editor', { from: 'department', answers: {} }),
  );
  await step(t.call('POST', `/api/v1/assessments/${id}/appraise`, 'ministry-editor'));
  if (until === 'appraised') return id;
  await step(
    t.call('POST', `/api/v1/assessments/${id}/certify`, 'ministry-publisher', { issuedOn: o.issuedOn ?? '2025-06-30' }),
  );
  return id;
}
