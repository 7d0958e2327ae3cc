// Migration 0009 by direct SQL: the counts are backfilled from what is stored, then follow every write — a status
// change, an enterprise moving province or changing industry — so that they always equal a count of the rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrations } from './index.js';

const m = migrations.find((x) => x.name === 'counts')!;
const before = migrations.filter((x) => x.version < m.version);
let dir: string;
let db: Database;
const H = 'a'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';

const enterprise = (tax: string, province: string, industry: string | null, size: string) =>
  db.exec(`INSERT INTO enterprises (tax_code, name, province, industry, sector, employees, revenue_vnd, capital_vnd,
    has_subsidiaries, size, classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by,
    updated_at, updated_by) VALUES ('${tax}', 'Co', '${province}', ${industry ? `'${industry}'` : 'NULL'},
    'trade-services', 5, NULL, NULL, 0, '${size}', 'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
const assessment = (id: string, tax: string, period: string) =>
  db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, period, created_at,
    created_by, updated_at, updated_by) VALUES ('${id}', '${tax}', 'sme', '1.0.0', '${H}', 'draft', '${period}', '${T}',
    's', '${T}', 's')`);
const status = (id: string, s: string) =>
  db.exec(
    `UPDATE assessments SET status = '${s}', submitted_at = '${T}', submitted_by = 'e'${
      s === 'reviewed' ? `, reviewed_as = 'department', reviewed_at = '${T}', reviewed_by = 'd'` : ''
    } WHERE id = '${id}'`,
  );

const registered = () =>
  db.prepare('SELECT province, industry, size, n FROM coverage_registered WHERE n > 0 ORDER BY 1, 2, 3').all();
const progress = () =>
  db
    .prepare(
      'SELECT period, province, industry, size, stage, certified, n FROM coverage_progress WHERE n > 0 ORDER BY 1, 2, 3, 4, 5',
    )
    .all();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m8-'));
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: before });
  db.prepare("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, ?, 'system')").run(T);
  db.prepare(
    `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
     updated_by, published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{"id":"sme","version":"1.0.0"}', ?,
     ?, 's', ?, 's', ?, 's')`,
  ).run(H, T, T, T);
  db.exec(`INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
    VALUES ('2025', 'Năm 2025', '2025-01-01', '2025-12-31', '${T}', 's')`);
  // Stored before the migration: two enterprises of Hà Nội (one without an industry), one of Hồ Chí Minh City; one
  // submitted assessment, one draft, one reviewed.
  enterprise('0100000001', '01', 'G', 'micro');
  enterprise('0100000002', '01', null, 'micro');
  enterprise('0300000003', '79', 'C', 'small');
  assessment('a1', '0100000001', '2025');
  status('a1', 'submitted');
  assessment('a2', '0100000002', '2025');
  assessment('a3', '0300000003', '2025');
  status('a3', 'submitted');
  status('a3', 'reviewed');
  db.close();
  db = openDatabase(join(dir, 'dbi.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0009-counts', () => {
  it('backfills the registered enterprises and their progress per period from the stored rows', () => {
    expect(registered()).toEqual([
      { province: '01', industry: '', size: 'micro', n: 1 },
      { province: '01', industry: 'G', size: 'micro', n: 1 },
      { province: '79', industry: 'C', size: 'small', n: 1 },
    ]);
    // a1 submitted (stage 1), a2 a draft (stage 0: counted as registered with an assessment, not self-assessed),
    // a3 reviewed (stage 2).
    expect(progress()).toEqual([
      { period: '2025', province: '01', industry: '', size: 'micro', stage: 0, certified: 0, n: 1 },
      { period: '2025', province: '01', industry: 'G', size: 'micro', stage: 1, certified: 0, n: 1 },
      { period: '2025', province: '79', industry: 'C', size: 'small', stage: 2, certified: 0, n: 1 },
    ]);
  });

  it('follows status changes, new enterprises and an enterprise that moves province or changes industry', () => {
    status('a2', 'submitted'); // 0100000002 self-assessed now
    enterprise('0100000004', '01', 'G', 'micro');
    db.exec(`UPDATE enterprises SET province = '79', industry = 'C', size = 'small' WHERE tax_code = '0100000001'`);
    expect(registered()).toEqual([
      { province: '01', industry: '', size: 'micro', n: 1 },
      { province: '01', industry: 'G', size: 'micro', n: 1 }, // 0100000004 (0100000001 left)
      { province: '79', industry: 'C', size: 'small', n: 2 },
    ]);
    expect(progress()).toEqual([
      { period: '2025', province: '01', industry: '', size: 'micro', stage: 1, certified: 0, n: 1 },
      { period: '2025', province: '79', industry: 'C', size: 'small', stage: 1, certified: 0, n: 1 }, // a1, moved
      { period: '2025', province: '79', industry: 'C', size: 'small', stage: 2, certified: 0, n: 1 },
    ]);
    // The same enterprise in another period is counted in that period.
    db.exec(`INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
      VALUES ('2026', 'Năm 2026', '2026-01-01', '2026-12-31', '${T}', 's')`);
    assessment('a4', '0300000003', '2026');
    status('a4', 'submitted');
    expect(progress().filter((r) => (r as { province: string }).province === '79')).toEqual([
      { period: '2025', province: '79', industry: 'C', size: 'small', stage: 1, certified: 0, n: 1 },
      { period: '2025', province: '79', industry: 'C', size: 'small', stage: 2, certified: 0, n: 1 },
      { period: '2026', province: '79', industry: 'C', size: 'small', stage: 1, certified: 0, n: 1 },
    ]);
  });
});
