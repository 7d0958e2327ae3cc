// Migration 0010 by direct SQL: the sums are backfilled from the stored standings, then follow every insert and
// update of a standing, so that they always equal a GROUP BY over the latest standings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrations } from './index.js';

const m = migrations.find((x) => x.name === 'sums')!;
const before = migrations.filter((x) => x.version < m.version);
let dir: string;
let db: Database;
const H = 'a'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const taxOf = (id: string) => `010000000${id.slice(1)}`;

const enterprise = (tax: string, province: string) =>
  db.exec(`INSERT INTO enterprises (tax_code, name, province, industry, sector, employees, revenue_vnd, capital_vnd,
    has_subsidiaries, size, classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by,
    updated_at, updated_by) VALUES ('${tax}', 'Co', '${province}', 'G', 'trade-services', 5, NULL, NULL, 0, 'micro',
    'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
const assessment = (id: string, tax: string) =>
  db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, period, created_at,
    created_by, updated_at, updated_by) VALUES ('${id}', '${tax}', 'sme', '1.0.0', '${H}', 'draft', '2025', '${T}',
    's', '${T}', 's')`);
/** A standings row as the appraisal triggers write it (only the columns the sums read vary). */
const standing = (
  id: string,
  s: { province: string; industry: string | null; size: string; level: number; total: number; max: number },
  certified: 0 | 1,
  appraised: 0 | 1,
) =>
  db.exec(`INSERT INTO standings (assessment_id, period, tax_code, name, province, industry, sector, size, index_id,
    index_version, index_hash, status, group_id, level, total, max, pillars, certificate_number, as_of, appraised_at,
    sort_key, latest_certified, latest_appraised) VALUES ('${id}', '2025', '${taxOf(id)}', 'Co', '${s.province}',
    ${s.industry === null ? 'NULL' : `'${s.industry}'`}, 'trade-services', '${s.size}', 'sme', '1.0.0', '${H}',
    '${certified ? 'certified' : 'appraised'}', NULL, ${s.level}, ${s.total}, ${s.max}, '[]', NULL, '${T}', '${T}',
    '${id}', ${certified}, ${appraised})`);

const sums = () =>
  db
    .prepare(
      'SELECT basis, province, industry, size, max, level, n, total FROM standing_sums WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6',
    )
    .all();
/** The same figures computed from the rows themselves. */
const grouped = () =>
  db
    .prepare(
      `SELECT basis, province, industry, size, max, level, n, total FROM (
         SELECT 'certified' AS basis, province, coalesce(industry, '') AS industry, size, max, level, count(*) AS n,
           sum(total) AS total FROM standings WHERE latest_certified = 1 GROUP BY 2, 3, 4, 5, 6
         UNION ALL
         SELECT 'appraised', province, coalesce(industry, ''), size, max, level, count(*), sum(total)
           FROM standings WHERE latest_appraised = 1 GROUP BY 2, 3, 4, 5, 6)
       ORDER BY 1, 2, 3, 4, 5, 6`,
    )
    .all();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m10-'));
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: before });
  db.prepare("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, ?, 'system')").run(T);
  db.prepare(
    `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
     updated_by, published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{"id":"sme","version":"1.0.0"}', ?,
     ?, 's', ?, 's', ?, 's')`,
  ).run(H, T, T, T);
  db.exec(`INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
    VALUES ('2025', 'Năm 2025', '2025-01-01', '2025-12-31', '${T}', 's')`);
  for (const [id, province] of [
    ['a1', '01'],
    ['a2', '01'],
    ['a3', '79'],
    ['a4', '01'],
  ] as const) {
    const tax = taxOf(id);
    enterprise(tax, province);
    assessment(id, tax);
  }
  // Stored before the migration: a1 certified, a2 appraised only (no industry), a3 certified in another province.
  standing('a1', { province: '01', industry: 'G', size: 'micro', level: 3, total: 200, max: 320 }, 1, 1);
  standing('a2', { province: '01', industry: null, size: 'micro', level: 3, total: 150, max: 320 }, 0, 1);
  standing('a3', { province: '79', industry: 'C', size: 'small', level: 2, total: 100, max: 695 }, 1, 1);
  db.close();
  db = openDatabase(join(dir, 'dbi.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0010-sums', () => {
  it('backfills the sums of the latest standings per basis from the stored rows', () => {
    expect(sums()).toEqual([
      { basis: 'appraised', province: '01', industry: '', size: 'micro', max: 320, level: 3, n: 1, total: 150 },
      { basis: 'appraised', province: '01', industry: 'G', size: 'micro', max: 320, level: 3, n: 1, total: 200 },
      { basis: 'appraised', province: '79', industry: 'C', size: 'small', max: 695, level: 2, n: 1, total: 100 },
      { basis: 'certified', province: '01', industry: 'G', size: 'micro', max: 320, level: 3, n: 1, total: 200 },
      { basis: 'certified', province: '79', industry: 'C', size: 'small', max: 695, level: 2, n: 1, total: 100 },
    ]);
    expect(sums()).toEqual(grouped());
  });

  it('follows a new standing, a superseded one and a revoked certificate', () => {
    standing('a4', { province: '01', industry: 'G', size: 'micro', level: 4, total: 260, max: 320 }, 1, 1);
    db.exec(`UPDATE standings SET latest_certified = 0, latest_appraised = 0 WHERE assessment_id = 'a1'`);
    db.exec(`UPDATE standings SET status = 'revoked', latest_certified = 0 WHERE assessment_id = 'a3'`);
    db.exec(`UPDATE standings SET total = 160 WHERE assessment_id = 'a2'`);
    expect(sums()).toEqual([
      { basis: 'appraised', province: '01', industry: '', size: 'micro', max: 320, level: 3, n: 1, total: 160 },
      { basis: 'appraised', province: '01', industry: 'G', size: 'micro', max: 320, level: 4, n: 1, total: 260 },
      { basis: 'appraised', province: '79', industry: 'C', size: 'small', max: 695, level: 2, n: 1, total: 100 },
      { basis: 'certified', province: '01', industry: 'G', size: 'micro', max: 320, level: 4, n: 1, total: 260 },
    ]);
    expect(sums()).toEqual(grouped());
  });
});
