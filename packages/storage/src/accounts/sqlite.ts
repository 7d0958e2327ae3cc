// AccountRepository on SQLite: every write one IMMEDIATE transaction with its audit entry (sqlite/tx.ts).
import type { Database, Statement } from 'better-sqlite3';
import type { AccountRecord, AccountStatus } from '@dbi/schema';
import { newId, StorageError, type Actor } from '../common.js';
import { AuditWriter } from '../sqlite/audit.js';
import { SqliteWriter } from '../sqlite/tx.js';
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

type Name =
  | 'byId'
  | 'byEmail'
  | 'insert'
  | 'insertBinding'
  | 'failed'
  | 'lock'
  | 'resetFailures'
  | 'session'
  | 'insertSession'
  | 'touch'
  | 'revokeSession'
  | 'revokeOthers'
  | 'revokeKeys'
  | 'password'
  | 'status'
  | 'binding'
  | 'scope'
  | 'recognise'
  | 'consultant';

export class SqliteAccountRepository implements AccountRepository {
  private readonly w: SqliteWriter;
  private readonly s: Record<Name, Statement>;

  constructor(private readonly db: Database) {
    this.w = new SqliteWriter(db, new AuditWriter(db), 'conflict');
    this.s = {
      byId: db.prepare(`${SELECT_ACCOUNT} WHERE a.id = ?`),
      byEmail: db.prepare(`${SELECT_ACCOUNT} WHERE a.email = ?`),
      insert: db.prepare(`INSERT INTO accounts (id, email, name, role, scope, consultant_id, lang, password_hash,
        must_change, status, failed_attempts, locked_until, created_at, created_by, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 'active', 0, NULL, ?, ?, ?, ?)`),
      insertBinding: db.prepare(
        `INSERT INTO enterprise_bindings (account_id, tax_code, status, created_at, province) VALUES (?, ?, 'pending', ?, ?)`,
      ),
      failed: db.prepare('UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = ?'),
      lock: db.prepare('UPDATE accounts SET failed_attempts = 0, locked_until = ? WHERE id = ?'),
      resetFailures: db.prepare('UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ?'),
      session: db.prepare('SELECT * FROM sessions WHERE id_hash = ?'),
      insertSession: db.prepare(
        'INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      touch: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND revoked_at IS NULL'),
      revokeSession: db.prepare('UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL'),
      revokeOthers: db.prepare(
        'UPDATE sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL AND id_hash IS NOT ?',
      ),
      revokeKeys: db.prepare(
        'UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE owner_id = ? AND revoked_at IS NULL',
      ),
      password: db.prepare(
        'UPDATE accounts SET password_hash = ?, must_change = ?, failed_attempts = 0, locked_until = NULL, updated_at = ?, updated_by = ? WHERE id = ?',
      ),
      status: db.prepare('UPDATE accounts SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?'),
      binding: db.prepare(
        'UPDATE enterprise_bindings SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE account_id = ?',
      ),
      scope: db.prepare('UPDATE accounts SET scope = ?, updated_at = ?, updated_by = ? WHERE id = ?'),
      recognise: db.prepare(
        'UPDATE accounts SET consultant_id = ?, scope = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ),
      consultant: db.prepare('SELECT id FROM consultants WHERE id = ?'),
    };
  }

  private row(id: string): AccountRow | undefined {
    return this.s.byId.get(id) as AccountRow | undefined;
  }
  private stored = (id: string) => {
    const r = this.row(id);
    return r && toStoredAccount(r);
  };
  private audited(id: string, action: string, actor: Actor, write: (at: string, r: AccountRow) => void) {
    const after = this.w.write<StoredAccount>(actor, {
      action,
      target: `account:${id}`,
      load: () => this.stored(id),
      write: (at, before) => write(at, existing(before && this.row(id), id)),
    });
    return toAccountRecord(this.row(after.id)!);
  }

  async create(a: NewAccount, actor: Actor): Promise<AccountRecord> {
    const id = newId('acc');
    const email = normaliseEmail(a.email);
    const created = this.w.write<StoredAccount>(actor, {
      action: 'account.create',
      target: `account:${id}`,
      load: () => this.stored(id),
      write: (at) => {
        if (this.s.byEmail.get(email)) throw new StorageError('conflict', `an account with e-mail ${email} exists`);
        this.s.insert.run(
          id,
          email,
          a.name,
          a.role,
          a.scope,
          a.lang,
          a.passwordHash,
          a.mustChangePassword ? 1 : 0,
          at,
          actor.name,
          at,
          actor.name,
        );
        if (a.taxCode !== undefined) this.s.insertBinding.run(id, a.taxCode, at, a.province ?? null);
      },
    });
    return toAccountRecord(this.row(created.id)!);
  }

  async get(id: string): Promise<AccountRecord | undefined> {
    const r = this.row(id);
    return r && toAccountRecord(r);
  }

  async findForSignIn(email: string): Promise<StoredAccount | undefined> {
    const r = this.s.byEmail.get(normaliseEmail(email)) as AccountRow | undefined;
    return r && toStoredAccount(r);
  }

  async list(query: AccountQuery = {}): Promise<{ items: AccountRecord[]; next: string | null }> {
    const limit = pageSize(query.limit);
    const where = ['a.id > @after'];
    if (query.role !== undefined) where.push('a.role = @role');
    if (query.bindingStatus !== undefined) where.push('b.status = @bindingStatus');
    const rows = this.db.prepare(`${SELECT_ACCOUNT} WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT @limit`).all({
      after: afterId(query.after),
      role: query.role,
      bindingStatus: query.bindingStatus,
      limit: limit + 1,
    }) as AccountRow[];
    const items = rows.slice(0, limit).map(toAccountRecord);
    return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]!.id) : null };
  }

  async signInFailed(id: string, policy: LockoutPolicy): Promise<AccountRecord> {
    return this.audited(id, 'account.sign-in-failed', { id, name: 'sign-in' }, (at, r) => {
      if (r.failed_attempts + 1 >= policy.maxAttempts) this.s.lock.run(later(at, policy.lockMs), id);
      else this.s.failed.run(id);
    });
  }

  async openSession(id: string, session: { idHash: string; expiresAt: string }): Promise<SessionRecord> {
    let opened: SessionRecord | undefined;
    this.audited(id, 'session.open', { id, name: 'sign-in' }, (at, r) => {
      if (r.failed_attempts !== 0 || r.locked_until !== null) this.s.resetFailures.run(id);
      this.s.insertSession.run(session.idHash, id, at, at, session.expiresAt);
      opened = toSession(this.s.session.get(session.idHash) as SessionRow);
    });
    return opened!;
  }

  async findSession(idHash: string): Promise<{ session: SessionRecord; account: StoredAccount } | undefined> {
    const s = this.s.session.get(idHash) as SessionRow | undefined;
    if (!s || s.revoked_at !== null || Date.parse(s.expires_at) <= Date.now()) return undefined;
    const account = this.stored(s.account_id);
    return account && { session: toSession(s), account };
  }

  async touchSession(idHash: string): Promise<void> {
    this.s.touch.run(new Date().toISOString(), idHash);
  }

  async revokeSession(idHash: string, actor: Actor): Promise<void> {
    const s = this.s.session.get(idHash) as SessionRow | undefined;
    if (!s || s.revoked_at !== null) return;
    this.w.write<SessionRecord>(actor, {
      action: 'session.revoke',
      target: `account:${s.account_id}`,
      load: () => toSession(this.s.session.get(idHash) as SessionRow),
      write: (at) => void this.s.revokeSession.run(at, idHash),
    });
  }

  async setPassword(
    id: string,
    change: { passwordHash: string; mustChangePassword: boolean; keepSession?: string | null },
    actor: Actor,
  ): Promise<AccountRecord> {
    return this.audited(id, 'account.password', actor, (at) => {
      this.s.password.run(change.passwordHash, change.mustChangePassword ? 1 : 0, at, actor.name, id);
      this.s.revokeOthers.run(at, id, change.keepSession ?? null);
    });
  }

  async setStatus(id: string, status: AccountStatus, actor: Actor): Promise<AccountRecord> {
    return this.audited(id, `account.${status === 'active' ? 'enable' : 'disable'}`, actor, (at) => {
      this.s.status.run(status, at, actor.name, id);
      if (status === 'disabled') {
        this.s.revokeOthers.run(at, id, null);
        this.s.revokeKeys.run(at, actor.name, id);
      }
    });
  }

  async decideBinding(
    id: string,
    decision: { status: 'approved' | 'refused'; reason: string | null },
    actor: Actor,
  ): Promise<AccountRecord> {
    return this.audited(id, `binding.${decision.status === 'approved' ? 'approve' : 'refuse'}`, actor, (at, r) => {
      checkBindingDecision(r);
      this.s.binding.run(decision.status, decision.reason, actor.name, at, id);
      this.s.scope.run(decision.status === 'approved' ? r.b_tax_code : null, at, actor.name, id);
    });
  }

  async recognise(id: string, consultantId: string | null, actor: Actor): Promise<AccountRecord> {
    return this.audited(
      id,
      consultantId === null ? 'consultant.unrecognise' : 'consultant.recognise',
      actor,
      (at, r) => {
        checkRecognition(r);
        if (consultantId !== null && !this.s.consultant.get(consultantId))
          throw new StorageError('not-found', `consultant ${consultantId} is not registered`);
        this.s.recognise.run(consultantId ?? r.consultant_id, consultantId, at, actor.name, id);
      },
    );
  }
}
