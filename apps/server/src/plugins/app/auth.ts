// API keys: `Authorization: Bearer <key>` or `x-api-key: <key>`. A request without a key is anonymous (public reads
// only); a request with a key that is unknown, revoked or malformed is refused with 401 — never silently anonymous.
// A key in the query string is refused with 400 (URLs are logged and cached; see lib/query-keys.ts).
import fp from 'fastify-plugin';
import { hashApiKey } from '@dbi/storage';
import type { ApiKeyInfo } from '@dbi/schema';
import type { Principal } from '../../lib/policy.js';
import { HttpProblem, unauthenticated } from '../../lib/problems.js';
import { keyParamIn } from '../../lib/query-keys.js';
import { tooMany } from './rate-limit.js';

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
    // The storage hands back the same key record while it remembers it (≤ 1 s), so its principal is made once per
    // record rather than once per request; a new record (after expiry or a write) gets a new principal.
    const principals = new WeakMap<ApiKeyInfo, Principal>();
    const principalOf = (info: ApiKeyInfo): Principal => {
      let p = principals.get(info);
      if (!p)
        principals.set(info, (p = Object.freeze({ id: info.id, name: info.name, role: info.role, scope: info.scope })));
      return p;
    };
    // The keyed hash of a key that was found, so a client sending the same key again skips the HMAC (its largest
    // cost per request after the engine). The mapping never changes (the key secret is fixed for the process); only
    // keys that matched are kept, at most KEYS_HASHED of them, so unknown keys cannot fill it.
    const KEYS_HASHED = 1024;
    const hashed = new Map<string, string>();
    const remember = (key: string, hash: string) => {
      if (hashed.size >= KEYS_HASHED) hashed.delete(hashed.keys().next().value!);
      hashed.set(key, hash);
    };
    // Callback style: anonymous requests go on without a promise; keyed ones are looked up on every request.
    fastify.addHook('onRequest', (request, _reply, done) => {
      const param = keyParamIn(request.url);
      if (param !== undefined) {
        const detail = 'API keys are accepted only in a header, never in the URL: send "Authorization: Bearer <key>"';
        return done(
          new HttpProblem('invalid-input', `query /${param}: ${detail}`, [
            {
              pointer: `/${param.replace(/~/g, '~0').replace(/\//g, '~1')}`,
              detail,
              code: 'key-in-query',
              in: 'query',
            },
          ]),
        );
      }
      let key: string | undefined;
      try {
        key = keyOf(request.headers);
      } catch (err) {
        return done(err as Error);
      }
      if (key === undefined) return done();
      // Keyed hash first; a key stored before the key secret existed is plain sha256 (still honoured).
      // An address that failed too often is refused before any lookup (plugins/app/rate-limit.ts).
      const wait = fastify.authBlockedFor(request);
      if (wait > 0) return done(tooMany('too many failed authentications from this address', wait));
      const keys = fastify.storage.keys;
      const known = hashed.get(key);
      const keyed = known ?? hashApiKey(key, fastify.keySecret);
      keys
        .findActiveByHash(keyed)
        .then((info) => {
          if (info) {
            if (known === undefined) remember(key, keyed);
            return info;
          }
          return keys.findActiveByHash(hashApiKey(key));
        })
        .then(async (info) => {
          if (info) {
            request.principal = principalOf(info);
            return done();
          }
          const ttl = await fastify.authFailed(request);
          done(
            ttl === undefined
              ? unauthenticated('the API key is unknown or revoked')
              : tooMany('too many failed authentications from this address', ttl),
          );
        })
        .catch(done);
    });
  },
  { name: 'auth', dependencies: ['storage'] },
);
