// PostgreSQL's counterpart of SQLite's migration 0004-workflow: returns, withdrawal and cancellation kept as history
// with their reasons, the enterprise's request for a consultant or department assessment, the Ministry's direct
// assessment, per-criterion reasons, the consulting organisation's tax code and one open assessment per enterprise
// and index — the same tables, columns, trigger names and guarantees. Frozen once shipped.
import type { PgMigration } from './types.js';

const COLUMN_STATE = `a.cancelled_at IS NULL AND (
        (NEW.col = 'self' AND a.status = 'draft')
     OR (NEW.col = 'department' AND a.status = 'submitted' AND a.requested IS DISTINCT FROM 'consultant')
     OR (NEW.col = 'consultant' AND a.status = 'submitted' AND a.consultant_id IS NOT NULL
         AND a.requested IS DISTINCT FROM 'department')
     OR (NEW.col = 'ministry' AND a.status = 'reviewed'))`;

export const pgMigration0004: PgMigration = {
  version: 4,
  name: 'workflow',
  sql: `
ALTER TABLE assessments ADD COLUMN requested text CHECK (requested IN ('consultant', 'department'));
ALTER TABLE assessments ADD COLUMN cancelled_at text;
ALTER TABLE assessments ADD COLUMN cancelled_by text;
ALTER TABLE assessment_columns ADD COLUMN reasons text NOT NULL DEFAULT '{}' CHECK (reasons::json IS NOT NULL);
ALTER TABLE consultants ADD COLUMN organisation_tax_code text
  CHECK (organisation_tax_code IS NULL OR organisation_tax_code ~ '^[0-9]{10}(-[0-9]{3})?$');
ALTER TABLE assessments DROP CONSTRAINT assessments_reviewed_as_check;
ALTER TABLE assessments ADD CONSTRAINT assessments_reviewed_as_check
  CHECK (reviewed_as IN ('consultant', 'department', 'ministry'));

CREATE TABLE assessment_events (
  assessment_id text NOT NULL REFERENCES assessments (id),
  seq           bigint NOT NULL CHECK (seq >= 1),
  kind          text NOT NULL CHECK (kind IN ('returned', 'withdrawn', 'cancelled', 'requested', 'direct',
                                              'submitted-incomplete', 'warning')),
  from_status   text NOT NULL,
  to_status     text NOT NULL,
  party         text,
  reason        text,
  at            text NOT NULL,
  by            text NOT NULL,
  PRIMARY KEY (assessment_id, seq),
  CHECK (kind NOT IN ('returned', 'withdrawn', 'cancelled', 'warning') OR length(trim(reason)) > 0)
);
CREATE TRIGGER assessment_events_frozen BEFORE UPDATE ON assessment_events
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('the history of an assessment is never changed');
CREATE TRIGGER assessment_events_no_delete BEFORE DELETE ON assessment_events
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('the history of an assessment is never deleted');

DROP TRIGGER assessments_forward ON assessments;
CREATE TRIGGER assessments_forward BEFORE UPDATE OF status ON assessments
FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status AND NOT (
     (OLD.status = 'draft' AND NEW.status = 'submitted')
  OR (OLD.status = 'submitted' AND NEW.status = 'reviewed')
  OR (OLD.status = 'reviewed' AND NEW.status = 'appraised')
  OR (OLD.status = 'appraised' AND NEW.status = 'certified')
  OR (OLD.status = 'draft' AND NEW.status = 'reviewed' AND NEW.reviewed_as = 'ministry')
  OR (OLD.status = 'submitted' AND NEW.status = 'draft')
  OR (OLD.status = 'reviewed' AND NEW.status = 'submitted')
  OR (OLD.status = 'appraised' AND NEW.status = 'reviewed')))
EXECUTE FUNCTION dbi_refuse('assessment status moves one step forward, or one step back when returned or withdrawn');
CREATE FUNCTION dbi_assessments_back_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM assessment_events e WHERE e.assessment_id = NEW.id AND e.at = NEW.updated_at
                 AND e.kind IN ('returned', 'withdrawn') AND e.from_status = OLD.status AND e.to_status = NEW.status) THEN
    RAISE EXCEPTION 'a return or withdrawal is recorded with its reason before the assessment moves back';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_back_recorded BEFORE UPDATE OF status ON assessments
FOR EACH ROW WHEN ((OLD.status = 'submitted' AND NEW.status = 'draft')
  OR (OLD.status = 'reviewed' AND NEW.status = 'submitted') OR (OLD.status = 'appraised' AND NEW.status = 'reviewed'))
EXECUTE FUNCTION dbi_assessments_back_recorded();
CREATE TRIGGER assessments_direct BEFORE UPDATE OF reviewed_as ON assessments
FOR EACH ROW WHEN (NEW.reviewed_as = 'ministry' AND OLD.reviewed_as IS DISTINCT FROM 'ministry' AND OLD.status <> 'draft')
EXECUTE FUNCTION dbi_refuse('the Ministry assesses directly only from a draft');
CREATE FUNCTION dbi_assessments_cancel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' OR NEW.status <> 'draft' OR NEW.cancelled_by IS NULL
     OR NOT EXISTS (SELECT 1 FROM assessment_events e WHERE e.assessment_id = NEW.id AND e.kind = 'cancelled'
                    AND e.at = NEW.cancelled_at) THEN
    RAISE EXCEPTION 'only a draft is cancelled, with its reason recorded';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_cancel BEFORE UPDATE OF cancelled_at ON assessments
FOR EACH ROW WHEN (NEW.cancelled_at IS NOT NULL) EXECUTE FUNCTION dbi_assessments_cancel();
CREATE TRIGGER assessments_cancelled_frozen BEFORE UPDATE ON assessments
FOR EACH ROW WHEN (OLD.cancelled_at IS NOT NULL) EXECUTE FUNCTION dbi_refuse('a cancelled assessment is final');

CREATE OR REPLACE FUNCTION dbi_assessment_columns_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'UPDATE' AND (NEW.assessment_id IS DISTINCT FROM OLD.assessment_id OR NEW.col IS DISTINCT FROM OLD.col))
     OR NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND ${COLUMN_STATE}) THEN
    RAISE EXCEPTION 'this column cannot be written in the assessment''s current state';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION dbi_assessments_independent_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.consultant_id IS NOT NULL AND EXISTS (SELECT 1 FROM consultants c WHERE c.id = NEW.consultant_id
     AND substr(c.organisation_tax_code, 1, 10) = substr(NEW.tax_code, 1, 10)) THEN
    RAISE EXCEPTION 'independence: the consultant''s organisation is this enterprise';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_independent_organisation BEFORE UPDATE OF consultant_id ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_assessments_independent_organisation();

CREATE UNIQUE INDEX assessments_one_open ON assessments (tax_code, index_id)
WHERE status <> 'certified' AND cancelled_at IS NULL;
`,
};
