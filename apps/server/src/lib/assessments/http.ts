// Small request helpers shared by the assessment routes.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { TaxCode } from '@dbi/schema';
import type { Principal } from '../policy.js';
import { forbidden, unauthenticated } from '../problems.js';

export const TaxCodeParams = Type.Object({ taxCode: TaxCode }, { additionalProperties: false });

/** The caller's key, or 401. */
export function caller(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** 403 naming the key and what it lacks, unless `allowed`. */
export function allow(allowed: boolean, p: Principal, what: string): void {
  if (!allowed) throw forbidden(`your key (${p.role}${p.scope ? ` ${p.scope}` : ''}) cannot ${what}`);
}
