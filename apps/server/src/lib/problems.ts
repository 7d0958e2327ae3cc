// RFC 9457 problem details. Every refusal of the API is one of these, served as application/problem+json, with a
// JSON pointer for each bad field.
import type { Issue, Problem, ProblemError } from '@dbi/schema';

export const PROBLEM_BASE = 'https://dbi.example/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Stable problem types (the last segment of `type`) with their titles. */
export const PROBLEMS = {
  'invalid-input': { status: 400, title: 'Invalid input' },
  'invalid-definition': { status: 400, title: 'The definition has issues' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  immutable: { status: 409, title: 'Published versions are immutable' },
  'precondition-failed': { status: 412, title: 'The draft changed since it was read' },
  'too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;
export type ProblemType = keyof typeof PROBLEMS;

/** Thrown by routes and plugins; the error handler turns it into the response. */
export class HttpProblem extends Error {
  readonly type: ProblemType;
  readonly status: number;
  readonly errors: ProblemError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(type: ProblemType, detail: string, errors?: ProblemError[], headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.type = type;
    this.status = PROBLEMS[type].status;
    this.errors = errors;
    this.headers = headers;
  }
}

export function problemBody(
  type: ProblemType,
  detail: string,
  instance: string,
  errors?: ProblemError[],
  status?: number,
): Problem {
  const body: Problem = {
    type: PROBLEM_BASE + type,
    title: PROBLEMS[type].title,
    status: status ?? PROBLEMS[type].status,
    detail,
    instance,
  };
  if (errors && errors.length) body.errors = errors;
  return body;
}

/** Schema/engine issues → problem errors (the pointer stays a JSON pointer into the part named by `where`). */
export function issuesToErrors(issues: readonly Issue[], where?: ProblemError['in']): ProblemError[] {
  return issues.map((i) => {
    const e: ProblemError = { pointer: i.path === '/' ? '' : i.path, detail: i.message, code: i.code };
    if (where) e.in = where;
    return e;
  });
}

export const unauthenticated = (detail = 'send an API key as "Authorization: Bearer <key>" or "x-api-key: <key>"') =>
  new HttpProblem('unauthenticated', detail, undefined, { 'www-authenticate': 'Bearer realm="dbi"' });
export const forbidden = (detail: string) => new HttpProblem('forbidden', detail);
export const notFound = (detail: string) => new HttpProblem('not-found', detail);

/** 400 with each bad field; the detail names the first (and how many more). */
export function invalidInput(errors: ProblemError[]): HttpProblem {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new HttpProblem('invalid-input', `${first.pointer}: ${first.detail}${more}`, errors);
}

/** 409: the request conflicts with the record's current state. */
export const conflict = (detail: string, errors?: ProblemError[]) => new HttpProblem('conflict', detail, errors);
