// Migration 2 by direct SQL: the database itself keeps the workflow's order, the column-per-state rule, the
// independence rule and the permanence of certificates, whatever code (or SQLite shell) writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migration0001 } from './0001-registry.js';
import { migration0002 } from './0002-assessments.js';

let dir: string;
let db: Database;
const H = 'a'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';

const enterprise = (taxCode: string) =>
  db
    .prepare(
      `INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries, size,
    classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
    VALUES (?, 'Co', '01', 'trade-services', 5, NULL, NULL, 0, 'micro', 'sme', 'size', '1.0.0', ?, ?, 's', ?, 's')`,
    )
    .run(taxCode, H, T, T);
const assessment = (id: string, taxCode: string, status = 'draft', extra = '') =>
  db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by, updated_at, updated_by${extra ? ', ' + extra.split('=')[0] : ''})
    VALUES ('${id}', '${taxCode}', 'sme', '1.0.0', '${H}', '${status}', '${T}', 's', '${T}', 's'${extra ? ', ' + extra.split('=')[1] : ''})`);
const column = (id: string, col: string) =>
  db.exec(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
    VALUES ('${id}', '${col}', '{}', '{}', '{}', 0, '${T}', 's')`);
const step = (id: string, sql: string) => db.exec(`UPDATE assessments SET ${sql} WHERE id = '${id}'`);
const SUBMIT = `status = 'submitted', submitted_at = '${T}', submitted_by = 'e'`;
const REVIEW = `status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'c', reviewed_as = 'department'`;
const APPRAISE = `status = 'appraised', appraised_at = '${T}', appraised_by = 'm'`;
const CERTIFY = `status = 'certified', certified_at = '${T}', certified_by = 'p'`;
const certificate = (number: string, id: string) =>
  db.exec(`INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars, index_id, index_version,
    index_hash, issued_on, issued_at, issued_by, status) VALUES ('${number}', '${id}', '0100000001', 'Co', 3, 192, 320, '[]', 'sme', '1.0.0',
    '${H}', '2024-01-01', '${T}', 'p', 'valid')`);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m2-'));
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: [migration0001, migration0002] });
  db.prepare("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, ?, 'system')").run(T);
  db.prepare(
    `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by,
    published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{}', ?, ?, 's', ?, 's', ?, 's')`,
  ).run(H, T, T, T);
  db.prepare(
    `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by)
    VALUES ('sme', '1.1.0', 'draft', '{}', ?, ?, 's', ?, 's')`,
  ).run('b'.repeat(64), T, T);
  enterprise('0100000001');
  db.exec(`INSERT INTO consultants VALUES ('c1', 'An', 'Org', '${T}', 's', '${T}', 's')`);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 2: enterprises', () => {
  it('accepts 10-digit tax codes and 10+3 branch codes, nothing else', () => {
    enterprise('0100000001-001');
    for (const bad of ['010000000', '01000000011', '0100000001-01', 'ABCDEFGHIJ', '0100000001_001']) {
      expect(() => enterprise(bad), bad).toThrow(/CHECK/);
    }
  });

  it('requires an override to carry its reason, and never deletes an enterprise', () => {
    expect(() => db.exec("UPDATE enterprises SET override_index = 'large', override_by = 'm'")).toThrow(/CHECK/);
    expect(() =>
      db.exec("UPDATE enterprises SET override_index = 'large', override_reason = '  ', override_by = 'm'"),
    ).toThrow(/CHECK/);
    db.exec("UPDATE enterprises SET override_index = 'large', override_reason = 'listed company', override_by = 'm'");
    expect(() => db.exec('DELETE FROM enterprises')).toThrow(/never deleted/);
  });
});

describe('migration 2: assessments', () => {
  it('pins only published versions with their exact hash', () => {
    assessment('a1', '0100000001');
    expect(() =>
      db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by, updated_at, updated_by)
      VALUES ('a2', '0100000001', 'sme', '1.1.0', '${'b'.repeat(64)}', 'draft', '${T}', 's', '${T}', 's')`),
    ).toThrow(/published index version/);
    expect(() =>
      db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by, updated_at, updated_by)
      VALUES ('a3', '0100000001', 'sme', '1.0.0', '${'c'.repeat(64)}', 'draft', '${T}', 's', '${T}', 's')`),
    ).toThrow(/published index version/);
    expect(() => step('a1', "index_version = '1.1.0'")).toThrow(/pinned index version/);
    expect(() => step('a1', "tax_code = '0100000002'")).toThrow(/pinned index version|FOREIGN KEY/);
  });

  it('moves only one step forward at a time', () => {
    assessment('a1', '0100000001');
    expect(() => step('a1', REVIEW + `, submitted_at = '${T}', submitted_by = 'e'`)).toThrow(/moves only/);
    step('a1', SUBMIT);
    expect(() => step('a1', `status = 'draft', submitted_at = NULL, submitted_by = NULL`)).toThrow(/moves only/);
    expect(() => step('a1', APPRAISE + `, reviewed_at = '${T}', reviewed_as = 'consultant'`)).toThrow(/moves only/);
    step('a1', REVIEW);
    step('a1', APPRAISE);
    step('a1', CERTIFY);
    expect(() => step('a1', "updated_by = 'x'")).toThrow(/final/);
    expect(() => db.exec('DELETE FROM assessments')).toThrow(/never deleted/);
  });

  it('keeps step stamps consistent with the status (CHECK)', () => {
    assessment('a1', '0100000001');
    expect(() => step('a1', `status = 'submitted'`)).toThrow(/CHECK/);
    step('a1', SUBMIT);
    expect(() => step('a1', `status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'c'`)).toThrow(/CHECK/);
  });

  it('writes each column only in its state, the consultant column only with a consultant assigned', () => {
    assessment('a1', '0100000001');
    column('a1', 'self');
    for (const c of ['consultant', 'department', 'ministry']) expect(() => column('a1', c), c).toThrow(/current state/);
    step('a1', SUBMIT);
    expect(() => db.exec("UPDATE assessment_columns SET answers = '{\"1.1.1\":5}' WHERE col = 'self'")).toThrow(
      /current state/,
    );
    column('a1', 'department');
    expect(() => column('a1', 'consultant')).toThrow(/current state/);
    step('a1', "consultant_id = 'c1'");
    column('a1', 'consultant');
    expect(() => column('a1', 'ministry')).toThrow(/current state/);
    step('a1', REVIEW);
    expect(() => db.exec("UPDATE assessment_columns SET level = 3 WHERE col = 'department'")).toThrow(/current state/);
    column('a1', 'ministry');
    step('a1', APPRAISE);
    expect(() => db.exec("UPDATE assessment_columns SET level = 3 WHERE col = 'ministry'")).toThrow(/current state/);
    expect(() => db.exec('DELETE FROM assessment_columns')).toThrow(/never deleted/);
  });

  it('refuses a dependent consultant, whichever side is written first', () => {
    enterprise('0100000002');
    db.exec("INSERT INTO consultant_employers VALUES ('c1', '0100000002-001')");
    assessment('a1', '0100000002');
    expect(() => step('a1', "consultant_id = 'c1'")).toThrow(/independence/);
    expect(() => assessment('a2', '0100000002', 'draft', "consultant_id='c1'")).toThrow(/independence/);
    assessment('a3', '0100000001');
    step('a3', "consultant_id = 'c1'");
    expect(() => db.exec("INSERT INTO consultant_employers VALUES ('c1', '0100000001')")).toThrow(/independence/);
  });

  it('assigns the consultant only while the assessment is open', () => {
    assessment('a1', '0100000001');
    step('a1', SUBMIT);
    step('a1', REVIEW);
    expect(() => step('a1', "consultant_id = 'c1'")).toThrow(/draft or submitted/);
  });
});

describe('migration 2: certificates', () => {
  it('issues only for certified assessments, can only be revoked once, never deleted', () => {
    assessment('a1', '0100000001');
    expect(() => certificate('DBI-2024-000001', 'a1')).toThrow(/certified assessment/);
    step('a1', SUBMIT);
    step('a1', REVIEW);
    step('a1', APPRAISE);
    step('a1', CERTIFY);
    certificate('DBI-2024-000001', 'a1');
    expect(() => db.exec('UPDATE certificates SET level = 5')).toThrow(/only be revoked/);
    expect(() => db.exec(`UPDATE certificates SET status = 'revoked', revoked_at = '${T}'`)).toThrow(/CHECK/);
    db.exec(
      `UPDATE certificates SET status = 'revoked', revoked_at = '${T}', revoked_by = 'p', revocation_reason = 'wrong data'`,
    );
    expect(() => db.exec(`UPDATE certificates SET revocation_reason = 'other'`)).toThrow(/only be revoked/);
    expect(() => db.exec('DELETE FROM certificates')).toThrow(/never deleted/);
  });
});

describe('migration 2: groups', () => {
  it('links a member only through an assessment of that same unit', () => {
    enterprise('0100000002');
    assessment('a1', '0100000001');
    assessment('a2', '0100000002');
    db.exec(
      `INSERT INTO enterprise_groups VALUES ('g1', '0100000001', 'sme', '1.0.0', '${H}', '{}', 0, '${T}', '${T}', 's', '${T}', 's')`,
    );
    db.exec("INSERT INTO group_members VALUES ('g1', 0, '0100000001', 'parent', 10, 'a1')");
    expect(() => db.exec("INSERT INTO group_members VALUES ('g1', 1, '0100000002', 'subsidiary', 10, 'a1')")).toThrow(
      /own assessments/,
    );
    expect(() => db.exec("UPDATE enterprise_groups SET parent_tax_code = '0100000002'")).toThrow(/keeps its parent/);
    expect(() => db.exec('DELETE FROM enterprise_groups')).toThrow(/never deleted/);
  });
});
