// Certificates (§III.4): public verification without a key — anyone holding a certificate number can check what
// it certifies and whether it still stands — and revocation by the Ministry.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CertificateCheck, CertificateParams, CertificateVerification, RevokeBody } from '@dbi/schema';
import type { AppOptions } from '../../../../app.js';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { canManageEnterprise, canRevokeCertificate } from '../../../../lib/assessments/policy.js';
import { certificateOut } from '../../../../lib/assessments/shapes.js';
import { certificatePdf, certificateState } from '../../../../lib/certificates/pdf.js';
import { todayInVietnam } from '../../../../lib/certificates/settings.js';
import {
  certificateCheck,
  certificateNames,
  certificateSettings,
  verifyUrl,
} from '../../../../lib/certificates/verification.js';
import { forbidden, HttpProblem, invalidInput, notFound } from '../../../../lib/problems.js';
import { isMinistry } from '../../../../lib/assessments/policy.js';
import { certificateTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';
import type { CertificateNames } from '../../../../lib/certificates/pdf.js';
import { Type } from 'typebox';
import { ProvinceCode, TaxCode } from '@dbi/schema';
import type { CertificateRecord } from '@dbi/storage';

/** The position after a certificate in issue order, opaque to clients. */
const cursor = (c: CertificateRecord) => Buffer.from(JSON.stringify([c.issuedAt, c.number])).toString('base64url');
function readCursor(text: string): { issuedAt: string; number: string } {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { issuedAt: v[0], number: v[1] };
  } catch {
    // reported below
  }
  throw invalidInput([
    { pointer: '/after', detail: 'is not a cursor this list gave', code: 'invalid-cursor', in: 'query' },
  ]);
}
import { problems, ref, SECURITY_KEY, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';

const routes: FastifyPluginAsyncTypebox<AppOptions> = async (fastify, opts) => {
  const { storage } = fastify;
  const settings = certificateSettings(opts.certificates);
  const load = async (number: string) => {
    const c = await storage.certificates.get(number);
    if (!c) throw notFound(`there is no certificate ${number}`);
    return c;
  };

  fastify.get(
    '/',
    {
      schema: {
        tags: ['certificates'],
        summary: 'List certificates in issue order, a page at a time (CSV or XLSX with ?format=)',
        description:
          'Ministry roles: all, or one enterprise or province; provincial department: its province; enterprise: its ' +
          'own. `{items, next}`: pass `next` as `after` for the following page (null: the last page).',
        security: SECURITY_KEY,
        querystring: withFormat(
          Type.Object(
            {
              taxCode: Type.Optional(TaxCode),
              province: Type.Optional(ProvinceCode),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
              after: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,400}$', description: 'Opaque cursor' })),
            },
            { additionalProperties: false },
          ),
        ),
        response: {
          200: listResponse(
            Type.Object(
              { items: Type.Array(ref(CertificateCheck)), next: Type.Union([Type.String(), Type.Null()]) },
              { additionalProperties: false },
            ),
          ),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const { taxCode, province, after, format } = request.query;
      const limit = request.query.limit ?? 50;
      let scope: { taxCode?: string; province?: string } = {
        ...(taxCode ? { taxCode } : {}),
        ...(province ? { province } : {}),
      };
      if (p.role === 'provincial-department' && p.scope) {
        if (province !== undefined && province !== p.scope)
          throw forbidden(
            `your key (provincial-department ${p.scope}) cannot list certificates of province ${province}`,
          );
        scope = { ...scope, province: p.scope };
      } else if (p.role === 'enterprise' && p.scope) {
        if (taxCode !== undefined && taxCode !== p.scope)
          throw forbidden(`your key (enterprise ${p.scope}) cannot list certificates of ${taxCode}`);
        scope = { ...scope, taxCode: p.scope };
      } else if (!isMinistry(p)) throw forbidden(`your key (${p.role}) cannot list certificates`);
      const list = await storage.certificates.list({ ...scope, limit, ...(after ? { after: readCursor(after) } : {}) });
      if (format) return sendTable(request, reply, format, certificateTable(list));
      const names = new Map<string, Promise<CertificateNames>>();
      const items = [];
      for (const c of list) {
        const key = `${c.index.id}@${c.index.version}`;
        if (!names.has(key)) names.set(key, certificateNames(storage, c));
        items.push(certificateCheck(c, await names.get(key)!, settings));
      }
      const last = list.at(-1);
      return { items, next: list.length === limit && last ? cursor(last) : null };
    },
  );

  fastify.get(
    '/:number/verification',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Check a certificate (public, no key): validity, supersession, revocation',
        description:
          'What the certificate states — enterprise, overall and pillar levels with their names, the exact index ' +
          'version and content hash, issue date, validity, issuer — and where it stands today: `valid`, `expired` ' +
          '(past `validUntil`, a Vietnamese calendar date), `superseded` (a newer certificate of the same enterprise ' +
          'and index replaced it: `supersededBy`) or `revoked` (with the Ministry’s reason). The web page ' +
          '/verify/{number} shows this; the QR code on the PDF points there.',
        security: SECURITY_OPTIONAL,
        params: CertificateParams,
        response: { 200: ref(CertificateCheck), ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const c = await load(request.params.number);
      return certificateCheck(c, await certificateNames(storage, c), settings);
    },
  );

  fastify.get(
    '/:number.pdf',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The certificate as a Vietnamese PDF with a QR code to its verification page',
        description:
          'The enterprise, the Ministry and the provincial department of the enterprise’s province. A certificate ' +
          'that no longer stands (expired, superseded, revoked) says so across its page.',
        security: SECURITY_KEY,
        params: CertificateParams,
        response: {
          200: {
            description: 'application/pdf',
            content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
          } as unknown as Record<string, never>,
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const c = await load(request.params.number);
      const e = await storage.enterprises.get(c.taxCode);
      allow(
        e !== undefined && canManageEnterprise(p, e),
        p,
        `read the certificate of enterprise ${c.taxCode} (the enterprise, its provincial department, the Ministry)`,
      );
      const pdf = await certificatePdf(
        c,
        await certificateNames(storage, c),
        certificateState(c, todayInVietnam()),
        verifyUrl(request, settings, c.number),
        settings,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${c.number}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  fastify.get(
    '/:number',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Verify a certificate (public, no key)',
        description:
          'The enterprise, its overall and pillar levels, the exact index version and hash, the date of issue and whether it is valid or revoked.',
        security: SECURITY_OPTIONAL,
        params: CertificateParams,
        response: { 200: CertificateVerification, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const c = await storage.certificates.get(request.params.number);
      if (!c) throw notFound(`there is no certificate ${request.params.number}`);
      return certificateOut(c);
    },
  );

  fastify.post(
    '/:number/revoke',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Revoke a certificate (ministry-publisher, reason required, audited)',
        security: SECURITY_KEY,
        params: CertificateParams,
        body: RevokeBody,
        response: { 200: CertificateVerification, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      allow(canRevokeCertificate(p), p, 'revoke certificates (ministry-publisher only)');
      const reason = request.body.reason.trim();
      if (reason === '')
        throw new HttpProblem('invalid-input', '/reason: a reason is required', [
          { pointer: '/reason', detail: 'a reason is required', code: 'required', in: 'body' },
        ]);
      const c = await storage.certificates.get(request.params.number);
      if (!c) throw notFound(`there is no certificate ${request.params.number}`);
      return certificateOut(await storage.certificates.revoke(c.number, reason, p));
    },
  );
};

export default routes;
