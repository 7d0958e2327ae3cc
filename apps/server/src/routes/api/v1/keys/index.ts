// API keys for integrators, made and revoked by their owners (a signed-in account) through the API; the secret is
// shown once. An account manages only its own keys; the Ministry may list and revoke any.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { KeyCreateBody } from '@dbi/schema';
import { ref } from '../../../../lib/accounts/refs.js';
import { issueApiKey, scopeProblem } from '@dbi/storage';
import { isMinistry } from '../../../../lib/assessments/policy.js';
import { caller } from '../../../../lib/assessments/http.js';
import { canManageKey, isAccount } from '../../../../lib/accounts/policy.js';
import { forbidden, invalidInput, notFound } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';
import { ApiKeyInfo } from '@dbi/schema';

const SECURITY: Array<Record<string, string[]>> = [{ session: [] }, ...SECURITY_KEY];
const KeyIdParams = Type.Object(
  { id: Type.String({ pattern: '^key_[0-9a-f]{12}$' }) },
  { additionalProperties: false },
);
const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    after: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const KeyPage = Type.Object(
  { items: Type.Array(ApiKeyInfo), next: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;

  fastify.post(
    '/',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Make an API key for the signed-in account (the secret is shown once)',
        description:
          'role: `integrator` (default) or the account’s own role, which the key then has with the account’s scope. Disabling the account revokes its keys.',
        security: SECURITY,
        body: KeyCreateBody,
        response: { 201: ref('KeyCreated'), ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      if (!isAccount(p)) throw forbidden('keys are made by signed-in accounts (or with dbi admin create-key)');
      const role = request.body.role ?? 'integrator';
      if (role !== 'integrator' && role !== p.role)
        throw invalidInput([
          {
            pointer: '/role',
            detail: `a key may be integrator or your own role (${p.role})`,
            code: 'role',
            in: 'body',
          },
        ]);
      const scope = role === p.role ? p.scope : null;
      const problem = scopeProblem(role, scope);
      if (problem)
        throw invalidInput([
          { pointer: '/role', detail: `your account cannot have this key yet: ${problem}`, code: 'scope', in: 'body' },
        ]);
      const issued = await issueApiKey(
        storage,
        { name: request.body.name, role, scope, owner: p.id },
        p,
        fastify.keySecret,
      );
      reply.code(201).header('cache-control', 'no-store');
      return issued;
    },
  );

  fastify.get(
    '/',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The keys of the signed-in account (Ministry: every key)',
        security: SECURITY,
        querystring: ListQuery,
        response: { 200: KeyPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = caller(request);
      if (!isMinistry(p) && !isAccount(p)) throw forbidden('keys are listed by their owner account or the Ministry');
      const all = await storage.keys.list(isMinistry(p) ? undefined : p.id);
      const after = request.query.after;
      let start = 0;
      if (after !== undefined) {
        const id = Buffer.from(after, 'base64url').toString('utf8');
        start = all.findIndex((k) => k.id === id) + 1;
        if (start === 0)
          throw invalidInput([{ pointer: '/after', detail: 'not a cursor of this list', code: 'cursor', in: 'query' }]);
      }
      const limit = request.query.limit ?? 50;
      const items = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return { items, next: more ? Buffer.from(items[items.length - 1]!.id).toString('base64url') : null };
    },
  );

  fastify.delete(
    '/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke a key (its owner, or the Ministry)',
        security: SECURITY,
        params: KeyIdParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const key = await storage.keys.get(request.params.id);
      // One answer for "absent" and "not yours".
      if (!key || !canManageKey(p, key)) throw notFound(`no key ${request.params.id}`);
      await storage.keys.revoke(key.id, p);
      reply.code(204);
    },
  );
};

export default routes;
