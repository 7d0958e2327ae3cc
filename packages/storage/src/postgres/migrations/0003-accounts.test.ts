// PostgreSQL migration 3 by direct SQL: the same checks and triggers as SQLite's (e-mails lower-cased and unique,
// argon2id hashes only, sessions and bindings never deleted, a key's owner never changed).
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePg, openPool } from '../database.js';
import { scratchSchema, type ScratchSchema } from '../scratch.js';
import { migrations } from './index.js';

let scratch: ScratchSchema;
let pool: pg.Pool;
const T = '2024-01-01T00:00:00.000Z';
const ARGON = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
const sql = (text: string, params: unknown[] = []) => pool.query(text, params);
const account = (id: string, email: string, role = 'enterprise', hash = ARGON) =>
  sql(
    `INSERT INTO accounts (id, email, name, role, scope, consultant_id, lang, password_hash, must_change, status,
      failed_attempts, locked_until, created_at, created_by, updated_at, updated_by)
      VALUES ($1, $2, 'An', $3, NULL, NULL, 'vi', $4, 0, 'active', 0, NULL, $5, 's', $5, 's')`,
    [id, email, role, hash, T],
  );

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, migrations.slice(0, migrations.findIndex((m) => m.name === 'accounts') + 1));
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

describe('accounts (checks and triggers)', () => {
  it('keeps e-mails lower-cased and unique, hashes argon2id only, roles fixed', async () => {
    await account('acc_1', 'an@example.vn');
    await expect(account('acc_2', 'An@example.vn')).rejects.toThrow(/check/);
    await expect(account('acc_3', 'an@example.vn')).rejects.toThrow(/unique|duplicate/);
    await expect(account('acc_4', 'b@example.vn', 'enterprise', 'plain-text-password')).rejects.toThrow(/check/);
    await expect(account('acc_5', 'c@example.vn', 'root')).rejects.toThrow(/check/);
    await expect(sql("UPDATE accounts SET role = 'ministry-publisher' WHERE id = 'acc_1'")).rejects.toThrow(
      /keeps its id and role/,
    );
    await expect(sql("DELETE FROM accounts WHERE id = 'acc_1'")).rejects.toThrow(/never deleted/);
  });

  it('sessions are only seen again or revoked (once), never deleted', async () => {
    await account('acc_1', 'an@example.vn');
    await sql('INSERT INTO sessions VALUES ($1, $2, $3, $3, $3, NULL)', ['a'.repeat(64), 'acc_1', T]);
    await sql(`UPDATE sessions SET last_seen_at = '2024-01-02T00:00:00.000Z', revoked_at = '${T}'`);
    await expect(sql("UPDATE sessions SET revoked_at = '2025-01-01T00:00:00.000Z'")).rejects.toThrow(/revoked/);
    await expect(sql("UPDATE sessions SET expires_at = '2099-01-01T00:00:00.000Z'")).rejects.toThrow(/revoked/);
    await expect(sql('DELETE FROM sessions')).rejects.toThrow(/never deleted/);
    await expect(
      sql('INSERT INTO sessions VALUES ($1, $2, $3, $3, $3, NULL)', ['b'.repeat(64), 'acc_x', T]),
    ).rejects.toThrow(/foreign key/);
  });

  it('bindings: a tax code of 10 (+3) digits, decided with a date, never moved or deleted', async () => {
    await account('acc_1', 'an@example.vn');
    const bind = (tax: string, status: string) =>
      sql(`INSERT INTO enterprise_bindings VALUES ('acc_1', '${tax}', '${status}', NULL, NULL, NULL, '${T}')`);
    await expect(bind('12345', 'pending')).rejects.toThrow(/check/);
    await expect(bind('0100109106', 'approved')).rejects.toThrow(/check/);
    await bind('0100109106', 'pending');
    await sql(`UPDATE enterprise_bindings SET status = 'approved', decided_by = 'm', decided_at = '${T}'`);
    await expect(sql("UPDATE enterprise_bindings SET tax_code = '0100109106-001'")).rejects.toThrow(
      /keeps its account/,
    );
    await expect(sql('DELETE FROM enterprise_bindings')).rejects.toThrow(/never deleted/);
  });

  it('an API key keeps the account that made it', async () => {
    await account('acc_1', 'an@example.vn');
    await account('acc_2', 'b@example.vn');
    await sql(`INSERT INTO api_keys (id, name, hash, role, scope, created_at, created_by, owner_id)
      VALUES ('key_1', 'k', '${'c'.repeat(64)}', 'integrator', NULL, '${T}', 's', 'acc_1')`);
    await expect(sql("UPDATE api_keys SET owner_id = 'acc_2'")).rejects.toThrow(/only be revoked/);
    await sql(`UPDATE api_keys SET revoked_at = '${T}', revoked_by = 's'`);
  });
});
