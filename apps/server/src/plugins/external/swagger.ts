// OpenAPI 3.1 from the routes' own schemas (@fastify/swagger) at /api/v1/openapi.json, and interactive docs at /docs.
import fp from 'fastify-plugin';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ENGINE_VERSION } from '@dbi/engine';

/** Routes may document a body the engine validates itself (its schema depends on the index's kind). */
declare module 'fastify' {
  interface FastifyContextConfig {
    docs?: { body?: unknown };
  }
}

export default fp(
  async (fastify) => {
    await fastify.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'DBI — Digital Business Indicators API',
          description:
            'Index registry and pinned scoring for Decision 1970/QĐ-BTTTT. Reads of published indices are public; ' +
            'scoring needs an API key (any role); writes need a role that covers the index. Errors are RFC 9457 ' +
            'application/problem+json with a JSON pointer per bad field.',
          version: ENGINE_VERSION,
        },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' },
            apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: 'dbi_session',
              description: 'A signed-in person: unsafe methods also need the session CSRF token in x-csrf-token',
            },
          },
        },
        tags: [
          { name: 'registry', description: 'Indices, versions, drafts, publication, variants, diffs' },
          { name: 'scoring', description: 'Scoring against an exact, pinned version' },
          { name: 'audit', description: 'Append-only audit log' },
          { name: 'service', description: 'Health' },
          { name: 'accounts', description: 'People: registration, sign-in sessions, administration, own API keys' },
        ],
      },
      // Shared schemas added with an `$id` (the account shapes, plugins/app/sessions.ts) are named components under
      // that id rather than def-N.
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
      transform: ({ schema, url, route }) => {
        const body = route.config?.docs?.body;
        return { schema: body && schema ? { ...schema, body } : schema, url } as never;
      },
    });
    await fastify.register(fastifySwaggerUi, { routePrefix: '/docs' });
    fastify.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());
  },
  { name: 'swagger' },
);
