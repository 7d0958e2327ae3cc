// PostgreSQL migration 3 by direct SQL: the period default, the standings trigger on appraisal and the refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStorage, type PgStorage } from '../../storage.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';

const H = 'a'.repeat(64);
const T = '2024-05-01T00:00:00.000Z';
let scratch: ScratchSchema;
let pg: PgStorage;
beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pg = await openPostgresStorage(scratch.url);
});
afterEach(async () => {
  await pg.close();
  await scratch.drop();
});

describe('PostgreSQL migration 0005-national', () => {
  it('gives a period by default, keeps standings on appraisal, refuses bad values', async () => {
    const q = (sql: string, params: unknown[] = []) => pg.pool.query(sql, params);
    await q("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, $1, 'system')", [T]);
    await q(
      `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by,
      published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{}', $1, $2, 's', $2, 's', $2, 's')`,
      [H, T],
    );
    await q(
      `INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries, size,
      classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
      VALUES ('0100000001', 'Co', '01', 'trade-services', 5, NULL, NULL, 0, 'micro', 'sme', 'size', '1.0.0', $1, $2, 's', $2, 's')`,
      [H, T],
    );
    await q(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
      updated_at, updated_by) VALUES ('a1', '0100000001', 'sme', '1.0.0', '${H}', 'draft', '${T}', 's', '${T}', 's')`);
    expect((await q("SELECT period FROM assessments WHERE id = 'a1'")).rows).toEqual([{ period: '2024' }]);
    expect((await q('SELECT id, starts_on, ends_on FROM periods')).rows).toEqual([
      { id: '2024', starts_on: '2024-01-01', ends_on: '2024-12-31' },
    ]);
    const col = (c: string, result = '{}', level = 0) =>
      q(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
        VALUES ('a1', '${c}', '{}', '{}', '${result}', ${level}, '${T}', 's')`);
    await col('self');
    await q(`UPDATE assessments SET status = 'submitted', submitted_at = '${T}', submitted_by = 'e' WHERE id = 'a1'`);
    await col('department');
    await q(
      `UPDATE assessments SET status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'd', reviewed_as = 'department' WHERE id = 'a1'`,
    );
    await col('ministry', '{"level":3,"total":1,"max":3,"pillars":[]}', 3);
    await q(`UPDATE assessments SET status = 'appraised', appraised_at = '${T}', appraised_by = 'm' WHERE id = 'a1'`);
    // 1/3 → ⌊10¹²/3⌋ = 333333333333; 10¹² − that = 666666666667.
    expect((await q('SELECT level, sort_key, latest_certified, latest_appraised FROM standings')).rows).toEqual([
      { level: 3, sort_key: '960666666666667' + '0100000001', latest_certified: 0, latest_appraised: 1 },
    ]);
    await expect(q("UPDATE enterprises SET industry = 'V'")).rejects.toThrow(/check/);
    await expect(q("DELETE FROM periods WHERE id = '2024'")).rejects.toThrow(/never deleted/);
    await expect(q("UPDATE assessments SET period = '2025' WHERE id = 'a1'")).rejects.toThrow(/keeps its period/);
  });
});
