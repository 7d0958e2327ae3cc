// Rankings (§I.2.b: "xếp hạng mức độ chuyển đổi số của các doanh nghiệp theo quy mô, ngành, lĩnh vực, địa
// phương"): enterprises by level, per period, filtered by industry (VSIC section), province and size. Computed by
// the database over the standings table (kept on appraisal and certification, with the facts as they were then),
// a page at a time by keyset. Certified results are public; the appraised basis (not yet certified) is for ministry
// keys and a province's own department.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RankingPage, RankingPageQuery } from '@dbi/schema';
import type { StandingRow } from '@dbi/storage';
import { assertBasis } from '../../../../lib/assessments/policy.js';
import { decodeCursor, DEFAULT_LIMIT, pageOf } from '../../../../lib/national/cursor.js';
import { standingFilter } from '../../../../lib/national/filters.js';
import { problems, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';
import { rankingTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';

// The standing part of the sort key: level and share (see migration 0003); equal parts rank equal.
const standingOf = (r: StandingRow) => r.sortKey.slice(0, 15);

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/',
    {
      schema: {
        tags: ['rankings'],
        summary: 'Enterprises ranked by level, per period, by industry, province and size',
        description:
          'One entry per enterprise and period: its latest qualifying assessment of the period (basis=certified, the ' +
          'default: a valid certificate; basis=appraised: also appraised results not yet certified), with the facts ' +
          '(province, industry, size) as they were when it was certified; the parent of a group stands with the group ' +
          'roll-up. Ordered by overall level, then by share of points total/max (exact), then tax code; equal level and ' +
          'share rank equal (1, 2, 2, 4). period defaults to the current one (GET /periods). A bad province, industry, ' +
          'size or period is refused (400 naming the field). Paged: ?limit= (default 50, at most 500), ?after=<next>. ' +
          '?format=csv|xlsx exports the page asked for (the same limit and after, ranks as in the JSON; at most 500 ' +
          'rows: a top-N list for honours is ?limit=N), one row per entry with one level column per pillar.',
        security: SECURITY_OPTIONAL,
        querystring: withFormat(RankingPageQuery),
        response: { 200: listResponse(RankingPage), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      assertBasis(request.principal, q.basis ?? 'certified', q.province);
      const filter = await standingFilter(fastify, q);
      const limit = q.limit ?? DEFAULT_LIMIT;
      const after = decodeCursor('rankings', q.after);
      const [page, count] = await Promise.all([
        fastify.storage.standings.page(filter, limit + 1, after),
        fastify.storage.standings.count(filter),
      ]);
      const { items, next } = pageOf('rankings', page.rows, limit, (r) => r.sortKey);
      // Competition ranks: the first row's is 1 + the rows strictly better; each next row shares the rank of an
      // equal predecessor, else its rank is its position in the whole order.
      let rank = page.better + 1;
      const ranked = items.map((r, i) => {
        if (i > 0 && standingOf(r) !== standingOf(items[i - 1]!)) rank = page.before + i + 1;
        return {
          rank,
          taxCode: r.taxCode,
          name: r.name,
          province: r.province,
          industry: r.industry,
          sector: r.sector,
          size: r.size,
          period: r.period,
          level: r.level,
          total: r.total,
          max: r.max,
          pillars: r.pillars,
          index: r.index,
          status: r.status,
          group: r.groupId,
          certificateNumber: r.certificateNumber,
          asOf: r.asOf,
        };
      });
      // An export carries the page asked for (at most 500 rows: top-N lists for honours), ranks as shown.
      if (q.format) return sendTable(request, reply, q.format, rankingTable(ranked));
      return { basis: filter.basis, period: filter.period, count, items: ranked, next };
    },
  );
};

export default routes;
