// Cookie sessions (the sessions contract): a request without an API key but with a `dbi_session` cookie of a live
// session of an active account becomes that account's principal. Every unsafe method of such a request must carry
// the session's CSRF token in `x-csrf-token` (403 otherwise); an API key wins over a cookie and needs no token. An
// account whose password was set by an administrator may only change it (and read or end its session) first: until
// then its other requests are anonymous.
import fastifyCookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Account,
  AccountList,
  AccountRecord as AccountRecordSchema,
  KeyCreated,
  OneTimePassword,
  SessionInfo,
  type AccountRecord,
} from '@dbi/schema';
import {
  CSRF_HEADER,
  csrfTokenOf,
  principalOfAccount,
  sameToken,
  SESSION_COOKIE,
  SESSION_MS,
  sessionHash,
  TOUCH_MS,
} from '../../lib/accounts/sessions.js';
import { HttpProblem } from '../../lib/problems.js';

export interface RequestSession {
  /** The stored hash of the cookie's secret. */
  idHash: string;
  csrfToken: string;
  account: AccountRecord;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The cookie session behind `principal`, or null (anonymous or an API key). */
    session: RequestSession | null;
  }
  interface FastifyReply {
    /** Sets the session cookie (httpOnly, SameSite=Lax, Secure over https). */
    setSessionCookie(secret: string): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
}

/** Shared response schemas by component name (lib/accounts/refs.ts names them for the routes). */
const ACCOUNT_SCHEMAS = {
  Account,
  SessionInfo,
  AccountRecord: AccountRecordSchema,
  AccountList,
  OneTimePassword,
  KeyCreated,
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes that do not act as a session (they start one). */
const SESSIONLESS = new Set(['/api/v1/auth/sign-in', '/api/v1/auth/register']);
/** What an account that must change its password may still do. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/v1/auth/session', '/api/v1/auth/sign-out', '/api/v1/auth/password']);

const cookieOptions = (request: FastifyRequest) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: request.protocol === 'https',
});

export default fp(
  async (fastify) => {
    await fastify.register(fastifyCookie);
    // The account routes' answers, as named components of the OpenAPI document (routes refer to them by id).
    for (const [id, schema] of Object.entries(ACCOUNT_SCHEMAS)) fastify.addSchema({ ...schema, $id: id });
    fastify.decorateRequest('session', null);
    fastify.decorateReply('setSessionCookie', function (this: FastifyReply, secret: string) {
      return this.setCookie(SESSION_COOKIE, secret, { ...cookieOptions(this.request), maxAge: SESSION_MS / 1000 });
    });
    fastify.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, cookieOptions(this.request));
    });

    // Synchronous when there is no session cookie (integrators, the score endpoint): no promise on that path.
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.principal) return done(); // an API key (auth plugin) wins and needs no CSRF token
      const secret = request.cookies[SESSION_COOKIE];
      if (!secret) return done();
      resume(request, reply, secret).then(() => done(), done);
    });

    const resume = async (request: FastifyRequest, reply: FastifyReply, secret: string) => {
      const route = request.routeOptions.url ?? '';
      if (SESSIONLESS.has(route)) return;
      const idHash = sessionHash(secret, fastify.keySecret);
      const found = await fastify.storage.accounts.findSession(idHash);
      if (!found || found.account.status !== 'active') {
        reply.clearSessionCookie(); // ended, expired or disabled: the request goes on as anonymous
        return;
      }
      const csrfToken = csrfTokenOf(secret, fastify.keySecret);
      if (UNSAFE.has(request.method) && !sameToken(request.headers[CSRF_HEADER], csrfToken)) {
        const detail = `a signed-in request that changes anything must carry the session's CSRF token in ${CSRF_HEADER}`;
        throw new HttpProblem('forbidden', detail, [
          { pointer: `/${CSRF_HEADER}`, detail, code: 'csrf-token', in: 'header' },
        ]);
      }
      const { passwordHash: _h, failedAttempts: _f, ...account } = found.account;
      // Until then it is anonymous everywhere else: public reads still work, nothing else does.
      if (account.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(route)) return;
      request.session = { idHash, csrfToken, account };
      request.principal = principalOfAccount(account);
      if (Date.now() - Date.parse(found.session.lastSeenAt) > TOUCH_MS)
        await fastify.storage.accounts.touchSession(idHash);
    };
  },
  { name: 'sessions', dependencies: ['auth', 'storage'] },
);
