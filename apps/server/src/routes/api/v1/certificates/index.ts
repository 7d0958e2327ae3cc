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
import { HttpProblem, notFound } from '../../../../lib/problems.js';
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
