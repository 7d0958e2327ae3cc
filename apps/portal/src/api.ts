// The assessment service as the portal uses it: public reads (indices, certificate verification), the sessions
// contract (cookie `dbi_session` + `x-csrf-token` on unsafe methods; nothing kept in localStorage), and the
// assessment API. Errors are ApiError with the server's problem+json (@dbi/web-client).
import type { CertificateCheck, IndexList, Role, ScoreResult, VersionRecord } from '@dbi/schema';
import { API_BASE, ApiError, createRequest, isProblem, isUnsafe, type Request } from '@dbi/web-client';

export { ApiError };

/** The signed-in person (sessions contract) — the same roles and scopes API keys have. */
export interface Account {
  id: string;
  email?: string;
  name: string;
  role: Role;
  scope: string | null;
  binding?: { taxCode: string; status: 'pending' | 'approved' | 'refused' };
  /** A one-time password: it must be changed before anything else. */
  mustChangePassword?: boolean;
}

export interface SessionAnswer {
  account: Account;
  csrfToken: string;
}

export interface RegisterBody {
  kind: 'enterprise' | 'consultant';
  email: string;
  password: string;
  name: string;
  lang?: 'vi' | 'en';
  taxCode?: string;
}

export interface Enterprise {
  taxCode: string;
  name: string;
  province: string;
  industry: string;
  sector: string;
  employees: number;
  revenueVnd: number | null;
  capitalVnd: number | null;
  classification: { size: string; index: string; classifier: { id: string; version: string; hash: string } };
}

/** A paged list's answer: one page and the cursor for the next (null on the last page). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export type ColumnName = 'self' | 'consultant' | 'department' | 'ministry';

export interface AssessmentColumn {
  answers: Record<string, number | null>;
  evidence: Record<string, string>;
  from: ColumnName | null;
  reasons?: Record<string, string>;
  result: ScoreResult;
  by: string;
  at: string;
}

export interface Assessment {
  id: string;
  taxCode: string;
  index: { id: string; version: string; hash: string };
  status: string;
  period?: string;
  consultantId: string | null;
  columns: Partial<Record<ColumnName, AssessmentColumn>>;
  createdAt?: string;
  reviewedAs?: 'consultant' | 'department' | 'ministry' | null;
  requested?: 'consultant' | 'department' | null;
  returned?: ReturnedNote | null;
  history?: AssessmentEvent[];
  certificateNumber?: string | null;
}

/** The return an assessment waits on (fix and resubmit). */
export interface ReturnedNote {
  reason: string;
  by: string;
  at: string;
  from: string;
  party: string | null;
}

// ---------------------------------------------------------------------------------------------- dashboards
// Shapes of the national routes as the dashboards read them (@dbi/schema's national.ts); figures stay the server's
// exact decimal strings.

/** Query values of a dashboard table; empty values are left out of the address. */
export type DashQuery = Record<string, string | number | undefined>;

/** `?a=1&b=2` from the non-empty values (the same address the screen reads and the export link downloads). */
export function queryString(q: DashQuery): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export interface Exact {
  numerator: string;
  denominator: string;
  display: string;
}

export interface PeriodItem {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  current: boolean;
}

export interface RankingItem {
  rank: number;
  taxCode: string;
  name: string;
  province: string;
  industry: string | null;
  sector: string;
  size: string;
  period: string;
  level: number;
  total: number;
  max: number;
  certificateNumber: string | null;
}
export interface RankingPage extends Page<RankingItem> {
  basis: string;
  period: string;
  count: number;
}

export interface ProvinceStanding {
  province: string;
  name: string;
  enterprises: number;
  meanShare: Exact | null;
  score10: Exact | null;
  z: { display: string; squared: Exact } | null;
  minMax10: Exact | null;
}
interface NationalFigures {
  provincesWithResults: number;
  mean: Exact | null;
  variance: Exact | null;
  sigma: string | null;
}
export interface ProvincesIndex extends NationalFigures {
  period: string;
  basis: string;
  method: string;
  items: ProvinceStanding[];
  previous?: NationalFigures & { period: string; items: ProvinceStanding[] };
}

export interface LevelCount {
  level: number;
  count: number;
}
export interface LevelFigures {
  enterprises: number;
  distribution: LevelCount[];
  meanLevel: Exact | null;
  pillars: { id: string; distribution: LevelCount[]; meanLevel: Exact | null }[];
}
export interface LevelSummary extends LevelFigures {
  period: string;
  province: string | null;
  previous?: LevelFigures & { period: string };
}

export interface CoverageRow {
  province: string;
  key: string | null;
  registered: number;
  selfAssessed: number;
  reviewed: number;
  certified: number;
}
export interface CoverageAnswer {
  period: string;
  by: 'industry' | 'size' | null;
  items: CoverageRow[];
}

export interface ImportReport {
  dryRun: boolean;
  imported: boolean;
  rows: number;
  valid: number;
  enterprises: { row: number; taxCode: string; size: string; index: string }[];
  problems: { row: number; column: string | null; code: string; reason: { vi: string; en: string } }[];
}
export interface AssessmentEvent {
  kind: string;
  from: string;
  to: string;
  party: string | null;
  reason: string | null;
  at: string;
  by: string;
}

/** GET /certificates/{number}/verification: the server's CertificateCheck (state, levels with their names, index). */
export type Verification = CertificateCheck;

const enc = encodeURIComponent;

export class PortalApi {
  private csrf: string | null = null;
  private readonly send: Request;

  constructor(fetchImpl?: typeof fetch) {
    // The CSRF token lives in memory only: a reload asks GET /auth/session for it again.
    this.send = createRequest({
      headers: (m): Record<string, string> => (isUnsafe(m) && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...(fetchImpl ? { fetchImpl } : {}),
    });
  }

  setCsrf(token: string | null): void {
    this.csrf = token;
  }

  // ---------------------------------------------------------------------------------------------- sessions
  session(): Promise<SessionAnswer> {
    return this.send('GET', '/auth/session');
  }
  signIn(email: string, password: string): Promise<SessionAnswer> {
    return this.send('POST', '/auth/sign-in', { email, password });
  }
  signOut(): Promise<void> {
    return this.send('POST', '/auth/sign-out');
  }
  register(body: RegisterBody): Promise<{ account: Account }> {
    return this.send('POST', '/auth/register', body);
  }
  changePassword(oldPassword: string, newPassword: string): Promise<unknown> {
    return this.send('POST', '/auth/password', { oldPassword, newPassword });
  }
  /** Who the request is made as when it carries an API key (integrators' proxies): GET /me. */
  me(): Promise<Account> {
    return this.send('GET', '/me');
  }

  // ------------------------------------------------------------------------------------------------ public
  listIndices(): Promise<IndexList> {
    return this.send('GET', '/indices');
  }
  getVersion(id: string, version: string): Promise<VersionRecord> {
    return this.send('GET', `/indices/${enc(id)}/versions/${enc(version)}`);
  }
  verification(number: string): Promise<Verification> {
    return this.send('GET', `/certificates/${enc(number)}/verification`);
  }

  // ------------------------------------------------------------------------------------------- assessments
  /** One page of the enterprises the caller may see (paged lists: `{ items, next }`, up to 500 a page). */
  enterprises(): Promise<Page<Enterprise>> {
    return this.send('GET', '/enterprises?limit=500');
  }
  /** One page of the caller's assessments, newest first. */
  assessments(taxCode?: string): Promise<Page<Assessment>> {
    return this.send('GET', `/assessments?limit=500${taxCode ? `&taxCode=${enc(taxCode)}` : ''}`);
  }
  assessment(id: string): Promise<Assessment> {
    return this.send('GET', `/assessments/${enc(id)}`);
  }
  startAssessment(taxCode: string, index?: string): Promise<Assessment> {
    return this.send('POST', '/assessments', { taxCode, ...(index ? { index } : {}) });
  }
  writeColumn(
    id: string,
    column: ColumnName,
    answers: Record<string, number | null>,
    evidence?: Record<string, string>,
  ): Promise<Assessment> {
    return this.send('PUT', `/assessments/${enc(id)}/columns/${column}`, {
      answers,
      ...(evidence ? { evidence } : {}),
    });
  }
  /** `confirmIncomplete`: the person saw the list of unanswered criteria and chose to submit anyway. */
  submit(id: string, confirmIncomplete: boolean): Promise<Assessment> {
    return this.send('POST', `/assessments/${enc(id)}/submit`, { confirmIncomplete });
  }

  // -------------------------------------------------------------------------------------------- dashboards
  periods(): Promise<Page<PeriodItem>> {
    return this.send('GET', '/periods?limit=500');
  }
  rankings(q: DashQuery): Promise<RankingPage> {
    return this.send('GET', `/rankings${queryString(q)}`);
  }
  provincesIndex(q: DashQuery): Promise<ProvincesIndex> {
    return this.send('GET', `/provinces/index${queryString(q)}`);
  }
  levels(q: DashQuery): Promise<LevelSummary> {
    return this.send('GET', `/provinces/levels${queryString(q)}`);
  }
  coverage(q: DashQuery): Promise<CoverageAnswer> {
    return this.send('GET', `/provinces/coverage${queryString(q)}`);
  }
  /** An enterprise list file (CSV or XLSX) sent as it is; a 400 carries the row-by-row problems. */
  async importEnterprises(file: Blob, format: 'csv' | 'xlsx', dryRun: boolean): Promise<ImportReport> {
    const type = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    let res: Response;
    try {
      res = await fetch(`${API_BASE}/enterprises/import${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          accept: 'application/json, application/problem+json',
          'content-type': type,
          ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        },
        body: file,
      });
    } catch (e) {
      throw new ApiError(0, undefined, `The server could not be reached (${(e as Error).message})`);
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const problem = isProblem(json) ? json : undefined;
      throw new ApiError(res.status, problem, problem ? `${problem.title}: ${problem.detail}` : `HTTP ${res.status}`);
    }
    return json as ImportReport;
  }
  // ------------------------------------------------------------------------------- reviews (Decision §III)
  enterprise(taxCode: string): Promise<Enterprise> {
    return this.send('GET', `/enterprises/${enc(taxCode)}`);
  }
  /** One page of the assessments the caller may see, filtered (the server scopes it to the caller). */
  assessmentPage(filter: {
    status?: string;
    period?: string;
    taxCode?: string;
    after?: string;
  }): Promise<Page<Assessment>> {
    const q = Object.entries(filter)
      .filter(([, v]) => v)
      .map(([k, v]) => `&${k}=${enc(v!)}`)
      .join('');
    return this.send('GET', `/assessments?limit=500${q}`);
  }
  /** A column write with everything the API takes: `from` another column, per-criterion reasons and evidence. */
  writeReview(id: string, column: ColumnName, body: ColumnWrite): Promise<Assessment> {
    return this.send('PUT', `/assessments/${enc(id)}/columns/${column}`, body);
  }
  /** The steps of the workflow that take no body, or a reason, or whom the enterprise asks. */
  step(id: string, step: 'review' | 'appraise' | 'direct'): Promise<Assessment> {
    return this.send('POST', `/assessments/${enc(id)}/${step}`);
  }
  stepWithReason(id: string, step: 'return' | 'withdraw' | 'cancel', reason: string): Promise<Assessment> {
    return this.send('POST', `/assessments/${enc(id)}/${step}`, { reason });
  }
  requestReview(id: string, party: 'consultant' | 'department'): Promise<Assessment> {
    return this.send('POST', `/assessments/${enc(id)}/request`, { party });
  }
  assignConsultant(id: string, consultantId: string | null): Promise<Assessment> {
    return this.send('PUT', `/assessments/${enc(id)}/consultant`, { consultantId });
  }
  certify(id: string): Promise<CertificateIssued> {
    return this.send('POST', `/assessments/${enc(id)}/certify`, {});
  }
  revoke(number: string, reason: string): Promise<unknown> {
    return this.send('POST', `/certificates/${enc(number)}/revoke`, { reason });
  }
  /** The first page of consultants (up to 500, by id). */
  consultants(): Promise<Page<ConsultantRecord>> {
    return this.send('GET', '/consultants?limit=500');
  }
  createConsultant(body: {
    id: string;
    name: string;
    organisation: string;
    employers: string[];
  }): Promise<ConsultantRecord> {
    return this.send('POST', '/consultants', body);
  }

  // ---------------------------------------------------------------------------------------------- accounts
  accounts(filter: { role?: string; binding?: string; after?: string } = {}): Promise<Page<AccountRecord>> {
    const q = Object.entries(filter)
      .filter(([, v]) => v)
      .map(([k, v]) => `&${k}=${enc(v!)}`)
      .join('');
    return this.send('GET', `/accounts?limit=500${q}`);
  }
  createAccount(body: { email: string; name: string; role: string; scope?: string | null }): Promise<OneTimePassword> {
    return this.send('POST', '/accounts', body);
  }
  resetPassword(id: string): Promise<OneTimePassword> {
    return this.send('POST', `/accounts/${enc(id)}/password-reset`, {});
  }
  setAccountStatus(id: string, status: 'active' | 'disabled'): Promise<AccountRecord> {
    return this.send('PUT', `/accounts/${enc(id)}/status`, { status });
  }
  decideBinding(id: string, status: 'approved' | 'refused', reason?: string): Promise<AccountRecord> {
    return this.send('PUT', `/accounts/${enc(id)}/binding`, { status, ...(reason ? { reason } : {}) });
  }
  recognise(id: string, consultantId: string | null): Promise<AccountRecord> {
    return this.send('PUT', `/accounts/${enc(id)}/consultant`, { consultantId });
  }
}

export interface ColumnWrite {
  answers: Record<string, number | null>;
  evidence?: Record<string, string>;
  reasons?: Record<string, string>;
  mode?: 'merge' | 'replace';
  from?: ColumnName;
}

export interface CertificateIssued {
  number: string;
  status: string;
  level: number;
  issuedOn: string;
  warnings?: string[];
}

export interface ConsultantRecord {
  id: string;
  name: string;
  organisation: string;
  employers: string[];
}

/** An account as administrators see it (GET /accounts). */
export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  scope: string | null;
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  consultantId: string | null;
  binding?: { taxCode: string; status: 'pending' | 'approved' | 'refused'; reason: string | null };
}

export interface OneTimePassword {
  account: AccountRecord;
  oneTimePassword: string;
}
