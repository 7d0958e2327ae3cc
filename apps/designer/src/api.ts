// The registry API as the designer uses it. Every failure becomes an ApiError carrying the server's
// problem+json (RFC 9457) so the UI can show the title, the detail and each bad field's JSON pointer.
import type { DefinitionDiff, IndexList, Issue, Role, ValidationReport, VersionRecord } from '@dbi/schema';
import { API_BASE, createRequest, type Request } from '@dbi/web-client';

export { API_BASE, ApiError } from '@dbi/web-client';

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
  private readonly send: Request;
  constructor(
    private readonly key: KeySource,
    base = API_BASE,
    fetchImpl?: typeof fetch,
  ) {
    this.send = createRequest({ base, ...(fetchImpl ? { fetchImpl } : {}) });
  }

  /** `key`: undefined → the signed-in key; null → none; a string → that key (checked at sign-in). */
  private request<T>(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
    extra: Record<string, string> = {},
  ): Promise<T> {
    const k = key === undefined ? this.key() : key;
    return this.send<T>(method, path, body, { headers: { ...(k ? { authorization: `Bearer ${k}` } : {}), ...extra } });
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
  /** Who a key belongs to; used once at sign-in to check the key and show the role. */
  whoami(key?: string): Promise<Principal> {
    return this.request('GET', '/me', undefined, key);
  }
}

const enc = encodeURIComponent;
