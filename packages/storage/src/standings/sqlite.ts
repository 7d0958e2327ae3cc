// Periods, standings and list pages on SQLite.
import type { Database } from 'better-sqlite3';
import { StorageError, type Actor } from '../common.js';
import { ASSESSMENT_SELECT, toAssessment, type AssessmentRow, type ColumnRow } from '../assessments/assessments.js';
import { toEnterprise, type EnterpriseRow } from '../assessments/enterprises.js';
import { AuditWriter } from '../sqlite/audit.js';
import type { SqliteReader } from '../sqlite/reader.js';
import { SqliteWriter } from '../sqlite/tx.js';
import { idPageQueries, pageWhere, toPeriod, type PeriodRow } from './shared.js';
import { standingsSource } from './queries.js';
import type { NationalRepositories, PeriodRecord } from './types.js';

/** `reader` runs the reads that grow with the country (standings, coverage, list pages) off the event loop. */
export function createSqliteNationalRepositories(db: Database, reader: SqliteReader): NationalRepositories {
  const w = new SqliteWriter(db, new AuditWriter(db), 'conflict');
  const find = (id: string) => {
    const r = db.prepare('SELECT * FROM periods WHERE id = ?').get(id) as PeriodRow | undefined;
    return r && toPeriod(r);
  };
  const all = <R>(sql: string, params: unknown[]) => db.prepare(sql).all(...params) as R[];
  const ids = idPageQueries(() => '?');
  return {
    periods: {
      async list() {
        return all<PeriodRow>('SELECT * FROM periods ORDER BY starts_on DESC, id', []).map(toPeriod);
      },
      async get(id) {
        return find(id);
      },
      async containing(day) {
        const r = db
          .prepare('SELECT * FROM periods WHERE ? BETWEEN starts_on AND ends_on ORDER BY starts_on DESC, id LIMIT 1')
          .get(day) as PeriodRow | undefined;
        return r && toPeriod(r);
      },
      async create(p: Omit<PeriodRecord, 'createdAt' | 'createdBy'>, actor: Actor) {
        return w.write(actor, {
          action: 'period.create',
          target: `period:${p.id}`,
          load: () => find(p.id),
          write: (at, before) => {
            if (before) throw new StorageError('conflict', `period ${p.id} exists already`);
            db.prepare(
              'INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
            ).run(p.id, p.name, p.startsOn, p.endsOn, at, actor.name);
          },
        });
      },
    },
    standings: standingsSource({
      placeholder: () => '?',
      pillarsOf: {
        from: 'json_each(s.pillars) p',
        id: "json_extract(p.value, '$.id')",
        level: "json_extract(p.value, '$.level')",
      },
      run: (sql, params) => reader.all(sql, params),
    }),
    pages: {
      async consultantIds(limit, after) {
        const { sql, params } = ids.consultants(limit, after);
        return (await reader.all<{ id: string }>(sql, params)).map((r) => r.id);
      },
      async groupIds(filter, limit, after) {
        const { sql, params } = ids.groups(filter, limit, after);
        return (await reader.all<{ id: string }>(sql, params)).map((r) => r.id);
      },
      async enterprises(filter, limit, after) {
        const { where, params } = pageWhere(() => '?', 'e.tax_code', after, [
          ['e.province', filter.province],
          ['e.tax_code', filter.taxCodes],
        ]);
        const rows = await reader.all<EnterpriseRow>(
          `SELECT e.* FROM enterprises e ${where} ORDER BY e.tax_code LIMIT ?`,
          [...params, limit],
        );
        return rows.map(toEnterprise);
      },
      async assessments(filter, limit, after) {
        const { where, params } = pageWhere(() => '?', 'a.id', after, [
          ['a.tax_code', filter.taxCode],
          ['a.consultant_id', filter.consultantId],
          ['a.status', filter.status === 'cancelled' ? undefined : filter.status],
          ['a.period', filter.period],
        ]);
        // A cancelled assessment keeps its status column and leaves every list unless `cancelled` is asked for.
        const kept = `${where ? `${where} AND` : 'WHERE'} a.cancelled_at IS ${filter.status === 'cancelled' ? 'NOT ' : ''}NULL`;
        const province =
          filter.province === undefined
            ? ''
            : ` AND a.tax_code IN (SELECT tax_code FROM enterprises WHERE province = ?)`;
        // The page and its columns from one snapshot.
        const { rows, related: cols } = await reader.withRelated<AssessmentRow, ColumnRow>({
          sql: `${ASSESSMENT_SELECT} ${kept}${province} ORDER BY a.id LIMIT ?`,
          params: [...params, ...(filter.province === undefined ? [] : [filter.province]), limit],
          then: {
            sql: 'SELECT * FROM assessment_columns WHERE assessment_id IN (?*) ORDER BY assessment_id, col',
            key: 'id',
          },
        });
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
