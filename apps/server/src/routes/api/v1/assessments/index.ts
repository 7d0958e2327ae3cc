// Assessments (Decision 1970 §III): pinned to one published index version, with the four columns of the Decision's
// tables, and the workflow draft → submitted → reviewed → appraised → certified. Every column is scored by the
// engine against the pinned version and stored with its result; groups that include the assessment are rescored
// in the same transaction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  actingParty,
  Assessment,
  AssessmentListQuery,
  AssignConsultantBody,
  CertificationResult,
  CertifyBody,
  check,
  checkAssignment,
  ColumnBody,
  columnStep,
  ColumnNameSchema,
  consultantTies,
  CreateAssessmentBody,
  escapePointer,
  formatIndexRef,
  NextCursor,
  PageQuery,
  PeriodId,
  parseIndexRef,
  STEPS,
  type RuleProblem,
  type Step,
} from '@dbi/schema';
import type { AssessmentRecord, EnterpriseRecord, Stamp } from '@dbi/storage';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { canManageAssessment, canReadAssessment, isMinistry } from '../../../../lib/assessments/policy.js';
import { certificateOut } from '../../../../lib/assessments/shapes.js';
import { buildColumn, stepRecordOf } from '../../../../lib/assessments/workflow.js';
import workflowRoutes from './workflow.js';
import { allPages, decodeCursor, DEFAULT_LIMIT, pageOf } from '../../../../lib/national/cursor.js';
import { periodOf } from '../../../../lib/national/periods.js';
import { conflict, forbidden, invalidInput, notFound } from '../../../../lib/problems.js';
import { inline, problems, SECURITY_KEY } from '../../../../lib/schemas.js';
import { assessmentTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';
import { todayInVietnam, validUntil } from '../../../../lib/certificates/settings.js';
import { certificateSettings } from '../../../../lib/certificates/verification.js';
import type { AppOptions } from '../../../../app.js';
import { badIndex, criterionIds, GroupScoringError } from '../../../../services/assessments.js';
import revisionRoutes from './revisions.js';

const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) },
  { additionalProperties: false },
);
const ColumnParams = Type.Object(
  { id: IdParams.properties.id, column: ColumnNameSchema },
  { additionalProperties: false },
);

/** A refusal of the assessment rules as the HTTP problem: 403 when the caller may not act, 409 otherwise. */
function refuse(problem: RuleProblem | undefined, errors?: Parameters<typeof conflict>[1]): void {
  if (!problem) return;
  throw problem.kind === 'forbidden' ? forbidden(problem.message) : conflict(problem.message, errors);
}

/** The steps that only move an assessment forward: one route each, one handler for all (certify issues a
 * certificate, so it answers differently and has its own route below). */
const SIMPLE_STEPS = {
  review: 'submitted → reviewed (the assigned consultant or the provincial department, once its column is written)',
  appraise: 'reviewed → appraised (ministry roles, once the ministry column is written)',
} as const satisfies Partial<Record<Step, string>>;

const routes: FastifyPluginAsyncTypebox<AppOptions> = async (fastify, opts) => {
  const certificates = certificateSettings(opts.certificates);
  const { storage, assessments: service } = fastify;
  // Autoload reads only index.ts of a folder that has one: the rest of the workflow is registered from here.
  await fastify.register(workflowRoutes);

  const load = async (id: string): Promise<{ a: AssessmentRecord; e: EnterpriseRecord }> => {
    const a = await storage.assessments.get(id);
    if (!a) throw notFound(`assessment ${id} does not exist`);
    const e = await storage.enterprises.get(a.taxCode);
    if (!e) throw notFound(`enterprise ${a.taxCode} is not registered`);
    return { a, e };
  };

  const readable = async (request: Parameters<typeof caller>[0], id: string) => {
    const p = caller(request);
    const { a, e } = await load(id);
    allow(canReadAssessment(p, e, a.consultantId), p, `read assessment ${id} of enterprise ${e.taxCode}`);
    return { p, a, e };
  };

  const stepRecord = (a: AssessmentRecord, e: EnterpriseRecord) => stepRecordOf(storage, a, e);

  /** The version a new assessment is pinned to: the requested one, else the one of its index in force on the day it
   * is started, else the newest published. */
  const pinFor = async (e: EnterpriseRecord, requested: string | undefined, startedOn?: string): Promise<Stamp> => {
    const allowed = await service.assessedIndexIds(e);
    if (requested === undefined) {
      for (const id of allowed) {
        const v = (await service.inForce(id, startedOn)) ?? (await service.newestPublished(id));
        if (v) return { id, version: v.version, hash: v.hash };
      }
      throw conflict(`no published version of ${allowed.join(' or ')} is registered for enterprise ${e.taxCode}`);
    }
    const { stamp, index } = await service.requestedVersion(requested, 'new assessments');
    if (index.kind !== 'scorecard')
      throw badIndex(`${requested} is a ${index.kind}, not a scorecard an enterprise answers`, 'not-scorecard');
    const lineage = index.derivedFrom ? parseIndexRef(index.derivedFrom)?.id : undefined;
    if (!allowed.includes(stamp.id) && !(lineage && allowed.includes(lineage))) {
      throw badIndex(
        `enterprise ${e.taxCode} is assessed with ${allowed.join(' or ')} (or a variant of it), not ${stamp.id}`,
        'wrong-index',
      );
    }
    return stamp;
  };

  fastify.post(
    '/',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Start an assessment (draft) pinned to one published index version',
        description:
          'Default: the version of the enterprise’s index (for a group, of the index its parent unit uses) in force on ' +
          '`startedOn` (default today), else its newest published version. ' +
          'Ministry roles, the provincial department of the province, or the enterprise itself.',
        security: SECURITY_KEY,
        body: CreateAssessmentBody,
        response: { 201: inline(Assessment), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const e = await storage.enterprises.get(request.body.taxCode);
      if (!e) throw notFound(`enterprise ${request.body.taxCode} is not registered`);
      allow(canManageAssessment(p, e), p, `start an assessment of enterprise ${e.taxCode}`);
      const index = await pinFor(e, request.body.index, request.body.startedOn);
      // Without a period the database gives the current one (the period containing today, else the year).
      const given = request.body.period;
      const period =
        given === undefined ? {} : { period: await periodOf(storage, given, { pointer: '/period', in: 'body' }) };
      const created = await storage.assessments.create({ taxCode: e.taxCode, index, ...period }, p, {
        maxOpenDrafts: service.settings.maxOpenDrafts,
      });
      reply.code(201).header('location', `/api/v1/assessments/${created.id}`);
      return created;
    },
  );

  fastify.get(
    '/',
    {
      schema: {
        tags: ['assessments'],
        summary: 'List the assessments the key may see, a page at a time (by id)',
        description:
          'Ministry roles: all; provincial department: its province; enterprise: its own; consultant: its assignments. ' +
          'Paged: ?limit= (default 50, at most 500), ?after=<next>.',
        security: SECURITY_KEY,
        querystring: withFormat(
          Type.Object(
            { ...AssessmentListQuery.properties, period: Type.Optional(PeriodId), ...PageQuery },
            { additionalProperties: false },
          ),
        ),
        response: {
          200: listResponse(
            Type.Object({ items: Type.Array(inline(Assessment)), next: NextCursor }, { additionalProperties: false }),
          ),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const { taxCode, status, period, format } = request.query;
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const after = decodeCursor('assessments', request.query.after);
      const filter = {
        ...(taxCode !== undefined ? { taxCode } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(period !== undefined ? { period } : {}),
      };
      // Access decides the filter before anything is read; the page is read in the database.
      let scoped: Parameters<typeof storage.pages.assessments>[0];
      if (isMinistry(p)) scoped = filter;
      else if (p.role === 'provincial-department' && p.scope) scoped = { ...filter, province: p.scope };
      else if (p.role === 'consultant' && p.scope) scoped = { ...filter, consultantId: p.scope };
      else if (p.role === 'enterprise' && p.scope) {
        if (taxCode !== undefined && taxCode !== p.scope)
          throw forbidden(`your key (enterprise ${p.scope}) cannot list assessments of ${taxCode}`);
        scoped = { ...filter, taxCode: p.scope };
      } else throw forbidden(`your key (${p.role}) cannot list assessments`);
      const rows = await storage.pages.assessments(scoped, limit + 1, after);
      if (format)
        return sendTable(
          request,
          reply,
          format,
          assessmentTable(
            allPages(
              (n, a) => storage.pages.assessments(scoped, n, a),
              (x) => x.id,
            ),
          ),
        );
      return pageOf('assessments', rows, limit, (a) => a.id);
    },
  );

  fastify.get(
    '/:id',
    {
      schema: {
        tags: ['assessments'],
        summary: 'One assessment with its four columns and their results',
        security: SECURITY_KEY,
        params: IdParams,
        response: { 200: inline(Assessment), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => (await readable(request, request.params.id)).a,
  );

  fastify.put(
    '/:id/consultant',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Assign (or with null unassign) the independent consultant',
        description:
          'While draft or submitted. Refused with 409 when the consultant is employed by the enterprise or one of its ' +
          'branches (§III.2: an independent consultant has no labour contract with the enterprise assessed).',
        security: SECURITY_KEY,
        params: IdParams,
        body: AssignConsultantBody,
        response: { 200: inline(Assessment), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { a, e } = await load(request.params.id);
      allow(canManageAssessment(p, e), p, `assign the consultant of assessment ${a.id}`);
      const { consultantId } = request.body;
      const c = consultantId === null ? undefined : await storage.consultants.get(consultantId);
      if (consultantId !== null && !c)
        throw invalidInput([
          {
            pointer: '/consultantId',
            detail: `consultant ${consultantId} is not registered`,
            code: 'unknown-consultant',
            in: 'body',
          },
        ]);
      const problem = checkAssignment(await stepRecord(a, e), consultantId, c && consultantTies(c));
      refuse(
        problem,
        problem?.employer === undefined
          ? undefined
          : [
              {
                pointer: '/consultantId',
                detail: `employed by ${problem.employer}`,
                code: 'not-independent',
                in: 'body',
              },
            ],
      );
      return storage.assessments.assignConsultant(a.id, consultantId, p);
    },
  );

  fastify.put(
    '/:id/columns/:column',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Write one column: answers (scored against the pinned version) and evidence notes',
        description:
          'self: the enterprise, in draft; consultant: the assigned consultant, in submitted; department: the provincial ' +
          'department of the province, in submitted; ministry: ministry roles, in reviewed. A write merges per criterion ' +
          '(`mode: merge`, the default): only the criteria named in `answers`, `evidence` and `reasons` change; ' +
          '`mode: replace` makes the column exactly the body. With `from`, a first write starts from that column and ' +
          '`answers`/`evidence` adjust it per criterion (the Ministry’s appraisal, §III.4); every criterion where a ' +
          'reviewer column differs from its `from` column needs a reason in `reasons` (400 at `/reasons/<id>`). Unknown ' +
          'criteria and levels out of range are refused with the JSON pointer of each.',
        security: SECURITY_KEY,
        params: ColumnParams,
        body: ColumnBody,
        response: { 200: inline(Assessment), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const p = caller(request);
      const { column } = request.params;
      const { a, e } = await load(request.params.id);
      refuse(check(columnStep(column), await stepRecord(a, e), p));
      const built = buildColumn(a, column, request.body);
      if (built.errors[0]?.pointer === '/from') throw invalidInput(built.errors);
      const { answers, evidence, reasons, from } = built.column;

      const compiled = await service.scorecard(a.index);
      const ids = criterionIds(compiled);
      const unknownEvidence = [
        ...Object.keys(request.body.evidence ?? {}).map((k) => ['evidence', k] as const),
        ...Object.keys(request.body.reasons ?? {}).map((k) => ['reasons', k] as const),
      ].filter(([, k]) => !ids.has(k));
      if (unknownEvidence.length) {
        throw invalidInput(
          unknownEvidence.map(([field, k]) => ({
            pointer: `/${field}/${escapePointer(k)}`,
            detail: `${k} is not a criterion of ${formatIndexRef(a.index)}`,
            code: 'unknown-criterion',
            in: 'body' as const,
          })),
        );
      }
      const result = service.scoreAnswers(compiled, answers);
      if (built.errors.length) throw invalidInput(built.errors);
      const rescore = await service.rescorer();
      try {
        return await storage.assessments.writeColumn(
          a.id,
          column,
          { answers, evidence, reasons, result, from },
          p,
          rescore,
        );
      } catch (err) {
        if (err instanceof GroupScoringError)
          throw conflict(
            `a group that includes assessment ${a.id} cannot be rescored with these answers: ${err.message}`,
          );
        throw err;
      }
    },
  );

  /** Who may take the step, in which state, after which column: the assessment rules' step table, asked once. */
  const takeStep = async (request: Parameters<typeof caller>[0], id: string, step: Step) => {
    const p = caller(request);
    const { a, e } = await load(id);
    const record = await stepRecord(a, e);
    refuse(check(step, record, p));
    return { p, a, as: actingParty(step, p, record) };
  };

  for (const [step, summary] of Object.entries(SIMPLE_STEPS) as [keyof typeof SIMPLE_STEPS, string][]) {
    fastify.post(
      `/:id/${step}`,
      {
        schema: {
          tags: ['assessments'],
          summary,
          security: SECURITY_KEY,
          params: IdParams,
          response: { 200: inline(Assessment), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { p, a, as } = await takeStep(request, request.params.id, step);
        const { from, to } = STEPS[step];
        const reviewedAs = as === 'consultant' || as === 'department' ? { reviewedAs: as } : {};
        return storage.assessments.transition(a.id, { from, to, ...(step === 'review' ? reviewedAs : {}) }, p);
      },
    );
  }

  fastify.post(
    '/:id/certify',
    {
      schema: {
        tags: ['assessments'],
        summary: 'appraised → certified: issues the certificate (ministry-publisher)',
        description:
          'The certificate carries the ministry column’s levels, the pinned index version and hash, and a number DBI-<year>-<n>.',
        security: SECURITY_KEY,
        params: IdParams,
        body: Type.Optional(CertifyBody),
        response: { 201: CertificationResult, ...problems(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const { p, a } = await takeStep(request, request.params.id, 'certify');
      // The date of issue is a Vietnamese calendar date (UTC+7), not the server's UTC date.
      const today = todayInVietnam();
      const issuedOn = request.body?.issuedOn ?? today;
      if (
        Number.isNaN(Date.parse(`${issuedOn}T00:00:00Z`)) ||
        new Date(`${issuedOn}T00:00:00Z`).toISOString().slice(0, 10) !== issuedOn
      ) {
        throw invalidInput([
          { pointer: '/issuedOn', detail: `${issuedOn} is not a calendar date`, code: 'invalid-date', in: 'body' },
        ]);
      }
      if (issuedOn > today)
        throw invalidInput([
          {
            pointer: '/issuedOn',
            detail: `${issuedOn} is in the future (today in Vietnam is ${today}); a certificate is not dated ahead`,
            code: 'future-date',
            in: 'body',
          },
        ]);
      const until = validUntil(issuedOn, certificates.validityMonths);
      // Certifying against a deprecated version is allowed (the assessment was pinned while it was published), but
      // said, in the answer and in the assessment's history.
      const meta = await storage.indices.getVersionMeta(a.index.id, a.index.version);
      const warnings =
        meta?.status === 'deprecated'
          ? [`${formatIndexRef(a.index)} is deprecated; this certificate is issued against a version no longer current`]
          : [];

      const { certificate } = await storage.assessments.certify(a.id, issuedOn, p, until, warnings);
      reply.code(201).header('location', `/api/v1/certificates/${certificate.number}`);
      return { ...certificateOut(certificate), ...(warnings.length ? { warnings } : {}) };
    },
  );
  // Across versions of the index (moving a draft, comparing a result): a file of its own, under this prefix.
  await fastify.register(revisionRoutes);
};

export default routes;
