// PostgreSQL migration 3 by direct SQL: the same guarantees as SQLite's 0004-workflow — a move back only with its
// reason in the history, the Ministry's direct assessment only from a draft, cancellation only of a draft and final,
// the requested reviewer, the consulting organisation's independence, one open assessment per enterprise and index.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPool } from '../database.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';
import { pgMigration0001 } from './0001-registry.js';
import { pgMigration0002 } from './0002-assessments.js';
import { pgMigration0003 } from './0003-accounts.js';
import { pgMigration0004 } from './0004-workflow.js';

let scratch: ScratchSchema;
let pool: pg.Pool;
const H = 'a'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const T2 = '2024-01-02T00:00:00.000Z';
const sql = (text: string, params: unknown[] = []) => pool.query(text, params);
const assessment = (id: string, index = 'sme') =>
  sql(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
    updated_at, updated_by) VALUES ('${id}', '0100000001', '${index}', '1.0.0', '${H}', 'draft', '${T}', 's', '${T}', 's')`);
const column = (id: string, col: string) =>
  sql(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
    VALUES ('${id}', '${col}', '{}', '{}', '{}', 0, '${T}', 's')`);
const step = (id: string, set: string) => sql(`UPDATE assessments SET ${set} WHERE id = '${id}'`);
const event = (id: string, seq: number, kind: string, from: string, to: string, at: string, reason: string | null) =>
  sql(
    `INSERT INTO assessment_events (assessment_id, seq, kind, from_status, to_status, party, reason, at, by)
     VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, 's')`,
    [id, seq, kind, from, to, reason, at],
  );
const SUBMIT = `status = 'submitted', submitted_at = '${T}', submitted_by = 'e', updated_at = '${T}'`;
const BACK_TO_DRAFT = `status = 'draft', submitted_at = NULL, submitted_by = NULL, updated_at = '${T2}'`;

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, [pgMigration0001, pgMigration0002, pgMigration0003, pgMigration0004]);
  await sql(
    `INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, '${T}', 'system'), ('large', 'scorecard', 1, NULL, '${T}', 'system')`,
  );
  await sql(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
    updated_by, published_at, published_by) VALUES ('sme', '1.0.0', 'published', '{}', '${H}', '${T}', 's', '${T}', 's', '${T}', 's'),
    ('large', '1.0.0', 'published', '{}', '${H}', '${T}', 's', '${T}', 's', '${T}', 's')`);
  await sql(`INSERT INTO enterprises (tax_code, name, province, sector, employees, has_subsidiaries, size, classified_index,
    classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
    VALUES ('0100000001', 'Co', '01', 'trade-services', 5, 0, 'micro', 'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
  await sql(`INSERT INTO consultants (id, name, organisation, created_at, created_by, updated_at, updated_by)
    VALUES ('c1', 'An', 'Org', '${T}', 's', '${T}', 's')`);
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

describe('migration 3: moving back', () => {
  it('a return or withdrawal moves one step back only once recorded with its reason', async () => {
    await assessment('a1');
    await column('a1', 'self');
    await step('a1', SUBMIT);
    await expect(step('a1', BACK_TO_DRAFT)).rejects.toThrow(/recorded with its reason/);
    await expect(event('a1', 1, 'returned', 'submitted', 'draft', T2, '  ')).rejects.toThrow(/check constraint/);
    await event('a1', 1, 'returned', 'submitted', 'draft', T2, 'evidence for 1.1.1 missing');
    await step('a1', BACK_TO_DRAFT);
    expect((await sql("SELECT status FROM assessments WHERE id = 'a1'")).rows).toEqual([{ status: 'draft' }]);
    await step('a1', SUBMIT);
    await step('a1', `status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'd', reviewed_as = 'department'`);
    await event('a1', 2, 'returned', 'reviewed', 'draft', T2, 'x');
    await expect(
      step('a1', `${BACK_TO_DRAFT}, reviewed_at = NULL, reviewed_by = NULL, reviewed_as = NULL`),
    ).rejects.toThrow(/one step forward, or one step back/);
  });

  it('the history is never changed or deleted', async () => {
    await assessment('a1');
    await event('a1', 1, 'requested', 'draft', 'submitted', T, null);
    await expect(sql("UPDATE assessment_events SET reason = 'x'")).rejects.toThrow(/never changed/);
    await expect(sql('DELETE FROM assessment_events')).rejects.toThrow(/never deleted/);
  });
});

describe('migration 3: direct assessment and requests', () => {
  it('the Ministry takes a draft straight to reviewed, as reviewer ministry; nobody else skips a step', async () => {
    await assessment('a1');
    const DIRECT = `status = 'reviewed', submitted_at = '${T}', submitted_by = 'm', reviewed_at = '${T}', reviewed_by = 'm'`;
    await expect(step('a1', `${DIRECT}, reviewed_as = 'department'`)).rejects.toThrow(/one step forward/);
    await step('a1', `${DIRECT}, reviewed_as = 'ministry'`);
    await column('a1', 'ministry');
    await assessment('a2', 'large');
    await step('a2', SUBMIT);
    const REVIEW = `status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'c'`;
    await expect(step('a2', `${REVIEW}, reviewed_as = 'someone'`)).rejects.toThrow(/check constraint/);
    await step('a2', `${REVIEW}, reviewed_as = 'department'`);
    await expect(step('a2', "reviewed_as = 'ministry'")).rejects.toThrow(/only from a draft/);
  });

  it('a requested reviewer alone writes its column', async () => {
    await assessment('a1');
    await step('a1', `consultant_id = 'c1'`);
    await step('a1', `${SUBMIT}, requested = 'department'`);
    await expect(column('a1', 'consultant')).rejects.toThrow(/current state/);
    await column('a1', 'department');
    await expect(step('a1', "requested = 'ministry'")).rejects.toThrow(/check constraint/);
  });
});

describe('migration 3: cancellation', () => {
  it('only a draft, with its reason recorded; then final, and no column is written', async () => {
    await assessment('a1');
    await expect(step('a1', `cancelled_at = '${T2}', cancelled_by = 'e'`)).rejects.toThrow(/only a draft is cancelled/);
    await event('a1', 1, 'cancelled', 'draft', 'cancelled', T2, 'started by mistake');
    await expect(step('a1', `cancelled_at = '${T2}'`)).rejects.toThrow(/only a draft is cancelled/);
    await step('a1', `cancelled_at = '${T2}', cancelled_by = 'e'`);
    await expect(column('a1', 'self')).rejects.toThrow(/current state/);
    await expect(step('a1', SUBMIT)).rejects.toThrow(/final/);
    await assessment('a2', 'large');
    await step('a2', SUBMIT);
    await event('a2', 1, 'cancelled', 'submitted', 'cancelled', T2, 'x');
    await expect(step('a2', `cancelled_at = '${T2}', cancelled_by = 'e'`)).rejects.toThrow(/only a draft/);
  });

  it('one open assessment per enterprise and index; a cancelled one does not count', async () => {
    await assessment('a1');
    await expect(assessment('a2')).rejects.toThrow(/duplicate key|unique/);
    await event('a1', 1, 'cancelled', 'draft', 'cancelled', T2, 'x');
    await step('a1', `cancelled_at = '${T2}', cancelled_by = 'e'`);
    await assessment('a2');
  });
});

describe('migration 3: consultants and reasons', () => {
  it('the consulting organisation never assesses itself or its branches', async () => {
    await sql("UPDATE consultants SET organisation_tax_code = '0100000001-002' WHERE id = 'c1'");
    await expect(sql("UPDATE consultants SET organisation_tax_code = '123'")).rejects.toThrow(/check constraint/);
    await assessment('a1');
    await expect(step('a1', "consultant_id = 'c1'")).rejects.toThrow(/organisation is this enterprise/);
  });

  it('reasons are JSON, default none', async () => {
    await assessment('a1');
    await column('a1', 'self');
    expect((await sql('SELECT reasons FROM assessment_columns')).rows).toEqual([{ reasons: '{}' }]);
    await expect(sql("UPDATE assessment_columns SET reasons = 'nope'")).rejects.toThrow(/json/i);
  });
});
