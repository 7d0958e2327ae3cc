// Route schema pieces shared by the routes. The shapes themselves come from @dbi/schema (one source of truth);
// this only groups them per route: params, one response schema per status.
import { Type } from 'typebox';
import { IndexId, Problem, Version } from '@dbi/schema';
import { PROBLEMS, type ProblemType } from './problems.js';

export const IdParams = Type.Object({ id: IndexId }, { additionalProperties: false });
export const VersionParams = Type.Object({ id: IndexId, version: Version }, { additionalProperties: false });

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: each bad field with its JSON pointer',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key’s role or scope does not cover this',
  404: 'Unknown index or version',
  409: 'Conflict, e.g. the version is published and immutable',
  413: 'Body over the size limit',
  415: 'Body is not JSON',
};

/** One problem+json response schema per listed status (400 and 415 are listed for every route with a body). */
export function problems(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const s of statuses) {
    out[s] = {
      description:
        DESCRIPTIONS[s] ??
        PROBLEMS[(Object.keys(PROBLEMS) as ProblemType[]).find((k) => PROBLEMS[k].status === s)!]?.title,
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return out;
}

/** A response schema referring to a schema added once by plugins/app/shared-schemas.ts (an OpenAPI component). */
export const ref = <S extends object>(schema: S): S =>
  ({ $ref: `${(schema as { $id?: string }).$id!}#` }) as unknown as S;

export const SECURITY_KEY: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];
/** Public routes that also accept a key (drafts become visible to their editors). */
export const SECURITY_OPTIONAL: Array<Record<string, string[]>> = [{}, { bearer: [] }, { apiKey: [] }];

/**
 * A copy of a schema without `$id`s. The @dbi/schema objects carry `$id`s (for Ajv and the generated JSON Schema
 * files); the same object nested twice in one route schema (a group result holds score results) would be two
 * schemas with one id to Fastify's compilers. Inline copies keep one source of truth without that clash.
 */
export function inline<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(inline) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (k !== '$id') out[k] = inline(v);
  return out as T;
}
