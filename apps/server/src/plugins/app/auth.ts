// API keys: `Authorization: Bearer <key>` or `x-api-key: <key>`. A request without a key is anonymous (public reads
// only); a request with a key that is unknown, revoked or malformed is refused with 401 — never silently anonymous.
import fp from 'fastify-plugin';
import { hashApiKey } from '@dbi/storage';
import type { Principal } from '../../lib/policy.js';
import { unauthenticated } from '../../lib/problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's key, or null for anonymous requests. */
    principal: Principal | null;
  }
}

function keyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  const apiKey = headers['x-api-key'];
  if (auth !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(String(auth));
    if (!m) throw unauthenticated('the Authorization header must be "Bearer <key>"');
    return m[1];
  }
  if (apiKey !== undefined) {
    if (Array.isArray(apiKey) || apiKey.trim() === '') throw unauthenticated('send exactly one x-api-key header');
    return apiKey.trim();
  }
  return undefined;
}

export default fp(
  async (fastify) => {
    fastify.decorateRequest('principal', null);
    fastify.addHook('onRequest', async (request) => {
      const key = keyOf(request.headers);
      if (key === undefined) return;
      const info = await fastify.storage.keys.findActiveByHash(hashApiKey(key));
      if (!info) throw unauthenticated('the API key is unknown or revoked');
      request.principal = { id: info.id, name: info.name, role: info.role, scope: info.scope };
    });
  },
  { name: 'auth', dependencies: ['storage'] },
);
