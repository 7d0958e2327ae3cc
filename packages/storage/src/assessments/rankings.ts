// Rankings: each enterprise's latest qualifying assessment with its ministry column's result. One query for both
// backends (only the parameter placeholders differ). The ordering and the arithmetic over these rows are the
// server's (exact, integer-only).
import type { Database } from 'better-sqlite3';
import type { AssessmentStatus, ScoreResult, Sector } from '@dbi/schema';
import type { RankingQuery, RankingRow, RankingSource } from './types.js';

export interface RankingDbRow {
  id: string;
  tax_code: string;
  name: string;
  province: string;
  sector: Sector;
  size: string;
  index_id: string;
  index_version: string;
  index_hash: string;
  status: AssessmentStatus;
  result: string;
  number: string | null;
  as_of: string;
}

/** The query and its parameters; `placeholder(n)` is the n-th parameter's marker (`?` for SQLite, `$n` for PostgreSQL). */
export function rankingQuery(q: RankingQuery, placeholder: (n: number) => string): { sql: string; params: unknown[] } {
  // The latest qualifying assessment per enterprise; a revoked certificate disqualifies its assessment.
  const params: unknown[] = [];
  const where = [
    q.basis === 'certified'
      ? `c.status = 'valid'`
      : `a.status IN ('appraised', 'certified') AND (c.status IS NULL OR c.status = 'valid')`,
  ];
  if (q.province !== undefined) where.push(`e.province = ${placeholder(params.push(q.province))}`);
  if (q.sector !== undefined) where.push(`e.sector = ${placeholder(params.push(q.sector))}`);
  if (q.size !== undefined) where.push(`e.size = ${placeholder(params.push(q.size))}`);
  const sql = `
    SELECT * FROM (
      SELECT a.id, a.tax_code, e.name, e.province, e.sector, e.size, a.index_id, a.index_version, a.index_hash, a.status,
             m.result, c.number, coalesce(c.issued_on, substr(a.appraised_at, 1, 10)) AS as_of,
             row_number() OVER (PARTITION BY a.tax_code ORDER BY a.appraised_at DESC, a.id DESC) AS rn
      FROM assessments a
      JOIN enterprises e ON e.tax_code = a.tax_code
      JOIN assessment_columns m ON m.assessment_id = a.id AND m.col = 'ministry'
      LEFT JOIN certificates c ON c.assessment_id = a.id
      WHERE ${where.join(' AND ')}
    ) latest WHERE rn = 1 ORDER BY tax_code`;
  return { sql, params };
}

export function toRankingRow(r: RankingDbRow): RankingRow {
  const result = JSON.parse(r.result) as ScoreResult;
  return {
    assessmentId: r.id,
    taxCode: r.tax_code,
    name: r.name,
    province: r.province,
    sector: r.sector,
    size: r.size,
    index: { id: r.index_id, version: r.index_version, hash: r.index_hash },
    status: r.status,
    level: result.level,
    total: result.total,
    max: result.max,
    pillars: result.pillars.map((p) => ({ id: p.id, points: p.points, max: p.max, level: p.level })),
    certificateNumber: r.number,
    asOf: r.as_of,
  };
}

export class SqliteRankingSource implements RankingSource {
  constructor(private readonly db: Database) {}

  async rows(q: RankingQuery): Promise<RankingRow[]> {
    const { sql, params } = rankingQuery(q, () => '?');
    return (this.db.prepare(sql).all(...params) as RankingDbRow[]).map(toRankingRow);
  }
}
