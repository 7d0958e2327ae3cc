// The provincial index (§III: "Chỉ số … chung của các doanh nghiệp trên địa bàn một tỉnh", with the Z-score and the
// 10-point normalisation it names), per period, for one province or across all 34, and coverage per province.
// Every figure is computed from the standings' aggregates in exact arithmetic (lib/national/province-index.ts); the
// method is in each result and in this API's documentation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Coverage,
  CoverageQuery,
  ProvinceIndexResult,
  ProvinceParams,
  ProvincesIndex,
  ProvincesIndexQuery,
} from '@dbi/schema';
import { currentProvince, currentProvinces } from '@dbi/reference';
import type { StandingFilter } from '@dbi/storage';
import { caller } from '../../../../lib/assessments/http.js';
import { assertBasis, isMinistry } from '../../../../lib/assessments/policy.js';
import { standingFilter } from '../../../../lib/national/filters.js';
import { periodOf } from '../../../../lib/national/periods.js';
import { INDEX_METHOD, levelSummary, zTable } from '../../../../lib/national/province-index.js';
import { currentProvinceError } from '../../../../lib/national/reference.js';
import { coverageTable, provincesIndexTable } from '../../../../lib/assessments/tables.js';
import { listResponse, sendTable, withFormat } from '../../../../lib/exchange/index.js';
import levels from './levels.js';
import { forbidden, invalidInput } from '../../../../lib/problems.js';
import { problems, SECURITY_KEY, SECURITY_OPTIONAL } from '../../../../lib/schemas.js';

const CODES = currentProvinces().map((p) => p.code);
const nameOf = (code: string) => currentProvince(code)?.name.vi ?? code;

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage } = fastify;
  const scale = () => fastify.assessments.settings.levels;

  /** The cross-province table of a filter (without its province). */
  const table = async (f: StandingFilter) => {
    const { province: _omit, ...all } = f;
    const t = zTable(await storage.standings.provinceSums(all), CODES);
    return { ...t, items: t.provinces.map((p) => ({ ...p, name: nameOf(p.province) })) };
  };
  const national = (t: Awaited<ReturnType<typeof table>>) => ({
    provincesWithResults: t.provincesWithResults,
    mean: t.mean,
    variance: t.variance,
    sigma: t.sigma,
  });
  const compareTo = (given: string | undefined) =>
    given === undefined ? undefined : periodOf(storage, given, { pointer: '/compareTo', in: 'query' });
  // A folder with an index is loaded through it: the level summaries are registered here.
  await fastify.register(levels);

  fastify.get(
    '/index',
    {
      schema: {
        tags: ['rankings'],
        summary: 'The provincial index across all 34 provinces: mean share, 10-point score, Z-score, min-max score',
        description:
          INDEX_METHOD +
          ' ?format=csv|xlsx: the same table, one row per province (all 34), each value the display string of this ' +
          'answer (an exact decimal, written as text in XLSX), the mean share also as its fraction; with compareTo, ' +
          'the earlier period’s enterprises, 10-point score and Z-score on the same row.',
        security: SECURITY_OPTIONAL,
        querystring: withFormat(ProvincesIndexQuery),
        response: { 200: listResponse(ProvincesIndex), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      assertBasis(request.principal, q.basis ?? 'certified', undefined);
      const f = await standingFilter(fastify, q);
      const previous = await compareTo(q.compareTo);
      const t = await table(f);
      const before = previous === undefined ? undefined : await table({ ...f, period: previous });
      const answer = {
        period: f.period,
        basis: f.basis,
        industry: f.industry ?? null,
        size: f.size ?? null,
        method: INDEX_METHOD,
        ...national(t),
        items: t.items,
        ...(before && previous ? { previous: { period: previous, ...national(before), items: before.items } } : {}),
      };
      if (q.format) return sendTable(request, reply, q.format, provincesIndexTable(answer));
      return answer;
    },
  );

  fastify.get(
    '/coverage',
    {
      schema: {
        tags: ['rankings'],
        summary: 'Coverage per province: registered, self-assessed, reviewed and certified enterprises in a period',
        description:
          'Counts enterprises by their current province (and industry or size with ?by=): registered; with an ' +
          'assessment of the period submitted or further (self-assessed); reviewed or further; with a valid certificate ' +
          'of the period. Ministry roles: every province; a provincial department: its own. ?format=csv|xlsx: the ' +
          'same rows (one per province, or per province and industry or size), with the province’s name.',
        security: SECURITY_KEY,
        querystring: withFormat(CoverageQuery),
        response: { 200: listResponse(Coverage), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const q = request.query;
      if (q.province !== undefined) {
        const e = currentProvinceError(q.province, '/province', 'query');
        if (e) throw invalidInput([e]);
      }
      let province = q.province;
      if (!isMinistry(p)) {
        if (p.role !== 'provincial-department' || !p.scope) throw forbidden(`your key (${p.role}) cannot see coverage`);
        if (province !== undefined && province !== p.scope)
          throw forbidden(`your key (provincial-department ${p.scope}) sees the coverage of province ${p.scope} only`);
        province = p.scope;
      }
      const period = await periodOf(storage, q.period, { pointer: '/period', in: 'query' });
      const items = await storage.standings.coverage({
        period,
        ...(province !== undefined ? { province } : {}),
        ...(q.by !== undefined ? { by: q.by } : {}),
      });
      const answer = { period, by: q.by ?? null, items, next: null };
      if (q.format) return sendTable(request, reply, q.format, coverageTable(answer, nameOf));
      return answer;
    },
  );

  fastify.get(
    '/:code/index',
    {
      schema: {
        tags: ['rankings'],
        summary: 'The provincial index of one province: levels, exact means, pillars, and its place among provinces',
        description: INDEX_METHOD,
        security: SECURITY_OPTIONAL,
        params: ProvinceParams,
        querystring: ProvincesIndexQuery,
        response: { 200: ProvinceIndexResult, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { code } = request.params;
      const q = request.query;
      const bad = currentProvinceError(code, '/code', 'path');
      if (bad) throw invalidInput([bad]);
      assertBasis(request.principal, q.basis ?? 'certified', code);
      const f = await standingFilter(fastify, { ...q, province: code });
      const previous = await compareTo(q.compareTo);
      const one = async (filter: StandingFilter) => {
        const [levels, pillarLevels, t] = await Promise.all([
          storage.standings.levels(filter),
          storage.standings.pillarLevels(filter),
          table(filter),
        ]);
        const { distribution, meanLevel } = levelSummary(levels, scale());
        const ids = [...new Set(pillarLevels.map((p) => p.id))].sort((a, b) =>
          a.localeCompare(b, 'en', { numeric: true }),
        );
        return {
          t,
          body: {
            enterprises: distribution.reduce((s, d) => s + d.count, 0),
            distribution,
            meanLevel,
            standing: t.items.find((i) => i.province === code)!,
            pillars: ids.map((id) => ({
              id,
              ...levelSummary(
                pillarLevels.filter((p) => p.id === id),
                scale(),
              ),
            })),
          },
        };
      };
      const now = await one(f);
      const before = previous === undefined ? undefined : await one({ ...f, period: previous });
      return {
        province: code,
        name: nameOf(code),
        period: f.period,
        basis: f.basis,
        industry: f.industry ?? null,
        size: f.size ?? null,
        method: INDEX_METHOD,
        ...now.body,
        national: national(now.t),
        ...(before && previous ? { previous: { period: previous, ...before.body } } : {}),
      };
    },
  );
};

export default routes;
