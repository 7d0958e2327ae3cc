// Migration 3 by direct SQL: existing assessments get the period of their year, existing appraised and certified
// results get their standings, new enterprises' columns check their values, periods are never deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../database.js';
import { migration0001 } from './0001-registry.js';
import { migration0002 } from './0002-assessments.js';
import { migration0003 } from './0003-accounts.js';
import { migration0004 } from './0004-workflow.js';
import { migration0005 } from './0005-national.js';

const H = 'a'.repeat(64);
const T = '2024-05-01T00:00:00.000Z';
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0005-national', () => {
  it('backfills periods and standings, then keeps them', () => {
    dir = mkdtempSync(join(tmpdir(), 'dbi-m3-'));
    const db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: [migration0001, migration0002] });
    db.prepare("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, ?, 'system')").run(T);
    db.prepare(
      `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by,
      published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{}', ?, ?, 's', ?, 's', ?, 's')`,
    ).run(H, T, T, T);
    db.prepare(
      `INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries, size,
      classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
      VALUES ('0100000001', 'Co', '01', 'trade-services', 5, NULL, NULL, 0, 'micro', 'sme', 'size', '1.0.0', ?, ?, 's', ?, 's')`,
    ).run(H, T, T);
    db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
      updated_at, updated_by) VALUES ('a1', '0100000001', 'sme', '1.0.0', '${H}', 'draft', '${T}', 's', '${T}', 's')`);
    db.exec(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
      VALUES ('a1', 'self', '{}', '{}', '{}', 0, '${T}', 's')`);
    db.exec(`UPDATE assessments SET status = 'submitted', submitted_at = '${T}', submitted_by = 'e' WHERE id = 'a1'`);
    db.exec(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
      VALUES ('a1', 'department', '{}', '{}', '{}', 0, '${T}', 's')`);
    db.exec(
      `UPDATE assessments SET status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'd', reviewed_as = 'department' WHERE id = 'a1'`,
    );
    db.exec(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
      VALUES ('a1', 'ministry', '{}', '{}', '{"level":3,"total":192,"max":320,"pillars":[{"id":"1","points":5,"max":10,"level":2}]}', 3, '${T}', 's')`);
    db.exec(`UPDATE assessments SET status = 'appraised', appraised_at = '${T}', appraised_by = 'm' WHERE id = 'a1'`);

    migrate(db, [migration0001, migration0002, migration0003, migration0004, migration0005]);
    expect(db.prepare('SELECT id, starts_on, ends_on FROM periods').all()).toEqual([
      { id: '2024', starts_on: '2024-01-01', ends_on: '2024-12-31' },
    ]);
    expect(db.prepare("SELECT period FROM assessments WHERE id = 'a1'").get()).toEqual({ period: '2024' });
    // 192/320 = 0.6 → share key 600000000000; sort key = (99 − 3) ‖ (10¹² − 6·10¹¹, 13 digits) ‖ tax code.
    expect(
      db.prepare('SELECT status, level, total, max, sort_key, latest_certified, latest_appraised FROM standings').get(),
    ).toEqual({
      status: 'appraised',
      level: 3,
      total: 192,
      max: 320,
      sort_key: '960400000000000' + '0100000001',
      latest_certified: 0,
      latest_appraised: 1,
    });
    expect(() => db.exec("UPDATE enterprises SET industry = 'V'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE enterprises SET province_former = 'Yen Bai'")).toThrow(/CHECK/);
    expect(() => db.exec("DELETE FROM periods WHERE id = '2024'")).toThrow(/never deleted/);
    expect(() => db.exec('DELETE FROM standings')).toThrow(/never deleted/);
    expect(() => db.exec("UPDATE assessments SET period = '2025' WHERE id = 'a1'")).toThrow(/keeps its period/);
    db.close();
  });
});
