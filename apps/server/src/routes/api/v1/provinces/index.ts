// The provincial index (§III: "Chỉ số … chung của các doanh nghiệp trên địa bàn một tỉnh"): the distribution of
// the province's enterprises over the levels and the mean level as an exact fraction, overall and per pillar.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProvinceIndex, ProvinceIndexQuery, ProvinceParams } from '@dbi/schema';
import { PROVINCE_INDEX_METHOD, provinceIndex } from '../../../../lib/assessments/ranking.js';
import { problems, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';
import { assertBasis } from '../../../../lib/assessments/policy.js';
import { provinceIndexTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:code/index',
    {
      schema: {
        tags: ['rankings'],
        summary: 'The provincial index: levels of the province’s enterprises, distribution and exact mean',
        description: PROVINCE_INDEX_METHOD,
        security: SECURITY_OPTIONAL,
        params: ProvinceParams,
        querystring: withFormat(ProvinceIndexQuery),
        response: { 200: listResponse(ProvinceIndex), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const basis = request.query.basis ?? 'certified';
      assertBasis(request.principal, basis, code);
      const rows = await fastify.storage.rankings.rows({ basis, province: code });
      const index = {
        province: code,
        basis,
        method: PROVINCE_INDEX_METHOD,
        ...provinceIndex(rows, fastify.assessments.settings.levels),
      };
      if (request.query.format) return sendTable(request, reply, request.query.format, provinceIndexTable(index));
      return index;
    },
  );
};

export default routes;
