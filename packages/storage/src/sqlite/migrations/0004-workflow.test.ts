// Migration 3 by direct SQL: the database itself keeps the whole workflow — a move back only with its reason in the
// history, the Ministry's direct assessment only from a draft, cancellation only of a draft and final, the requested
// reviewer, the consulting organisation's independence, one open assessment per enterprise and index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migration0001 } from './0001-registry.js';
import { migration0002 } from './0002-assessments.js';
import { migration0003 } from './0003-accounts.js';
import { migration0004 } from './0004-workflow.js';
import type { Migration } from './types.js';

let dir: string;
let db: Database;
const H = 'a'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const T2 = '2024-01-02T00:00:00.000Z';

const assessment = (id: string, index = 'sme') =>
  db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by, updated_at, updated_by)
    VALUES ('${id}', '0100000001', '${index}', '1.0.0', '${H}', 'draft', '${T}', 's', '${T}', 's')`);
const column = (id: string, col: string) =>
  db.exec(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at, updated_by)
    VALUES ('${id}', '${col}', '{}', '{}', '{}', 0, '${T}', 's')`);
const step = (id: string, sql: string) => db.exec(`UPDATE assessments SET ${sql} WHERE id = '${id}'`);
const event = (id: string, seq: number, kind: string, from: string, to: string, at: string, reason: string | null) =>
  db
    .prepare(
      `INSERT INTO assessment_events (assessment_id, seq, kind, from_status, to_status, party, reason, at, by) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 's')`,
    )
    .run(id, seq, kind, from, to, reason, at);
const SUBMIT = `status = 'submitted', submitted_at = '${T}', submitted_by = 'e', updated_at = '${T}'`;
const BACK_TO_DRAFT = `status = 'draft', submitted_at = NULL, submitted_by = NULL, updated_at = '${T2}'`;

function open(migrations: readonly Migration[]) {
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations });
  db.prepare("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, ?, 'system')").run(T);
  db.prepare("INSERT INTO indices VALUES ('large', 'scorecard', 1, NULL, ?, 'system')").run(T);
  for (const id of ['sme', 'large'])
    db.prepare(
      `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by,
      published_at, published_by) VALUES (?, '1.0.0', 'published', '{}', ?, ?, 's', ?, 's', ?, 's')`,
    ).run(id, H, T, T, T);
  db.prepare(
    `INSERT INTO enterprises (tax_code, name, province, sector, employees, has_subsidiaries, size, classified_index,
    classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
    VALUES ('0100000001', 'Co', '01', 'trade-services', 5, 0, 'micro', 'sme', 'size', '1.0.0', ?, ?, 's', ?, 's')`,
  ).run(H, T, T);
  db.exec(`INSERT INTO consultants (id, name, organisation, created_at, created_by, updated_at, updated_by)
    VALUES ('c1', 'An', 'Org', '${T}', 's', '${T}', 's')`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m3-'));
  open([migration0001, migration0002, migration0003, migration0004]);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 3: moving back', () => {
  it('a return or withdrawal moves one step back only once recorded with its reason', () => {
    assessment('a1');
    column('a1', 'self');
    step('a1', SUBMIT);
    expect(() => step('a1', BACK_TO_DRAFT)).toThrow(/recorded with its reason/);
    expect(() => event('a1', 1, 'returned', 'submitted', 'draft', T2, '  ')).toThrow(/CHECK/);
    event('a1', 1, 'returned', 'submitted', 'draft', T2, 'evidence for 1.1.1 missing');
    step('a1', BACK_TO_DRAFT);
    expect(db.prepare("SELECT status FROM assessments WHERE id = 'a1'").get()).toEqual({ status: 'draft' });
    // Two steps back is no step at all.
    step('a1', SUBMIT);
    step('a1', `status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'd', reviewed_as = 'department'`);
    event('a1', 2, 'returned', 'reviewed', 'draft', T2, 'x');
    expect(() => step('a1', `${BACK_TO_DRAFT}, reviewed_at = NULL, reviewed_by = NULL, reviewed_as = NULL`)).toThrow(
      /one step forward, or one step back/,
    );
  });

  it('the history is never changed or deleted', () => {
    assessment('a1');
    event('a1', 1, 'requested', 'draft', 'submitted', T, null);
    expect(() => db.exec("UPDATE assessment_events SET reason = 'x'")).toThrow(/never changed/);
    expect(() => db.exec('DELETE FROM assessment_events')).toThrow(/never deleted/);
  });
});

describe('migration 3: direct assessment and requests', () => {
  it('the Ministry takes a draft straight to reviewed, as reviewer ministry; nobody else skips a step', () => {
    assessment('a1');
    const DIRECT = `status = 'reviewed', submitted_at = '${T}', submitted_by = 'm', reviewed_at = '${T}', reviewed_by = 'm'`;
    expect(() => step('a1', `${DIRECT}, reviewed_as = 'department'`)).toThrow(/one step forward/);
    step('a1', `${DIRECT}, reviewed_as = 'ministry'`);
    column('a1', 'ministry');
    assessment('a2', 'large');
    step('a2', SUBMIT);
    const REVIEW = `status = 'reviewed', reviewed_at = '${T}', reviewed_by = 'c'`;
    expect(() => step('a2', `${REVIEW}, reviewed_as = 'someone'`)).toThrow(/CHECK/);
    step('a2', `${REVIEW}, reviewed_as = 'department'`);
    expect(() => step('a2', "reviewed_as = 'ministry'")).toThrow(/only from a draft/);
  });

  it('a requested reviewer alone writes its column', () => {
    assessment('a1');
    step('a1', `consultant_id = 'c1'`);
    step('a1', `${SUBMIT}, requested = 'department'`);
    expect(() => column('a1', 'consultant')).toThrow(/current state/);
    column('a1', 'department');
    expect(() => step('a1', "requested = 'ministry'")).toThrow(/CHECK/);
  });
});

describe('migration 3: cancellation', () => {
  it('only a draft, with its reason recorded; then final, and no column is written', () => {
    assessment('a1');
    expect(() => step('a1', `cancelled_at = '${T2}', cancelled_by = 'e'`)).toThrow(/only a draft is cancelled/);
    event('a1', 1, 'cancelled', 'draft', 'cancelled', T2, 'started by mistake');
    expect(() => step('a1', `cancelled_at = '${T2}'`)).toThrow(/only a draft is cancelled/);
    step('a1', `cancelled_at = '${T2}', cancelled_by = 'e'`);
    expect(() => column('a1', 'self')).toThrow(/current state/);
    expect(() => step('a1', SUBMIT)).toThrow(/final/);
    assessment('a2');
    step('a2', SUBMIT);
    event('a2', 1, 'cancelled', 'submitted', 'cancelled', T2, 'x');
    expect(() => step('a2', `cancelled_at = '${T2}', cancelled_by = 'e'`)).toThrow(/only a draft/);
  });

  it('one open assessment per enterprise and index; a cancelled or certified one does not count', () => {
    assessment('a1');
    expect(() => assessment('a2')).toThrow(/UNIQUE/);
    assessment('b1', 'large');
    event('a1', 1, 'cancelled', 'draft', 'cancelled', T2, 'x');
    step('a1', `cancelled_at = '${T2}', cancelled_by = 'e'`);
    assessment('a2');
  });
});

describe('migration 3: consultants and reasons', () => {
  it('the consulting organisation never assesses itself or its branches', () => {
    db.exec("UPDATE consultants SET organisation_tax_code = '0100000001-002' WHERE id = 'c1'");
    expect(() => db.exec("UPDATE consultants SET organisation_tax_code = '123'")).toThrow(/CHECK/);
    assessment('a1');
    expect(() => step('a1', "consultant_id = 'c1'")).toThrow(/organisation is this enterprise/);
  });

  it('reasons are JSON, default none', () => {
    assessment('a1');
    column('a1', 'self');
    expect(db.prepare('SELECT reasons FROM assessment_columns').get()).toEqual({ reasons: '{}' });
    expect(() => db.exec("UPDATE assessment_columns SET reasons = 'nope'")).toThrow(/CHECK/);
  });
});

describe('migration 3: the widened CHECK', () => {
  it('keeps a column another migration added before it, and the file stays sound', () => {
    db.close();
    rmSync(join(dir, 'dbi.sqlite'));
    const other: Migration = { version: 4, name: 'other', sql: 'ALTER TABLE assessments ADD COLUMN period TEXT' };
    open([migration0001, migration0002, migration0003, other, { ...migration0004, version: 5 }]);
    const columns = (db.prepare('PRAGMA table_info(assessments)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('period');
    expect(columns).toContain('cancelled_at');
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
    db = openDatabase(join(dir, 'dbi.sqlite'), {
      migrations: [migration0001, migration0002, migration0003, other, { ...migration0004, version: 5 }],
    });
    expect(
      (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'assessments'").get() as { sql: string }).sql,
    ).toContain("reviewed_as IN ('consultant', 'department', 'ministry')");
  });
});
