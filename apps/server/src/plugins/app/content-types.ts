// Bodies are JSON and nothing else: other media types get 415. An empty JSON body counts as no body, so action
// routes (publish, deprecate, validate) work from clients that always send a Content-Type. Parsing bounds nesting
// before anything recurses and refuses non-finite numbers and prototype keys (lib/json-body.ts).
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { parseJsonBody } from '../../lib/json-body.js';

/** Bodies of at least this many characters keep their text beside the parsed value (a reference, not a copy). */
const RAW_TEXT_FROM = 16 * 1024;

export default fp(
  async (fastify) => {
    fastify.removeAllContentTypeParsers();
    const parse = (
      request: FastifyRequest,
      body: string | Buffer,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      let value: unknown;
      try {
        value = parseJsonBody(text);
      } catch (err) {
        return done(err as Error);
      }
      // Large bodies keep their text, so a score route can hand it to a scoring worker (lib/scoring) unparsed.
      if (text.length >= RAW_TEXT_FROM) (request as { rawJson?: string }).rawJson = text;
      done(null, value);
    };
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
    fastify.addContentTypeParser(/^application\/[a-z0-9.+-]*\+json$/, { parseAs: 'string' }, parse);
  },
  { name: 'content-types' },
);
