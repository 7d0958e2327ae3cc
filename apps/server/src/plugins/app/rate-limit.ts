// Rate limits with @fastify/rate-limit: per key for keyed requests, per IP address for anonymous ones (checked after
// authentication, so a key's budget is its own wherever it calls from), and a much smaller budget of failed
// authentications per IP: past it every keyed request from that address is answered 429 before any key lookup, so
// keys cannot be guessed at speed. 429 answers carry Retry-After (seconds). Limits: AppOptions.rateLimits.
import fastifyRateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { AppOptions } from '../../app.js';
import { HttpProblem } from '../../lib/problems.js';
import { RATE_LIMIT_DEFAULTS, type RateLimits } from '../../lib/rate-limits.js';

export { RATE_LIMIT_DEFAULTS, type RateLimits };

const MINUTE = 60_000;

const tooMany = (detail: string, retryAfterMs: number) =>
  new HttpProblem('too-many-requests', detail, undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
  });

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a failed authentication from this address; the ms it is now refused for when over budget, or undefined. */
    authFailed(request: FastifyRequest): Promise<number | undefined>;
    /** Milliseconds until this address may authenticate again, or 0. */
    authBlockedFor(request: FastifyRequest): number;
    /** Counts a sign-in or registration attempt from this address: the ms it is refused for when over budget. */
    signInAttempt(request: FastifyRequest): Promise<number | undefined>;
    /** The limits in force (AppOptions.rateLimits over RATE_LIMIT_DEFAULTS). */
    rateLimits: RateLimits;
  }
}

export default fp<AppOptions>(
  async (fastify, opts) => {
    const limits = { ...RATE_LIMIT_DEFAULTS, ...opts.rateLimits };
    await fastify.register(fastifyRateLimit, {
      global: true,
      hook: 'preHandler',
      timeWindow: MINUTE,
      keyGenerator: (request) => (request.principal ? `key:${request.principal.id}` : `ip:${request.ip}`),
      max: (request) => (request.principal ? limits.perKey : limits.perIp),
      errorResponseBuilder: (_request, context) =>
        tooMany(`more than ${context.max} requests per minute; try again in ${context.after}`, context.ttl),
    });
    const failures = fastify.createRateLimit({
      max: limits.authFailures,
      timeWindow: MINUTE,
      keyGenerator: (request) => `auth:${request.ip}`,
    });
    fastify.decorate('rateLimits', limits);
    // Sign-in and registration: a small budget per address, failed or not (each attempt costs an argon2 hash).
    const signIns = fastify.createRateLimit({
      max: limits.signInPerIp,
      timeWindow: MINUTE,
      keyGenerator: (request) => `sign-in:${request.ip}`,
    });
    fastify.decorate('signInAttempt', async (request) => {
      const r = await signIns(request);
      return r.isAllowed || !r.isExceeded ? undefined : r.ttl;
    });
    const blocked = new Map<string, number>(); // ip → until (ms since epoch)
    fastify.decorate('authFailed', async (request) => {
      const r = await failures(request);
      if (r.isAllowed || !r.isExceeded) return undefined;
      if (blocked.size > 100_000) blocked.clear(); // bounded memory under a flood of addresses
      blocked.set(request.ip, Date.now() + r.ttl);
      return r.ttl;
    });
    fastify.decorate('authBlockedFor', (request) => {
      const until = blocked.get(request.ip);
      if (until === undefined) return 0;
      const left = until - Date.now();
      if (left <= 0) blocked.delete(request.ip);
      return Math.max(0, left);
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);

export { tooMany };
