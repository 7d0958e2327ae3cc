// Bodies are JSON and nothing else: other media types get 415. An empty JSON body counts as no body, so action
// routes (publish, deprecate, validate) work from clients that always send a Content-Type.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async (fastify) => {
    const json = fastify.getDefaultJsonParser('error', 'error'); // __proto__ / constructor.prototype keys → 400
    fastify.removeAllContentTypeParsers();
    const parse = (
      request: FastifyRequest,
      body: string | Buffer,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      json(request, text, done);
    };
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
    fastify.addContentTypeParser(/^application\/[a-z0-9.+-]*\+json$/, { parseAs: 'string' }, parse);
  },
  { name: 'content-types' },
);
