// The registry API as the designer uses it, on @dbi/web-client's request functions (one place for fetch and for
// turning problem+json into an ApiError, shared with the portal); what is the designer's own is which credentials
// a request carries.
import type {
  Account,
  DefinitionDiff,
  ImpactReportBody,
  IndexList,
  Issue,
  Role,
  ValidationReport,
  VersionRecord,
} from '@dbi/schema';
import { API_BASE, createRawRequest, createRequest, isUnsafe, type RawRequest, type Request } from '@dbi/web-client';

export { API_BASE, ApiError } from '@dbi/web-client';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A write's answer: the stored record plus the definition's validation issues. */
export type VersionWrite = VersionRecord & { valid: boolean; issues: Issue[] };

/** The key making requests (GET /me). */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  scope: string | null;
}

/** What requests are made with: an API key held in memory (sent as Bearer), or the session cookie (sent by the
 * browser itself) with its CSRF token for unsafe methods. Neither is ever written to localStorage. */
export interface Credentials {
  key: string | null;
  csrf: string | null;
}
export type CredentialSource = () => Credentials;

/** The signed-in account and its session's CSRF token (GET /auth/session, POST /auth/sign-in). */
export interface SessionInfo {
  account: Account;
  csrfToken: string;
}

export class Api {
  private readonly send: Request;
  private readonly sendRaw: RawRequest;

  constructor(
    private readonly credentials: CredentialSource,
    base = API_BASE,
    fetchImpl?: typeof fetch,
  ) {
    const options = { base, ...(fetchImpl ? { fetchImpl } : {}) };
    this.send = createRequest(options);
    this.sendRaw = createRawRequest(options);
  }

  /** The credentials' headers: the key given (null: none, for sign-in), else the held key, else the session's CSRF
   * token on unsafe methods (the cookie itself is sent by the browser). */
  private auth(method: string, key?: string | null): Record<string, string> {
    const c = this.credentials();
    const k = key === undefined ? c.key : key;
    if (k) return { authorization: `Bearer ${k}` };
    return c.csrf && isUnsafe(method) ? { 'x-csrf-token': c.csrf } : {};
  }

  private request<T>(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
    extra: Record<string, string> = {},
  ): Promise<T> {
    return this.send<T>(method, path, body, { headers: { ...this.auth(method, key), ...extra } });
  }

  listIndices(): Promise<IndexList> {
    return this.request('GET', '/indices');
  }
  getVersion(id: string, version: string): Promise<VersionRecord> {
    return this.request('GET', `/indices/${enc(id)}/versions/${enc(version)}`);
  }
  /** A new draft of this index from one of its versions (or from another index@version). */
  createDraft(id: string, from: string, version: string): Promise<VersionWrite> {
    return this.request('POST', `/indices/${enc(id)}/versions`, { from, version });
  }
  /** A variant: a new index id forked from a published version. */
  fork(id: string, from: string, version: string): Promise<VersionWrite> {
    return this.request('POST', '/indices', { id, from, version });
  }
  /**
   * Replaces a draft. `baseHash` is the hash the edit started from: the server refuses with 412 when someone saved
   * the draft since (If-Match on the content hash, which is the version's ETag), so no one's work is overwritten
   * unseen.
   */
  saveDraft(id: string, version: string, definition: unknown, baseHash?: string): Promise<VersionWrite> {
    return this.request(
      'PUT',
      `/indices/${enc(id)}/versions/${enc(version)}`,
      definition,
      undefined,
      baseHash ? { 'if-match': `"${baseHash}"` } : {},
    );
  }
  validate(id: string, version: string): Promise<ValidationReport> {
    return this.request('POST', `/indices/${enc(id)}/versions/${enc(version)}/validate`);
  }
  publish(id: string, version: string): Promise<VersionRecord> {
    return this.request('POST', `/indices/${enc(id)}/versions/${enc(version)}/publish`);
  }
  /** The registry's semantic diff between any two versions (`large@1.0.0`, `large@1.1.0`). */
  diff(from: string, to: string): Promise<DefinitionDiff> {
    return this.request('GET', `/diff?from=${enc(from)}&to=${enc(to)}`);
  }
  /** Signs in with e-mail and password: the server sets the session cookie (httpOnly: this code never sees it). */
  signIn(email: string, password: string): Promise<SessionInfo> {
    return this.request('POST', '/auth/sign-in', { email, password }, null);
  }
  /** The current session, if the browser holds one (401 otherwise). */
  session(): Promise<SessionInfo> {
    return this.request('GET', '/auth/session', undefined, null);
  }
  signOut(): Promise<void> {
    return this.request('POST', '/auth/sign-out', undefined, null);
  }
  changePassword(oldPassword: string, newPassword: string): Promise<SessionInfo> {
    return this.request('POST', '/auth/password', { oldPassword, newPassword }, null);
  }
  /** Impact analysis of a version against the one it derives from (or `base`), over the stored assessments. */
  impact(id: string, version: string, base?: string): Promise<ImpactReportBody> {
    const q = base ? `?base=${enc(base)}` : '';
    return this.request('GET', `/indices/${enc(id)}/versions/${enc(version)}/impact${q}`);
  }
  /** A version as an XLSX workbook laid out like the Decision's tables (drafts need an editor's key). */
  async exportXlsx(id: string, version: string): Promise<Blob> {
    const res = await this.raw('GET', `/indices/${enc(id)}/versions/${enc(version)}.xlsx`);
    return res.blob();
  }
  /** A workbook as a new draft of this index; a 400 carries each wrong cell (`sheet`, `cell`, `reason`). */
  async importXlsx(id: string, file: Blob): Promise<VersionWrite> {
    const res = await this.raw('POST', `/indices/${enc(id)}/drafts/import`, file, XLSX);
    return (await res.json()) as VersionWrite;
  }
  /** A request whose body or answer is not JSON; failures become ApiErrors like every other call's. */
  private raw(method: string, path: string, body?: Blob, type?: string): Promise<Response> {
    return this.sendRaw(method, path, body, {
      headers: this.auth(method),
      accept: XLSX,
      ...(type ? { contentType: type } : {}),
    });
  }
  /** Who a key belongs to; used once at sign-in to check the key and show the role. */
  whoami(key?: string): Promise<Principal> {
    return this.request('GET', '/me', undefined, key);
  }
}

const enc = encodeURIComponent;
