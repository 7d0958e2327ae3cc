// PostgreSQL migration 2 by direct SQL: the database itself keeps the workflow's order, the column-per-state rule, the
// independence rule and the permanence of certificates (the plpgsql counterparts of SQLite's triggers).
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPool } from '../database.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';
import { pgMigration0001 } from './0001-registry.js';
import { pgMigration0002 } from './0002-assessments.js';

let scratch: ScratchSchema;
let pool: pg.Pool;
const H = 'a'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const sql = (text: string) => pool.query(text);
const assessment = (id: string, taxCode: string, consultant = 'NULL') =>
  sql(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, consultant_id, created_at,
    created_by, updated_at, updated_by) VALUES ('${id}', '${taxCode}', 'sme', '1.0.0', '${H}', 'draft', ${consultant}, '${T}', 's', '${T}', 's')`);
const column = (id: string, col: string) =>
  sql(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
    VALUES ('${id}', '${col}', '{}', '{}', '{}', 0, '${T}', 's')`);
const step = (id: string, set: string) => sql(`UPDATE assessments SET ${set} WHERE id = '${id}'`);
const SUBMIT = `status = 'submitted', submitted_at = '${T}', submitted_by = 'e'`;
const REVIEW = `status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'c', reviewed_as = 'department'`;
const APPRAISE = `status = 'appraised', appraised_at = '${T}', appraised_by = 'm'`;
const CERTIFY = `status = 'certified', certified_at = '${T}', certified_by = 'p'`;
const certificate = (number: string, id: string) =>
  sql(`INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars, index_id,
    index_version, index_hash, issued_on, issued_at, issued_by, status) VALUES ('${number}', '${id}', '0100000001', 'Co', 3,
    192, 320, '[]', 'sme', '1.0.0', '${H}', '2024-01-01', '${T}', 'p', 'valid')`);

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, [pgMigration0001, pgMigration0002]);
  await sql(`INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, '${T}', 'system')`);
  await sql(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
    updated_by, published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{}', '${H}', '${T}', 's', '${T}', 's', '${T}', 's'),
    ('sme', '1.1.0', 'draft', '{}', '${'b'.repeat(64)}', '${T}', 's', '${T}', 's', NULL, NULL)`);
  await sql(`INSERT INTO enterprises (tax_code, name, province, sector, employees, has_subsidiaries, size, classified_index,
    classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
    VALUES ('0100000001', 'Co', '01', 'trade-services', 5, 0, 'micro', 'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
  await sql(
    `INSERT INTO consultants VALUES ('c1', 'An', 'Org', '${T}', 's', '${T}', 's'), ('c2', 'Bình', 'Org', '${T}', 's', '${T}', 's')`,
  );
  await sql("INSERT INTO consultant_employers VALUES ('c2', '0100000001-001')");
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

describe('assessments (triggers and checks)', () => {
  it('pins only a published version with its exact hash, and never changes the pin', async () => {
    await expect(
      sql(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
        updated_at, updated_by) VALUES ('x', '0100000001', 'sme', '1.1.0', '${'b'.repeat(64)}', 'draft', '${T}', 's', '${T}', 's')`),
    ).rejects.toThrow(/pinned to a published index version/);
    await assessment('a1', '0100000001');
    await expect(step('a1', "index_version = '1.1.0'")).rejects.toThrow(/keeps its enterprise/);
    await expect(sql("INSERT INTO enterprises (tax_code) VALUES ('12345')")).rejects.toThrow(
      /check constraint|not-null/,
    );
  });

  it('moves one step forward only, writes each column only in its state, and a certified assessment is final', async () => {
    await assessment('a1', '0100000001');
    await expect(column('a1', 'department')).rejects.toThrow(/cannot be written/);
    await column('a1', 'self');
    await expect(step('a1', REVIEW)).rejects.toThrow(/moves only draft/);
    await step('a1', SUBMIT);
    await expect(sql("UPDATE assessment_columns SET level = 1 WHERE col = 'self'")).rejects.toThrow(
      /cannot be written/,
    );
    await expect(column('a1', 'consultant')).rejects.toThrow(/cannot be written/); // no consultant assigned
    await column('a1', 'department');
    await step('a1', REVIEW);
    await column('a1', 'ministry');
    await step('a1', APPRAISE);
    await expect(certificate('DBI-2024-000001', 'a1')).rejects.toThrow(/only for a certified assessment/);
    await step('a1', CERTIFY);
    await certificate('DBI-2024-000001', 'a1');
    await expect(step('a1', "updated_by = 'x'")).rejects.toThrow(/certified assessment is final/);
    await expect(sql('UPDATE certificates SET level = 5')).rejects.toThrow(/can only be revoked/);
    await sql(
      `UPDATE certificates SET status = 'revoked', revoked_at = '${T}', revoked_by = 'p', revocation_reason = 'r'`,
    );
    await expect(sql("UPDATE certificates SET revocation_reason = 'other'")).rejects.toThrow(/can only be revoked/);
    for (const t of ['certificates', 'assessment_columns', 'assessments', 'enterprises', 'consultants'])
      await expect(sql(`DELETE FROM ${t}`)).rejects.toThrow(/never deleted|revoked, never/);
  });

  it('keeps the consultant independent of the enterprise and its branches (§III.2), both ways', async () => {
    await expect(assessment('a1', '0100000001', "'c2'")).rejects.toThrow(/independence/);
    await assessment('a1', '0100000001', "'c1'");
    await expect(step('a1', "consultant_id = 'c2'")).rejects.toThrow(/independence/);
    await expect(sql("INSERT INTO consultant_employers VALUES ('c1', '0100000001')")).rejects.toThrow(/independence/);
    await step('a1', SUBMIT);
    await step('a1', REVIEW);
    await expect(step('a1', 'consultant_id = NULL')).rejects.toThrow(/only while the assessment is draft or submitted/);
  });

  it('links a group member only through an assessment of that same unit', async () => {
    await assessment('a1', '0100000001');
    await sql(`INSERT INTO enterprises (tax_code, name, province, sector, employees, has_subsidiaries, size, classified_index,
      classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
      VALUES ('0100000002', 'Co 2', '01', 'trade-services', 5, 0, 'micro', 'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
    await sql(
      `INSERT INTO enterprise_groups VALUES ('g1', '0100000001', 'sme', '1.0.0', '${H}', '{}', 0, '${T}', '${T}', 's', '${T}', 's')`,
    );
    await expect(
      sql("INSERT INTO group_members VALUES ('g1', 0, '0100000002', 'subsidiary', 3, 'a1')"),
    ).rejects.toThrow(/one of its own assessments/);
    await sql("INSERT INTO group_members VALUES ('g1', 0, '0100000001', 'parent', 3, 'a1')");
    await expect(sql("UPDATE enterprise_groups SET parent_tax_code = '0100000002'")).rejects.toThrow(
      /keeps its parent/,
    );
  });
});
