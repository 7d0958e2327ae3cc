// The registry API as the designer uses it. Every failure becomes an ApiError carrying the server's
// problem+json (RFC 9457) so the UI can show the title, the detail and each bad field's JSON pointer.
import type { DefinitionDiff, IndexList, Issue, Problem, Role, ValidationReport, VersionRecord } from '@dbi/schema';

export const API_BASE = '/api/v1';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A write's answer: the stored record plus the definition's validation issues. */
export type VersionWrite = VersionRecord & { valid: boolean; issues: Issue[] };

/** The key making requests (GET /me). */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  scope: string | null;
}

export type KeySource = () => string | null;

export class Api {
  constructor(
    private readonly key: KeySource,
    private readonly base = API_BASE,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
    extra: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...extra };
    const k = key === undefined ? this.key() : key;
    if (k) headers.authorization = `Bearer ${k}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, undefined, `The server could not be reached (${(e as Error).message})`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const problem = isProblem(json) ? json : undefined;
      throw new ApiError(
        res.status,
        problem,
        problem ? `${problem.title}: ${problem.detail}` : `HTTP ${res.status} ${res.statusText}`,
      );
    }
    return json as T;
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
  private async raw(method: string, path: string, body?: Blob, type?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: `${XLSX}, application/json, application/problem+json` };
    const k = this.key();
    if (k) headers.authorization = `Bearer ${k}`;
    if (type) headers['content-type'] = type;
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path, { method, headers, ...(body ? { body } : {}) });
    } catch (e) {
      throw new ApiError(0, undefined, `The server could not be reached (${(e as Error).message})`);
    }
    if (res.ok) return res;
    const json: unknown = await res.json().catch(() => undefined);
    const problem = isProblem(json) ? json : undefined;
    throw new ApiError(
      res.status,
      problem,
      problem ? `${problem.title}: ${problem.detail}` : `HTTP ${res.status} ${res.statusText}`,
    );
  }
  /** Who a key belongs to; used once at sign-in to check the key and show the role. */
  whoami(key?: string): Promise<Principal> {
    return this.request('GET', '/me', undefined, key);
  }
}

const enc = encodeURIComponent;

function isProblem(v: unknown): v is Problem {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Problem).title === 'string' &&
    typeof (v as Problem).status === 'number'
  );
}
