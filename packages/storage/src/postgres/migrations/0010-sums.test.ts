// PostgreSQL migration 0010 by direct SQL: the sums are backfilled from the stored standings, then follow every insert and
// update of a standing, so that they always equal a GROUP BY over the latest standings.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPool } from '../database.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';
import { migrations } from './index.js';

const m = migrations.find((x) => x.name === 'sums')!;
const before = migrations.filter((x) => x.version < m.version);
let scratch: ScratchSchema;
let pool: pg.Pool;
const sql = (text: string) => pool.query(text);
const H = 'a'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const taxOf = (id: string) => `010000000${id.slice(1)}`;

const enterprise = (tax: string, province: string) =>
  sql(`INSERT INTO enterprises (tax_code, name, province, industry, sector, employees, has_subsidiaries, size, classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by,
    updated_at, updated_by) VALUES ('${tax}', 'Co', '${province}', 'G', 'trade-services', 5, 0, 'micro',
    'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
const assessment = (id: string, tax: string) =>
  sql(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, period, created_at,
    created_by, updated_at, updated_by) VALUES ('${id}', '${tax}', 'sme', '1.0.0', '${H}', 'draft', '2025', '${T}',
    's', '${T}', 's')`);
/** A standings row as the appraisal triggers write it (only the columns the sums read vary). */
const standing = (
  id: string,
  s: { province: string; industry: string | null; size: string; level: number; total: number; max: number },
  certified: 0 | 1,
  appraised: 0 | 1,
) =>
  sql(`INSERT INTO standings (assessment_id, period, tax_code, name, province, industry, sector, size, index_id,
    index_version, index_hash, status, group_id, level, total, max, pillars, certificate_number, as_of, appraised_at,
    sort_key, latest_certified, latest_appraised) VALUES ('${id}', '2025', '${taxOf(id)}', 'Co', '${s.province}',
    ${s.industry === null ? 'NULL' : `'${s.industry}'`}, 'trade-services', '${s.size}', 'sme', '1.0.0', '${H}',
    '${certified ? 'certified' : 'appraised'}', NULL, ${s.level}, ${s.total}, ${s.max}, '[]', NULL, '${T}', '${T}',
    '${id}', ${certified}, ${appraised})`);

const num = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, n: Number(r.n), total: Number(r.total) }));
const sums = async () =>
  num(
    (
      await sql(
        'SELECT basis, province, industry, size, max, level, n, total FROM standing_sums WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6',
      )
    ).rows,
  );
/** The same figures computed from the rows themselves. */
const grouped = async () =>
  num(
    (
      await sql(`SELECT basis, province, industry, size, max, level, n, total FROM (
         SELECT 'certified' AS basis, province, coalesce(industry, '') AS industry, size, max, level, count(*) AS n,
           sum(total) AS total FROM standings WHERE latest_certified = 1 GROUP BY 2, 3, 4, 5, 6
         UNION ALL
         SELECT 'appraised', province, coalesce(industry, ''), size, max, level, count(*), sum(total)
           FROM standings WHERE latest_appraised = 1 GROUP BY 2, 3, 4, 5, 6) x
       ORDER BY 1, 2, 3, 4, 5, 6`)
    ).rows,
  );

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, before);
  await sql(`INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, '${T}', 'system')`);
  await sql(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
    updated_by, published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{"id":"sme","version":"1.0.0"}', '${H}',
    '${T}', 's', '${T}', 's', '${T}', 's')`);
  await sql(`INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
    VALUES ('2025', 'Năm 2025', '2025-01-01', '2025-12-31', '${T}', 's')`);
  for (const [id, province] of [
    ['a1', '01'],
    ['a2', '01'],
    ['a3', '79'],
    ['a4', '01'],
  ] as const) {
    const tax = taxOf(id);
    await enterprise(tax, province);
    await assessment(id, tax);
  }
  // Stored before the migration: a1 certified, a2 appraised only (no industry), a3 certified in another province.
  await standing('a1', { province: '01', industry: 'G', size: 'micro', level: 3, total: 200, max: 320 }, 1, 1);
  await standing('a2', { province: '01', industry: null, size: 'micro', level: 3, total: 150, max: 320 }, 0, 1);
  await standing('a3', { province: '79', industry: 'C', size: 'small', level: 2, total: 100, max: 695 }, 1, 1);
  await migratePg(pool);
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

describe('pg migration 0010-sums', () => {
  it('backfills the sums of the latest standings per basis from the stored rows', async () => {
    expect(await sums()).toEqual([
      { basis: 'appraised', province: '01', industry: '', size: 'micro', max: 320, level: 3, n: 1, total: 150 },
      { basis: 'appraised', province: '01', industry: 'G', size: 'micro', max: 320, level: 3, n: 1, total: 200 },
      { basis: 'appraised', province: '79', industry: 'C', size: 'small', max: 695, level: 2, n: 1, total: 100 },
      { basis: 'certified', province: '01', industry: 'G', size: 'micro', max: 320, level: 3, n: 1, total: 200 },
      { basis: 'certified', province: '79', industry: 'C', size: 'small', max: 695, level: 2, n: 1, total: 100 },
    ]);
    expect(await sums()).toEqual(await grouped());
  });

  it('follows a new standing, a superseded one and a revoked certificate', async () => {
    await standing('a4', { province: '01', industry: 'G', size: 'micro', level: 4, total: 260, max: 320 }, 1, 1);
    await sql(`UPDATE standings SET latest_certified = 0, latest_appraised = 0 WHERE assessment_id = 'a1'`);
    await sql(`UPDATE standings SET status = 'revoked', latest_certified = 0 WHERE assessment_id = 'a3'`);
    await sql(`UPDATE standings SET total = 160 WHERE assessment_id = 'a2'`);
    expect(await sums()).toEqual([
      { basis: 'appraised', province: '01', industry: '', size: 'micro', max: 320, level: 3, n: 1, total: 160 },
      { basis: 'appraised', province: '01', industry: 'G', size: 'micro', max: 320, level: 4, n: 1, total: 260 },
      { basis: 'appraised', province: '79', industry: 'C', size: 'small', max: 695, level: 2, n: 1, total: 100 },
      { basis: 'certified', province: '01', industry: 'G', size: 'micro', max: 320, level: 4, n: 1, total: 260 },
    ]);
    expect(await sums()).toEqual(await grouped());
  });
});
