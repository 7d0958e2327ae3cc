// GET /api/v1/health — up, with the engine version and how many indices the registry holds (reads the database).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ENGINE_VERSION } from '@dbi/engine';
import { Health } from '@dbi/schema';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', { schema: { tags: ['service'], summary: 'Health', response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    engine: ENGINE_VERSION,
    indices: await fastify.storage.indices.count(),
  }));
};

export default routes;
