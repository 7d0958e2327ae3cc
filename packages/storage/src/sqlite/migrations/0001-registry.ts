// The index registry, API keys and the audit log. Immutability of published versions and of the audit log is
// enforced here, in the database, so no code path (or hand-written SQL) can change what integrators pinned.
// Frozen once shipped: later changes go in a new migration.
import type { Migration } from './types.js';

export const migration0001: Migration = {
  version: 1,
  name: 'registry',
  sql: `
CREATE TABLE indices (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  national     INTEGER NOT NULL CHECK (national IN (0, 1)),
  derived_from TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
) STRICT;

-- An index row is fixed at creation: its id, kind and lineage never change.
CREATE TRIGGER indices_no_update BEFORE UPDATE ON indices
BEGIN SELECT RAISE(ABORT, 'indices are immutable once created'); END;

CREATE TABLE index_versions (
  index_id      TEXT NOT NULL REFERENCES indices(id) ON DELETE RESTRICT,
  version       TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('draft', 'published', 'deprecated')),
  definition    TEXT NOT NULL CHECK (json_valid(definition)),
  hash          TEXT NOT NULL CHECK (length(hash) = 64),
  derived_from  TEXT,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  published_at  TEXT,
  published_by  TEXT,
  deprecated_at TEXT,
  deprecated_by TEXT,
  PRIMARY KEY (index_id, version),
  CHECK ((status = 'draft') = (published_at IS NULL)),
  CHECK ((status = 'deprecated') = (deprecated_at IS NOT NULL))
) STRICT;

-- Published (and deprecated) versions are immutable forever: no column but status may change, and status may
-- only move forward (draft → published → deprecated).
CREATE TRIGGER index_versions_frozen BEFORE UPDATE ON index_versions
WHEN OLD.status <> 'draft' AND (
     NEW.index_id     IS NOT OLD.index_id
  OR NEW.version      IS NOT OLD.version
  OR NEW.definition   IS NOT OLD.definition
  OR NEW.hash         IS NOT OLD.hash
  OR NEW.derived_from IS NOT OLD.derived_from
  OR NEW.created_at   IS NOT OLD.created_at
  OR NEW.created_by   IS NOT OLD.created_by
  OR NEW.updated_at   IS NOT OLD.updated_at
  OR NEW.updated_by   IS NOT OLD.updated_by
  OR NEW.published_at IS NOT OLD.published_at
  OR NEW.published_by IS NOT OLD.published_by
  OR (OLD.status = 'deprecated' AND (NEW.deprecated_at IS NOT OLD.deprecated_at OR NEW.deprecated_by IS NOT OLD.deprecated_by)))
BEGIN SELECT RAISE(ABORT, 'published index versions are immutable'); END;

CREATE TRIGGER index_versions_status BEFORE UPDATE ON index_versions
WHEN NOT (NEW.status = OLD.status
       OR (OLD.status = 'draft' AND NEW.status = 'published')
       OR (OLD.status = 'published' AND NEW.status = 'deprecated'))
BEGIN SELECT RAISE(ABORT, 'index version status may only move draft → published → deprecated'); END;

-- A draft's identity is fixed too (its key is what other rows and the audit log refer to).
CREATE TRIGGER index_versions_key BEFORE UPDATE ON index_versions
WHEN NEW.index_id IS NOT OLD.index_id OR NEW.version IS NOT OLD.version
BEGIN SELECT RAISE(ABORT, 'an index version keeps its id and version'); END;

CREATE TRIGGER index_versions_no_delete BEFORE DELETE ON index_versions
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'published index versions are immutable'); END;

CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
  role       TEXT NOT NULL CHECK (role IN ('ministry-editor', 'ministry-publisher', 'sector-ministry',
                                           'provincial-department', 'consultant', 'enterprise', 'integrator')),
  scope      TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
) STRICT;

-- A key's identity, secret hash, role and scope never change; revocation is final.
CREATE TRIGGER api_keys_frozen BEFORE UPDATE ON api_keys
WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.hash IS NOT OLD.hash OR NEW.role IS NOT OLD.role
  OR NEW.scope IS NOT OLD.scope OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
  OR (OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS NOT OLD.revoked_at OR NEW.revoked_by IS NOT OLD.revoked_by))
BEGIN SELECT RAISE(ABORT, 'api keys can only be revoked'); END;

CREATE TRIGGER api_keys_no_delete BEFORE DELETE ON api_keys
BEGIN SELECT RAISE(ABORT, 'api keys are revoked, never deleted'); END;

CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor_id    TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL,
  before_hash TEXT,
  after_hash  TEXT
) STRICT;
CREATE INDEX audit_log_target ON audit_log (target, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
};
