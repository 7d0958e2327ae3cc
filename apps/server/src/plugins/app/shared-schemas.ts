// Named response schemas, added once: routes refer to them by $id ({ $ref: 'CertificateCheck#' }), and the OpenAPI
// document lists them under components.schemas. Only responses refer to them (bodies are validated by
// @dbi/schema's own Ajv, which does not know these).
import fp from 'fastify-plugin';
import { CertificateCheck, EnterpriseImportReport } from '@dbi/schema';

export const SHARED_SCHEMAS = [CertificateCheck, EnterpriseImportReport];

export default fp(
  async (fastify) => {
    for (const s of SHARED_SCHEMAS) fastify.addSchema(s);
  },
  { name: 'shared-schemas' },
);
