// Accounts for people: records as the API serves them (Static<> of @dbi/schema's shapes), sessions stored by the
// hash of their secret, and the repository both backends implement. Every write appends its audit entry in the same
// transaction; nothing is deleted.
import type { AccountRecord, AccountStatus, BindingStatus, Lang, Role } from '@dbi/schema';
import type { Actor } from '../common.js';

export type { AccountRecord };

/** An account with what only sign-in may read. */
export interface StoredAccount extends AccountRecord {
  passwordHash: string;
  failedAttempts: number;
}

export interface NewAccount {
  /** Lower-cased by the repository (e-mail addresses are unique case-insensitively). */
  email: string;
  name: string;
  role: Role;
  scope: string | null;
  lang: Lang;
  passwordHash: string;
  mustChangePassword: boolean;
  /** Enterprise accounts: the tax code asked for; the binding starts `pending`. */
  taxCode?: string;
  /** Enterprise accounts: the province (current unit's code) it says it is in, kept on the binding. */
  province?: string;
}

export interface SessionRecord {
  idHash: string;
  accountId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface AccountQuery {
  /** 1–500, default 50. */
  limit?: number;
  /** The cursor a previous page returned as `next`. */
  after?: string;
  role?: Role;
  bindingStatus?: BindingStatus;
}

export interface LockoutPolicy {
  /** Failed sign-ins in a row before the account is locked. */
  maxAttempts: number;
  /** How long it stays locked. */
  lockMs: number;
}

export interface AccountRepository {
  /** `conflict` when the e-mail is taken (case-insensitively). */
  create(account: NewAccount, actor: Actor): Promise<AccountRecord>;
  get(id: string): Promise<AccountRecord | undefined>;
  /** The account with this e-mail (any case), with its password hash. */
  findForSignIn(email: string): Promise<StoredAccount | undefined>;
  list(query?: AccountQuery): Promise<{ items: AccountRecord[]; next: string | null }>;
  /** Counts a failed sign-in; locks the account for `lockMs` at `maxAttempts` in a row (and starts counting again). */
  signInFailed(id: string, policy: LockoutPolicy): Promise<AccountRecord>;
  /** A new session for a successful sign-in (resets the failure count). */
  openSession(id: string, session: { idHash: string; expiresAt: string }): Promise<SessionRecord>;
  /** The session with this hash and its account, while neither revoked nor expired (the account may be disabled). */
  findSession(idHash: string): Promise<{ session: SessionRecord; account: StoredAccount } | undefined>;
  /** Records that the session was used (not audited: it changes no right; callers throttle it). */
  touchSession(idHash: string): Promise<void>;
  revokeSession(idHash: string, actor: Actor): Promise<void>;
  /** New password hash; every other session of the account is revoked in the same transaction. */
  setPassword(
    id: string,
    change: { passwordHash: string; mustChangePassword: boolean; keepSession?: string | null },
    actor: Actor,
  ): Promise<AccountRecord>;
  /** Disabling revokes every session and every key the account made, in the same transaction. */
  setStatus(id: string, status: AccountStatus, actor: Actor): Promise<AccountRecord>;
  /** Approving gives the account its tax code as scope; refusing takes it away. `conflict` without a binding. */
  decideBinding(
    id: string,
    decision: { status: 'approved' | 'refused'; reason: string | null },
    actor: Actor,
  ): Promise<AccountRecord>;
  /** Links a consultant account to a consultant record (its scope), or un-recognises it (null). */
  recognise(id: string, consultantId: string | null, actor: Actor): Promise<AccountRecord>;
}
