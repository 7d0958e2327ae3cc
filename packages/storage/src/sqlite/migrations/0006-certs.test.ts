// Migration 3 by direct SQL: existing certificates get their year's counter and their supersession, and afterwards
// the database itself lets a certificate change only by one revocation and one supersession by a newer certificate
// of the same enterprise and index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrations } from './index.js';
import { migration0001 } from './0001-registry.js';
import { migration0002 } from './0002-assessments.js';

let dir: string;
let file: string;
let db: Database;
const H = 'a'.repeat(64);
const T = (day: number) => `2024-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;

// A column's result as the engine writes it, as far as the standings (0005-national) read it at certification.
const RESULT = JSON.stringify({ total: 0, max: 320, pillars: [] });
function certified(id: string, taxCode: string) {
  db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
    updated_at, updated_by) VALUES ('${id}', '${taxCode}', 'sme', '1.0.0', '${H}', 'draft', '${T(1)}', 's', '${T(1)}', 's')`);
  for (const [col, set] of [
    ['self', `status = 'submitted', submitted_at = '${T(1)}', submitted_by = 'e'`],
    ['department', `status = 'reviewed', reviewed_at = '${T(1)}', reviewed_by = 'd', reviewed_as = 'department'`],
    ['ministry', `status = 'appraised', appraised_at = '${T(1)}', appraised_by = 'm'`],
  ] as const) {
    db.exec(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
      VALUES ('${id}', '${col}', '{}', '{}', '${RESULT}', 0, '${T(1)}', 's')`);
    db.exec(`UPDATE assessments SET ${set} WHERE id = '${id}'`);
  }
  db.exec(
    `UPDATE assessments SET status = 'certified', certified_at = '${T(1)}', certified_by = 'p' WHERE id = '${id}'`,
  );
}
const certificate = (number: string, id: string, taxCode: string, day: number, extra = { cols: '', values: '' }) =>
  db.exec(`INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars, index_id,
    index_version, index_hash, issued_on, issued_at, issued_by, status${extra.cols}) VALUES ('${number}', '${id}', '${taxCode}',
    'Co', 3, 192, 320, '[]', 'sme', '1.0.0', '${H}', '2024-01-01', '${T(day)}', 'p', 'valid'${extra.values})`);
const cert = (number: string) =>
  db.prepare('SELECT status, superseded_by, superseded_at FROM certificates WHERE number = ?').get(number);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m3-'));
  file = join(dir, 'dbi.sqlite');
  db = openDatabase(file, { migrations: [migration0001, migration0002] });
  db.prepare("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, ?, 'system')").run(T(1));
  db.prepare(
    `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by,
    published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{}', ?, ?, 's', ?, 's', ?, 's')`,
  ).run(H, T(1), T(1), T(1));
  for (const taxCode of ['0100000001', '0100000002'])
    db.prepare(
      `INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries, size,
      classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
      VALUES (?, 'Co', '01', 'trade-services', 5, NULL, NULL, 0, 'micro', 'sme', 'size', '1.0.0', ?, ?, 's', ?, 's')`,
    ).run(taxCode, H, T(1), T(1));
  ['a1', 'a2', 'a3', 'a4', 'a5'].forEach((id, i) => certified(id, i === 3 ? '0100000002' : '0100000001'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Closes the version-2 database and opens it with every migration. */
function migrateToLatest() {
  db.close();
  db = openDatabase(file, { migrations });
}

describe('migration 3: existing certificates', () => {
  it('counts on after the highest number of each year and marks the superseded ones', () => {
    certificate('DBI-2024-000001', 'a1', '0100000001', 1);
    certificate('DBI-2024-000007', 'a2', '0100000001', 2);
    certificate('DBI-2023-000002', 'a4', '0100000002', 3);
    certificate('DBI-2024-000009', 'a3', '0100000001', 4);
    db.exec(
      "UPDATE certificates SET status = 'revoked', revoked_at = 'x', revoked_by = 'p', revocation_reason = 'r' WHERE number = 'DBI-2024-000007'",
    );
    migrateToLatest();
    expect(db.prepare('SELECT year, last FROM certificate_counters ORDER BY year').all()).toEqual([
      { year: '2023', last: 2 },
      { year: '2024', last: 9 },
    ]);
    // The first is superseded by the next issued (revoked since, but issued); a revoked one stays as it was.
    expect(cert('DBI-2024-000001')).toEqual({ status: 'valid', superseded_by: 'DBI-2024-000007', superseded_at: T(2) });
    expect(cert('DBI-2024-000007')).toEqual({ status: 'revoked', superseded_by: null, superseded_at: null });
    expect(cert('DBI-2024-000009')).toEqual({ status: 'valid', superseded_by: null, superseded_at: null });
    expect(cert('DBI-2023-000002')).toEqual({ status: 'valid', superseded_by: null, superseded_at: null });
  });
});

describe('migration 3: what a certificate may become', () => {
  beforeEach(() => {
    migrateToLatest();
    certificate('DBI-2024-000001', 'a1', '0100000001', 1);
    certificate('DBI-2024-000002', 'a2', '0100000001', 2);
    certificate('DBI-2024-000003', 'a4', '0100000002', 3);
  });

  it('is superseded once, by a newer certificate of the same enterprise and index, with its time', () => {
    const supersede = (by: string, at: string | null = `'${T(2)}'`) =>
      db.exec(
        `UPDATE certificates SET superseded_by = '${by}', superseded_at = ${at} WHERE number = 'DBI-2024-000001'`,
      );
    expect(() => supersede('DBI-2024-000003')).toThrow(/same enterprise and index/);
    expect(() => supersede('DBI-2024-000001')).toThrow(/same enterprise and index/);
    expect(() => supersede('DBI-2024-000002', 'NULL')).toThrow(/same enterprise and index/);
    supersede('DBI-2024-000002');
    expect(cert('DBI-2024-000001')).toEqual({ status: 'valid', superseded_by: 'DBI-2024-000002', superseded_at: T(2) });
    expect(() => supersede('DBI-2024-000002', `'${T(3)}'`)).toThrow(/only be revoked or superseded/);
    // Still revocable, once.
    db.exec(`UPDATE certificates SET status = 'revoked', revoked_at = 'x', revoked_by = 'p', revocation_reason = 'r'
      WHERE number = 'DBI-2024-000001'`);
    expect(() => db.exec("UPDATE certificates SET revocation_reason = 'o' WHERE number = 'DBI-2024-000001'")).toThrow(
      /only be revoked or superseded/,
    );
  });

  it('keeps what it says, is issued unsuperseded and numbered by a four-digit year counter', () => {
    expect(() => db.exec("UPDATE certificates SET valid_until = '2030-01-01'")).toThrow(
      /only be revoked or superseded/,
    );
    expect(() => db.exec('UPDATE certificates SET level = 5')).toThrow(/only be revoked or superseded/);
    expect(() => db.exec("UPDATE certificates SET status = 'valid'")).toThrow(/only be revoked or superseded/);
    expect(() => db.exec('DELETE FROM certificates')).toThrow(/never deleted/);
    expect(() =>
      certificate('DBI-2024-000004', 'a5', '0100000001', 5, {
        cols: ', superseded_by, superseded_at',
        values: `, 'DBI-2024-000001', '${T(5)}'`,
      }),
    ).toThrow(/issued unsuperseded/);
    expect(() => db.exec("INSERT INTO certificate_counters VALUES ('24', 1)")).toThrow(/CHECK/);
  });
});
