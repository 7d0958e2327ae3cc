// AccountRepository on PostgreSQL: the same rows, checks and audit entries as SQLite's (accounts/shared.ts), every
// write one SERIALIZABLE transaction (postgres/tx.ts).
import type { AccountRecord, AccountStatus } from '@dbi/schema';
import { newId, StorageError, type Actor } from '../common.js';
import type { Sql } from '../postgres/database.js';
import type { PgWriter } from '../postgres/tx.js';
import {
  afterId,
  checkBindingDecision,
  checkRecognition,
  cursorOf,
  existing,
  later,
  normaliseEmail,
  pageSize,
  SELECT_ACCOUNT,
  toAccountRecord,
  toSession,
  toStoredAccount,
  type AccountRow,
  type SessionRow,
} from './shared.js';
import type {
  AccountQuery,
  AccountRepository,
  LockoutPolicy,
  NewAccount,
  SessionRecord,
  StoredAccount,
} from './types.js';

const row = (q: Sql, id: string) => q.one<AccountRow>(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id]);
const stored = async (q: Sql, id: string) => {
  const r = await row(q, id);
  return r && toStoredAccount(r);
};
const session = (q: Sql, idHash: string) => q.one<SessionRow>('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);

export class PgAccountRepository implements AccountRepository {
  constructor(private readonly w: PgWriter) {}

  private async audited(
    id: string,
    action: string,
    actor: Actor,
    write: (q: Sql, at: string, r: AccountRow) => Promise<void>,
  ): Promise<AccountRecord> {
    const after = await this.w.write<StoredAccount>(actor, {
      action,
      target: `account:${id}`,
      load: (q) => stored(q, id),
      write: async (q, at, before) => write(q, at, existing(before && (await row(q, id)), id)),
    });
    return toAccountRecord((await row(this.w.q, after.id))!);
  }

  async create(a: NewAccount, actor: Actor): Promise<AccountRecord> {
    const id = newId('acc');
    const email = normaliseEmail(a.email);
    await this.w.write<StoredAccount>(actor, {
      action: 'account.create',
      target: `account:${id}`,
      load: (q) => stored(q, id),
      write: async (q, at) => {
        if (await q.one('SELECT id FROM accounts WHERE email = $1', [email]))
          throw new StorageError('conflict', `an account with e-mail ${email} exists`);
        await q.run(
          `INSERT INTO accounts (id, email, name, role, scope, consultant_id, lang, password_hash, must_change, status,
            failed_attempts, locked_until, created_at, created_by, updated_at, updated_by)
            VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, 'active', 0, NULL, $9, $10, $9, $10)`,
          [id, email, a.name, a.role, a.scope, a.lang, a.passwordHash, a.mustChangePassword ? 1 : 0, at, actor.name],
        );
        if (a.taxCode !== undefined)
          await q.run(
            `INSERT INTO enterprise_bindings (account_id, tax_code, status, created_at, province) VALUES ($1, $2, 'pending', $3, $4)`,
            [id, a.taxCode, at, a.province ?? null],
          );
      },
    });
    return toAccountRecord((await row(this.w.q, id))!);
  }

  async get(id: string): Promise<AccountRecord | undefined> {
    const r = await row(this.w.q, id);
    return r && toAccountRecord(r);
  }

  async findForSignIn(email: string): Promise<StoredAccount | undefined> {
    const r = await this.w.q.one<AccountRow>(`${SELECT_ACCOUNT} WHERE a.email = $1`, [normaliseEmail(email)]);
    return r && toStoredAccount(r);
  }

  async list(query: AccountQuery = {}): Promise<{ items: AccountRecord[]; next: string | null }> {
    const limit = pageSize(query.limit);
    const params: unknown[] = [afterId(query.after)];
    const where = ['a.id > $1'];
    if (query.role !== undefined) where.push(`a.role = $${params.push(query.role)}`);
    if (query.bindingStatus !== undefined) where.push(`b.status = $${params.push(query.bindingStatus)}`);
    const rows = await this.w.q.rows<AccountRow>(
      `${SELECT_ACCOUNT} WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map(toAccountRecord);
    return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]!.id) : null };
  }

  async signInFailed(id: string, policy: LockoutPolicy): Promise<AccountRecord> {
    return this.audited(id, 'account.sign-in-failed', { id, name: 'sign-in' }, async (q, at, r) => {
      if (r.failed_attempts + 1 >= policy.maxAttempts)
        await q.run('UPDATE accounts SET failed_attempts = 0, locked_until = $1 WHERE id = $2', [
          later(at, policy.lockMs),
          id,
        ]);
      else await q.run('UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = $1', [id]);
    });
  }

  async openSession(id: string, s: { idHash: string; expiresAt: string }): Promise<SessionRecord> {
    await this.audited(id, 'session.open', { id, name: 'sign-in' }, async (q, at, r) => {
      if (r.failed_attempts !== 0 || r.locked_until !== null)
        await q.run('UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
      await q.run(
        'INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)',
        [s.idHash, id, at, s.expiresAt],
      );
    });
    return toSession((await session(this.w.q, s.idHash))!);
  }

  async findSession(idHash: string): Promise<{ session: SessionRecord; account: StoredAccount } | undefined> {
    const s = await session(this.w.q, idHash);
    if (!s || s.revoked_at !== null || Date.parse(s.expires_at) <= Date.now()) return undefined;
    const account = await stored(this.w.q, s.account_id);
    return account && { session: toSession(s), account };
  }

  async touchSession(idHash: string): Promise<void> {
    await this.w.q.run('UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND revoked_at IS NULL', [
      new Date().toISOString(),
      idHash,
    ]);
  }

  async revokeSession(idHash: string, actor: Actor): Promise<void> {
    const s = await session(this.w.q, idHash);
    if (!s || s.revoked_at !== null) return;
    await this.w.write<SessionRecord>(actor, {
      action: 'session.revoke',
      target: `account:${s.account_id}`,
      load: async (q) => toSession((await session(q, idHash))!),
      write: async (q, at) => {
        await q.run('UPDATE sessions SET revoked_at = $1 WHERE id_hash = $2 AND revoked_at IS NULL', [at, idHash]);
      },
    });
  }

  async setPassword(
    id: string,
    change: { passwordHash: string; mustChangePassword: boolean; keepSession?: string | null },
    actor: Actor,
  ): Promise<AccountRecord> {
    return this.audited(id, 'account.password', actor, async (q, at) => {
      await q.run(
        `UPDATE accounts SET password_hash = $1, must_change = $2, failed_attempts = 0, locked_until = NULL,
          updated_at = $3, updated_by = $4 WHERE id = $5`,
        [change.passwordHash, change.mustChangePassword ? 1 : 0, at, actor.name, id],
      );
      await revokeOthers(q, at, id, change.keepSession ?? null);
    });
  }

  async setStatus(id: string, status: AccountStatus, actor: Actor): Promise<AccountRecord> {
    return this.audited(id, `account.${status === 'active' ? 'enable' : 'disable'}`, actor, async (q, at) => {
      await q.run('UPDATE accounts SET status = $1, updated_at = $2, updated_by = $3 WHERE id = $4', [
        status,
        at,
        actor.name,
        id,
      ]);
      if (status === 'disabled') {
        await revokeOthers(q, at, id, null);
        await q.run('UPDATE api_keys SET revoked_at = $1, revoked_by = $2 WHERE owner_id = $3 AND revoked_at IS NULL', [
          at,
          actor.name,
          id,
        ]);
      }
    });
  }

  async decideBinding(
    id: string,
    decision: { status: 'approved' | 'refused'; reason: string | null },
    actor: Actor,
  ): Promise<AccountRecord> {
    const action = `binding.${decision.status === 'approved' ? 'approve' : 'refuse'}`;
    return this.audited(id, action, actor, async (q, at, r) => {
      checkBindingDecision(r);
      await q.run(
        'UPDATE enterprise_bindings SET status = $1, reason = $2, decided_by = $3, decided_at = $4 WHERE account_id = $5',
        [decision.status, decision.reason, actor.name, at, id],
      );
      await q.run('UPDATE accounts SET scope = $1, updated_at = $2, updated_by = $3 WHERE id = $4', [
        decision.status === 'approved' ? r.b_tax_code : null,
        at,
        actor.name,
        id,
      ]);
    });
  }

  async recognise(id: string, consultantId: string | null, actor: Actor): Promise<AccountRecord> {
    const action = consultantId === null ? 'consultant.unrecognise' : 'consultant.recognise';
    return this.audited(id, action, actor, async (q, at, r) => {
      checkRecognition(r);
      if (consultantId !== null && !(await q.one('SELECT id FROM consultants WHERE id = $1', [consultantId])))
        throw new StorageError('not-found', `consultant ${consultantId} is not registered`);
      await q.run(
        'UPDATE accounts SET consultant_id = $1, scope = $2, updated_at = $3, updated_by = $4 WHERE id = $5',
        [consultantId ?? r.consultant_id, consultantId, at, actor.name, id],
      );
    });
  }
}

const revokeOthers = (q: Sql, at: string, id: string, keep: string | null) =>
  q.run(
    'UPDATE sessions SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL AND id_hash IS DISTINCT FROM $3',
    [at, id, keep],
  );
