// One error handler for the whole API: every refusal becomes RFC 9457 problem details (application/problem+json)
// with a JSON pointer per bad field. Bad input of any kind maps to a 4xx; only a fault of ours is a 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { toIssues } from '@dbi/schema';
import { EngineError } from '@dbi/engine';
import { StorageError } from '@dbi/storage';
import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  issuesToErrors,
  problemBody,
  type ProblemType,
} from '../../lib/problems.js';
import type { ProblemError } from '@dbi/schema';

const PART: Record<string, ProblemError['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

const STATUS_TYPES: Record<number, ProblemType> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'unavailable',
};

interface Mapped {
  type: ProblemType;
  status: number;
  detail: string;
  errors?: ProblemError[];
  headers?: Record<string, string>;
}

function map(err: FastifyError | Error): Mapped {
  if (err instanceof HttpProblem)
    return { type: err.type, status: err.status, detail: err.message, errors: err.errors, headers: err.headers };
  if (err instanceof StorageError) {
    const type: ProblemType = {
      'not-found': 'not-found',
      conflict: 'conflict',
      immutable: 'immutable',
      invalid: 'invalid-input',
      stale: 'precondition-failed',
    }[err.code] as ProblemType;
    const status = { 'not-found': 404, 'invalid-input': 400, 'precondition-failed': 412 }[type as string] ?? 409;
    return { type, status, detail: err.message };
  }
  if (err instanceof EngineError)
    return { type: 'invalid-input', status: 400, detail: err.message, errors: issuesToErrors(err.issues, 'body') };
  const fe = err as FastifyError;
  if (fe.validation) {
    const where = PART[fe.validationContext ?? 'body'] ?? 'body';
    const issues = toIssues(fe.validation as Parameters<typeof toIssues>[0]);
    const errors = issuesToErrors(issues, where);
    const first = errors[0];
    const detail = first
      ? `${where} ${first.pointer || '(root)'}: ${first.detail}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
      : 'invalid request';
    return { type: 'invalid-input', status: 400, detail, errors };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { type: 'too-large', status: 413, detail: fe.message };
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { type: 'unsupported-media-type', status: 415, detail: `${fe.message}; send application/json` };
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500)
    return { type: STATUS_TYPES[status] ?? 'invalid-input', status, detail: fe.message };
  if (status === 503) return { type: 'unavailable', status, detail: fe.message };
  return { type: 'internal', status: 500, detail: 'internal error' };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, m: Mapped): FastifyReply {
  const body = problemBody(m.type, m.detail, request.url, m.errors, m.status);
  if (m.headers) reply.headers(m.headers);
  // A string is sent as is: the route's response serializers are for its successful shapes.
  return reply.code(m.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

export default fp(
  async (fastify) => {
    fastify.setErrorHandler((err: FastifyError, request, reply) => {
      const m = map(err);
      if (m.status >= 500) {
        request.log.error({ err }, 'request failed');
        m.detail = `internal error (request ${request.id})`;
      } else request.log.info({ status: m.status, type: m.type, detail: m.detail }, 'request refused');
      return sendProblem(request, reply, m);
    });
  },
  { name: 'errors' },
);
