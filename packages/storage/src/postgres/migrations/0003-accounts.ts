// Accounts for people on PostgreSQL: the same tables, checks and triggers as SQLite's migration 0003 (accounts,
// sessions stored by the hash of their secret, enterprise tax-code bindings, the owner of an API key).
// Frozen once shipped: later changes go in a new migration.
import type { PgMigration } from './types.js';

export const pgMigration0003: PgMigration = {
  version: 3,
  name: 'accounts',
  sql: `
CREATE TABLE accounts (
  id              text PRIMARY KEY CHECK (id LIKE 'acc\\_%'),
  email           text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role            text NOT NULL CHECK (role IN ('ministry-editor', 'ministry-publisher', 'sector-ministry',
                                                'provincial-department', 'consultant', 'enterprise', 'integrator')),
  scope           text,
  consultant_id   text REFERENCES consultants (id),
  lang            text NOT NULL CHECK (lang IN ('vi', 'en')),
  password_hash   text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  must_change     smallint NOT NULL CHECK (must_change IN (0, 1)),
  status          text NOT NULL CHECK (status IN ('active', 'disabled')),
  failed_attempts bigint NOT NULL CHECK (failed_attempts >= 0),
  locked_until    text,
  created_at      text NOT NULL,
  created_by      text NOT NULL,
  updated_at      text NOT NULL,
  updated_by      text NOT NULL,
  CHECK (consultant_id IS NULL OR role = 'consultant')
);

CREATE TRIGGER accounts_frozen BEFORE UPDATE ON accounts FOR EACH ROW
WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.role IS DISTINCT FROM OLD.role OR NEW.created_at IS DISTINCT FROM OLD.created_at
  OR NEW.created_by IS DISTINCT FROM OLD.created_by)
EXECUTE FUNCTION dbi_refuse('an account keeps its id and role');

CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('accounts are disabled, never deleted');

CREATE TABLE sessions (
  id_hash      text PRIMARY KEY CHECK (length(id_hash) = 64),
  account_id   text NOT NULL REFERENCES accounts (id),
  created_at   text NOT NULL,
  last_seen_at text NOT NULL,
  expires_at   text NOT NULL,
  revoked_at   text
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TRIGGER sessions_frozen BEFORE UPDATE ON sessions FOR EACH ROW
WHEN (NEW.id_hash IS DISTINCT FROM OLD.id_hash OR NEW.account_id IS DISTINCT FROM OLD.account_id
  OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.expires_at IS DISTINCT FROM OLD.expires_at
  OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at))
EXECUTE FUNCTION dbi_refuse('a session can only be seen again or revoked');

CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('sessions are revoked, never deleted');

CREATE TABLE enterprise_bindings (
  account_id  text PRIMARY KEY REFERENCES accounts (id),
  tax_code    text NOT NULL CHECK (tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
  status      text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  reason      text,
  decided_by  text,
  decided_at  text,
  created_at  text NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX enterprise_bindings_tax_code ON enterprise_bindings (tax_code);

CREATE TRIGGER enterprise_bindings_frozen BEFORE UPDATE ON enterprise_bindings FOR EACH ROW
WHEN (NEW.account_id IS DISTINCT FROM OLD.account_id OR NEW.tax_code IS DISTINCT FROM OLD.tax_code
  OR NEW.created_at IS DISTINCT FROM OLD.created_at)
EXECUTE FUNCTION dbi_refuse('a binding keeps its account and tax code');

CREATE TRIGGER enterprise_bindings_no_delete BEFORE DELETE ON enterprise_bindings
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('bindings are decided, never deleted');

ALTER TABLE api_keys ADD COLUMN owner_id text REFERENCES accounts (id);

CREATE TRIGGER api_keys_owner_frozen BEFORE UPDATE ON api_keys FOR EACH ROW
WHEN (NEW.owner_id IS DISTINCT FROM OLD.owner_id)
EXECUTE FUNCTION dbi_refuse('api keys can only be revoked');
`,
};
