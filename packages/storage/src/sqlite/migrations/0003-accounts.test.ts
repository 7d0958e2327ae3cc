// Migration 3 by direct SQL: e-mails unique case-insensitively (stored lower-cased), only argon2id hashes, sessions
// and bindings never deleted, a key's owner never changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrations } from './index.js';

let dir: string;
let db: Database;
const T = '2024-01-01T00:00:00.000Z';
const ARGON = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
const account = (id: string, email: string, role = 'enterprise', hash = ARGON) =>
  db
    .prepare(
      `INSERT INTO accounts (id, email, name, role, scope, consultant_id, lang, password_hash, must_change, status,
      failed_attempts, locked_until, created_at, created_by, updated_at, updated_by)
      VALUES (?, ?, 'An', ?, NULL, NULL, 'vi', ?, 0, 'active', 0, NULL, ?, 's', ?, 's')`,
    )
    .run(id, email, role, hash, T, T);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m3-'));
  const upTo = migrations.slice(0, migrations.findIndex((m) => m.name === 'accounts') + 1);
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: upTo });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('accounts (checks and triggers)', () => {
  it('keeps e-mails lower-cased and unique, hashes argon2id only, roles fixed', () => {
    account('acc_1', 'an@example.vn');
    expect(() => account('acc_2', 'An@example.vn')).toThrow(/CHECK/);
    expect(() => account('acc_3', 'an@example.vn')).toThrow(/UNIQUE/);
    expect(() => account('acc_4', 'b@example.vn', 'enterprise', 'plain-text-password')).toThrow(/CHECK/);
    expect(() => account('acc_5', 'c@example.vn', 'root')).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE accounts SET role = 'ministry-publisher' WHERE id = 'acc_1'")).toThrow(
      /keeps its id and role/,
    );
    expect(() => db.exec("DELETE FROM accounts WHERE id = 'acc_1'")).toThrow(/never deleted/);
  });

  it('sessions are only seen again or revoked (once), never deleted', () => {
    account('acc_1', 'an@example.vn');
    const h = 'a'.repeat(64);
    db.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, ?, NULL)').run(h, 'acc_1', T, T, T);
    db.exec(`UPDATE sessions SET last_seen_at = '2024-01-02T00:00:00.000Z', revoked_at = '${T}'`);
    expect(() => db.exec("UPDATE sessions SET revoked_at = '2025-01-01T00:00:00.000Z'")).toThrow(/revoked/);
    expect(() => db.exec("UPDATE sessions SET expires_at = '2099-01-01T00:00:00.000Z'")).toThrow(/revoked/);
    expect(() => db.exec('DELETE FROM sessions')).toThrow(/never deleted/);
    expect(() =>
      db.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, ?, NULL)').run('b'.repeat(64), 'acc_x', T, T, T),
    ).toThrow(/FOREIGN KEY/);
  });

  it('bindings: a tax code of 10 (+3) digits, decided with a date, never moved or deleted', () => {
    account('acc_1', 'an@example.vn');
    expect(() =>
      db.exec(`INSERT INTO enterprise_bindings VALUES ('acc_1', '12345', 'pending', NULL, NULL, NULL, '${T}')`),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO enterprise_bindings VALUES ('acc_1', '0100109106', 'approved', NULL, NULL, NULL, '${T}')`),
    ).toThrow(/CHECK/);
    db.exec(`INSERT INTO enterprise_bindings VALUES ('acc_1', '0100109106', 'pending', NULL, NULL, NULL, '${T}')`);
    db.exec(`UPDATE enterprise_bindings SET status = 'approved', decided_by = 'm', decided_at = '${T}'`);
    expect(() => db.exec("UPDATE enterprise_bindings SET tax_code = '0100109106-001'")).toThrow(/keeps its account/);
    expect(() => db.exec('DELETE FROM enterprise_bindings')).toThrow(/never deleted/);
  });

  it('an API key keeps the account that made it', () => {
    account('acc_1', 'an@example.vn');
    account('acc_2', 'b@example.vn');
    db.exec(`INSERT INTO api_keys (id, name, hash, role, scope, created_at, created_by, owner_id)
      VALUES ('key_1', 'k', '${'c'.repeat(64)}', 'integrator', NULL, '${T}', 's', 'acc_1')`);
    expect(() => db.exec("UPDATE api_keys SET owner_id = 'acc_2'")).toThrow(/only be revoked/);
    db.exec(`UPDATE api_keys SET revoked_at = '${T}', revoked_by = 's'`);
  });
});
