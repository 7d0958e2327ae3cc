// PostgreSQL migration 1 by direct SQL: the database itself refuses to change published versions, keys or the audit
// log — UPDATE, DELETE and TRUNCATE alike — whatever code (or person with psql) tries.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPool } from '../database.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';
import { pgMigration0001 } from './0001-registry.js';

let scratch: ScratchSchema;
let pool: pg.Pool;
const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';
const sql = (text: string) => pool.query(text);
const trigger = /immutable|append-only|only move|only be revoked|never deleted|keeps its id/;

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, [pgMigration0001]);
  await sql(`INSERT INTO indices VALUES ('large', 'scorecard', 1, NULL, '${T}', 'system')`);
  await sql(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
    updated_by, published_at, published_by) VALUES
    ('large', '1.0.0', 'published', '{"id":"large","version":"1.0.0"}', '${H1}', '${T}', 'system', '${T}', 'system', '${T}', 'system'),
    ('large', '1.1.0', 'draft', '{"id":"large","version":"1.1.0"}', '${H2}', '${T}', 'system', '${T}', 'system', NULL, NULL)`);
  await sql(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, target) VALUES ('${T}', 'k', 'k', 'version.publish', 'large@1.0.0')`,
  );
  await sql(
    `INSERT INTO api_keys (id, name, hash, role, scope, created_at, created_by) VALUES ('key_1', 'n', '${H1}', 'integrator', NULL, '${T}', 's')`,
  );
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

describe('published index versions (triggers)', () => {
  it.each([
    ['definition', `UPDATE index_versions SET definition = '{"x":1}' WHERE version = '1.0.0'`],
    ['hash', `UPDATE index_versions SET hash = '${H2}' WHERE version = '1.0.0'`],
    ['version', `UPDATE index_versions SET version = '9.9.9' WHERE version = '1.0.0'`],
    ['published_at', `UPDATE index_versions SET published_at = '2030-01-01' WHERE version = '1.0.0'`],
    [
      'status back to draft',
      `UPDATE index_versions SET status = 'draft', published_at = NULL, published_by = NULL WHERE version = '1.0.0'`,
    ],
    ['row (DELETE)', `DELETE FROM index_versions WHERE version = '1.0.0'`],
    ['table (TRUNCATE)', 'TRUNCATE index_versions CASCADE'],
  ])('refuses changing a published version’s %s', async (_what, text) => {
    await expect(sql(text)).rejects.toThrow(trigger);
    const row = (await sql("SELECT definition, hash FROM index_versions WHERE version = '1.0.0'")).rows[0];
    expect(row).toEqual({ definition: '{"id":"large","version":"1.0.0"}', hash: H1 });
  });

  it('lets a draft change, be published, and then holds it; deprecation is the only move after', async () => {
    await sql(`UPDATE index_versions SET definition = '{"changed":true}', hash = '${H1}' WHERE version = '1.1.0'`);
    await sql(
      `UPDATE index_versions SET status = 'published', published_at = '${T}', published_by = 'p' WHERE version = '1.1.0'`,
    );
    await expect(sql(`UPDATE index_versions SET definition = '{}' WHERE version = '1.1.0'`)).rejects.toThrow(trigger);
    await sql(
      `UPDATE index_versions SET status = 'deprecated', deprecated_at = '${T}', deprecated_by = 'x' WHERE version = '1.1.0'`,
    );
    await expect(sql("UPDATE index_versions SET deprecated_by = 'y' WHERE version = '1.1.0'")).rejects.toThrow(trigger);
    await expect(
      sql(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at,
        updated_by) VALUES ('large', '2.0.0', 'draft', 'not json', '${H2}', '${T}', 's', '${T}', 's')`),
    ).rejects.toThrow(/json/);
    await expect(sql("UPDATE indices SET kind = 'aggregate'")).rejects.toThrow(trigger);
  });
});

describe('audit log and api keys (triggers)', () => {
  it('the audit log refuses UPDATE, DELETE and TRUNCATE, and takes appends', async () => {
    await expect(sql("UPDATE audit_log SET action = 'nothing'")).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await sql(`INSERT INTO audit_log (at, actor_id, actor_name, action, target) VALUES ('${T}', 'k', 'k', 'x', 'y')`);
    expect((await sql('SELECT max(seq) AS s FROM audit_log')).rows[0].s).toBe(2);
  });

  it('a key can only be revoked, once, and never deleted', async () => {
    await expect(sql("UPDATE api_keys SET role = 'ministry-publisher'")).rejects.toThrow(/only be revoked/);
    await expect(sql(`UPDATE api_keys SET hash = '${H2}'`)).rejects.toThrow(/only be revoked/);
    await sql(`UPDATE api_keys SET revoked_at = '${T}', revoked_by = 'a'`);
    await expect(sql('UPDATE api_keys SET revoked_at = NULL')).rejects.toThrow(/only be revoked/);
    await expect(sql('DELETE FROM api_keys')).rejects.toThrow(/never deleted/);
    await expect(
      sql(
        `INSERT INTO api_keys (id, name, hash, role, created_at, created_by) VALUES ('key_2', 'n', '${H2}', 'root', '${T}', 's')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
