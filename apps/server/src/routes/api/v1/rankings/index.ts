// Rankings (§I.2.b: "xếp hạng mức độ chuyển đổi số của các doanh nghiệp theo quy mô, ngành, lĩnh vực, địa
// phương"): enterprises by level, filtered by province, sector and size. Certified results are public; the
// appraised basis (results not yet certified) is for ministry keys and a province's own department.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Ranking, RankingQuery } from '@dbi/schema';
import { assertBasis } from '../../../../lib/assessments/policy.js';
import { rankRows } from '../../../../lib/assessments/ranking.js';
import { problems, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';
import { rankingTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      schema: {
        tags: ['rankings'],
        summary: 'Enterprises ranked by level, by province, sector and size',
        description:
          'One entry per enterprise: its latest qualifying assessment (basis=certified, the default: a valid certificate; ' +
          'basis=appraised: also appraised results not yet certified). Ordered by overall level, then by share of points ' +
          '(total/max, compared exactly), then tax code; equal level and share rank equal (1, 2, 2, 4).',
        security: SECURITY_OPTIONAL,
        querystring: withFormat(RankingQuery),
        response: { 200: listResponse(Ranking), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { province, sector, size, limit, offset, format } = request.query;
      const basis = request.query.basis ?? 'certified';
      assertBasis(request.principal, basis, province);
      const rows = await fastify.storage.rankings.rows({
        basis,
        ...(province !== undefined ? { province } : {}),
        ...(sector !== undefined ? { sector } : {}),
        ...(size !== undefined ? { size } : {}),
      });
      const ranked = rankRows(rows);
      const start = offset ?? 0;
      const entries = ranked.slice(start, start + (limit ?? 100)).map((r) => ({
        rank: r.rank,
        taxCode: r.taxCode,
        name: r.name,
        province: r.province,
        sector: r.sector,
        size: r.size,
        level: r.level,
        total: r.total,
        max: r.max,
        pillars: r.pillars,
        index: r.index,
        status: r.status,
        certificateNumber: r.certificateNumber,
        asOf: r.asOf,
      }));
      if (format) return sendTable(request, reply, format, rankingTable(entries));
      return { basis, count: ranked.length, entries };
    },
  );
};

export default routes;
