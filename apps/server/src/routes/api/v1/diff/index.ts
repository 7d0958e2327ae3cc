// GET /api/v1/diff?from=large@1.0.0&to=large@1.1.0 — what changed between any two versions of any indices.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DefinitionDiff, diffDefinitions, IndexRef, parseIndexRef, type Definition } from '@dbi/schema';
import { inline, problems, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';

const DiffQuery = Type.Object({ from: IndexRef, to: IndexRef }, { additionalProperties: false });

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      schema: {
        tags: ['registry'],
        summary: 'Semantic diff between two versions (of the same or different indices)',
        description:
          'Nodes (pillars, components, criteria; classifier inputs/outputs) added, removed, moved to another parent, ' +
          're-ordered among siblings, re-worded (which languages), re-weighted; maxima, rule lists, levels and metadata ' +
          'changed. Drafts are visible to their editors only.',
        security: SECURITY_OPTIONAL,
        querystring: DiffQuery,
        response: { 200: inline(DefinitionDiff), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const load = async (ref: string) => {
        const r = parseIndexRef(ref)!;
        const { version } = await fastify.registry.version(request.principal, r.id, r.version);
        return JSON.parse(version.definitionJson) as Definition;
      };
      return diffDefinitions(await load(request.query.from), await load(request.query.to));
    },
  );
};

export default routes;
