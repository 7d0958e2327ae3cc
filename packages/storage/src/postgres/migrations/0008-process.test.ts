// PostgreSQL migration 8 by direct SQL: a binding may carry a two-digit province code, kept once written (as SQLite's).
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

beforeEach(async () => {
  scratch = await scratchSchema(process.env.DBI_TEST_PG!);
  pool = openPool(scratch.url);
  await migratePg(pool, migrations.slice(0, 8));
  for (const id of ['acc_1', 'acc_2', 'acc_3'])
    await sql(
      `INSERT INTO accounts (id, email, name, role, scope, consultant_id, lang, password_hash, must_change, status,
      failed_attempts, locked_until, created_at, created_by, updated_at, updated_by)
      VALUES ($1, $2, 'An', 'enterprise', NULL, NULL, 'vi', $3, 0, 'active', 0, NULL, $4, 's', $4, 's')`,
      [id, `${id}@example.vn`, ARGON, T],
    );
});
afterEach(async () => {
  await pool.end();
  await scratch.drop();
});

const bind = (account: string, province: string | null) =>
  sql(
    `INSERT INTO enterprise_bindings (account_id, tax_code, status, created_at, province) VALUES ($1, '0100109106', 'pending', $2, $3)`,
    [account, T, province],
  );

describe('migration 8: the province of a registration', () => {
  it('a two-digit code or nothing (bindings made before it have none)', async () => {
    await bind('acc_1', '01');
    await bind('acc_2', null);
    await expect(bind('acc_3', 'Hà Nội')).rejects.toThrow(/check/);
    const rows = await sql('SELECT account_id, province FROM enterprise_bindings ORDER BY account_id');
    expect(rows.rows).toEqual([
      { account_id: 'acc_1', province: '01' },
      { account_id: 'acc_2', province: null },
    ]);
  });

  it('is kept: deciding the binding leaves it, changing it is refused', async () => {
    await bind('acc_1', '01');
    await sql(
      `UPDATE enterprise_bindings SET status = 'approved', decided_by = 'd', decided_at = $1 WHERE account_id = 'acc_1'`,
      [T],
    );
    await expect(sql(`UPDATE enterprise_bindings SET province = '79' WHERE account_id = 'acc_1'`)).rejects.toThrow(
      /keeps the province/,
    );
  });
});
