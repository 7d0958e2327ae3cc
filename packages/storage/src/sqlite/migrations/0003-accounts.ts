// Accounts for people: accounts (e-mail unique case-insensitively: stored lower-cased), their sessions (only the
// hash of a session's secret is stored), enterprise tax-code bindings awaiting a department's or the Ministry's
// decision, and the account that owns an API key made through the API. Nothing here is ever deleted: accounts are
// disabled, sessions revoked or left to expire, bindings decided.
// Frozen once shipped: later changes go in a new migration.
import type { Migration } from './types.js';

export const migration0003: Migration = {
  version: 3,
  name: 'accounts',
  sql: `
CREATE TABLE accounts (
  id              TEXT PRIMARY KEY CHECK (id GLOB 'acc_*'),
  email           TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role            TEXT NOT NULL CHECK (role IN ('ministry-editor', 'ministry-publisher', 'sector-ministry',
                                                'provincial-department', 'consultant', 'enterprise', 'integrator')),
  scope           TEXT,
  consultant_id   TEXT REFERENCES consultants (id),
  lang            TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  password_hash   TEXT NOT NULL CHECK (password_hash GLOB '$argon2id$*'),
  must_change     INTEGER NOT NULL CHECK (must_change IN (0, 1)),
  status          TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
  locked_until    TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  updated_by      TEXT NOT NULL,
  CHECK (consultant_id IS NULL OR role = 'consultant')
) STRICT;

CREATE TRIGGER accounts_frozen BEFORE UPDATE ON accounts
WHEN NEW.id IS NOT OLD.id OR NEW.role IS NOT OLD.role OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'an account keeps its id and role'); END;

CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;

CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
  account_id   TEXT NOT NULL REFERENCES accounts (id),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT
) STRICT;
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TRIGGER sessions_frozen BEFORE UPDATE ON sessions
WHEN NEW.id_hash IS NOT OLD.id_hash OR NEW.account_id IS NOT OLD.account_id OR NEW.created_at IS NOT OLD.created_at
  OR NEW.expires_at IS NOT OLD.expires_at OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS NOT OLD.revoked_at)
BEGIN SELECT RAISE(ABORT, 'a session can only be seen again or revoked'); END;

CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
BEGIN SELECT RAISE(ABORT, 'sessions are revoked, never deleted'); END;

CREATE TABLE enterprise_bindings (
  account_id  TEXT PRIMARY KEY REFERENCES accounts (id),
  tax_code    TEXT NOT NULL CHECK (tax_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
                                   OR tax_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]'),
  status      TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  reason      TEXT,
  decided_by  TEXT,
  decided_at  TEXT,
  created_at  TEXT NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL))
) STRICT;
CREATE INDEX enterprise_bindings_tax_code ON enterprise_bindings (tax_code);

CREATE TRIGGER enterprise_bindings_frozen BEFORE UPDATE ON enterprise_bindings
WHEN NEW.account_id IS NOT OLD.account_id OR NEW.tax_code IS NOT OLD.tax_code OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'a binding keeps its account and tax code'); END;

CREATE TRIGGER enterprise_bindings_no_delete BEFORE DELETE ON enterprise_bindings
BEGIN SELECT RAISE(ABORT, 'bindings are decided, never deleted'); END;

ALTER TABLE api_keys ADD COLUMN owner_id TEXT REFERENCES accounts (id);

CREATE TRIGGER api_keys_owner_frozen BEFORE UPDATE ON api_keys
WHEN NEW.owner_id IS NOT OLD.owner_id
BEGIN SELECT RAISE(ABORT, 'api keys can only be revoked'); END;
`,
};
