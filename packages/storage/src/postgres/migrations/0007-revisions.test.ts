// PostgreSQL migration 3 by direct SQL: the same guarantees as SQLite's (dates in force from the instrument, closed by
// a successor; only a draft's pin moves; moves append-only).
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPool } from '../database.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';
import { migrations } from './index.js';

const m3 = migrations.find((m) => m.name === 'revisions')!;
const before = migrations.filter((m) => m.version < m3.version);
let scratch: ScratchSchema;
let pool: pg.Pool;
const H = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const sql = (text: string) => pool.query(text);
const def = (version: string, effective: string) =>
  JSON.stringify({ id: 'sme', version, instrument: { number: '1970/QĐ-BTTTT', effective } });

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, before);
  await sql(`INSERT INTO indices VALUES ('sme', 'scorecard', 1, NULL, '${T}', 'system')`);
  await sql(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
    updated_by, published_at, published_by) VALUES ('sme', '1.0.0', 'published', '${def('1.0.0', '2021-12-13')}', '${H}', '${T}', 's', '${T}', 's', '${T}', 's'),
    ('sme', '1.1.0', 'draft', '${def('1.1.0', '2025-07-01')}', '${H2}', '${T}', 's', '${T}', 's', NULL, NULL)`);
  await sql(`INSERT INTO enterprises (tax_code, name, province, sector, employees, has_subsidiaries, size, classified_index,
    classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
    VALUES ('0100000001', 'Co', '01', 'trade-services', 5, 0, 'micro', 'sme', 'size', '1.0.0', '${H}', '${T}', 's', '${T}', 's')`);
  await sql(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
    updated_at, updated_by) VALUES ('a1', '0100000001', 'sme', '1.0.0', '${H}', 'draft', '${T}', 's', '${T}', 's')`);
  await migratePg(pool);
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

const force = async () =>
  (await sql('SELECT version, entered_on, left_on, instrument FROM version_force ORDER BY version')).rows;
const publish110 = () =>
  sql(
    `UPDATE index_versions SET status = 'published', published_at = '${T}', published_by = 'p' WHERE version = '1.1.0'`,
  );

describe('pg migration 0007-revisions', () => {
  it('records the dates in force of versions published before it', async () => {
    expect(await force()).toEqual([
      { version: '1.0.0', entered_on: '2021-12-13', left_on: null, instrument: '1970/QĐ-BTTTT' },
    ]);
  });

  it('a publication enters force and closes its predecessor', async () => {
    await publish110();
    expect(await force()).toEqual([
      { version: '1.0.0', entered_on: '2021-12-13', left_on: '2025-07-01', instrument: '1970/QĐ-BTTTT' },
      { version: '1.1.0', entered_on: '2025-07-01', left_on: null, instrument: '1970/QĐ-BTTTT' },
    ]);
  });

  it('only a draft’s pin moves, and only to a published version of its index with its hash', async () => {
    const pin = (v: string, h: string) =>
      sql(`UPDATE assessments SET index_version = '${v}', index_hash = '${h}' WHERE id = 'a1'`);
    await expect(pin('1.1.0', H2)).rejects.toThrow(/only a draft moves/);
    await publish110();
    await expect(pin('1.1.0', H)).rejects.toThrow(/only a draft moves/);
    await pin('1.1.0', H2);
    await sql(`UPDATE assessments SET status = 'submitted', submitted_at = '${T}', submitted_by = 'e' WHERE id = 'a1'`);
    await expect(pin('1.0.0', H)).rejects.toThrow(/only a draft moves/);
  });

  it('keeps moves append-only and entries into force fixed', async () => {
    await sql(
      `INSERT INTO assessment_moves VALUES ('a1', 1, '1.0.0', '${H}', '1.1.0', '${H2}', '[]', '[]', '${T}', 's')`,
    );
    await expect(sql("UPDATE assessment_moves SET moved_by = 'x'")).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM assessment_moves')).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM version_force')).rejects.toThrow(/never deleted/);
  });
});
