// Periods (issue 9 item 4): the Ministry's campaigns. Every assessment belongs to one; rankings, the provincial index
// and coverage are per period. Listing is public (a handful of rows); creating one is for ministry roles.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Period, PeriodBody, PeriodList } from '@dbi/schema';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { isMinistry } from '../../../../lib/assessments/policy.js';
import { periodOut, todayInVietnam } from '../../../../lib/national/periods.js';
import { invalidInput } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;

  fastify.get(
    '/',
    {
      schema: {
        tags: ['rankings'],
        summary: 'The periods (campaigns), newest first; `current` marks the default one',
        description:
          'The current period is the one whose dates contain today (Vietnam time); when none does, requests without ' +
          '?period= use the calendar year (and an assessment created then gets that year as its period).',
        security: SECURITY_OPTIONAL,
        response: { 200: PeriodList, ...problems(400) },
      },
    },
    async () => {
      const today = todayInVietnam();
      return { items: (await storage.periods.list()).map((p) => periodOut(p, today)), next: null };
    },
  );

  fastify.post(
    '/',
    {
      schema: {
        tags: ['rankings'],
        summary: 'Create a period (ministry roles)',
        security: SECURITY_KEY,
        body: PeriodBody,
        response: { 201: Period, ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      allow(isMinistry(p), p, 'create periods');
      const { startsOn, endsOn } = request.body;
      if (endsOn < startsOn)
        throw invalidInput([
          { pointer: '/endsOn', detail: `must not be before startsOn (${startsOn})`, code: 'before-start', in: 'body' },
        ]);
      const created = await storage.periods.create(request.body, p);
      reply.code(201).header('location', `/api/v1/periods`);
      return periodOut(created, todayInVietnam());
    },
  );
};

export default routes;
