// A version's life: read, create a draft from another version, replace a draft, validate, publish, deprecate.
// Published versions never change: every write route refuses them with 409, and the database refuses them too.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateDraftBody,
  contentHash,
  Definition,
  parseIndexRef,
  ValidationReport,
  VersionRecord,
  VersionWriteResult,
} from '@dbi/schema';
import type { IndexRecord, StoredVersion } from '@dbi/storage';
import { canEdit, canPublish, type Principal } from '../../../../lib/policy.js';
import { forbidden, HttpProblem, issuesToErrors, notFound, unauthenticated } from '../../../../lib/problems.js';
import { IdParams, inline, problems, SECURITY_KEY, SECURITY_OPTIONAL, VersionParams } from '../../../../lib/schemas.js';
import { assertIdentity, issuesOf, versionOut, writeOut } from '../../../../lib/versions.js';

/** The strong ETag of a stored version: its content hash. */
const etag = (hash: string) => `"${hash}"`;

/**
 * Whether an `If-Match` header lets a write go ahead over the stored hash (RFC 9110 §13.1.1: `*` or any listed
 * strong tag matches; weak tags never do). No header: the write is unconditional, as before.
 */
function ifMatchAllows(header: string | undefined, hash: string): boolean {
  if (header === undefined) return true;
  const tags = header.split(',').map((s) => s.trim());
  return tags.includes('*') || tags.includes(etag(hash));
}

/** The hash storage must still find when it writes: the one If-Match named (absent or `*`: unconditional). */
function expectedHashOf(header: string | undefined, hash: string): string | undefined {
  if (header === undefined || header.split(',').some((s) => s.trim() === '*')) return undefined;
  return hash;
}

const who = (p: Principal) => `your key (${p.role}${p.scope ? ` ${p.scope}` : ''})`;

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, registry } = fastify;

  /** The caller may edit this index, or 401/403. */
  const editor = async (principal: Principal | null, id: string): Promise<{ p: Principal; index: IndexRecord }> => {
    if (!principal) throw unauthenticated();
    const index = await registry.index(id);
    if (!canEdit(principal, index)) throw forbidden(`${who(principal)} cannot edit index ${id}`);
    return { p: principal, index };
  };

  /** The caller may publish/deprecate versions of this index, or 401/403. */
  const publisher = async (principal: Principal | null, id: string): Promise<{ p: Principal; index: IndexRecord }> => {
    if (!principal) throw unauthenticated();
    const index = await registry.index(id);
    if (!canPublish(principal, index))
      throw forbidden(`${who(principal)} cannot publish or deprecate versions of ${id}`);
    return { p: principal, index };
  };

  const existing = async (id: string, version: string): Promise<StoredVersion> => {
    const v = await storage.indices.getVersion(id, version);
    if (!v) throw notFound(`index ${id} has no version ${version}`);
    return v;
  };

  const immutable = (v: StoredVersion) =>
    new HttpProblem(
      'immutable',
      `${v.id}@${v.version} is ${v.status} (hash ${v.hash}); published versions never change — create a new draft from it instead`,
    );

  fastify.get(
    '/:id/versions/:version',
    {
      schema: {
        tags: ['registry'],
        summary: 'One version: its definition, hash, status, lineage and timestamps',
        security: SECURITY_OPTIONAL,
        params: VersionParams,
        response: { 200: VersionRecord, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { version } = await registry.version(request.principal, request.params.id, request.params.version);
      reply.header('etag', `"${version.hash}"`);
      return versionOut(version);
    },
  );

  fastify.post(
    '/:id/versions',
    {
      schema: {
        tags: ['registry'],
        summary: 'Create a draft from another version of the same index',
        description:
          'The draft is a copy of `from` with its `version` set and `derivedFrom` recorded as `<id>@<from>`.',
        security: SECURITY_KEY,
        params: IdParams,
        body: CreateDraftBody,
        response: { 201: VersionWriteResult, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { p } = await editor(request.principal, id);
      const { from, version } = request.body;
      const source = await registry.version(p, id, from);
      const derivedFrom = `${id}@${from}`;
      const definition = {
        ...(JSON.parse(source.version.definitionJson) as Record<string, unknown>),
        version,
        derivedFrom,
      };
      const created = await storage.indices.createDraft(
        { id, version, definitionJson: JSON.stringify(definition), hash: contentHash(definition), derivedFrom },
        p,
      );
      reply
        .code(201)
        .header('location', `/api/v1/indices/${id}/versions/${version}`)
        .header('etag', etag(created.hash));
      return writeOut(created);
    },
  );

  fastify.put(
    '/:id/versions/:version',
    {
      schema: {
        tags: ['registry'],
        summary: 'Replace a draft’s definition',
        description:
          'The body is the whole definition. Its id, version, kind and derivedFrom must match the draft. It is saved even ' +
          'when it has issues (work in progress is never lost); the response lists them, and publishing refuses them. ' +
          '409 when the version is published or deprecated. Send the hash read with it as `If-Match: "<hash>"` (the ' +
          'ETag of GET): when someone saved the draft since, the answer is 412 and nothing is stored.',
        security: SECURITY_KEY,
        params: VersionParams,
        response: { 200: VersionWriteResult, ...problems(400, 401, 403, 404, 409, 412, 413, 415) },
      },
      config: { docs: { body: inline(Definition) } },
    },
    async (request, reply) => {
      const { id, version } = request.params;
      const { p, index } = await editor(request.principal, id);
      const current = await existing(id, version);
      if (current.status !== 'draft') throw immutable(current);
      // Checked here for a precise answer, and again by storage inside the write's transaction (expected hash), so a
      // save that slips in between is refused on every backend.
      if (!ifMatchAllows(request.headers['if-match'], current.hash))
        throw new HttpProblem(
          'precondition-failed',
          `${id}@${version} was saved by someone else since you read it (now ${current.hash}); nothing was stored — ` +
            'read it again and re-apply your changes',
          [
            {
              pointer: '/if-match',
              in: 'header',
              detail: `If-Match must be ${etag(current.hash)}`,
              code: 'stale-draft',
            },
          ],
          { etag: etag(current.hash) },
        );
      const definition = assertIdentity(request.body, {
        id,
        version,
        kind: index.kind,
        derivedFrom: current.derivedFrom,
      });
      const saved = await storage.indices.replaceDraft(
        id,
        version,
        JSON.stringify(definition),
        contentHash(definition),
        p,
        expectedHashOf(request.headers['if-match'], current.hash),
      );
      registry.forget(id, version);
      reply.header('etag', etag(saved.hash));
      return writeOut(saved);
    },
  );

  fastify.post(
    '/:id/versions/:version/validate',
    {
      schema: {
        tags: ['registry'],
        summary: 'Validate a version (the same issues as `dbi validate`)',
        security: SECURITY_OPTIONAL,
        params: VersionParams,
        response: { 200: ValidationReport, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { version: v } = await registry.version(request.principal, request.params.id, request.params.version);
      const issues = issuesOf(JSON.parse(v.definitionJson));
      return { id: v.id, version: v.version, hash: v.hash, valid: issues.length === 0, issues };
    },
  );

  fastify.post(
    '/:id/versions/:version/publish',
    {
      schema: {
        tags: ['registry'],
        summary: 'Publish a draft: from now on it never changes',
        description:
          'Refused with 400 (each issue with its JSON pointer into the definition) while the draft has issues, and with 409 ' +
          'when the version is already published. A group (aggregate) index may only name published member indices.',
        security: SECURITY_KEY,
        params: VersionParams,
        response: { 200: VersionRecord, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id, version } = request.params;
      const { p } = await publisher(request.principal, id);
      const current = await existing(id, version);
      if (current.status !== 'draft') throw immutable(current);
      const definition = JSON.parse(current.definitionJson) as Record<string, unknown>;
      const issues = issuesOf(definition);
      if (issues.length === 0 && definition.kind === 'aggregate')
        issues.push(...(await unpublishedMembers(definition)));
      if (issues.length) {
        throw new HttpProblem(
          'invalid-definition',
          `${id}@${version} has ${issues.length} issue(s) and cannot be published`,
          issuesToErrors(issues, 'definition'),
        );
      }
      const published = await storage.indices.publish(id, version, current.hash, p);
      registry.forget(id, version);
      return versionOut(published);
    },
  );

  fastify.post(
    '/:id/versions/:version/deprecate',
    {
      schema: {
        tags: ['registry'],
        summary: 'Deprecate a published version (it stays readable and scorable, unchanged)',
        security: SECURITY_KEY,
        params: VersionParams,
        response: { 200: VersionRecord, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id, version } = request.params;
      const { p } = await publisher(request.principal, id);
      const current = await existing(id, version);
      if (current.status === 'deprecated') throw immutable(current);
      if (current.status === 'draft')
        throw new HttpProblem('conflict', `${id}@${version} is a draft; only published versions can be deprecated`);
      const deprecated = await storage.indices.deprecate(id, version, p);
      registry.forget(id, version);
      return versionOut(deprecated);
    },
  );

  /** A published group index must roll up published member indices only (drafts may still change). */
  const unpublishedMembers = async (definition: Record<string, unknown>) => {
    const members = (definition.members as { indices?: string[]; parentIndices?: string[] } | undefined) ?? {};
    const out = [];
    for (const [list, refs] of [
      ['indices', members.indices ?? []],
      ['parentIndices', members.parentIndices ?? []],
    ] as const) {
      for (const [i, ref] of refs.entries()) {
        const parsed = parseIndexRef(ref);
        const meta = parsed && (await storage.indices.getVersionMeta(parsed.id, parsed.version));
        if (!meta || meta.status === 'draft') {
          out.push({
            path: `/members/${list}/${i}`,
            code: 'member-not-published',
            message: `${ref} is ${meta ? 'a draft' : 'not in the registry'}; a published group index may only name published indices`,
          });
        }
      }
    }
    return out;
  };
};

export default routes;
