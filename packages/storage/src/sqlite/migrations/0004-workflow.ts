// The whole workflow of Decision 1970 §III: returns for correction, withdrawal and cancellation (with their reasons,
// kept as history), the enterprise's request for a consultant or department assessment, the Ministry's direct
// assessment (reviewed as 'ministry'), per-criterion reasons on reviewer adjustments, the consulting organisation's
// own tax code, and at most one open assessment per enterprise and index. The database keeps each of these whatever
// code writes. Frozen once shipped: later changes go in a new migration.
//
// Why the `reviewed_as` CHECK is edited in sqlite_schema: SQLite cannot ALTER a CHECK, and rebuilding `assessments`
// (referenced by columns, certificates and group members, guarded by no-delete triggers) would also drop any column
// another migration added. Widening a CHECK so every stored row still satisfies it is the change SQLite's own
// documentation allows through `writable_schema` (ALTER TABLE, "other kinds of table schema changes"); the text is
// replaced in place, so columns other migrations add are kept.
import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

const TAX_CODE = `(length(%) = 10 AND % GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
  OR (length(%) = 14 AND % GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]')`;

const OLD_REVIEWED_AS = `reviewed_as   TEXT CHECK (reviewed_as IN ('consultant', 'department'))`;
const NEW_REVIEWED_AS = `reviewed_as   TEXT CHECK (reviewed_as IN ('consultant', 'department', 'ministry'))`;

/** Widens the reviewed_as CHECK to admit the Ministry's direct assessment (see the note at the top). */
function widenReviewedAs(db: Database): void {
  const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'assessments'").get() as {
    sql: string;
  };
  if (!table.sql.includes(OLD_REVIEWED_AS)) throw new Error('assessments.reviewed_as is not as migration 2 made it');
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'assessments'").run(
      OLD_REVIEWED_AS,
      NEW_REVIEWED_AS,
    );
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
}

export const migration0004: Migration = {
  version: 4,
  name: 'workflow',
  sql: `
ALTER TABLE assessments ADD COLUMN requested TEXT CHECK (requested IN ('consultant', 'department'));
ALTER TABLE assessments ADD COLUMN cancelled_at TEXT;
ALTER TABLE assessments ADD COLUMN cancelled_by TEXT;
ALTER TABLE assessment_columns ADD COLUMN reasons TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(reasons));
ALTER TABLE consultants ADD COLUMN organisation_tax_code TEXT
  CHECK (organisation_tax_code IS NULL OR ${TAX_CODE.replaceAll('%', 'organisation_tax_code')});

-- What happened to an assessment besides its forward steps, oldest first; never changed, never deleted.
CREATE TABLE assessment_events (
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  seq           INTEGER NOT NULL CHECK (seq >= 1),
  kind          TEXT NOT NULL CHECK (kind IN ('returned', 'withdrawn', 'cancelled', 'requested', 'direct',
                                              'submitted-incomplete', 'warning')),
  from_status   TEXT NOT NULL,
  to_status     TEXT NOT NULL,
  party         TEXT,
  reason        TEXT,
  at            TEXT NOT NULL,
  by            TEXT NOT NULL,
  PRIMARY KEY (assessment_id, seq),
  CHECK (kind NOT IN ('returned', 'withdrawn', 'cancelled', 'warning') OR length(trim(reason)) > 0)
) STRICT;
CREATE TRIGGER assessment_events_frozen BEFORE UPDATE ON assessment_events
BEGIN SELECT RAISE(ABORT, 'the history of an assessment is never changed'); END;
CREATE TRIGGER assessment_events_no_delete BEFORE DELETE ON assessment_events
BEGIN SELECT RAISE(ABORT, 'the history of an assessment is never deleted'); END;

-- Forward one step, a draft straight to reviewed (direct assessment), or one step back (a return or withdrawal,
-- which must be in the history first, with its reason).
DROP TRIGGER assessments_forward;
CREATE TRIGGER assessments_forward BEFORE UPDATE OF status ON assessments
WHEN NEW.status IS NOT OLD.status AND NOT (
     (OLD.status = 'draft' AND NEW.status = 'submitted')
  OR (OLD.status = 'submitted' AND NEW.status = 'reviewed')
  OR (OLD.status = 'reviewed' AND NEW.status = 'appraised')
  OR (OLD.status = 'appraised' AND NEW.status = 'certified')
  OR (OLD.status = 'draft' AND NEW.status = 'reviewed' AND NEW.reviewed_as = 'ministry')
  OR (OLD.status = 'submitted' AND NEW.status = 'draft')
  OR (OLD.status = 'reviewed' AND NEW.status = 'submitted')
  OR (OLD.status = 'appraised' AND NEW.status = 'reviewed'))
BEGIN SELECT RAISE(ABORT, 'assessment status moves one step forward, or one step back when returned or withdrawn'); END;
CREATE TRIGGER assessments_back_recorded BEFORE UPDATE OF status ON assessments
WHEN ((OLD.status = 'submitted' AND NEW.status = 'draft') OR (OLD.status = 'reviewed' AND NEW.status = 'submitted')
  OR (OLD.status = 'appraised' AND NEW.status = 'reviewed'))
  AND NOT EXISTS (SELECT 1 FROM assessment_events e WHERE e.assessment_id = NEW.id AND e.at = NEW.updated_at
                  AND e.kind IN ('returned', 'withdrawn') AND e.from_status = OLD.status AND e.to_status = NEW.status)
BEGIN SELECT RAISE(ABORT, 'a return or withdrawal is recorded with its reason before the assessment moves back'); END;
-- The Ministry reviews only by assessing directly; only a draft is cancelled, with its reason recorded; a cancelled
-- assessment is final.
CREATE TRIGGER assessments_direct BEFORE UPDATE OF reviewed_as ON assessments
WHEN NEW.reviewed_as = 'ministry' AND OLD.reviewed_as IS NOT 'ministry' AND OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the Ministry assesses directly only from a draft'); END;
CREATE TRIGGER assessments_cancel BEFORE UPDATE OF cancelled_at ON assessments
WHEN NEW.cancelled_at IS NOT NULL AND (OLD.status <> 'draft' OR NEW.status <> 'draft' OR NEW.cancelled_by IS NULL
  OR NOT EXISTS (SELECT 1 FROM assessment_events e WHERE e.assessment_id = NEW.id AND e.kind = 'cancelled'
                 AND e.at = NEW.cancelled_at))
BEGIN SELECT RAISE(ABORT, 'only a draft is cancelled, with its reason recorded'); END;
CREATE TRIGGER assessments_cancelled_frozen BEFORE UPDATE ON assessments WHEN OLD.cancelled_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a cancelled assessment is final'); END;

-- Each column only in its state (as in migration 2), never on a cancelled assessment, and a reviewer column only by
-- the party the enterprise asked when it asked one.
DROP TRIGGER assessment_columns_state_insert;
DROP TRIGGER assessment_columns_state_update;
CREATE TRIGGER assessment_columns_state_insert BEFORE INSERT ON assessment_columns
WHEN NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND a.cancelled_at IS NULL AND (
     (NEW.col = 'self' AND a.status = 'draft')
  OR (NEW.col = 'department' AND a.status = 'submitted' AND a.requested IS NOT 'consultant')
  OR (NEW.col = 'consultant' AND a.status = 'submitted' AND a.consultant_id IS NOT NULL AND a.requested IS NOT 'department')
  OR (NEW.col = 'ministry' AND a.status = 'reviewed')))
BEGIN SELECT RAISE(ABORT, 'this column cannot be written in the assessment''s current state'); END;
CREATE TRIGGER assessment_columns_state_update BEFORE UPDATE ON assessment_columns
WHEN NEW.assessment_id IS NOT OLD.assessment_id OR NEW.col IS NOT OLD.col OR NOT EXISTS (SELECT 1 FROM assessments a
  WHERE a.id = NEW.assessment_id AND a.cancelled_at IS NULL AND (
     (NEW.col = 'self' AND a.status = 'draft')
  OR (NEW.col = 'department' AND a.status = 'submitted' AND a.requested IS NOT 'consultant')
  OR (NEW.col = 'consultant' AND a.status = 'submitted' AND a.consultant_id IS NOT NULL AND a.requested IS NOT 'department')
  OR (NEW.col = 'ministry' AND a.status = 'reviewed')))
BEGIN SELECT RAISE(ABORT, 'this column cannot be written in the assessment''s current state'); END;

-- §III.2: the consulting organisation does not assess itself (nor its branches).
CREATE TRIGGER assessments_independent_organisation BEFORE UPDATE OF consultant_id ON assessments
WHEN NEW.consultant_id IS NOT NULL AND EXISTS (SELECT 1 FROM consultants c WHERE c.id = NEW.consultant_id
  AND substr(c.organisation_tax_code, 1, 10) = substr(NEW.tax_code, 1, 10))
BEGIN SELECT RAISE(ABORT, 'independence: the consultant''s organisation is this enterprise'); END;

-- One open assessment (not certified, not cancelled) per enterprise and index: parallel drafts do not pile up.
CREATE UNIQUE INDEX assessments_one_open ON assessments (tax_code, index_id)
WHERE status <> 'certified' AND cancelled_at IS NULL;
`,
  up: widenReviewedAs,
};
