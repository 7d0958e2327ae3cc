// The index registry, API keys and the audit log on PostgreSQL: the same tables and guarantees as SQLite's
// migration 0001. Column types keep SQLite's values exactly (text timestamps as written, JSON as its text, 0/1
// flags, 64-bit integers), so one row mapper serves both backends and `dbi admin copy` moves rows unchanged.
// Refusals are trigger functions raising SQLSTATE P0001 with the SQLite trigger's message.
// Frozen once shipped: later changes go in a new migration.
import type { PgMigration } from './types.js';

export const pgMigration0001: PgMigration = {
  version: 1,
  name: 'registry',
  sql: `
-- Refuses the row change with the message given as the trigger's argument.
CREATE FUNCTION dbi_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;

CREATE TABLE indices (
  id           text PRIMARY KEY,
  kind         text NOT NULL,
  national     smallint NOT NULL CHECK (national IN (0, 1)),
  derived_from text,
  created_at   text NOT NULL,
  created_by   text NOT NULL
);
CREATE TRIGGER indices_no_update BEFORE UPDATE ON indices
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('indices are immutable once created');

CREATE TABLE index_versions (
  index_id      text NOT NULL REFERENCES indices (id) ON DELETE RESTRICT,
  version       text NOT NULL,
  status        text NOT NULL CHECK (status IN ('draft', 'published', 'deprecated')),
  definition    text NOT NULL CHECK (definition::json IS NOT NULL),
  hash          text NOT NULL CHECK (length(hash) = 64),
  derived_from  text,
  created_at    text NOT NULL,
  created_by    text NOT NULL,
  updated_at    text NOT NULL,
  updated_by    text NOT NULL,
  published_at  text,
  published_by  text,
  deprecated_at text,
  deprecated_by text,
  PRIMARY KEY (index_id, version),
  CHECK ((status = 'draft') = (published_at IS NULL)),
  CHECK ((status = 'deprecated') = (deprecated_at IS NOT NULL))
);

-- Published (and deprecated) versions are immutable forever: no column but status may change, and status may
-- only move forward (draft → published → deprecated).
CREATE TRIGGER index_versions_frozen BEFORE UPDATE ON index_versions
FOR EACH ROW WHEN (OLD.status <> 'draft' AND (
     NEW.index_id     IS DISTINCT FROM OLD.index_id
  OR NEW.version      IS DISTINCT FROM OLD.version
  OR NEW.definition   IS DISTINCT FROM OLD.definition
  OR NEW.hash         IS DISTINCT FROM OLD.hash
  OR NEW.derived_from IS DISTINCT FROM OLD.derived_from
  OR NEW.created_at   IS DISTINCT FROM OLD.created_at
  OR NEW.created_by   IS DISTINCT FROM OLD.created_by
  OR NEW.updated_at   IS DISTINCT FROM OLD.updated_at
  OR NEW.updated_by   IS DISTINCT FROM OLD.updated_by
  OR NEW.published_at IS DISTINCT FROM OLD.published_at
  OR NEW.published_by IS DISTINCT FROM OLD.published_by
  OR (OLD.status = 'deprecated' AND (NEW.deprecated_at IS DISTINCT FROM OLD.deprecated_at
                                  OR NEW.deprecated_by IS DISTINCT FROM OLD.deprecated_by))))
EXECUTE FUNCTION dbi_refuse('published index versions are immutable');

CREATE TRIGGER index_versions_status BEFORE UPDATE ON index_versions
FOR EACH ROW WHEN (NOT (NEW.status = OLD.status
       OR (OLD.status = 'draft' AND NEW.status = 'published')
       OR (OLD.status = 'published' AND NEW.status = 'deprecated')))
EXECUTE FUNCTION dbi_refuse('index version status may only move draft → published → deprecated');

CREATE TRIGGER index_versions_key BEFORE UPDATE ON index_versions
FOR EACH ROW WHEN (NEW.index_id IS DISTINCT FROM OLD.index_id OR NEW.version IS DISTINCT FROM OLD.version)
EXECUTE FUNCTION dbi_refuse('an index version keeps its id and version');

CREATE TRIGGER index_versions_no_delete BEFORE DELETE ON index_versions
FOR EACH ROW WHEN (OLD.status <> 'draft')
EXECUTE FUNCTION dbi_refuse('published index versions are immutable');
-- Row triggers do not see TRUNCATE.
CREATE TRIGGER index_versions_no_truncate BEFORE TRUNCATE ON index_versions
FOR EACH STATEMENT EXECUTE FUNCTION dbi_refuse('published index versions are immutable');

CREATE TABLE api_keys (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  hash       text NOT NULL UNIQUE CHECK (length(hash) = 64),
  role       text NOT NULL CHECK (role IN ('ministry-editor', 'ministry-publisher', 'sector-ministry',
                                           'provincial-department', 'consultant', 'enterprise', 'integrator')),
  scope      text,
  created_at text NOT NULL,
  created_by text NOT NULL,
  revoked_at text,
  revoked_by text
);

-- A key's identity, secret hash, role and scope never change; revocation is final.
CREATE TRIGGER api_keys_frozen BEFORE UPDATE ON api_keys
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.name IS DISTINCT FROM OLD.name
  OR NEW.hash IS DISTINCT FROM OLD.hash OR NEW.role IS DISTINCT FROM OLD.role OR NEW.scope IS DISTINCT FROM OLD.scope
  OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.created_by IS DISTINCT FROM OLD.created_by
  OR (OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                                   OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by)))
EXECUTE FUNCTION dbi_refuse('api keys can only be revoked');
CREATE TRIGGER api_keys_no_delete BEFORE DELETE ON api_keys
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('api keys are revoked, never deleted');

CREATE TABLE audit_log (
  seq         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at          text NOT NULL,
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  action      text NOT NULL,
  target      text NOT NULL,
  before_hash text,
  after_hash  text
);
CREATE INDEX audit_log_target ON audit_log (target, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION dbi_refuse('the audit log is append-only');
`,
};
