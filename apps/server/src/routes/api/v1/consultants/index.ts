// Independent consultants (§III.2, §V): recognised by the Ministry, with the enterprises that employ them, so the
// independence rule can refuse a consultant who is an employee of the enterprise to be assessed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Consultant, ConsultantBody, ConsultantId, ConsultantList, ConsultantUpdateBody, PageQuery } from '@dbi/schema';
import type { ConsultantRecord } from '@dbi/storage';
import { decodeCursor, DEFAULT_LIMIT, pageOf } from '../../../../lib/national/cursor.js';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { canListConsultants, canReadConsultant, canWriteConsultants } from '../../../../lib/assessments/policy.js';
import { notFound } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const IdParams = Type.Object({ id: ConsultantId }, { additionalProperties: false });

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;

  fastify.post(
    '/',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Register a recognised consultant (ministry roles)',
        description: 'Its API key is a `consultant` key whose scope is this id.',
        security: SECURITY_KEY,
        body: ConsultantBody,
        response: { 201: Consultant, ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      allow(canWriteConsultants(p), p, 'register consultants');
      const { id, ...facts } = request.body;
      const created = await storage.consultants.create({ id, ...facts }, p);
      reply.code(201).header('location', `/api/v1/consultants/${id}`);
      return created;
    },
  );

  fastify.get(
    '/',
    {
      schema: {
        tags: ['assessments'],
        summary: 'List consultants, a page at a time (by id)',
        description: 'Paged: ?limit= (default 50, at most 500), ?after=<next>.',
        security: SECURITY_KEY,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: ConsultantList, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = caller(request);
      allow(canListConsultants(p), p, 'list consultants');
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const ids = await storage.pages.consultantIds(limit + 1, decodeCursor('consultants', request.query.after));
      const rows: ConsultantRecord[] = [];
      for (const id of ids) {
        const c = await storage.consultants.get(id);
        if (c) rows.push(c);
      }
      return pageOf('consultants', rows, limit, (c) => c.id);
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags: ['assessments'],
        summary: 'One consultant',
        security: SECURITY_KEY,
        params: IdParams,
        response: { 200: Consultant, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = caller(request);
      allow(canReadConsultant(p, request.params.id), p, `read consultant ${request.params.id}`);
      const c = await storage.consultants.get(request.params.id);
      if (!c) throw notFound(`consultant ${request.params.id} is not registered`);
      return c;
    },
  );

  fastify.put(
    '/:id',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Replace a consultant’s record (ministry roles)',
        description:
          'Refused with 409 when a new employer is (part of) an enterprise the consultant is assigned to in an open assessment.',
        security: SECURITY_KEY,
        params: IdParams,
        body: ConsultantUpdateBody,
        response: { 200: Consultant, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      allow(canWriteConsultants(p), p, 'change consultants');
      return storage.consultants.update(request.params.id, request.body, p);
    },
  );
};

export default routes;
