// The standings' SQL, once for both backends: only the parameter markers and the JSON functions differ (`Dialect`).
import type { ScoreResult } from '@dbi/schema';
import type { CoverageRow, ProvinceSums, StandingFilter, StandingPage, StandingRow, StandingsSource } from './types.js';

export interface Dialect {
  /** The n-th parameter's marker: `?` (SQLite) or `$n` (PostgreSQL). */
  placeholder(n: number): string;
  /** FROM-clause item exposing each pillar of `s.pillars` as `p`, and the expressions of its id and level. */
  pillarsOf: { from: string; id: string; level: string };
  run<R>(sql: string, params: unknown[]): Promise<R[]>;
}

export interface StandingDbRow {
  assessment_id: string;
  period: string;
  tax_code: string;
  name: string;
  province: string;
  industry: string | null;
  sector: StandingRow['sector'];
  size: string;
  index_id: string;
  index_version: string;
  index_hash: string;
  status: 'appraised' | 'certified' | 'revoked';
  group_id: string | null;
  level: number;
  total: number;
  max: number;
  pillars: string;
  certificate_number: string | null;
  as_of: string;
  sort_key: string;
}

type PillarJson =
  ScoreResult['pillars'][number] | { id: string; level: number; weighted: { sum: number; weight: number } };

export function toStanding(r: StandingDbRow): StandingRow {
  const pillars = JSON.parse(r.pillars) as PillarJson[];
  return {
    assessmentId: r.assessment_id,
    period: r.period,
    taxCode: r.tax_code,
    name: r.name,
    province: r.province,
    industry: r.industry,
    sector: r.sector,
    size: r.size,
    index: { id: r.index_id, version: r.index_version, hash: r.index_hash },
    status: r.status === 'certified' ? 'certified' : 'appraised',
    groupId: r.group_id,
    level: Number(r.level),
    total: Number(r.total),
    max: Number(r.max),
    pillars: pillars.map((p) =>
      'weighted' in p
        ? { id: p.id, points: p.weighted.sum, max: p.weighted.weight * 5, level: p.level }
        : { id: p.id, points: p.points, max: p.max, level: p.level },
    ),
    certificateNumber: r.certificate_number,
    asOf: r.as_of,
    sortKey: r.sort_key,
  };
}

const flag = (basis: StandingFilter['basis']) =>
  basis === 'certified' ? 's.latest_certified = 1' : 's.latest_appraised = 1';

/** The WHERE clause of a filter (the flag is a literal, so the partial indexes apply). */
function where(d: Dialect, f: StandingFilter, params: unknown[]): string[] {
  const w = [flag(f.basis), `s.period = ${d.placeholder(params.push(f.period))}`];
  if (f.province !== undefined) w.push(`s.province = ${d.placeholder(params.push(f.province))}`);
  if (f.industry !== undefined) w.push(`s.industry = ${d.placeholder(params.push(f.industry))}`);
  if (f.size !== undefined) w.push(`s.size = ${d.placeholder(params.push(f.size))}`);
  return w;
}

/** The same filter over the sums the triggers keep (migration 0010): a few thousand rows, whatever the country's size. */
function sumsWhere(d: Dialect, f: StandingFilter, params: unknown[]): string {
  const w = [`basis = ${d.placeholder(params.push(f.basis))}`, `period = ${d.placeholder(params.push(f.period))}`];
  if (f.province !== undefined) w.push(`province = ${d.placeholder(params.push(f.province))}`);
  if (f.industry !== undefined) w.push(`industry = ${d.placeholder(params.push(f.industry))}`);
  if (f.size !== undefined) w.push(`size = ${d.placeholder(params.push(f.size))}`);
  return w.join(' AND ');
}

export function standingsSource(d: Dialect): StandingsSource {
  const count = async (f: StandingFilter, extra?: { below: string }) => {
    const params: unknown[] = [];
    const w = where(d, f, params);
    if (extra) w.push(`s.sort_key < ${d.placeholder(params.push(extra.below))}`);
    const [r] = await d.run<{ n: number }>(`SELECT count(*) AS n FROM standings s WHERE ${w.join(' AND ')}`, params);
    return Number(r!.n);
  };
  return {
    count: (f) => count(f),

    async page(f, limit, after): Promise<StandingPage> {
      const params: unknown[] = [];
      const w = where(d, f, params);
      if (after !== undefined) w.push(`s.sort_key > ${d.placeholder(params.push(after))}`);
      const sql = `SELECT s.* FROM standings s WHERE ${w.join(' AND ')} ORDER BY s.sort_key LIMIT ${d.placeholder(params.push(limit))}`;
      const rows = (await d.run<StandingDbRow>(sql, params)).map(toStanding);
      const first = rows[0];
      if (!first) return { rows, before: 0, better: 0 };
      // The sort key is the standing (15 characters: level and share) followed by the tax code.
      const [before, better] = await Promise.all([
        count(f, { below: first.sortKey }),
        count(f, { below: first.sortKey.slice(0, 15) }),
      ]);
      return { rows, before, better };
    },

    async levels(f) {
      const params: unknown[] = [];
      const rows = await d.run<{ level: number; n: number }>(
        `SELECT level, CAST(sum(n) AS BIGINT) AS n FROM standing_sums WHERE ${sumsWhere(d, f, params)}
         GROUP BY level HAVING sum(n) > 0`,
        params,
      );
      return rows.map((r) => ({ level: Number(r.level), count: Number(r.n) }));
    },

    async pillarLevels(f) {
      const params: unknown[] = [];
      if (f.industry === undefined && f.size === undefined) {
        // Kept by triggers per basis, period and province (migration 0009): no pillar JSON is read here.
        const basis = d.placeholder(params.push(f.basis));
        const period = d.placeholder(params.push(f.period));
        const province = f.province === undefined ? '' : ` AND province = ${d.placeholder(params.push(f.province))}`;
        const counted = await d.run<{ id: string; level: number; n: number }>(
          `SELECT pillar AS id, level, CAST(sum(n) AS BIGINT) AS n FROM standing_pillar_counts
           WHERE basis = ${basis} AND period = ${period}${province}
           GROUP BY pillar, level HAVING sum(n) > 0`,
          params,
        );
        return counted.map((r) => ({ id: r.id, level: Number(r.level), count: Number(r.n) }));
      }
      const rows = await d.run<{ id: string; level: number; n: number }>(
        `SELECT ${d.pillarsOf.id} AS id, ${d.pillarsOf.level} AS level, count(*) AS n FROM standings s, ${d.pillarsOf.from}
         WHERE ${where(d, f, params).join(' AND ')} GROUP BY ${d.pillarsOf.id}, ${d.pillarsOf.level}`,
        params,
      );
      return rows.map((r) => ({ id: r.id, level: Number(r.level), count: Number(r.n) }));
    },

    async provinceSums(f): Promise<ProvinceSums[]> {
      const params: unknown[] = [];
      const rows = await d.run<{ province: string; max: number; n: number; total: number }>(
        `SELECT province, max, CAST(sum(n) AS BIGINT) AS n, CAST(sum(total) AS BIGINT) AS total
         FROM standing_sums WHERE ${sumsWhere(d, f, params)} GROUP BY province, max HAVING sum(n) > 0`,
        params,
      );
      return rows.map((r) => ({
        province: r.province,
        max: Number(r.max),
        count: Number(r.n),
        total: Number(r.total),
      }));
    },

    async coverage(q): Promise<CoverageRow[]> {
      // From the count tables the triggers keep (migration 0009): a few thousand rows at most, whatever the size of
      // the country. A missing industry is '' there.
      const key = q.by === undefined ? 'CAST(NULL AS TEXT)' : q.by === 'industry' ? "NULLIF(industry, '')" : 'size';
      const groupBy = q.by === undefined ? 'province' : `province, ${q.by}`;
      const params: unknown[] = [];
      const inProvince = q.province === undefined ? '' : ` AND province = ${d.placeholder(params.push(q.province))}`;
      const registered = await d.run<{ province: string; k: string | null; n: number }>(
        `SELECT province, ${key} AS k, CAST(sum(n) AS BIGINT) AS n FROM coverage_registered WHERE 1 = 1${inProvince}
         GROUP BY ${groupBy} HAVING sum(n) > 0`,
        params,
      );
      const p2: unknown[] = [];
      const period = d.placeholder(p2.push(q.period));
      const inProvince2 = q.province === undefined ? '' : ` AND province = ${d.placeholder(p2.push(q.province))}`;
      const progressed = await d.run<{ province: string; k: string | null; s: number; r: number; c: number }>(
        `SELECT province, ${key} AS k,
           CAST(sum(CASE WHEN stage >= 1 THEN n ELSE 0 END) AS BIGINT) AS s,
           CAST(sum(CASE WHEN stage >= 2 THEN n ELSE 0 END) AS BIGINT) AS r,
           CAST(sum(CASE WHEN certified = 1 THEN n ELSE 0 END) AS BIGINT) AS c
         FROM coverage_progress WHERE period = ${period}${inProvince2}
         GROUP BY ${groupBy} HAVING sum(n) > 0`,
        p2,
      );
      const rows = new Map<string, CoverageRow>();
      const at = (province: string, k: string | null) => {
        const id = `${province}\u0000${k ?? ''}`;
        let row = rows.get(id);
        if (!row) {
          row = { province, key: k, registered: 0, selfAssessed: 0, reviewed: 0, certified: 0 };
          rows.set(id, row);
        }
        return row;
      };
      for (const r of registered) at(r.province, r.k).registered = Number(r.n);
      for (const r of progressed) {
        const row = at(r.province, r.k);
        row.selfAssessed = Number(r.s);
        row.reviewed = Number(r.r);
        row.certified = Number(r.c);
      }
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return [...rows.values()].sort((a, b) => cmp(a.province, b.province) || cmp(a.key ?? '', b.key ?? ''));
    },
  };
}
