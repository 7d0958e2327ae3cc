// Enterprises: tax code, name, province, sector and size facts; the index to use follows from the size classifier
// (Appendix IV) unless a ministry or provincial key overrides it with a reason (audited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  Enterprise,
  EnterpriseBody,
  EnterpriseList,
  EnterpriseUpdateBody,
  IndexOverrideBody,
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
import { forbidden, invalidInput, notFound } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';
import { enterpriseTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, assessments: service } = fastify;

  const load = async (taxCode: string): Promise<EnterpriseRecord> => {
    const e = await storage.enterprises.get(taxCode);
    if (!e) throw notFound(`enterprise ${taxCode} is not registered`);
    return e;
  };
  const consultantsOf = async (taxCode: string) =>
    (await storage.assessments.list({ taxCode })).map((a) => a.consultantId);

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
      const { taxCode, ...facts } = request.body;
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
        summary: 'List the enterprises the key may see',
        description:
          'Ministry roles: all (optionally one province); provincial department: its province; enterprise: itself; consultant: the enterprises of its assignments.',
        security: SECURITY_KEY,
        querystring: withFormat(
          Type.Object({ province: Type.Optional(ProvinceCode) }, { additionalProperties: false }),
        ),
        response: { 200: listResponse(EnterpriseList), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const { province, format } = request.query;
      const visible = async (): Promise<EnterpriseRecord[]> => {
        if (isMinistry(p)) return storage.enterprises.list(province === undefined ? {} : { province });
        if (p.role === 'provincial-department' && p.scope) {
          if (province !== undefined && province !== p.scope)
            throw forbidden(
              `your key (provincial-department ${p.scope}) cannot list enterprises of province ${province}`,
            );
          return storage.enterprises.list({ province: p.scope });
        }
        if (p.role === 'enterprise' && p.scope) {
          const e = await storage.enterprises.get(p.scope);
          return e && (province === undefined || e.province === province) ? [e] : [];
        }
        if (p.role === 'consultant' && p.scope) {
          const taxCodes = [
            ...new Set((await storage.assessments.list({ consultantId: p.scope })).map((a) => a.taxCode)),
          ].sort();
          const list = await Promise.all(taxCodes.map((t) => load(t)));
          return list.filter((e) => province === undefined || e.province === province);
        }
        throw forbidden(`your key (${p.role}) cannot list enterprises`);
      };
      const enterprises = await visible();
      if (format) return sendTable(request, reply, format, enterpriseTable(enterprises));
      return { enterprises };
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
      const e = await load(request.params.taxCode);
      allow(canReadEnterprise(p, e, await consultantsOf(e.taxCode)), p, `read enterprise ${e.taxCode}`);
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
      const facts = request.body;
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
