// Security headers on every answer — the API, /docs, the portal and the designer — with @fastify/helmet, and CORS only when
// DBI_CORS_ORIGINS names the origins allowed to call the API from a browser (none by default: same origin only).
// The CSP is what the web apps and Swagger UI need and no more: scripts, fonts and calls only from this origin;
// inline styles (React Flow and Swagger UI position elements with style attributes); data: images (icons); the app
// may not be framed (the designer holds a publisher's key).
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';
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

export default fp<AppOptions>(
  async (fastify, opts) => {
    await fastify.register(fastifyHelmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // The API is served over whatever TLS terminates in front of it; HSTS is that proxy's decision.
      strictTransportSecurity: false,
    });
    // Decided by path, not by the answer's content type: a revalidated page (304) has no content type but its policy
    // replaces the one the browser had, and the designer's validators would then be refused.
    // Callback style: no promise per answer on the API's hot path.
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (isDesignerPath(request.url.split('?')[0] ?? '')) {
        const csp = String(reply.getHeader('content-security-policy') ?? '');
        reply.header('content-security-policy', csp.replace("script-src 'self'", DESIGNER_SCRIPT_SRC));
      }
      done(null, payload);
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
