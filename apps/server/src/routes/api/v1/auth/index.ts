// Sign-in for people (the sessions contract): register, sign in, sign out, the current session, change the password.
// One answer for an unknown e-mail and a wrong password (a decoy hash is checked for unknown e-mails, so both take
// about as long); a budget of attempts per address, and an account locked after repeated wrong passwords.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkTaxCode } from '@dbi/reference';
import { PasswordChangeBody, RegisterBody, SignInBody } from '@dbi/schema';
import { createAccount, hashPassword, passwordProblem, StorageError, verifyPassword } from '@dbi/storage';
import { Type } from 'typebox';
import { badField, langOf, TEXT, tooManyIn } from '../../../../lib/accounts/messages.js';
import { ref } from '../../../../lib/accounts/refs.js';
import {
  accountView,
  csrfTokenOf,
  newSessionSecret,
  SESSION_MS,
  sessionHash,
} from '../../../../lib/accounts/sessions.js';
import { provinceError, resolveProvince } from '../../../../lib/national/reference.js';
import { HttpProblem, invalidInput, unauthenticated } from '../../../../lib/problems.js';
import { problems } from '../../../../lib/schemas.js';

const SESSION_SECURITY: Array<Record<string, string[]>> = [{ session: [] }];

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;
  const lockout = () => ({
    maxAttempts: fastify.rateLimits.lockoutAttempts,
    lockMs: fastify.rateLimits.lockoutMinutes * 60_000,
  });

  fastify.post(
    '/register',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Register an enterprise or consultant account',
        description:
          'An enterprise gives its tax code (check digit checked now) and may give its province, so the department of that province sees and decides the binding even before the enterprise is on record; the account acts for the tax code only once a provincial department or the Ministry approves the binding. A consultant acts as one only once the Ministry recognises it.',
        body: RegisterBody,
        response: {
          201: Type.Object({ account: ref('Account') }, { additionalProperties: false }),
          ...problems(400, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const lang = langOf(request, body.lang);
      const wait = await fastify.signInAttempt(request);
      if (wait !== undefined) throw tooManyIn(lang, TEXT.tooMany, wait);
      let taxCode: string | undefined;
      let province: string | undefined;
      if (body.kind === 'enterprise') {
        if (body.taxCode === undefined) throw badField(lang, 'taxCode', 'tax-code-missing', TEXT.taxCodeMissing);
        const check = checkTaxCode(body.taxCode);
        if (!check.ok) throw badField(lang, 'taxCode', `tax-code-${check.problem}`, check.reason);
        taxCode = check.branch === undefined ? check.base : `${check.base}-${check.branch}`;
        // The province it says it is in: its department then sees and decides the binding (as on the enterprise form:
        // a current code, or a name or former code mapped to its unit).
        if (body.province !== undefined) {
          const resolved = resolveProvince(body.province);
          if (!resolved) throw invalidInput([provinceError(body.province, '/province', 'body')]);
          province = resolved.province;
        }
      } else if (body.taxCode !== undefined) {
        throw badField(lang, 'taxCode', 'tax-code-not-allowed', TEXT.taxCodeNotForConsultant);
      } else if (body.province !== undefined) {
        throw invalidInput([
          {
            pointer: '/province',
            detail: 'only an enterprise registers with a province (a consultant is recognised by the Ministry)',
            code: 'province-not-allowed',
            in: 'body',
          },
        ]);
      }
      const weak = passwordProblem(body.password, body.email);
      if (weak) throw badField(lang, 'password', weak.code, weak);
      try {
        const account = await createAccount(
          storage,
          {
            email: body.email,
            name: body.name,
            role: body.kind,
            lang,
            password: body.password,
            ...(taxCode === undefined ? {} : { taxCode }),
            ...(province === undefined ? {} : { province }),
          },
          { id: 'registration', name: body.email.trim().toLowerCase() },
        );
        reply.code(201);
        return { account: accountView(account) };
      } catch (err) {
        if (err instanceof StorageError && err.code === 'conflict')
          throw new HttpProblem('conflict', TEXT.emailTaken[lang], [
            { pointer: '/email', detail: TEXT.emailTaken[lang], code: 'email-taken', in: 'body' },
          ]);
        if (err instanceof StorageError && err.code === 'invalid' && err.message.startsWith('email:'))
          throw badField(lang, 'email', 'email-invalid', TEXT.emailInvalid);
        throw err;
      }
    },
  );

  fastify.post(
    '/sign-in',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with e-mail and password: sets the dbi_session cookie',
        description:
          'Answers the session CSRF token, to be sent as `x-csrf-token` on every unsafe request of the session. 401 for any wrong e-mail/password pair; 429 when this address tried too often or the account is locked after repeated wrong passwords (Retry-After).',
        body: SignInBody,
        response: { 200: ref('SessionInfo'), ...problems(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const lang = langOf(request);
      const wait = (await fastify.signInAttempt(request)) ?? fastify.authBlockedFor(request);
      if (wait > 0) throw tooManyIn(lang, TEXT.tooMany, wait);
      const account = await storage.accounts.findForSignIn(email);
      const ok = await verifyPassword(account?.passwordHash, password);
      const lockedFor = account?.lockedUntil ? Date.parse(account.lockedUntil) - Date.now() : 0;
      if (lockedFor > 0) throw tooManyIn(lang, TEXT.locked, lockedFor);
      if (!ok || !account || account.status !== 'active') {
        if (account && !ok) await storage.accounts.signInFailed(account.id, lockout());
        const ttl = await fastify.authFailed(request);
        if (ttl !== undefined) throw tooManyIn(lang, TEXT.tooMany, ttl);
        throw new HttpProblem('unauthenticated', TEXT.wrongPair[lang]);
      }
      const secret = newSessionSecret();
      await storage.accounts.openSession(account.id, {
        idHash: sessionHash(secret, fastify.keySecret),
        expiresAt: new Date(Date.now() + SESSION_MS).toISOString(),
      });
      reply.setSessionCookie(secret);
      const { passwordHash: _h, failedAttempts: _f, ...record } = account;
      return { account: accountView(record), csrfToken: csrfTokenOf(secret, fastify.keySecret) };
    },
  );

  fastify.post(
    '/sign-out',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End this session (the cookie is cleared)',
        security: SESSION_SECURITY,
        response: { 204: Type.Null(), ...problems(403) },
      },
    },
    async (request, reply) => {
      if (request.session && request.principal)
        await storage.accounts.revokeSession(request.session.idHash, request.principal);
      reply.clearSessionCookie().code(204);
    },
  );

  fastify.get(
    '/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in account and its session CSRF token',
        security: SESSION_SECURITY,
        response: { 200: ref('SessionInfo'), ...problems(401) },
      },
    },
    async (request) => {
      if (!request.session) throw unauthenticated('not signed in');
      return { account: accountView(request.session.account), csrfToken: request.session.csrfToken };
    },
  );

  fastify.post(
    '/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change the password (needs the current one); every other session of the account is ended',
        security: SESSION_SECURITY,
        body: PasswordChangeBody,
        response: { 200: ref('SessionInfo'), ...problems(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request) => {
      const session = request.session;
      if (!session || !request.principal) throw unauthenticated('sign in with your e-mail and password first');
      const lang = langOf(request, session.account.lang);
      const { oldPassword, newPassword } = request.body;
      const stored = await storage.accounts.findForSignIn(session.account.email);
      if (!stored) throw unauthenticated('sign in with your e-mail and password first');
      // Guesses of the current password through a session count toward the same lockout as sign-ins.
      const lockedFor = stored.lockedUntil ? Date.parse(stored.lockedUntil) - Date.now() : 0;
      if (lockedFor > 0) throw tooManyIn(lang, TEXT.locked, lockedFor);
      if (!(await verifyPassword(stored.passwordHash, oldPassword))) {
        await storage.accounts.signInFailed(stored.id, lockout());
        throw badField(lang, 'oldPassword', 'password-wrong', TEXT.oldPasswordWrong);
      }
      if (oldPassword === newPassword) throw badField(lang, 'newPassword', 'password-unchanged', TEXT.samePassword);
      const weak = passwordProblem(newPassword, stored.email);
      if (weak) throw badField(lang, 'newPassword', weak.code, weak);
      const account = await storage.accounts.setPassword(
        stored.id,
        { passwordHash: await hashPassword(newPassword), mustChangePassword: false, keepSession: session.idHash },
        request.principal,
      );
      return { account: accountView(account), csrfToken: session.csrfToken };
    },
  );
};

export default routes;
