// Re-assessments compared (issue 9 item 4): two assessments of one enterprise, criterion by criterion and pillar by
// pillar, each side read from its most advanced written column (ministry, else department, else consultant, else
// the enterprise's own), so last year's result is comparable with this year's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AssessmentComparison, ComparisonQuery, TaxCode, type ColumnName } from '@dbi/schema';
import type { AssessmentRecord } from '@dbi/storage';
import { caller } from '../../../../lib/assessments/http.js';
import { canReadAssessment } from '../../../../lib/assessments/policy.js';
import { conflict, notFound } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const ORDER: readonly ColumnName[] = ['ministry', 'department', 'consultant', 'self'];
const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const change = (from: number | undefined, to: number | undefined): 'up' | 'down' | 'same' | 'only-one' =>
  from === undefined || to === undefined ? 'only-one' : to > from ? 'up' : to < from ? 'down' : 'same';

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;

  fastify.get(
    '/:taxCode/comparison',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Compare two assessments of an enterprise, criterion by criterion and pillar by pillar',
        description:
          'Each side is its most advanced written column (ministry, department, consultant, self). Criteria: every ' +
          'criterion answered on either side, with both answers; pillars and the overall result: levels and points, ' +
          'with the direction of the change. Readable by whoever may read both assessments.',
        security: SECURITY_KEY,
        params: Type.Object({ taxCode: TaxCode }, { additionalProperties: false }),
        querystring: ComparisonQuery,
        response: { 200: AssessmentComparison, ...problems(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { taxCode } = request.params;
      const e = await storage.enterprises.get(taxCode);
      const side = async (id: string) => {
        const a = await storage.assessments.get(id);
        // Absent, of another enterprise, or not the caller's: one answer.
        if (!e || !a || a.taxCode !== taxCode || !canReadAssessment(p, e, a.consultantId))
          throw notFound(`assessment ${id} of enterprise ${taxCode} does not exist or is not yours to read`);
        const column = ORDER.find((c) => a.columns[c] !== undefined);
        if (!column) throw conflict(`assessment ${id} has no written column to compare`);
        return { a, column, col: a.columns[column]! };
      };
      const from = await side(request.query.from);
      const to = await side(request.query.to);
      const out = (s: {
        a: AssessmentRecord;
        column: ColumnName;
        col: NonNullable<AssessmentRecord['columns']['self']>;
      }) => ({
        id: s.a.id,
        period: s.a.period,
        index: s.a.index,
        status: s.a.status,
        column: s.column,
        level: s.col.result.level,
        total: s.col.result.total,
        max: s.col.result.max,
      });
      const pf = new Map(from.col.result.pillars.map((x) => [x.id, x]));
      const pt = new Map(to.col.result.pillars.map((x) => [x.id, x]));
      const pillarIds = [...new Set([...pf.keys(), ...pt.keys()])].sort(byId);
      const criterionIds = [...new Set([...Object.keys(from.col.answers), ...Object.keys(to.col.answers)])].sort(byId);
      const pillar = (x: { id: string; points: number; max: number; level: number } | undefined) =>
        x ? { id: x.id, points: x.points, max: x.max, level: x.level } : null;
      return {
        taxCode,
        sameIndexVersion: from.a.index.hash === to.a.index.hash,
        from: out(from),
        to: out(to),
        overall: {
          levelChange: to.col.result.level - from.col.result.level,
          pointsChange: to.col.result.total - from.col.result.total,
          change: change(from.col.result.level, to.col.result.level),
        },
        pillars: pillarIds.map((id) => ({
          id,
          from: pillar(pf.get(id)),
          to: pillar(pt.get(id)),
          change: change(pf.get(id)?.level, pt.get(id)?.level),
        })),
        criteria: criterionIds.map((id) => {
          const a = from.col.answers[id] ?? null;
          const b = to.col.answers[id] ?? null;
          return { id, from: a, to: b, changed: JSON.stringify(a) !== JSON.stringify(b) };
        }),
      };
    },
  );
};

export default routes;
