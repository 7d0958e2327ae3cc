// Level distribution and pillar mean levels per period, for the whole country or one province (issue 9 item 7:
// "level distribution and pillar averages per province, industry and size"): the dashboards' charts. The same
// aggregates and exact means as the one-province index (lib/national/province-index.ts), without a province.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LevelSummary, LevelsQuery } from '@dbi/schema';
import type { StandingFilter } from '@dbi/storage';
import { assertBasis } from '../../../../lib/assessments/policy.js';
import { levelsTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';
import { standingFilter } from '../../../../lib/national/filters.js';
import { periodOf } from '../../../../lib/national/periods.js';
import { levelSummary } from '../../../../lib/national/province-index.js';
import { problems, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;

  const summary = async (filter: StandingFilter) => {
    const scale = fastify.assessments.settings.levels;
    const [levels, pillarLevels] = await Promise.all([
      storage.standings.levels(filter),
      storage.standings.pillarLevels(filter),
    ]);
    const { distribution, meanLevel } = levelSummary(levels, scale);
    const ids = [...new Set(pillarLevels.map((p) => p.id))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return {
      enterprises: distribution.reduce((s, d) => s + d.count, 0),
      distribution,
      meanLevel,
      pillars: ids.map((id) => ({
        id,
        ...levelSummary(
          pillarLevels.filter((p) => p.id === id),
          scale,
        ),
      })),
    };
  };

  fastify.get(
    '/levels',
    {
      schema: {
        tags: ['rankings'],
        summary: 'Level distribution and pillar mean levels, of the whole country or one province, per period',
        description:
          'Each enterprise counts once per period, as in the rankings (basis=certified, the default, is public; ' +
          'basis=appraised: ministry roles, or a department for its own province). distribution: enterprises at each ' +
          'level of the scale; meanLevel = Σ levels / n as an exact fraction with its display rounded half away from ' +
          'zero to 4 decimals; pillars likewise per pillar. Filters: province (absent: every province), industry, size; ' +
          'compareTo: the same for another period. ?format=csv|xlsx: one row for the whole, then one per pillar, with ' +
          'the count at each level and the mean level as its display string and its fraction.',
        security: SECURITY_OPTIONAL,
        querystring: withFormat(LevelsQuery),
        response: { 200: listResponse(LevelSummary), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      assertBasis(request.principal, q.basis ?? 'certified', q.province);
      const f = await standingFilter(fastify, q);
      const previous =
        q.compareTo === undefined
          ? undefined
          : await periodOf(storage, q.compareTo, { pointer: '/compareTo', in: 'query' });
      const answer = {
        period: f.period,
        basis: f.basis,
        province: f.province ?? null,
        industry: f.industry ?? null,
        size: f.size ?? null,
        ...(await summary(f)),
        ...(previous === undefined
          ? {}
          : { previous: { period: previous, ...(await summary({ ...f, period: previous })) } }),
      };
      if (q.format) return sendTable(request, reply, q.format, levelsTable(answer));
      return answer;
    },
  );
};

export default routes;
