// GET /api/v1/me — the key making the request (the designer uses it to show what the user may do).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { RoleSchema } from '@dbi/schema';
import { unauthenticated } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const Me = Type.Object(
  { id: Type.String(), name: Type.String(), role: RoleSchema, scope: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      schema: {
        tags: ['service'],
        summary: 'The calling key: id, name, role, scope',
        security: SECURITY_KEY,
        response: { 200: Me, ...problems(401) },
      },
    },
    async (request) => {
      if (!request.principal) throw unauthenticated();
      return request.principal;
    },
  );
};

export default routes;
