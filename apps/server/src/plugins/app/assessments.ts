// Decorates fastify.assessments: the assessment service (services/assessments.ts) with the configured classifier,
// group index and levels (AppOptions.assessments over the defaults of config.ts).
import fp from 'fastify-plugin';
import type { AppOptions } from '../../app.js';
import { ASSESSMENT_DEFAULTS } from '../../config.js';
import { AssessmentService } from '../../services/assessments.js';

declare module 'fastify' {
  interface FastifyInstance {
    assessments: AssessmentService;
  }
}

export default fp<AppOptions>(
  async (fastify, opts) => {
    const settings = { ...ASSESSMENT_DEFAULTS, ...opts.assessments };
    fastify.decorate('assessments', new AssessmentService(fastify.storage, fastify.registry, settings));
  },
  { name: 'assessments', dependencies: ['storage', 'registry'] },
);
