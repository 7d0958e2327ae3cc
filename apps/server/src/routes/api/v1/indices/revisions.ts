// Revising an index: which version was in force on a date, impact analysis of a version (usually a draft) against a
// published base, and the crosswalk suggested from ids and texts. The counting is the engine's `impact`, the carrying
// @dbi/schema's crosswalk functions; this file only loads, checks rights and answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { impact, type CompiledScorecard } from '@dbi/engine';
import {
  checkCrosswalk,
  CrosswalkSuggestion,
  CrosswalkSuggestionQuery,
  ForcePeriod,
  ImpactQuery,
  ImpactReport,
  InForceQuery,
  parseIndexRef,
  suggestCrosswalk,
  type ScoreAnswers,
} from '@dbi/schema';
import { isMinistry } from '../../../../lib/assessments/policy.js';
import { canEdit } from '../../../../lib/policy.js';
import { conflict, forbidden, invalidInput, notFound, unauthenticated } from '../../../../lib/problems.js';
import { IdParams, inline, problems, SECURITY_KEY, SECURITY_OPTIONAL, VersionParams } from '../../../../lib/schemas.js';

const today = () => new Date().toISOString().slice(0, 10);

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, registry } = fastify;

  fastify.get(
    '/:id/in-force',
    {
      schema: {
        tags: ['registry'],
        summary: 'The version of an index in force on a date',
        description:
          'A version enters force on its instrument’s effective date when it is published, and leaves force on the day a ' +
          'successor enters force. `date` defaults to today (UTC). 404 when no version was in force that day.',
        security: SECURITY_OPTIONAL,
        params: IdParams,
        querystring: InForceQuery,
        response: { 200: inline(ForcePeriod), ...problems(400, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await registry.index(id);
      const date = request.query.date ?? today();
      const found = await storage.revisions.inForce(id, date);
      if (!found) throw notFound(`no version of ${id} was in force on ${date}`);
      return found;
    },
  );

  fastify.get(
    '/:id/force',
    {
      schema: {
        tags: ['registry'],
        summary: 'When each published version of an index entered and left force',
        security: SECURITY_OPTIONAL,
        params: IdParams,
        response: { 200: Type.Object({ periods: Type.Array(inline(ForcePeriod)) }), ...problems(400, 404) },
      },
    },
    async (request) => {
      await registry.index(request.params.id);
      return { periods: await storage.revisions.force(request.params.id) };
    },
  );

  /** A scorecard version the caller may read, compiled. */
  const scorecard = async (p: Parameters<typeof registry.compiled>[0], id: string, version: string, field: string) => {
    const entry = await registry.compiled(p, id, version);
    if (entry.compiled.kind !== 'scorecard')
      throw invalidInput([
        {
          pointer: `/${field}`,
          detail: `${id}@${version} is a ${entry.compiled.kind}, not a scorecard`,
          code: 'not-scorecard',
          in: 'query',
        },
      ]);
    return entry.compiled as CompiledScorecard;
  };

  /** The base a version is compared with: the one named, else the version it derives from. */
  const baseOf = (draft: CompiledScorecard, named: string | undefined) => {
    if (named !== undefined) return { id: draft.definition.id, version: named };
    const lineage = draft.definition.derivedFrom && parseIndexRef(draft.definition.derivedFrom);
    if (!lineage)
      throw invalidInput([
        {
          pointer: '/base',
          detail: `${draft.ref} does not derive from another version: name the base version with ?base=`,
          code: 'no-base',
          in: 'query',
        },
      ]);
    return lineage;
  };

  fastify.get(
    '/:id/versions/:version/impact',
    {
      schema: {
        tags: ['registry'],
        summary: 'Impact analysis: every stored assessment of the base re-scored under this version',
        description:
          'Answers are carried by this version’s crosswalk (or the one suggested from ids and texts). Counts of enterprises ' +
          'whose level changes, overall and per pillar, up and down; distributions before and after; by province and size; ' +
          'criteria that could not be carried. The enterprises that cross a level are listed for Ministry roles only. ' +
          'For the index’s editors. `base` defaults to the version this one derives from.',
        security: SECURITY_KEY,
        params: VersionParams,
        querystring: ImpactQuery,
        response: { 200: inline(ImpactReport), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = request.principal;
      if (!p) throw unauthenticated();
      const index = await registry.index(request.params.id);
      if (!canEdit(p, index)) throw forbidden(`your key (${p.role}) cannot analyse revisions of ${index.id}`);
      const draft = await scorecard(p, request.params.id, request.params.version, 'version');
      const b = baseOf(draft, request.query.base);
      const base = await scorecard(p, b.id, b.version, 'base');
      const meta = await storage.indices.getVersionMeta(b.id, b.version);
      if (meta?.status === 'draft')
        throw conflict(`${base.ref} is a draft: impact is measured against a published base`);
      const filter = {
        ...(request.query.province !== undefined ? { province: request.query.province } : {}),
        ...(request.query.size !== undefined ? { size: request.query.size } : {}),
      };
      const rows = await storage.revisions.impactRows(base.stamp, filter);
      const report = impact(
        base,
        draft,
        rows.map((r) => ({ ...r, answers: r.answers as ScoreAnswers })),
      );
      const { crossings, ...counts } = report;
      return { ...counts, filter, ...(isMinistry(p) ? { crossings } : {}) };
    },
  );

  fastify.get(
    '/:id/versions/:version/crosswalk-suggestion',
    {
      schema: {
        tags: ['registry'],
        summary:
          'A crosswalk from the base version suggested where ids and texts match, and the issues of the stored one',
        security: SECURITY_OPTIONAL,
        params: VersionParams,
        querystring: CrosswalkSuggestionQuery,
        response: { 200: inline(CrosswalkSuggestion), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const draft = await scorecard(request.principal, request.params.id, request.params.version, 'version');
      const b = baseOf(draft, request.query.from);
      const base = await scorecard(request.principal, b.id, b.version, 'from');
      const d = draft.definition;
      return {
        crosswalk: suggestCrosswalk(base.definition, d),
        issues: d.crosswalk ? checkCrosswalk(base.definition, { ...d, crosswalk: d.crosswalk }) : [],
      };
    },
  );
};

export default routes;
