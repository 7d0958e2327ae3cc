// An assessment across versions of its index: moving a draft to a newer published version (answers carried by the
// new version's crosswalk, the rest listed), the moves made, and comparing its result under another version (which
// says what could not be carried). Carrying is @dbi/schema's `carrier`; scoring the engine's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { score, type CompiledScorecard } from '@dbi/engine';
import {
  Assessment,
  VersionComparison,
  AssessmentMove,
  carrier,
  CompareQuery,
  effectiveColumn,
  MoveBody,
  type Answers,
  type ScoreAnswers,
  type ScoreResult,
} from '@dbi/schema';
import type { AssessmentRecord, EnterpriseRecord } from '@dbi/storage';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { canManageAssessment, canReadAssessment } from '../../../../lib/assessments/policy.js';
import { conflict, notFound } from '../../../../lib/problems.js';
import { inline, problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) },
  { additionalProperties: false },
);

const side = (r: ScoreResult) => ({
  index: r.index,
  level: r.level,
  total: r.total,
  max: r.max,
  pillars: r.pillars.map((p) => ({ id: p.id, level: p.level, points: p.points, max: p.max })),
});

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, assessments: service } = fastify;

  const load = async (id: string): Promise<{ a: AssessmentRecord; e: EnterpriseRecord }> => {
    const a = await storage.assessments.get(id);
    if (!a) throw notFound(`assessment ${id} does not exist`);
    const e = await storage.enterprises.get(a.taxCode);
    if (!e) throw notFound(`enterprise ${a.taxCode} is not registered`);
    return { a, e };
  };

  /** The pinned version and another published version of the same index, both compiled. */
  const pair = async (a: AssessmentRecord, to: string): Promise<[CompiledScorecard, CompiledScorecard, string]> => {
    const from = await service.scorecard(a.index);
    const { stamp } = await service.requestedVersion(`${a.index.id}@${to}`, 'assessments');
    return [from, await service.scorecard(stamp), stamp.hash];
  };

  fastify.post(
    '/:id/move',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Move a draft assessment to a newer published version of its index',
        description:
          'The self-assessment answers are carried by the new version’s crosswalk (or the one suggested from ids and ' +
          'texts) and re-scored; what could not be carried is listed and recorded with the move. Only drafts move, only ' +
          'forward. The enterprise, its provincial department or Ministry roles.',
        security: SECURITY_KEY,
        params: IdParams,
        body: MoveBody,
        response: {
          200: Type.Object({ assessment: inline(Assessment), move: inline(AssessmentMove) }),
          ...problems(400, 401, 403, 404, 409, 412, 413, 415),
        },
      },
    },
    async (request) => {
      const p = caller(request);
      const { a, e } = await load(request.params.id);
      allow(canManageAssessment(p, e), p, `move assessment ${a.id} of enterprise ${e.taxCode}`);
      if (a.status !== 'draft')
        throw conflict(`assessment ${a.id} is ${a.status}: only a draft moves to another version`);
      const [from, to, hash] = await pair(a, request.body.to);
      const self = a.columns.self;
      const carried = carrier(from.definition, to.definition)((self?.answers ?? {}) as ScoreAnswers);
      // The assessment workflow stores level answers (Decision 1970's tables); a version asking other answer types is
      // compared across (GET …/comparison) but a draft is not moved onto it.
      const other = Object.entries(carried.answers).find(([, v]) => typeof v !== 'number');
      if (other)
        throw conflict(
          `${a.index.id}@${request.body.to} answers ${other[0]} with something other than a level; assessments hold level answers only, so this draft cannot move to it`,
        );
      let column = null;
      if (self) {
        // Evidence follows an answer carried from exactly one criterion.
        const evidence: Record<string, string> = {};
        for (const c of carried.carried) {
          const note = c.from.length === 1 ? self.evidence[c.from[0]!] : undefined;
          if (note !== undefined) evidence[c.id] = note;
        }
        column = {
          answers: carried.answers as Answers,
          evidence,
          result: score(to, { answers: carried.answers }),
          from: self.from,
        };
      }
      const move = await storage.revisions.moveAssessment(
        a.id,
        {
          from: a.index,
          to: { id: a.index.id, version: request.body.to, hash },
          column,
          carried: carried.carried.map((c) => c.id),
          notCarried: carried.notCarried,
        },
        p,
      );
      return { assessment: (await storage.assessments.get(a.id))!, move };
    },
  );

  fastify.get(
    '/:id/moves',
    {
      schema: {
        tags: ['assessments'],
        summary: 'The versions an assessment was moved between, with what was not carried each time',
        security: SECURITY_KEY,
        params: IdParams,
        response: { 200: Type.Object({ moves: Type.Array(inline(AssessmentMove)) }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { a, e } = await load(request.params.id);
      allow(canReadAssessment(p, e, a.consultantId), p, `read assessment ${a.id} of enterprise ${e.taxCode}`);
      return { moves: await storage.revisions.moves(a.id) };
    },
  );

  fastify.get(
    '/:id/comparison',
    {
      schema: {
        tags: ['assessments'],
        summary: 'The assessment’s result under another published version of its index',
        description:
          'The answers of its current column (ministry, else department, else consultant, else self) carried to `to` ' +
          'and scored there, beside the stored result; the criteria that could not be carried are listed with the reason.',
        security: SECURITY_KEY,
        params: IdParams,
        querystring: CompareQuery,
        response: { 200: inline(VersionComparison), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { a, e } = await load(request.params.id);
      allow(canReadAssessment(p, e, a.consultantId), p, `read assessment ${a.id} of enterprise ${e.taxCode}`);
      const [from, to] = await pair(a, request.query.to);
      const col = effectiveColumn(a.columns);
      const answers = (col ? a.columns[col]!.answers : {}) as ScoreAnswers;
      const carried = carrier(from.definition, to.definition)(answers);
      return {
        assessmentId: a.id,
        column: col,
        from: side(score(from, { answers })),
        to: side(score(to, { answers: carried.answers })),
        carried: carried.carried.map((c) => c.id),
        notCarried: carried.notCarried,
      };
    },
  );
};

export default routes;
