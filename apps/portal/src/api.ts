// The assessment service as the portal uses it: public reads (indices, certificate verification), the sessions
// contract (cookie `dbi_session` + `x-csrf-token` on unsafe methods; nothing kept in localStorage), and the
// assessment API. Errors are ApiError with the server's problem+json (@dbi/web-client).
import type { IndexList, Role, ScoreResult, VersionRecord } from '@dbi/schema';
import { createRequest, isUnsafe, type Request } from '@dbi/web-client';

export { ApiError } from '@dbi/web-client';

/** The signed-in person (sessions contract) — the same roles and scopes API keys have. */
export interface Account {
  id: string;
  email?: string;
  name: string;
  role: Role;
  scope: string | null;
  binding?: { taxCode: string; status: 'pending' | 'approved' | 'refused' };
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
}

/** GET /certificates/{number}/verification (certificates contract); fields beyond today's are optional. */
export interface Verification {
  number: string;
  status: string;
  valid?: boolean;
  supersededBy?: string | null;
  enterprise: { taxCode: string; name: string };
  level: number;
  total?: number;
  max?: number;
  pillars: { id: string; level: number }[];
  index: { id: string; version: string; hash: string };
  issuedOn: string;
  validUntil?: string | null;
  revokedOn?: string | null;
  revocationReason?: string | null;
}

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
}
