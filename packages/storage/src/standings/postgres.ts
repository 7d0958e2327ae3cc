// Periods, standings and list pages on PostgreSQL.
import { StorageError, type Actor } from '../common.js';
import { toAssessment, type AssessmentRow, type ColumnRow } from '../assessments/assessments.js';
import { toEnterprise, type EnterpriseRow } from '../assessments/enterprises.js';
import type { Sql } from '../postgres/database.js';
import type { PgWriter } from '../postgres/tx.js';
import { idPageQueries, pageWhere, toPeriod, type PeriodRow } from './shared.js';
import { standingsSource } from './queries.js';
import type { NationalRepositories, PeriodRecord } from './types.js';

/** `long` runs the reads that grow with the country (standings, coverage, list pages): postgres/reader.ts. */
export function createPgNationalRepositories(w: PgWriter, long: Pick<Sql, 'rows'>): NationalRepositories {
  const q = w.q;
  const find = async (id: string) => {
    const r = await q.one<PeriodRow>('SELECT * FROM periods WHERE id = $1', [id]);
    return r && toPeriod(r);
  };
  const dollar = (n: number) => `$${n}`;
  const ids = idPageQueries(dollar);
  return {
    periods: {
      async list() {
        return (await q.rows<PeriodRow>('SELECT * FROM periods ORDER BY starts_on DESC, id COLLATE "C"')).map(toPeriod);
      },
      get: find,
      async containing(day) {
        const r = await q.one<PeriodRow>(
          'SELECT * FROM periods WHERE $1 BETWEEN starts_on AND ends_on ORDER BY starts_on DESC, id COLLATE "C" LIMIT 1',
          [day],
        );
        return r && toPeriod(r);
      },
      create(p: Omit<PeriodRecord, 'createdAt' | 'createdBy'>, actor: Actor) {
        return w.write(actor, {
          action: 'period.create',
          target: `period:${p.id}`,
          load: async (tq) => {
            const r = await tq.one<PeriodRow>('SELECT * FROM periods WHERE id = $1', [p.id]);
            return r && toPeriod(r);
          },
          write: async (tq, at, before) => {
            if (before) throw new StorageError('conflict', `period ${p.id} exists already`);
            await tq.run(
              'INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
              [p.id, p.name, p.startsOn, p.endsOn, at, actor.name],
            );
          },
        });
      },
    },
    standings: standingsSource({
      placeholder: dollar,
      pillarsOf: {
        from: 'jsonb_array_elements(s.pillars::jsonb) AS p(value)',
        id: "(p.value ->> 'id')",
        level: "(p.value ->> 'level')::bigint",
      },
      run: (sql, params) => long.rows(sql, params),
    }),
    pages: {
      async consultantIds(limit, after) {
        const { sql, params } = ids.consultants(limit, after);
        return (await long.rows<{ id: string }>(sql, params)).map((r) => r.id);
      },
      async groupIds(filter, limit, after) {
        const { sql, params } = ids.groups(filter, limit, after);
        return (await long.rows<{ id: string }>(sql, params)).map((r) => r.id);
      },
      async enterprises(filter, limit, after) {
        const { where, params } = pageWhere(dollar, 'e.tax_code', after, [
          ['e.province', filter.province],
          ['e.tax_code', filter.taxCodes],
        ]);
        const rows = await long.rows<EnterpriseRow>(
          `SELECT e.* FROM enterprises e ${where} ORDER BY e.tax_code LIMIT $${params.length + 1}`,
          [...params, limit],
        );
        return rows.map(toEnterprise);
      },
      async assessments(filter, limit, after) {
        const { where, params } = pageWhere(dollar, 'a.id', after, [
          ['a.tax_code', filter.taxCode],
          ['a.consultant_id', filter.consultantId],
          ['a.status', filter.status === 'cancelled' ? undefined : filter.status],
          ['a.period', filter.period],
        ]);
        // A cancelled assessment keeps its status column and leaves every list unless `cancelled` is asked for.
        const kept = `${where ? `${where} AND` : 'WHERE'} a.cancelled_at IS ${filter.status === 'cancelled' ? 'NOT ' : ''}NULL`;
        if (filter.province !== undefined) params.push(filter.province);
        const province =
          filter.province === undefined
            ? ''
            : ` AND a.tax_code IN (SELECT tax_code FROM enterprises WHERE province = $${params.length})`;
        params.push(limit);
        const rows = await long.rows<AssessmentRow>(
          `SELECT a.*, c.number AS certificate_number FROM assessments a LEFT JOIN certificates c ON c.assessment_id = a.id
           ${kept}${province} ORDER BY a.id LIMIT $${params.length}`,
          params,
        );
        if (rows.length === 0) return [];
        const cols = await long.rows<ColumnRow>(
          'SELECT * FROM assessment_columns WHERE assessment_id = ANY($1) ORDER BY assessment_id, col',
          [rows.map((r) => r.id)],
        );
        return rows.map((r) =>
          toAssessment(
            r,
            cols.filter((c) => c.assessment_id === r.id),
          ),
        );
      },
    },
  };
}
