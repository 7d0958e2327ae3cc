// Certificates (§III.4): public verification without a key — anyone holding a certificate number can check what
// it certifies and whether it still stands — and revocation by the Ministry.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CertificateParams, CertificateVerification, RevokeBody } from '@dbi/schema';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { canRevokeCertificate } from '../../../../lib/assessments/policy.js';
import { certificateOut } from '../../../../lib/assessments/shapes.js';
import { HttpProblem, notFound } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;

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
