// Migration 8 by direct SQL: a binding may carry a two-digit province code, kept once written.
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

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-m8-'));
  db = openDatabase(join(dir, 'dbi.sqlite'), { migrations: migrations.slice(0, 8) });
  for (const id of ['acc_1', 'acc_2', 'acc_3'])
    db.prepare(
      `INSERT INTO accounts (id, email, name, role, scope, consultant_id, lang, password_hash, must_change, status,
      failed_attempts, locked_until, created_at, created_by, updated_at, updated_by)
      VALUES (?, ?, 'An', 'enterprise', NULL, NULL, 'vi', ?, 0, 'active', 0, NULL, ?, 's', ?, 's')`,
    ).run(id, `${id}@example.vn`, ARGON, T, T);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const bind = (account: string, province: string | null) =>
  db
    .prepare(
      `INSERT INTO enterprise_bindings (account_id, tax_code, status, created_at, province) VALUES (?, '0100109106', 'pending', ?, ?)`,
    )
    .run(account, T, province);

describe('migration 8: the province of a registration', () => {
  it('a two-digit code or nothing (bindings made before it have none)', () => {
    bind('acc_1', '01');
    bind('acc_2', null);
    expect(() => bind('acc_3', 'Hà Nội')).toThrow(/CHECK/);
    expect(db.prepare('SELECT account_id, province FROM enterprise_bindings ORDER BY account_id').all()).toEqual([
      { account_id: 'acc_1', province: '01' },
      { account_id: 'acc_2', province: null },
    ]);
  });

  it('is kept: deciding the binding leaves it, changing it is refused', () => {
    bind('acc_1', '01');
    db.prepare(
      `UPDATE enterprise_bindings SET status = 'approved', decided_by = 'd', decided_at = ? WHERE account_id = 'acc_1'`,
    ).run(T);
    expect(() => db.exec(`UPDATE enterprise_bindings SET province = '79' WHERE account_id = 'acc_1'`)).toThrow(
      /keeps the province/,
    );
  });
});
