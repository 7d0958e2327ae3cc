// PostgreSQL migration 3 by direct SQL: existing certificates get their year's sequence and their supersession, the
// sequence numbers on, and a certificate changes only by one revocation and one supersession by a newer certificate of
// the same enterprise and index (the plpgsql counterparts of SQLite's 0006-certs).
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPool } from '../database.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';
import { migrations } from './index.js';
import { pgMigration0001 } from './0001-registry.js';
import { pgMigration0002 } from './0002-assessments.js';

let scratch: ScratchSchema;
let pool: pg.Pool;
const H = 'a'.repeat(64);
const T = (day: number) => `2024-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
const sql = (text: string) => pool.query(text);
// A column's result as the engine writes it, as far as the standings (0005-national) read it at certification.
const RESULT = JSON.stringify({ total: 0, max: 320, pillars: [] });

async function certified(id: string, taxCode: string) {
  await sql(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
    updated_at, updated_by) VALUES ('${id}', '${taxCode}', 'sme', '1.0.0', '${H}', 'draft', '${T(1)}', 's', '${T(1)}', 's')`);
  for (const [col, set] of [
    ['self', `status = 'submitted', submitted_at = '${T(1)}', submitted_by = 'e'`],
    ['department', `status = 'reviewed', reviewed_at = '${T(1)}', reviewed_by = 'd', reviewed_as = 'department'`],
    ['ministry', `status = 'appraised', appraised_at = '${T(1)}', appraised_by = 'm'`],
  ] as const) {
    await sql(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
      VALUES ('${id}', '${col}', '{}', '{}', '${RESULT}', 0, '${T(1)}', 's')`);
    await sql(`UPDATE assessments SET ${set} WHERE id = '${id}'`);
  }
  await sql(
    `UPDATE assessments SET status = 'certified', certified_at = '${T(1)}', certified_by = 'p' WHERE id = '${id}'`,
  );
}
const certificate = (number: string, id: string, taxCode: string, day: number, extra = { cols: '', values: '' }) =>
  sql(`INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars, index_id,
    index_version, index_hash, issued_on, issued_at, issued_by, status${extra.cols}) VALUES ('${number}', '${id}', '${taxCode}',
    'Co', 3, 192, 320, '[]', 'sme', '1.0.0', '${H}', '2024-01-01', '${T(day)}', 'p', 'valid'${extra.values})`);
const cert = async (number: string) =>
  (await pool.query('SELECT status, superseded_by, superseded_at FROM certificates WHERE number = $1', [number]))
    .rows[0];
const next = async (year: string) =>
  Number((await pool.query('SELECT dbi_certificate_number($1) AS n', [year])).rows[0].n);

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, [pgMigration0001, pgMigration0002]);
  await sql(`INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, '${T(1)}', 'system')`);
  await sql(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
    updated_by, published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{}', '${H}', '${T(1)}', 's', '${T(1)}', 's', '${T(1)}', 's')`);
  for (const taxCode of ['0100000001', '0100000002'])
    await sql(`INSERT INTO enterprises (tax_code, name, province, sector, employees, has_subsidiaries, size, classified_index,
      classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
      VALUES ('${taxCode}', 'Co', '01', 'trade-services', 5, 0, 'micro', 'sme', 'size', '1.0.0', '${H}', '${T(1)}', 's', '${T(1)}', 's')`);
  for (const [i, id] of ['a1', 'a2', 'a3', 'a4', 'a5'].entries())
    await certified(id, i === 3 ? '0100000002' : '0100000001');
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

describe('migration 3 (PostgreSQL): existing certificates', () => {
  it('numbers on after the highest number of each year and marks the superseded ones', async () => {
    await certificate('DBI-2024-000001', 'a1', '0100000001', 1);
    await certificate('DBI-2024-000007', 'a2', '0100000001', 2);
    await certificate('DBI-2023-000002', 'a4', '0100000002', 3);
    await certificate('DBI-2024-000009', 'a3', '0100000001', 4);
    await sql(`UPDATE certificates SET status = 'revoked', revoked_at = 'x', revoked_by = 'p', revocation_reason = 'r'
      WHERE number = 'DBI-2024-000007'`);
    await migratePg(pool, migrations);
    expect((await pool.query('SELECT year, last FROM certificate_counters ORDER BY year')).rows).toEqual([
      { year: '2023', last: 2 },
      { year: '2024', last: 9 },
    ]);
    expect([await next('2024'), await next('2024'), await next('2023'), await next('2031')]).toEqual([10, 11, 3, 1]);
    expect(await cert('DBI-2024-000001')).toEqual({
      status: 'valid',
      superseded_by: 'DBI-2024-000007',
      superseded_at: T(2),
    });
    expect(await cert('DBI-2024-000007')).toEqual({ status: 'revoked', superseded_by: null, superseded_at: null });
    expect(await cert('DBI-2024-000009')).toEqual({ status: 'valid', superseded_by: null, superseded_at: null });
    await expect(next('24')).rejects.toThrow(/four digits/);
  });
});

describe('migration 3 (PostgreSQL): what a certificate may become', () => {
  beforeEach(async () => {
    await migratePg(pool, migrations);
    await certificate('DBI-2024-000001', 'a1', '0100000001', 1);
    await certificate('DBI-2024-000002', 'a2', '0100000001', 2);
    await certificate('DBI-2024-000003', 'a4', '0100000002', 3);
  });

  it('is superseded once, by a newer certificate of the same enterprise and index, with its time', async () => {
    const supersede = (by: string, at: string | null = `'${T(2)}'`) =>
      sql(`UPDATE certificates SET superseded_by = '${by}', superseded_at = ${at} WHERE number = 'DBI-2024-000001'`);
    await expect(supersede('DBI-2024-000003')).rejects.toThrow(/same enterprise and index/);
    await expect(supersede('DBI-2024-000001')).rejects.toThrow(/superseded_not_self|same enterprise/);
    await expect(supersede('DBI-2024-000002', 'NULL')).rejects.toThrow(/superseded_pair/);
    await supersede('DBI-2024-000002');
    expect(await cert('DBI-2024-000001')).toEqual({
      status: 'valid',
      superseded_by: 'DBI-2024-000002',
      superseded_at: T(2),
    });
    await expect(supersede('DBI-2024-000002', `'${T(3)}'`)).rejects.toThrow(/only be revoked or superseded/);
    await sql(`UPDATE certificates SET status = 'revoked', revoked_at = 'x', revoked_by = 'p', revocation_reason = 'r'
      WHERE number = 'DBI-2024-000001'`);
    await expect(
      sql("UPDATE certificates SET revocation_reason = 'o' WHERE number = 'DBI-2024-000001'"),
    ).rejects.toThrow(/only be revoked or superseded/);
  });

  it('keeps what it says and is issued unsuperseded', async () => {
    await expect(sql("UPDATE certificates SET valid_until = '2030-01-01'")).rejects.toThrow(
      /only be revoked or superseded/,
    );
    await expect(sql('UPDATE certificates SET level = 5')).rejects.toThrow(/only be revoked or superseded/);
    await expect(sql("UPDATE certificates SET status = 'valid'")).rejects.toThrow(/only be revoked or superseded/);
    await expect(sql('DELETE FROM certificates')).rejects.toThrow(/never deleted/);
    await expect(
      certificate('DBI-2024-000004', 'a5', '0100000001', 5, {
        cols: ', superseded_by, superseded_at',
        values: `, 'DBI-2024-000001', '${T(5)}'`,
      }),
    ).rejects.toThrow(/issued unsuperseded/);
  });
});
