// The application as a Fastify plugin (fastify/demo's shape): plugins and routes are autoloaded from folders, in a
// fixed order — third-party plugins, then the application's own (storage, auth, registry…), then routes, whose
// folder names are their URL prefixes (routes/api/v1/indices → /api/v1/indices).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyAutoload from '@fastify/autoload';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Storage } from '@dbi/storage';
import { redactUrl } from './lib/query-keys.js';
import { bodyOrCoercingValidator } from './lib/validation.js';
import type { AssessmentSettings } from './services/assessments.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface AppOptions {
  /** SQLite file (created with its folder when missing) or postgres:// URL. Ignored when `storage` is given. */
  dbFile: string;
  /** Storage to use instead of opening `dbFile` (the app closes it on shutdown either way). */
  storage?: Storage;
  /** Secret for the first ministry-publisher key of a database with no keys. */
  bootstrapKey?: string | undefined;
  /** HMAC key for stored API key hashes (DBI_KEY_SECRET); default: the `key-secret` file beside the database. */
  keySecret?: string | undefined;
  /** The designer's build folder, served at /designer/ when it exists. */
  designerDist?: string | undefined;
  /** The portal's build folder, served at / when it exists. */
  portalDist?: string | undefined;
  /** Origins allowed to call the API from a browser (DBI_CORS_ORIGINS); empty or unset: no CORS headers at all. */
  corsOrigins?: readonly string[] | undefined;
  /** Requests per minute per key / per anonymous IP / failed authentications per IP (plugins/app/rate-limit.ts). */
  rateLimits?: Partial<import('./lib/rate-limits.js').RateLimits> | undefined;
  /** The assessment side's classifier, group index and levels; defaults: ASSESSMENT_DEFAULTS (config.ts). */
  assessments?: Partial<AssessmentSettings> | undefined;
  /** Public base URL, validity and issuer of certificates; defaults: CERTIFICATE_DEFAULTS (lib/certificates). */
  certificates?: Partial<import('./lib/certificates/settings.js').CertificateSettings> | undefined;
  /** PostgreSQL's pool sizes (DBI_PG_CONNECTIONS, DBI_PG_LONG_READS); ignored for SQLite and when `storage` is given. */
  database?: { maxConnections?: number; longReadConnections?: number } | undefined;
}

/** Largest accepted body: a batch of 10,000 large-index inputs (~1.5 KB each); the unit limits (lib/limits.ts)
 *  bound what it may cost to score. */
export const BATCH_BODY_LIMIT = 16 * 1024 * 1024;
/** Every other route: a definition with all its texts is ~150 KB; 4 MiB leaves room for much larger variants. */
export const BODY_LIMIT = 4 * 1024 * 1024;

/** pino, structured JSON on stdout; API keys never reach the log (headers redacted, keys in URLs replaced). */
export function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[redacted]' },
    serializers: {
      // Fastify's own request fields, with the URL's key-carrying query parameters replaced.
      req(req: FastifyRequest) {
        return {
          method: req.method,
          url: redactUrl(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        };
      },
    },
  };
}

/** Options for the Fastify instance that hosts this app (server.ts, tests and benchmarks use the same). */
export function serverOptions(overrides: FastifyServerOptions = {}): FastifyServerOptions {
  return {
    bodyLimit: BODY_LIMIT,
    // Refuse unknown properties instead of silently dropping them (Fastify's default removes them).
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: false } },
    // One validator compiler for every route: params, query strings and headers coerced (they arrive as text),
    // bodies never (see lib/validation.ts).
    schemaController: { compilersFactory: { buildValidator: bodyOrCoercingValidator } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Start-up compiles and checks every stored definition; on a loaded 2-core machine that can pass Fastify's
    // 10 s default, which would abort a healthy start.
    pluginTimeout: 120_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    logger: loggerOptions('info'),
    ...overrides,
  };
}

export default async function app(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  await fastify.register(fastifyAutoload, { dir: join(here, 'plugins/external'), options: opts });
  await fastify.register(fastifyAutoload, { dir: join(here, 'plugins/app'), options: opts });
  await fastify.register(fastifyAutoload, {
    dir: join(here, 'routes'),
    options: opts,
    ignorePattern: /\.test\.(ts|js)$/,
  });
}
