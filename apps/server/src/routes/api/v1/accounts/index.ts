// Account administration: the Ministry creates department and Ministry accounts, resets passwords, disables and
// enables accounts and recognises consultants; a provincial department (its province) or the Ministry decides an
// enterprise's tax-code binding. Lists are paged (?limit=, ?after=).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AccountCreateBody,
  AccountId,
  AccountStatusBody,
  BindingDecisionBody,
  BindingStatus,
  PasswordResetBody,
  RecognitionBody,
  RoleSchema,
  type AccountRecord as AccountRecordType,
} from '@dbi/schema';
import { createAccount, generatePassword, hashPassword, passwordProblem, StorageError } from '@dbi/storage';
import { caller } from '../../../../lib/assessments/http.js';
import { ref } from '../../../../lib/accounts/refs.js';
import { badField, langOf, TEXT } from '../../../../lib/accounts/messages.js';
import { canAdministerAccounts, canDecideBinding, canListAccounts } from '../../../../lib/accounts/policy.js';
import type { Principal } from '../../../../lib/policy.js';
import { conflict, forbidden, invalidInput, notFound } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const IdParams = Type.Object({ id: AccountId }, { additionalProperties: false });
const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    after: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    binding: Type.Optional(BindingStatus),
  },
  { additionalProperties: false },
);
const SECURITY: Array<Record<string, string[]>> = [{ session: [] }, ...SECURITY_KEY];

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;

  const ministryOnly = (p: Principal, what: string) => {
    if (!canAdministerAccounts(p)) throw forbidden(`only the Ministry can ${what}`);
  };
  /** The province of the enterprise an account's binding names: its record's when it is on record, else the one it
   * registered with. */
  const bindingProvince = async (a: AccountRecordType) =>
    a.binding ? ((await storage.enterprises.get(a.binding.taxCode))?.province ?? a.binding.province) : undefined;
  /** The account, or one 404 for "absent" and "not yours to see". */
  const visible = async (p: Principal, id: string): Promise<AccountRecordType> => {
    const a = await storage.accounts.get(id);
    if (a && (canAdministerAccounts(p) || p.id === a.id || canDecideBinding(p, await bindingProvince(a)))) return a;
    throw notFound(`no account ${id}`);
  };

  fastify.post(
    '/',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a department, Ministry or other staff account (Ministry)',
        description:
          'Enterprises and consultants register themselves. The password (generated when absent) is shown once and must be changed at the first sign-in.',
        security: SECURITY,
        body: AccountCreateBody,
        response: { 201: ref('OneTimePassword'), ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      ministryOnly(p, 'create accounts');
      const body = request.body;
      const lang = langOf(request, body.lang);
      if (body.role === 'enterprise' || body.role === 'consultant')
        throw invalidInput([
          { pointer: '/role', detail: `${body.role} accounts register themselves`, code: 'role', in: 'body' },
        ]);
      const password = body.password ?? generatePassword();
      const weak = passwordProblem(password, body.email);
      if (weak) throw badField(lang, 'password', weak.code, weak);
      try {
        const account = await createAccount(
          storage,
          {
            email: body.email,
            name: body.name,
            role: body.role,
            scope: body.scope ?? null,
            lang,
            password,
            mustChangePassword: true,
          },
          p,
        );
        reply.code(201);
        return { account, oneTimePassword: password };
      } catch (err) {
        if (err instanceof StorageError && err.code === 'conflict')
          throw conflict(TEXT.emailTaken[lang], [
            { pointer: '/email', detail: TEXT.emailTaken[lang], code: 'email-taken', in: 'body' },
          ]);
        const message = err instanceof StorageError && err.code === 'invalid' ? err.message : '';
        const field = /^(email|scope|name):/.exec(message);
        if (field)
          throw invalidInput([
            { pointer: `/${field[1]}`, detail: message.slice(field[0].length).trim(), code: field[1]!, in: 'body' },
          ]);
        throw err;
      }
    },
  );

  fastify.get(
    '/',
    {
      schema: {
        tags: ['accounts'],
        summary: 'List accounts (Ministry: all; provincial department: enterprise accounts of its province)',
        description:
          'Paged: `?limit=` (default 50, max 500) and `?after=` the previous page’s `next`. A department’s page may hold fewer than `limit` items (those of other provinces are left out); follow `next` until it is null.',
        security: SECURITY,
        querystring: ListQuery,
        response: { 200: ref('AccountList'), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = caller(request);
      if (!canListAccounts(p)) throw forbidden('only the Ministry and provincial departments can list accounts');
      const q = request.query;
      const department = !canAdministerAccounts(p);
      const page = await storage.accounts.list({
        limit: q.limit,
        after: q.after,
        role: department ? 'enterprise' : q.role,
        bindingStatus: q.binding,
      });
      if (!department) return page;
      const items: AccountRecordType[] = [];
      for (const a of page.items) if (canDecideBinding(p, await bindingProvince(a))) items.push(a);
      return { items, next: page.next };
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One account (Ministry; the department that decides its binding; the account itself)',
        security: SECURITY,
        params: IdParams,
        response: { 200: ref('AccountRecord'), ...problems(400, 401, 404) },
      },
    },
    async (request) => visible(caller(request), request.params.id),
  );

  fastify.post(
    '/:id/password-reset',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a one-time password (Ministry): every session ends, the password must be changed at sign-in',
        security: SECURITY,
        params: IdParams,
        body: PasswordResetBody,
        response: { 200: ref('OneTimePassword'), ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      ministryOnly(p, 'reset passwords');
      const a = await visible(p, request.params.id);
      const password = request.body.password ?? generatePassword();
      const weak = passwordProblem(password, a.email);
      if (weak) throw badField(langOf(request), 'password', weak.code, weak);
      const account = await storage.accounts.setPassword(
        a.id,
        { passwordHash: await hashPassword(password), mustChangePassword: true, keepSession: null },
        p,
      );
      return { account, oneTimePassword: password };
    },
  );

  fastify.put(
    '/:id/status',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Disable or enable an account (Ministry); disabling ends its sessions and revokes its keys at once',
        security: SECURITY,
        params: IdParams,
        body: AccountStatusBody,
        response: { 200: ref('AccountRecord'), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      ministryOnly(p, 'disable or enable accounts');
      const a = await visible(p, request.params.id);
      if (a.id === p.id && request.body.status === 'disabled') throw conflict('an account cannot disable itself');
      return storage.accounts.setStatus(a.id, request.body.status, p);
    },
  );

  fastify.put(
    '/:id/binding',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Approve or refuse an enterprise account’s tax code (its province’s department, or the Ministry)',
        description:
          'Approved: the account acts for that tax code (its scope). Refused (a reason is required): it has no enterprise scope.',
        security: SECURITY,
        params: IdParams,
        body: BindingDecisionBody,
        response: { 200: ref('AccountRecord'), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      const a = await visible(p, request.params.id);
      if (!canDecideBinding(p, await bindingProvince(a)))
        throw forbidden('only the department of the enterprise’s province or the Ministry can decide this binding');
      const reason = request.body.reason?.trim() || null;
      if (request.body.status === 'refused' && reason === null)
        throw badField(langOf(request), 'reason', 'reason-required', TEXT.reasonNeeded);
      return storage.accounts.decideBinding(a.id, { status: request.body.status, reason }, p);
    },
  );

  fastify.put(
    '/:id/consultant',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Recognise a consultant account as a registered consultant, or un-recognise it (Ministry)',
        description: 'Until recognised (and after), a consultant account cannot act as any consultant.',
        security: SECURITY,
        params: IdParams,
        body: RecognitionBody,
        response: { 200: ref('AccountRecord'), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      ministryOnly(p, 'recognise consultants');
      const a = await visible(p, request.params.id);
      return storage.accounts.recognise(a.id, request.body.consultantId, p);
    },
  );
};

export default routes;
