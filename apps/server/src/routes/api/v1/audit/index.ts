// GET /api/v1/audit — the append-only audit log, for ministry roles. There is no route that changes it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditPage } from '@dbi/schema';
import { canReadAudit } from '../../../../lib/policy.js';
import { forbidden, unauthenticated } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const AuditQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'Entries after this seq (paging forward)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    target: Type.Optional(Type.String({ maxLength: 200, description: 'e.g. large@1.1.0 or key:key_ab12…' })),
    action: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. version.publish' })),
  },
  { additionalProperties: false },
);

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log (who, what, when, before/after hash)',
        security: SECURITY_KEY,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = request.principal;
      if (!p) throw unauthenticated();
      if (!canReadAudit(p)) throw forbidden(`the audit log is for ministry roles; your key is ${p.role}`);
      const limit = request.query.limit ?? 100;
      const entries = await fastify.storage.audit.list({ ...request.query, limit });
      return { entries, next: entries.length === limit ? entries[entries.length - 1]!.seq : null };
    },
  );
};

export default routes;
