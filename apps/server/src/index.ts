// @dbi/server: the HTTP API as a Fastify plugin, plus a builder that makes a ready instance of it.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import app, { serverOptions, type AppOptions } from './app.js';

export { default as app, serverOptions, BODY_LIMIT, BATCH_BODY_LIMIT, type AppOptions } from './app.js';
export { readConfig, type Config } from './config.js';

/** A Fastify instance with the app registered and ready (not listening). */
export async function buildServer(
  opts: AppOptions,
  fastifyOptions: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions(fastifyOptions));
  // Not encapsulated, so its decorators (storage, registry) are reachable from the instance (tests, tooling).
  await fastify.register(fp(app, { name: 'dbi' }), opts);
  await fastify.ready();
  return fastify;
}
