// Security headers on every answer — the API, /docs, the portal and the designer — and CORS only when
// DBI_CORS_ORIGINS names the origins allowed to call the API from a browser (none by default: same origin only).
// The CSP is what the web apps and Swagger UI need and no more: scripts, fonts and calls only from this origin;
// inline styles (React Flow and Swagger UI position elements with style attributes); data: images (icons); the app
// may not be framed (the designer holds a publisher's key).
//
// The headers are helmet's (maintained, and its defaults follow the browsers), but they depend on nothing in the
// request, so helmet runs once at start-up against a recorder and every answer gets the recorded set in one
// synchronous hook — helmet's own per-request middleware cost a measurable share of the score endpoint's time.
import fastifyCors from '@fastify/cors';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppOptions } from '../../app.js';
import { isDesignerPath } from './web-apps.js';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The designer's pages only (/designer/…): its validators (Ajv, from @dbi/schema) are compiled in the browser with
 * `new Function`, which needs 'unsafe-eval'. The portal, the API's answers and /docs keep the strict policy.
 * Precompiling the validators (Ajv's standalone code) would let the designer drop it.
 */
export const DESIGNER_SCRIPT_SRC = "script-src 'self' 'unsafe-eval'";

/** The headers helmet sets for these directives, recorded once. */
export function securityHeaders(directives: Record<string, string[]>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The API is served over whatever TLS terminates in front of it; HSTS is that proxy's decision.
    strictTransportSecurity: false,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

export default fp<AppOptions>(
  async (fastify, opts) => {
    const everywhere = securityHeaders(CONTENT_SECURITY_POLICY);
    // Decided by path, not by the answer's content type: a revalidated page (304) has no content type but its policy
    // replaces the one the browser had, and the designer's validators would then be refused.
    const designer = securityHeaders({
      ...CONTENT_SECURITY_POLICY,
      'script-src': DESIGNER_SCRIPT_SRC.split(' ').slice(1),
    });
    fastify.addHook('onRequest', (request, reply, done) => {
      reply.headers(isDesignerPath(request.url.split('?')[0] ?? '') ? designer : everywhere);
      done();
    });
    const origins = opts.corsOrigins ?? [];
    if (origins.length > 0) {
      await fastify.register(fastifyCors, {
        origin: [...origins],
        methods: ['GET', 'POST', 'PUT', 'DELETE'],
        allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
        maxAge: 600,
      });
    }
  },
  { name: 'security' },
);
