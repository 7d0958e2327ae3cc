// Entry point: only reads the configuration and listens. Shuts down gracefully on SIGTERM/SIGINT: stop accepting,
// finish in-flight requests, then close the database (the storage plugin's onClose hook).
import type { FastifyInstance } from 'fastify';
import { loggerOptions } from './app.js';
import { readConfig } from './config.js';
import { buildServer } from './index.js';

let fastify: FastifyInstance | undefined;
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    if (!fastify) process.exit(0);
    fastify.log.info({ signal }, 'shutting down');
    fastify.close().then(
      () => process.exit(0),
      (err: unknown) => {
        fastify?.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  });
}

try {
  const config = readConfig();
  fastify = await buildServer(
    {
      dbFile: config.dbFile,
      bootstrapKey: config.bootstrapKey,
      keySecret: config.keySecret,
      corsOrigins: config.corsOrigins,
      rateLimits: config.rateLimits,
      designerDist: config.designerDist,
      portalDist: config.portalDist,
      assessments: config.assessments,
      certificates: config.certificates,
      database: config.database,
    },
    {
      logger: loggerOptions(config.logLevel),
      // Response schemas with unions (a fraction or null, …) need Ajv to pick the branch; fast-json-stringify compiles
      // those validators on the first answer that reaches one unless told to at start-up. Compiled lazily, that held
      // the event loop for 70–120 ms in the middle of national traffic; eagerly, start-up takes a few seconds more
      // (tests build the app lazily: they start hundreds of instances).
      serializerOpts: { compileValidators: true },
    },
  );
  await fastify.listen({ port: config.port, host: config.host });
} catch (err) {
  // Configuration, database (e.g. a newer schema) or port problems: say what, and stop.
  console.error(`dbi server: could not start: ${err instanceof Error ? err.message : String(err)}`);
  await fastify?.close().catch(() => undefined);
  process.exit(1);
}
