// One JSON request function for the browser apps. Every non-2xx answer becomes an ApiError carrying the server's
// problem+json (RFC 9457), so screens show the title, the detail and each bad field; a network failure is status 0.
import type { Problem } from '@dbi/schema';

export const API_BASE = '/api/v1';

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

export function isProblem(v: unknown): v is Problem {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Problem).title === 'string' &&
    typeof (v as Problem).status === 'number'
  );
}

export interface RequestOptions {
  /** Extra headers for this request (If-Match, a key to check, …). */
  headers?: Record<string, string>;
}

export type Request = <T>(method: string, path: string, body?: unknown, opts?: RequestOptions) => Promise<T>;

export interface ClientOptions {
  base?: string;
  /** Headers every request carries, asked per request (an API key, a CSRF token on unsafe methods). */
  headers?: (method: string) => Record<string, string>;
  fetchImpl?: typeof fetch;
}

/** Methods a CSRF token must accompany on a cookie-authenticated request. */
export function isUnsafe(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** An ApiError from a failed answer: the server's problem+json when it sent one. */
function failure(res: Response, json: unknown): ApiError {
  const problem = isProblem(json) ? json : undefined;
  return new ApiError(
    res.status,
    problem,
    problem ? `${problem.title}: ${problem.detail}` : `HTTP ${res.status} ${res.statusText}`,
  );
}

/** A request whose body or answer is not JSON (a spreadsheet, a PDF): the Response of a 2xx, else an ApiError. */
export type RawRequest = (
  method: string,
  path: string,
  body?: BodyInit,
  opts?: RequestOptions & { contentType?: string; accept?: string },
) => Promise<Response>;

/** The one place a request is sent: the client's and the call's headers, same-origin credentials, and every
 * failure (unreachable server, non-2xx answer) as an ApiError. */
export function createRawRequest(options: ClientOptions = {}): RawRequest {
  const base = options.base ?? API_BASE;
  const doFetch = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  return async (method, path, body, opts = {}) => {
    const headers: Record<string, string> = {
      accept: `${opts.accept ? `${opts.accept}, ` : ''}application/json, application/problem+json`,
      ...options.headers?.(method),
      ...opts.headers,
    };
    if (opts.contentType) headers['content-type'] = opts.contentType;
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body } : {}),
      });
    } catch (e) {
      throw new ApiError(0, undefined, `The server could not be reached (${(e as Error).message})`);
    }
    if (res.ok) return res;
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    throw failure(res, json);
  };
}

/** JSON in and out, on the raw request. */
export function createRequest(options: ClientOptions = {}): Request {
  const raw = createRawRequest(options);
  return async <T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> => {
    const res = await raw(
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? opts : { ...opts, contentType: 'application/json' },
    );
    const text = await res.text();
    try {
      return (text ? JSON.parse(text) : undefined) as T;
    } catch {
      return undefined as T;
    }
  };
}
