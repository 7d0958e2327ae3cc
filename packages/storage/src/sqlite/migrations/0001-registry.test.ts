// Migration 1 by direct SQL: the database itself refuses to change published versions, keys or the audit log,
// whatever code (or person with a SQLite shell) tries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migration0001 } from './0001-registry.js';

let dir: string;
let db: Database;
const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const T = '2024-01-01T00:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m1-'));
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: [migration0001] });
  db.prepare("INSERT INTO indices VALUES ('large', 'scorecard', 1, NULL, ?, 'system')").run(T);
  const insert =
    db.prepare(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by,
    updated_at, updated_by, published_at, published_by) VALUES ('large', ?, ?, ?, ?, ?, 'system', ?, 'system', ?, ?)`);
  insert.run('1.0.0', 'published', '{"id":"large","version":"1.0.0"}', H1, T, T, T, 'system');
  insert.run('1.1.0', 'draft', '{"id":"large","version":"1.1.0"}', H2, T, T, null, null);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const trigger = /immutable|append-only|only move|only be revoked|never deleted|keeps its id/;

describe('published index versions (triggers)', () => {
  it.each([
    [
      'definition',
      `UPDATE index_versions SET definition = '{"id":"large","version":"1.0.0","x":1}' WHERE version = '1.0.0'`,
    ],
    ['hash', `UPDATE index_versions SET hash = '${H2}' WHERE version = '1.0.0'`],
    ['version', `UPDATE index_versions SET version = '9.9.9' WHERE version = '1.0.0'`],
    ['index id', `UPDATE index_versions SET index_id = 'sme' WHERE version = '1.0.0'`],
    ['derivedFrom', `UPDATE index_versions SET derived_from = 'sme@1.0.0' WHERE version = '1.0.0'`],
    ['published_at', `UPDATE index_versions SET published_at = '2030-01-01' WHERE version = '1.0.0'`],
    ['updated_by', `UPDATE index_versions SET updated_by = 'someone' WHERE version = '1.0.0'`],
  ])('refuses an UPDATE of a published version’s %s', (_what, sql) => {
    expect(() => db.exec(sql)).toThrow(trigger);
    const row = db
      .prepare("SELECT definition, hash FROM index_versions WHERE index_id = 'large' AND version = '1.0.0'")
      .get();
    expect(row).toEqual({ definition: '{"id":"large","version":"1.0.0"}', hash: H1 });
  });

  it('refuses a DELETE of a published version', () => {
    expect(() => db.exec("DELETE FROM index_versions WHERE version = '1.0.0'")).toThrow(trigger);
    expect(() => db.exec('DELETE FROM index_versions')).toThrow(trigger);
    expect(db.prepare('SELECT count(*) AS n FROM index_versions').get()).toEqual({ n: 2 });
  });

  it('refuses moving a published version back to draft', () => {
    expect(() =>
      db.exec(
        "UPDATE index_versions SET status = 'draft', published_at = NULL, published_by = NULL WHERE version = '1.0.0'",
      ),
    ).toThrow(trigger);
  });

  it('lets a published version become deprecated, and nothing after that', () => {
    db.exec(
      `UPDATE index_versions SET status = 'deprecated', deprecated_at = '${T}', deprecated_by = 'x' WHERE version = '1.0.0'`,
    );
    expect(() =>
      db.exec("UPDATE index_versions SET status = 'published', deprecated_at = NULL WHERE version = '1.0.0'"),
    ).toThrow(trigger);
    expect(() => db.exec("UPDATE index_versions SET deprecated_by = 'y' WHERE version = '1.0.0'")).toThrow(trigger);
    expect(() => db.exec(`UPDATE index_versions SET definition = '{}' WHERE version = '1.0.0'`)).toThrow(trigger);
    expect(() => db.exec("DELETE FROM index_versions WHERE version = '1.0.0'")).toThrow(trigger);
  });

  it('requires deprecation and publication stamps to match the status (CHECK)', () => {
    expect(() => db.exec(`UPDATE index_versions SET deprecated_at = '${T}' WHERE version = '1.0.0'`)).toThrow(/CHECK/);
    expect(() => db.exec(`UPDATE index_versions SET status = 'published' WHERE version = '1.1.0'`)).toThrow(/CHECK/);
  });

  it('lets drafts change, be published and be deleted', () => {
    db.exec(`UPDATE index_versions SET definition = '{"changed":true}', hash = '${H1}' WHERE version = '1.1.0'`);
    db.exec(
      `UPDATE index_versions SET status = 'published', published_at = '${T}', published_by = 'p' WHERE version = '1.1.0'`,
    );
    expect(() => db.exec(`UPDATE index_versions SET definition = '{}' WHERE version = '1.1.0'`)).toThrow(trigger);
    db.exec(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by)
      VALUES ('large', '2.0.0', 'draft', '{}', '${H2}', '${T}', 's', '${T}', 's')`);
    db.exec("DELETE FROM index_versions WHERE version = '2.0.0'");
    expect(() => db.exec("UPDATE index_versions SET version = '3.0.0' WHERE version = '1.1.0'")).toThrow(trigger);
  });

  it('refuses to skip draft → deprecated', () => {
    expect(() =>
      db.exec(
        `UPDATE index_versions SET status = 'deprecated', deprecated_at = '${T}', published_at = '${T}' WHERE version = '1.1.0'`,
      ),
    ).toThrow(trigger);
  });

  it('refuses definitions that are not JSON and versions of unknown indices', () => {
    expect(() => db.exec(`UPDATE index_versions SET definition = 'not json' WHERE version = '1.1.0'`)).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO index_versions (index_id, version, status, definition, hash, created_at, created_by, updated_at, updated_by)
      VALUES ('nope', '1.0.0', 'draft', '{}', '${H2}', '${T}', 's', '${T}', 's')`),
    ).toThrow(/FOREIGN KEY/);
  });

  it('keeps index rows fixed and undeletable while they have versions', () => {
    expect(() => db.exec("UPDATE indices SET kind = 'aggregate' WHERE id = 'large'")).toThrow(trigger);
    expect(() => db.exec("DELETE FROM indices WHERE id = 'large'")).toThrow(/FOREIGN KEY/);
  });
});

describe('audit log (triggers)', () => {
  beforeEach(() => {
    db.exec(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, target, before_hash, after_hash) VALUES ('${T}', 'k', 'k', 'version.publish', 'large@1.0.0', '${H1}', '${H1}')`,
    );
  });
  it('refuses UPDATE', () => {
    expect(() => db.exec("UPDATE audit_log SET action = 'nothing'")).toThrow(trigger);
    expect(() => db.exec('UPDATE audit_log SET after_hash = NULL')).toThrow(trigger);
  });
  it('refuses DELETE', () => {
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(trigger);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
  });
  it('accepts appends', () => {
    db.exec(`INSERT INTO audit_log (at, actor_id, actor_name, action, target) VALUES ('${T}', 'k', 'k', 'x', 'y')`);
    expect(db.prepare('SELECT max(seq) AS s FROM audit_log').get()).toEqual({ s: 2 });
  });
});

describe('api keys (triggers)', () => {
  beforeEach(() => {
    db.exec(
      `INSERT INTO api_keys (id, name, hash, role, scope, created_at, created_by) VALUES ('key_1', 'n', '${H1}', 'integrator', NULL, '${T}', 'system')`,
    );
  });
  it('refuses changes other than revocation, and un-revoking', () => {
    expect(() => db.exec("UPDATE api_keys SET role = 'ministry-publisher'")).toThrow(trigger);
    expect(() => db.exec(`UPDATE api_keys SET hash = '${H2}'`)).toThrow(trigger);
    expect(() => db.exec("UPDATE api_keys SET scope = 'x'")).toThrow(trigger);
    db.exec(`UPDATE api_keys SET revoked_at = '${T}', revoked_by = 'a'`);
    expect(() => db.exec('UPDATE api_keys SET revoked_at = NULL')).toThrow(trigger);
  });
  it('refuses DELETE and unknown roles', () => {
    expect(() => db.exec('DELETE FROM api_keys')).toThrow(trigger);
    expect(() =>
      db.exec(
        `INSERT INTO api_keys (id, name, hash, role, created_at, created_by) VALUES ('key_2', 'n', '${H2}', 'root', '${T}', 's')`,
      ),
    ).toThrow(/CHECK/);
  });
});
