// What both backends' account repositories share: the rows, their mappers, the cursor of the list and the refusals.
import type { AccountRecord, Role } from '@dbi/schema';
import { StorageError } from '../common.js';
import type { SessionRecord, StoredAccount } from './types.js';

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  scope: string | null;
  consultant_id: string | null;
  lang: 'vi' | 'en';
  password_hash: string;
  must_change: number;
  status: 'active' | 'disabled';
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  b_tax_code: string | null;
  b_status: 'pending' | 'approved' | 'refused' | null;
  b_reason: string | null;
  b_decided_by: string | null;
  b_decided_at: string | null;
  b_province: string | null;
}

export interface SessionRow {
  id_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** An account with its binding (the `b_` columns); append `WHERE …` with the backend's placeholders. */
export const SELECT_ACCOUNT = `SELECT a.*, b.tax_code AS b_tax_code, b.status AS b_status, b.reason AS b_reason,
  b.decided_by AS b_decided_by, b.decided_at AS b_decided_at, b.province AS b_province
  FROM accounts a LEFT JOIN enterprise_bindings b ON b.account_id = a.id`;

export function toAccountRecord(r: AccountRow): AccountRecord {
  const record: AccountRecord = {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    scope: r.scope,
    status: r.status,
    lang: r.lang,
    mustChangePassword: r.must_change === 1,
    consultantId: r.consultant_id,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
  if (r.b_tax_code !== null && r.b_status !== null)
    record.binding = {
      taxCode: r.b_tax_code,
      status: r.b_status,
      reason: r.b_reason,
      decidedBy: r.b_decided_by,
      decidedAt: r.b_decided_at,
      ...(r.b_province === null ? {} : { province: r.b_province }),
    };
  return record;
}

export const toStoredAccount = (r: AccountRow): StoredAccount => ({
  ...toAccountRecord(r),
  passwordHash: r.password_hash,
  failedAttempts: r.failed_attempts,
});

export const toSession = (r: SessionRow): SessionRecord => ({
  idHash: r.id_hash,
  accountId: r.account_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

/** E-mail addresses are compared case-insensitively: stored trimmed and lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function existing<R>(r: R | undefined, id: string): R {
  if (r === undefined) throw new StorageError('not-found', `no account ${id}`);
  return r;
}

/** The page size of a list: 50 unless asked, 1–500 (the lists contract). */
export const pageSize = (limit: number | undefined): number => Math.max(1, Math.min(limit ?? 50, 500));

/** Cursors are opaque to callers: the last id of the page, base64url-encoded. */
export const cursorOf = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
export function afterId(cursor: string | undefined): string {
  if (cursor === undefined) return '';
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^acc_[0-9a-f]{16}$/.test(id))
    throw new StorageError('invalid', `after: "${cursor}" is not a cursor of this list`);
  return id;
}

/** The time `ms` after `at`, as an ISO timestamp. */
export const later = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();

export function checkBindingDecision(r: AccountRow): void {
  if (r.role !== 'enterprise' || r.b_tax_code === null)
    throw new StorageError('conflict', `account ${r.id} has no tax-code binding to decide`);
}

export function checkRecognition(r: AccountRow): void {
  if (r.role !== 'consultant') throw new StorageError('conflict', `account ${r.id} is not a consultant account`);
}
