// The rest of the workflow of Decision 1970 §III, beside the forward steps of index.ts: submitting (with what is
// missing), the enterprise's request for a consultant or department assessment, the Ministry's direct assessment,
// returns for correction, withdrawal and cancellation. One table-driven handler: each route names a step of
// @dbi/schema's step table, asks `check` once with the caller, and storage asks it again inside its transaction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import {
  actingParty,
  Assessment,
  check,
  RequestAssessmentBody,
  returnStep,
  STEPS,
  StepReasonBody,
  SubmitBody,
  UnansweredCriteria,
  type RuleProblem,
  type Step,
} from '@dbi/schema';
import type { ActStep, AssessmentRecord, EnterpriseRecord } from '@dbi/storage';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { canReadAssessment } from '../../../../lib/assessments/policy.js';
import { stepRecordOf, unanswered } from '../../../../lib/assessments/workflow.js';
import { conflict, forbidden, notFound } from '../../../../lib/problems.js';
import { inline, problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) },
  { additionalProperties: false },
);

export const MissingAnswers = Type.Object(
  {
    column: Type.Literal('self'),
    answered: Type.Integer(),
    total: Type.Integer(),
    unanswered: UnansweredCriteria,
  },
  { additionalProperties: false, title: 'MissingAnswers' },
);

function refuse(problem: RuleProblem | undefined): void {
  if (problem) throw problem.kind === 'forbidden' ? forbidden(problem.message) : conflict(problem.message);
}

/** The routes of the other steps: path, the step (the return depends on the state), the body, the summary. */
const ACTS: ReadonlyArray<{
  path: string;
  step: ActStep | 'return';
  body?: TSchema;
  summary: string;
  description: string;
}> = [
  {
    path: 'request',
    step: 'request',
    body: RequestAssessmentBody,
    summary: 'draft → submitted without a self-assessment: the enterprise asks a consultant or the department',
    description:
      'Decision 1970 §III.2–3: an enterprise may ask the assigned independent consultant (`party: consultant`) or its ' +
      'provincial department (`party: department`) to assess it. Only that party then writes its column, reviews or ' +
      'returns the assessment.',
  },
  {
    path: 'direct',
    step: 'direct',
    summary: 'draft → reviewed: the Ministry assesses directly (ministry roles)',
    description:
      '§III.4 “Trường hợp cần thiết Bộ … có thể tổ chức đánh giá trực tiếp”: the Ministry then writes the ministry column ' +
      'and appraises as usual; `reviewedAs` is `ministry`.',
  },
  {
    path: 'return',
    step: 'return',
    body: StepReasonBody,
    summary: 'Return for correction, one step back, with a reason',
    description:
      'submitted → draft (the assigned consultant or the department, back to the enterprise); reviewed → submitted (the ' +
      'Ministry, back to the reviewer); appraised → reviewed (ministry-publisher, back to the appraisal). The party ' +
      'returned to sees the reason in `returned` until it acts again; every return stays in `history`.',
  },
  {
    path: 'withdraw',
    step: 'withdraw',
    body: StepReasonBody,
    summary: 'submitted → draft: the enterprise takes back its submission, before a reviewer has written',
    description: 'Refused (409) once the consultant or department column is written: ask the reviewer to return it.',
  },
  {
    path: 'cancel',
    step: 'cancel',
    body: StepReasonBody,
    summary: 'Cancel a draft (new or returned), with a reason: the enterprise or the Ministry',
    description:
      'A cancelled assessment is final and leaves every list (ask `status=cancelled` to see them); it frees its index ' +
      'for a new assessment of the enterprise.',
  },
];

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, assessments: service } = fastify;

  const load = async (id: string): Promise<{ a: AssessmentRecord; e: EnterpriseRecord }> => {
    const a = await storage.assessments.get(id);
    if (!a) throw notFound(`assessment ${id} does not exist`);
    const e = await storage.enterprises.get(a.taxCode);
    if (!e) throw notFound(`enterprise ${a.taxCode} is not registered`);
    return { a, e };
  };

  fastify.get(
    '/:id/missing',
    {
      schema: {
        tags: ['assessments'],
        summary: 'The criteria of the self column still without an answer, per pillar',
        description: 'What a submission would be missing; whoever may read the assessment.',
        security: SECURITY_KEY,
        params: IdParams,
        response: { 200: inline(MissingAnswers), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { a, e } = await load(request.params.id);
      allow(canReadAssessment(p, e, a.consultantId), p, `read assessment ${a.id} of enterprise ${e.taxCode}`);
      const compiled = await service.scorecard(a.index);
      return { column: 'self' as const, ...unanswered(compiled, a.columns.self?.answers ?? {}) };
    },
  );

  fastify.post(
    '/:id/submit',
    {
      schema: {
        tags: ['assessments'],
        summary: 'draft → submitted (the enterprise, once its self-assessment column is written)',
        description:
          'When criteria are unanswered, the answer is 409 listing them per pillar (`errors`, one per pillar at ' +
          '`/confirmIncomplete`); send `confirmIncomplete: true` to submit anyway (unanswered criteria count 0 points, ' +
          '§III), which is recorded in the history.',
        security: SECURITY_KEY,
        params: IdParams,
        body: Type.Union([SubmitBody, Type.Null()]),
        response: { 200: inline(Assessment), ...problems(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { a, e } = await load(request.params.id);
      refuse(check('submit', await stepRecordOf(storage, a, e), p));
      const left = unanswered(await service.scorecard(a.index), a.columns.self?.answers ?? {});
      const missing = left.total - left.answered;
      const summary = left.unanswered.map((u) => `pillar ${u.pillar}: ${u.criteria.join(', ')}`).join('; ');
      if (missing > 0 && request.body?.confirmIncomplete !== true)
        throw conflict(
          `${missing} of ${left.total} criteria of assessment ${a.id} are unanswered; answer them, or send confirmIncomplete: true to submit anyway`,
          left.unanswered.map((u) => ({
            pointer: '/confirmIncomplete',
            detail: `pillar ${u.pillar}: ${u.criteria.join(', ')} unanswered`,
            code: 'unanswered',
            in: 'body' as const,
          })),
        );
      return storage.assessments.transition(
        a.id,
        { from: 'draft', to: 'submitted', ...(missing > 0 ? { incomplete: `${missing} unanswered: ${summary}` } : {}) },
        p,
      );
    },
  );

  for (const act of ACTS) {
    fastify.post(
      `/:id/${act.path}`,
      {
        schema: {
          tags: ['assessments'],
          summary: act.summary,
          description: act.description,
          security: SECURITY_KEY,
          params: IdParams,
          ...(act.body ? { body: act.body } : {}),
          response: { 200: inline(Assessment), ...problems(400, 401, 403, 404, 409, ...(act.body ? [415] : [])) },
        },
      },
      async (request) => {
        const p = caller(request);
        const { a, e } = await load((request.params as { id: string }).id);
        const body = (request.body ?? {}) as { reason?: string; party?: 'consultant' | 'department' };
        const step: Step | undefined = act.step === 'return' ? returnStep(a.status as never) : act.step;
        if (!step)
          throw conflict(
            `assessment ${a.id} is ${a.status}; only a submitted, reviewed or appraised assessment is returned for correction`,
          );
        const record = { ...(await stepRecordOf(storage, a, e)), ...(body.party ? { requested: body.party } : {}) };
        refuse(check(step, record, p));
        const party = actingParty(step, p, record);
        return storage.assessments.act(
          a.id,
          step as ActStep,
          {
            ...(body.reason !== undefined ? { reason: body.reason } : {}),
            ...(body.party ? { requested: body.party } : {}),
            ...(party ? { party } : {}),
          },
          p,
        );
      },
    );
  }
  // Every row of the step table has its route (a new row without one fails here, at start).
  for (const s of Object.keys(STEPS) as Step[])
    if (s.startsWith('return:') || ['request', 'direct', 'withdraw', 'cancel'].includes(s))
      if (!ACTS.some((x) => x.step === s || (x.step === 'return' && s.startsWith('return:'))))
        throw new Error(`step ${s} has no route`);
};

export default routes;
