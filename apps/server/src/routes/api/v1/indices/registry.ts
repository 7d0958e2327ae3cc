// GET /api/v1/indices, GET /api/v1/indices/{id}, POST /api/v1/indices (fork a published version into a variant). (No
// index.ts in this folder: autoload would then load only that file.)
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contentHash, ForkBody, IndexList, IndexSummary, parseIndexRef, VersionWriteResult } from '@dbi/schema';
import type { IndexWithVersions } from '@dbi/storage';
import { canFork, type Principal } from '../../../../lib/policy.js';
import { forbidden, HttpProblem, notFound, unauthenticated } from '../../../../lib/problems.js';
import { IdParams, problems, SECURITY_KEY, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';
import { summaryOut, writeOut } from '../../../../lib/versions.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  // Titles come from the definitions; a hash names one content forever, so it is a safe cache key.
  const titles = new Map<string, { vi: string; en: string }>();
  const titleOf = async (id: string, version: string, hash: string) => {
    let t = titles.get(hash);
    if (!t) {
      const v = await fastify.storage.indices.getVersion(id, version);
      const def = v ? (JSON.parse(v.definitionJson) as { title?: { vi?: unknown; en?: unknown } }) : {};
      t = { vi: String(def.title?.vi ?? id), en: String(def.title?.en ?? id) };
      titles.set(hash, t);
    }
    return t;
  };

  /** The index as the caller sees it (drafts only for its editors), or undefined when nothing is visible. */
  const visible = async (principal: Principal | null, index: IndexWithVersions) => {
    const editor = fastify.registry.canEdit(principal, index);
    const versions = index.versions.filter((v) => v.status !== 'draft' || editor);
    if (versions.length === 0) return undefined;
    const newest = versions[versions.length - 1]!;
    return {
      id: index.id,
      kind: index.kind,
      title: await titleOf(index.id, newest.version, newest.hash),
      national: index.national,
      derivedFrom: index.derivedFrom,
      createdAt: index.createdAt,
      createdBy: index.createdBy,
      versions: versions.map(summaryOut),
    };
  };

  fastify.get(
    '/',
    {
      schema: {
        tags: ['registry'],
        summary: 'List indices and their versions',
        description: 'Published and deprecated versions for everyone; drafts too for the keys that may edit them.',
        security: SECURITY_OPTIONAL,
        response: { 200: IndexList, ...problems(401) },
      },
    },
    async (request) => {
      const out = [];
      for (const index of await fastify.storage.indices.list()) {
        const v = await visible(request.principal, index);
        if (v) out.push(v);
      }
      return { indices: out };
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One index and its versions',
        security: SECURITY_OPTIONAL,
        params: IdParams,
        response: { 200: IndexSummary, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const index = (await fastify.storage.indices.list()).find((i) => i.id === request.params.id);
      const v = index && (await visible(request.principal, index));
      if (!v) throw notFound(`there is no index ${request.params.id}`);
      return v;
    },
  );

  fastify.post(
    '/',
    {
      schema: {
        tags: ['registry'],
        summary: 'Fork a published version into a new index id (a variant)',
        description:
          'Creates index `id` with a first draft `version`, a copy of `from` recorded as derived from it. Ministry roles may ' +
          'fork into any new id; a sector ministry only into ids its scope covers.',
        security: SECURITY_KEY,
        body: ForkBody,
        response: { 201: VersionWriteResult, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      if (!p) throw unauthenticated();
      const { id, from, version } = request.body;
      if (!canFork(p, id))
        throw forbidden(`your key (${p.role}${p.scope ? ` ${p.scope}` : ''}) cannot create index ${id}`);
      const ref = parseIndexRef(from)!;
      const source = await fastify.registry.version(p, ref.id, ref.version);
      if (source.version.status === 'draft') {
        throw new HttpProblem('invalid-input', `${from} is a draft; only published versions can be forked`, [
          {
            pointer: '/from',
            detail: 'must name a published (or deprecated) version',
            code: 'not-published',
            in: 'body',
          },
        ]);
      }
      const definition = {
        ...(JSON.parse(source.version.definitionJson) as Record<string, unknown>),
        id,
        version,
        derivedFrom: from,
      };
      const created = await fastify.storage.indices.createIndex(
        { id, kind: source.index.kind, national: false, derivedFrom: from },
        { id, version, definitionJson: JSON.stringify(definition), hash: contentHash(definition), derivedFrom: from },
        p,
      );
      reply.code(201).header('location', `/api/v1/indices/${id}/versions/${version}`);
      return writeOut(created);
    },
  );
};

export default routes;
