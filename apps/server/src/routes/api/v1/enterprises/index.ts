// Enterprises: tax code, name, province, sector and size facts; the index to use follows from the size classifier
// (Appendix IV) unless a ministry or provincial key overrides it with a reason (audited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  Enterprise,
  EnterpriseBody,
  EnterpriseUpdateBody,
  IndexOverrideBody,
  NextCursor,
  PageQuery,
  ProvinceCode,
} from '@dbi/schema';
import type { EnterpriseRecord } from '@dbi/storage';
import { allow, caller, TaxCodeParams } from '../../../../lib/assessments/http.js';
import {
  canManageEnterprise,
  canOverrideIndex,
  canReadEnterprise,
  isMinistry,
} from '../../../../lib/assessments/policy.js';
import comparison from './comparison.js';
import { allPages, decodeCursor, DEFAULT_LIMIT, pageOf } from '../../../../lib/national/cursor.js';
import { checkEnterpriseFacts, checkFilters } from '../../../../lib/national/reference.js';
import { forbidden, invalidInput, notFound } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';
import { enterpriseTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, assessments: service } = fastify;
  // A folder with an index is loaded through it: the comparison route is registered here.
  await fastify.register(comparison);

  const load = async (taxCode: string): Promise<EnterpriseRecord> => {
    const e = await storage.enterprises.get(taxCode);
    if (!e) throw notFound(`enterprise ${taxCode} is not registered`);
    return e;
  };

  fastify.post(
    '/',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Register an enterprise',
        description:
          'The size facts are classified with the newest published `size` classifier (Appendix IV); the result and the ' +
          'classifier’s exact version and hash are stored. Ministry roles, the provincial department of the province, or ' +
          'the enterprise itself.',
        security: SECURITY_KEY,
        body: EnterpriseBody,
        response: { 201: Enterprise, ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      // The check digit, the province (a former-63 one mapped to its unit) and the industry, each a 400 naming it.
      const { taxCode, ...facts } = checkEnterpriseFacts(request.body, request.body.taxCode);
      allow(
        canManageEnterprise(p, { taxCode, province: facts.province }),
        p,
        `register enterprise ${taxCode} in province ${facts.province}`,
      );
      const created = await storage.enterprises.create(await service.newEnterprise(request.body), p);
      reply.code(201).header('location', `/api/v1/enterprises/${taxCode}`);
      return created;
    },
  );

  fastify.get(
    '/',
    {
      schema: {
        tags: ['assessments'],
        summary: 'List the enterprises the key may see, a page at a time (by tax code)',
        description:
          'Ministry roles: all (optionally one province); provincial department: its province; enterprise: itself; ' +
          'consultant: the enterprises of its assignments. Paged: ?limit= (default 50, at most 500), ?after=<next>.',
        security: SECURITY_KEY,
        querystring: withFormat(
          Type.Object({ province: Type.Optional(ProvinceCode), ...PageQuery }, { additionalProperties: false }),
        ),
        response: {
          200: listResponse(
            Type.Object({ items: Type.Array(Enterprise), next: NextCursor }, { additionalProperties: false }),
          ),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const { province, format } = request.query;
      if (province !== undefined) checkFilters({ province });
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const after = decodeCursor('enterprises', request.query.after);
      // Access decides the filter before anything is read; the page is read in the database.
      let filter: { province?: string; taxCodes?: string[] };
      if (isMinistry(p)) filter = province === undefined ? {} : { province };
      else if (p.role === 'provincial-department' && p.scope) {
        if (province !== undefined && province !== p.scope)
          throw forbidden(
            `your key (provincial-department ${p.scope}) cannot list enterprises of province ${province}`,
          );
        filter = { province: p.scope };
      } else if (p.role === 'enterprise' && p.scope) {
        filter = { taxCodes: [p.scope], ...(province !== undefined ? { province } : {}) };
      } else if (p.role === 'consultant' && p.scope) {
        // A consultant's assignments are few; their tax codes bound the page (read without the columns).
        const taxCodes = new Set<string>();
        let next: string | undefined;
        for (;;) {
          const page = await storage.pages.assessments({ consultantId: p.scope }, 500, next);
          for (const a of page) taxCodes.add(a.taxCode);
          if (page.length < 500) break;
          next = page[page.length - 1]!.id;
        }
        filter = { taxCodes: [...taxCodes], ...(province !== undefined ? { province } : {}) };
      } else throw forbidden(`your key (${p.role}) cannot list enterprises`);
      const rows = await storage.pages.enterprises(filter, limit + 1, after);
      if (format)
        return sendTable(
          request,
          reply,
          format,
          enterpriseTable(
            allPages(
              (n, a) => storage.pages.enterprises(filter, n, a),
              (x) => x.taxCode,
            ),
          ),
        );
      return pageOf('enterprises', rows, limit, (e) => e.taxCode);
    },
  );

  fastify.get(
    '/:taxCode',
    {
      schema: {
        tags: ['assessments'],
        summary: 'One enterprise',
        security: SECURITY_KEY,
        params: TaxCodeParams,
        response: { 200: Enterprise, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { taxCode } = request.params;
      const e = await storage.enterprises.get(taxCode);
      // A consultant reads an enterprise of one of its assignments: one row is enough to know (never all of them).
      const assigned =
        e && p.role === 'consultant' && p.scope
          ? (await storage.pages.assessments({ taxCode, consultantId: p.scope }, 1)).map((a) => a.consultantId)
          : [];
      // Absent and not yours answer alike, so the answer does not tell which tax codes are registered.
      if (!e || !canReadEnterprise(p, e, assigned))
        throw notFound(`enterprise ${taxCode} is not registered or not yours to read`);
      return e;
    },
  );

  fastify.put(
    '/:taxCode',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Replace an enterprise’s facts (re-classified)',
        security: SECURITY_KEY,
        params: TaxCodeParams,
        body: EnterpriseUpdateBody,
        response: { 200: Enterprise, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      const e = await load(request.params.taxCode);
      const facts = checkEnterpriseFacts(request.body);
      allow(
        canManageEnterprise(p, e) && canManageEnterprise(p, { taxCode: e.taxCode, province: facts.province }),
        p,
        `change enterprise ${e.taxCode}${facts.province !== e.province ? ` into province ${facts.province}` : ''}`,
      );
      const classification = await service.classify(facts);
      return storage.enterprises.update(
        e.taxCode,
        {
          ...facts,
          revenueVnd: facts.revenueVnd ?? null,
          capitalVnd: facts.capitalVnd ?? null,
          hasSubsidiaries: facts.hasSubsidiaries ?? false,
        },
        classification,
        p,
      );
    },
  );

  fastify.put(
    '/:taxCode/index-override',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Override the index the classifier chose (reason required, audited)',
        description:
          'Ministry roles, or the provincial department of the enterprise’s province. `index` must be a value the classifier can give (sme, large, group).',
        security: SECURITY_KEY,
        params: TaxCodeParams,
        body: IndexOverrideBody,
        response: { 200: Enterprise, ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      const e = await load(request.params.taxCode);
      allow(canOverrideIndex(p, e), p, `override the index of enterprise ${e.taxCode}`);
      const { index } = request.body;
      const reason = request.body.reason.trim();
      const errors = [];
      const choices = await service.indexChoices();
      if (!choices.includes(index))
        errors.push({
          pointer: '/index',
          detail: `must be one of ${choices.join(', ')} (the values the size classifier gives)`,
          code: 'unknown-index',
          in: 'body' as const,
        });
      if (reason === '')
        errors.push({
          pointer: '/reason',
          detail: 'a reason is required for an override',
          code: 'required',
          in: 'body' as const,
        });
      if (errors.length) throw invalidInput(errors);
      return storage.enterprises.setOverride(e.taxCode, { index, reason }, p);
    },
  );

  fastify.delete(
    '/:taxCode/index-override',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Clear the index override (audited)',
        security: SECURITY_KEY,
        params: TaxCodeParams,
        response: { 200: Enterprise, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = caller(request);
      const e = await load(request.params.taxCode);
      allow(canOverrideIndex(p, e), p, `clear the index override of enterprise ${e.taxCode}`);
      return storage.enterprises.setOverride(e.taxCode, null, p);
    },
  );
};

export default routes;
