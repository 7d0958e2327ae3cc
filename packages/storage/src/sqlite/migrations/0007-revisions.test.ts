// Migration 3 by direct SQL: versions published before it get their dates in force from their instrument, in the
// order they were published; a later publication closes its predecessor; only a draft's pin may move.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrations } from './index.js';

const m3 = migrations.find((m) => m.name === 'revisions')!;
const before = migrations.filter((m) => m.version < m3.version);
let dir: string;
let db: Database;
const H = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const def = (version: string, effective: string, number = '1970/QĐ-BTTTT') =>
  JSON.stringify({ id: 'sme', version, instrument: { number, effective } });
const version = (v: string, status: string, effective: string, hash: string, at: string | null = T) =>
  db
    .prepare(
      `INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by,
      published_at, published_by) VALUES ('sme', ?, ?, ?, ?, ?, 's', ?, 's', ?, ?)`,
    )
    .run(v, status, def(v, effective), hash, T, T, at, at && 's');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m3-'));
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: before });
  db.prepare("INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, ?, 'system')").run(T);
  version('1.0.0', 'published', '2021-12-13', H);
  version('1.1.0', 'draft', '2025-07-01', H2, null);
  db.exec(`INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries, size,
    classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
    VALUES ('0100000001', 'Co', '01', 'trade-services', 5, NULL, NULL, 0, 'micro', 'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
  db.exec(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by, updated_at, updated_by)
    VALUES ('a1', '0100000001', 'sme', '1.0.0', '${H}', 'draft', '${T}', 's', '${T}', 's')`);
  db.close();
  db = openDatabase(join(dir, 'dbi.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const force = () =>
  db.prepare('SELECT version, entered_on, left_on, instrument FROM version_force ORDER BY version').all();

describe('migration 0007-revisions', () => {
  it('records the dates in force of versions published before it', () => {
    expect(force()).toEqual([
      { version: '1.0.0', entered_on: '2021-12-13', left_on: null, instrument: '1970/QĐ-BTTTT' },
    ]);
  });

  it('a publication enters force and closes its predecessor', () => {
    db.exec(
      `UPDATE index_versions SET status = 'published', published_at = '${T}', published_by = 'p' WHERE version = '1.1.0'`,
    );
    expect(force()).toEqual([
      { version: '1.0.0', entered_on: '2021-12-13', left_on: '2025-07-01', instrument: '1970/QĐ-BTTTT' },
      { version: '1.1.0', entered_on: '2025-07-01', left_on: null, instrument: '1970/QĐ-BTTTT' },
    ]);
  });

  it('only a draft’s pin moves, and only to a published version of its index with its hash', () => {
    const pin = (v: string, h: string) =>
      db.exec(`UPDATE assessments SET index_version = '${v}', index_hash = '${h}' WHERE id = 'a1'`);
    expect(() => pin('1.1.0', H2)).toThrow(/only a draft moves/); // 1.1.0 is still a draft
    db.exec(
      `UPDATE index_versions SET status = 'published', published_at = '${T}', published_by = 'p' WHERE version = '1.1.0'`,
    );
    expect(() => pin('1.1.0', H)).toThrow(/only a draft moves/); // wrong hash
    pin('1.1.0', H2);
    db.exec(`UPDATE assessments SET status = 'submitted', submitted_at = '${T}', submitted_by = 'e' WHERE id = 'a1'`);
    expect(() => pin('1.0.0', H)).toThrow(/only a draft moves/);
    expect(() => db.exec(`UPDATE assessments SET tax_code = '0100000002' WHERE id = 'a1'`)).toThrow(
      /keeps its enterprise/,
    );
  });

  it('keeps moves append-only', () => {
    db.exec(
      `INSERT INTO assessment_moves VALUES ('a1', 1, '1.0.0', '${H}', '1.1.0', '${H2}', '[]', '[]', '${T}', 's')`,
    );
    expect(() => db.exec("UPDATE assessment_moves SET moved_by = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM assessment_moves')).toThrow(/append-only/);
  });
});
