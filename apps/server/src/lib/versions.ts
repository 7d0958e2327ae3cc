// Shaping stored versions for responses, and the checks every write of a definition makes.
import { checkDefinitionForEngine } from '@dbi/engine';
import type { Issue, VersionSummary } from '@dbi/schema';
import type { StoredVersion, VersionMeta } from '@dbi/storage';
import { HttpProblem, invalidInput } from './problems.js';

const metaOut = (v: VersionMeta) => ({
  id: v.id,
  version: v.version,
  kind: v.kind,
  status: v.status,
  hash: v.hash,
  derivedFrom: v.derivedFrom,
  createdAt: v.createdAt,
  createdBy: v.createdBy,
  updatedAt: v.updatedAt,
  updatedBy: v.updatedBy,
  publishedAt: v.publishedAt,
  publishedBy: v.publishedBy,
  deprecatedAt: v.deprecatedAt,
  deprecatedBy: v.deprecatedBy,
});

export function versionOut(v: StoredVersion) {
  return { ...metaOut(v), definition: JSON.parse(v.definitionJson) as unknown };
}

/** A write's answer: the record and what `dbi validate` would say about its definition now. */
export function writeOut(v: StoredVersion) {
  const out = versionOut(v);
  const issues = issuesOf(out.definition);
  return { ...out, valid: issues.length === 0, issues };
}

export const summaryOut = (v: VersionMeta): VersionSummary => ({
  version: v.version,
  status: v.status,
  hash: v.hash,
  derivedFrom: v.derivedFrom,
  createdAt: v.createdAt,
  publishedAt: v.publishedAt,
});

/** Issues of a definition or [] — the one check `dbi validate` and the designer use too (schema, then engine). */
export function issuesOf(definition: unknown): Issue[] {
  return checkDefinitionForEngine(definition);
}

/**
 * What a stored definition must keep whatever else changes: its id, version, kind and recorded lineage (the URL
 * and the registry say what they are; the body may not contradict them).
 */
export function assertIdentity(
  body: unknown,
  expected: { id: string; version: string; kind: string; derivedFrom: string | null },
): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpProblem('invalid-input', 'the body must be a definition (a JSON object)', [
      { pointer: '', detail: 'must be a JSON object', code: 'schema-type', in: 'body' },
    ]);
  }
  const def = body as Record<string, unknown>;
  const errors = [];
  for (const field of ['id', 'version', 'kind'] as const) {
    if (def[field] !== expected[field]) {
      errors.push({
        pointer: `/${field}`,
        detail: `must be ${JSON.stringify(expected[field])} (the ${field} of the version being written)`,
        code: 'identity-mismatch',
        in: 'body' as const,
      });
    }
  }
  if ((def.derivedFrom ?? null) !== expected.derivedFrom) {
    errors.push({
      pointer: '/derivedFrom',
      detail:
        expected.derivedFrom === null
          ? 'this version was not derived from another; remove derivedFrom'
          : `must be ${JSON.stringify(expected.derivedFrom)} (its recorded lineage)`,
      code: 'identity-mismatch',
      in: 'body' as const,
    });
  }
  if (errors.length) throw invalidInput(errors);
  return def;
}
