// The assessment side on PostgreSQL: the same tables and guarantees as SQLite's migration 0002 (the workflow's
// order, which column may be written in which state, independence, permanence of certificates). PostgreSQL allows
// no subquery in a trigger's WHEN, so the rules that look at another table are small plpgsql functions. Their reads
// are safe against concurrent writers because every write of this package runs SERIALIZABLE.
// Frozen once shipped: later changes go in a new migration.
import type { PgMigration } from './types.js';

const TAX_CODE = `~ '^[0-9]{10}(-[0-9]{3})?$'`;
const COLUMN_STATE = `(NEW.col = 'self' AND a.status = 'draft')
     OR (NEW.col = 'department' AND a.status = 'submitted')
     OR (NEW.col = 'consultant' AND a.status = 'submitted' AND a.consultant_id IS NOT NULL)
     OR (NEW.col = 'ministry' AND a.status = 'reviewed')`;

export const pgMigration0002: PgMigration = {
  version: 2,
  name: 'assessments',
  sql: `
CREATE TABLE enterprises (
  tax_code         text PRIMARY KEY CHECK (tax_code ${TAX_CODE}),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  province         text NOT NULL,
  sector           text NOT NULL CHECK (sector IN ('agriculture-industry-construction', 'trade-services')),
  employees        bigint NOT NULL CHECK (employees >= 0),
  revenue_vnd      bigint CHECK (revenue_vnd >= 0),
  capital_vnd      bigint CHECK (capital_vnd >= 0),
  has_subsidiaries smallint NOT NULL CHECK (has_subsidiaries IN (0, 1)),
  size             text NOT NULL,
  classified_index text NOT NULL,
  classifier_id      text NOT NULL,
  classifier_version text NOT NULL,
  classifier_hash    text NOT NULL CHECK (length(classifier_hash) = 64),
  override_index   text,
  override_reason  text,
  override_by      text,
  override_at      text,
  created_at       text NOT NULL,
  created_by       text NOT NULL,
  updated_at       text NOT NULL,
  updated_by       text NOT NULL,
  CHECK ((override_index IS NULL) = (override_reason IS NULL)),
  CHECK ((override_index IS NULL) = (override_by IS NULL)),
  CHECK (override_reason IS NULL OR length(trim(override_reason)) > 0)
);
CREATE INDEX enterprises_province ON enterprises (province);
CREATE TRIGGER enterprises_no_delete BEFORE DELETE ON enterprises
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('enterprises are never deleted');
CREATE TRIGGER enterprises_key BEFORE UPDATE ON enterprises
FOR EACH ROW WHEN (NEW.tax_code IS DISTINCT FROM OLD.tax_code)
EXECUTE FUNCTION dbi_refuse('an enterprise keeps its tax code');

CREATE TABLE consultants (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  organisation text NOT NULL,
  created_at   text NOT NULL,
  created_by   text NOT NULL,
  updated_at   text NOT NULL,
  updated_by   text NOT NULL
);
CREATE TRIGGER consultants_no_delete BEFORE DELETE ON consultants
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('consultants are never deleted');
CREATE TRIGGER consultants_key BEFORE UPDATE ON consultants
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id)
EXECUTE FUNCTION dbi_refuse('a consultant keeps its id');

CREATE TABLE consultant_employers (
  consultant_id text NOT NULL REFERENCES consultants (id),
  tax_code      text NOT NULL CHECK (tax_code ${TAX_CODE}),
  PRIMARY KEY (consultant_id, tax_code)
);
CREATE INDEX consultant_employers_tax ON consultant_employers (substr(tax_code, 1, 10));

CREATE TABLE assessments (
  id            text PRIMARY KEY,
  tax_code      text NOT NULL REFERENCES enterprises (tax_code),
  index_id      text NOT NULL,
  index_version text NOT NULL,
  index_hash    text NOT NULL CHECK (length(index_hash) = 64),
  status        text NOT NULL CHECK (status IN ('draft', 'submitted', 'reviewed', 'appraised', 'certified')),
  consultant_id text REFERENCES consultants (id),
  reviewed_as   text CHECK (reviewed_as IN ('consultant', 'department')),
  created_at    text NOT NULL,
  created_by    text NOT NULL,
  updated_at    text NOT NULL,
  updated_by    text NOT NULL,
  submitted_at  text,
  submitted_by  text,
  reviewed_at   text,
  reviewed_by   text,
  appraised_at  text,
  appraised_by  text,
  certified_at  text,
  certified_by  text,
  FOREIGN KEY (index_id, index_version) REFERENCES index_versions (index_id, version),
  CHECK ((reviewed_as IS NULL) = (status IN ('draft', 'submitted'))),
  CHECK ((submitted_at IS NULL) = (status = 'draft')),
  CHECK ((reviewed_at IS NULL) = (status IN ('draft', 'submitted'))),
  CHECK ((appraised_at IS NULL) = (status IN ('draft', 'submitted', 'reviewed'))),
  CHECK ((certified_at IS NULL) = (status <> 'certified'))
);
CREATE INDEX assessments_tax_code ON assessments (tax_code);
CREATE INDEX assessments_consultant ON assessments (consultant_id);
CREATE INDEX assessments_status ON assessments (status);

-- Only published index versions are pinned; the pin itself never changes.
CREATE FUNCTION dbi_assessments_pin_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM index_versions v WHERE v.index_id = NEW.index_id AND v.version = NEW.index_version
                 AND v.status <> 'draft' AND v.hash = NEW.index_hash) THEN
    RAISE EXCEPTION 'an assessment is pinned to a published index version with its exact hash';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_pin_published BEFORE INSERT ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_assessments_pin_published();
CREATE TRIGGER assessments_pinned BEFORE UPDATE ON assessments
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.tax_code IS DISTINCT FROM OLD.tax_code
  OR NEW.index_id IS DISTINCT FROM OLD.index_id OR NEW.index_version IS DISTINCT FROM OLD.index_version
  OR NEW.index_hash IS DISTINCT FROM OLD.index_hash OR NEW.created_at IS DISTINCT FROM OLD.created_at
  OR NEW.created_by IS DISTINCT FROM OLD.created_by)
EXECUTE FUNCTION dbi_refuse('an assessment keeps its enterprise and its pinned index version');
CREATE TRIGGER assessments_forward BEFORE UPDATE OF status ON assessments
FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status AND NOT (
     (OLD.status = 'draft' AND NEW.status = 'submitted')
  OR (OLD.status = 'submitted' AND NEW.status = 'reviewed')
  OR (OLD.status = 'reviewed' AND NEW.status = 'appraised')
  OR (OLD.status = 'appraised' AND NEW.status = 'certified')))
EXECUTE FUNCTION dbi_refuse('assessment status moves only draft → submitted → reviewed → appraised → certified');
CREATE TRIGGER assessments_certified_frozen BEFORE UPDATE ON assessments
FOR EACH ROW WHEN (OLD.status = 'certified')
EXECUTE FUNCTION dbi_refuse('a certified assessment is final');
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('assessments are never deleted');

-- The consultant is assigned while the work is open, and never one who depends on the enterprise (§III.2).
CREATE TRIGGER assessments_assign_open BEFORE UPDATE OF consultant_id ON assessments
FOR EACH ROW WHEN (NEW.consultant_id IS DISTINCT FROM OLD.consultant_id AND OLD.status NOT IN ('draft', 'submitted'))
EXECUTE FUNCTION dbi_refuse('the consultant is assigned only while the assessment is draft or submitted');
CREATE FUNCTION dbi_assessments_independent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.consultant_id IS NOT NULL AND EXISTS (SELECT 1 FROM consultant_employers e
     WHERE e.consultant_id = NEW.consultant_id AND substr(e.tax_code, 1, 10) = substr(NEW.tax_code, 1, 10)) THEN
    RAISE EXCEPTION 'independence: the consultant is employed by this enterprise';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_independent_insert BEFORE INSERT ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_assessments_independent();
CREATE TRIGGER assessments_independent_update BEFORE UPDATE OF consultant_id ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_assessments_independent();
CREATE FUNCTION dbi_consultant_employers_independent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM assessments a WHERE a.consultant_id = NEW.consultant_id
     AND a.status IN ('draft', 'submitted') AND substr(a.tax_code, 1, 10) = substr(NEW.tax_code, 1, 10)) THEN
    RAISE EXCEPTION 'independence: the consultant is assigned to an open assessment of this enterprise';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER consultant_employers_independent BEFORE INSERT ON consultant_employers
FOR EACH ROW EXECUTE FUNCTION dbi_consultant_employers_independent();

CREATE TABLE assessment_columns (
  assessment_id text NOT NULL REFERENCES assessments (id),
  col           text NOT NULL CHECK (col IN ('self', 'consultant', 'department', 'ministry')),
  answers       text NOT NULL CHECK (answers::json IS NOT NULL),
  evidence      text NOT NULL CHECK (evidence::json IS NOT NULL),
  result        text NOT NULL CHECK (result::json IS NOT NULL),
  level         bigint NOT NULL,
  from_col      text CHECK (from_col IN ('self', 'consultant', 'department', 'ministry')),
  updated_at    text NOT NULL,
  updated_by    text NOT NULL,
  PRIMARY KEY (assessment_id, col)
);

-- Each column is written only in its state: self in draft, consultant and department in submitted, ministry in
-- reviewed; the consultant column only by an assigned, independent consultant.
CREATE FUNCTION dbi_assessment_columns_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'UPDATE' AND (NEW.assessment_id IS DISTINCT FROM OLD.assessment_id OR NEW.col IS DISTINCT FROM OLD.col))
     OR NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND (${COLUMN_STATE})) THEN
    RAISE EXCEPTION 'this column cannot be written in the assessment''s current state';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessment_columns_state_insert BEFORE INSERT ON assessment_columns
FOR EACH ROW EXECUTE FUNCTION dbi_assessment_columns_state();
CREATE TRIGGER assessment_columns_state_update BEFORE UPDATE ON assessment_columns
FOR EACH ROW EXECUTE FUNCTION dbi_assessment_columns_state();
CREATE TRIGGER assessment_columns_no_delete BEFORE DELETE ON assessment_columns
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('assessment columns are never deleted');

CREATE TABLE certificates (
  number            text PRIMARY KEY,
  assessment_id     text NOT NULL UNIQUE REFERENCES assessments (id),
  tax_code          text NOT NULL,
  enterprise_name   text NOT NULL,
  level             bigint NOT NULL,
  total             bigint NOT NULL,
  max               bigint NOT NULL,
  pillars           text NOT NULL CHECK (pillars::json IS NOT NULL),
  index_id          text NOT NULL,
  index_version     text NOT NULL,
  index_hash        text NOT NULL CHECK (length(index_hash) = 64),
  issued_on         text NOT NULL,
  issued_at         text NOT NULL,
  issued_by         text NOT NULL,
  status            text NOT NULL CHECK (status IN ('valid', 'revoked')),
  revoked_at        text,
  revoked_by        text,
  revocation_reason text,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  CHECK ((status = 'revoked') = (revocation_reason IS NOT NULL))
);
CREATE FUNCTION dbi_certificates_issued_for_certified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND a.status = 'certified') THEN
    RAISE EXCEPTION 'a certificate is issued only for a certified assessment';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certificates_issued_for_certified BEFORE INSERT ON certificates
FOR EACH ROW EXECUTE FUNCTION dbi_certificates_issued_for_certified();
-- What a certificate says never changes; it can only be revoked, once.
CREATE TRIGGER certificates_frozen BEFORE UPDATE ON certificates
FOR EACH ROW WHEN (OLD.status = 'revoked' OR NEW.status <> 'revoked'
  OR NEW.number IS DISTINCT FROM OLD.number OR NEW.assessment_id IS DISTINCT FROM OLD.assessment_id
  OR NEW.tax_code IS DISTINCT FROM OLD.tax_code OR NEW.enterprise_name IS DISTINCT FROM OLD.enterprise_name
  OR NEW.level IS DISTINCT FROM OLD.level OR NEW.total IS DISTINCT FROM OLD.total OR NEW.max IS DISTINCT FROM OLD.max
  OR NEW.pillars IS DISTINCT FROM OLD.pillars OR NEW.index_id IS DISTINCT FROM OLD.index_id
  OR NEW.index_version IS DISTINCT FROM OLD.index_version OR NEW.index_hash IS DISTINCT FROM OLD.index_hash
  OR NEW.issued_on IS DISTINCT FROM OLD.issued_on OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
  OR NEW.issued_by IS DISTINCT FROM OLD.issued_by)
EXECUTE FUNCTION dbi_refuse('a certificate can only be revoked');
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('certificates are revoked, never deleted');

CREATE TABLE enterprise_groups (
  id              text PRIMARY KEY,
  parent_tax_code text NOT NULL REFERENCES enterprises (tax_code),
  index_id        text NOT NULL,
  index_version   text NOT NULL,
  index_hash      text NOT NULL CHECK (length(index_hash) = 64),
  result          text NOT NULL CHECK (result::json IS NOT NULL),
  level           bigint NOT NULL,
  computed_at     text NOT NULL,
  created_at      text NOT NULL,
  created_by      text NOT NULL,
  updated_at      text NOT NULL,
  updated_by      text NOT NULL,
  FOREIGN KEY (index_id, index_version) REFERENCES index_versions (index_id, version)
);
CREATE INDEX enterprise_groups_parent ON enterprise_groups (parent_tax_code);
CREATE TRIGGER enterprise_groups_pinned BEFORE UPDATE ON enterprise_groups
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.parent_tax_code IS DISTINCT FROM OLD.parent_tax_code
  OR NEW.index_id IS DISTINCT FROM OLD.index_id OR NEW.index_version IS DISTINCT FROM OLD.index_version
  OR NEW.index_hash IS DISTINCT FROM OLD.index_hash)
EXECUTE FUNCTION dbi_refuse('a group keeps its parent and its pinned index version');
CREATE TRIGGER enterprise_groups_no_delete BEFORE DELETE ON enterprise_groups
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('groups are never deleted');

CREATE TABLE group_members (
  group_id      text NOT NULL REFERENCES enterprise_groups (id),
  position      bigint NOT NULL,
  tax_code      text NOT NULL REFERENCES enterprises (tax_code),
  relation      text NOT NULL CHECK (relation IN ('parent', 'subsidiary', 'dependent', 'branch', 'representative-office',
                                                 'public-service-unit', 'affiliate')),
  headcount     bigint NOT NULL CHECK (headcount >= 0),
  assessment_id text NOT NULL REFERENCES assessments (id),
  PRIMARY KEY (group_id, tax_code),
  UNIQUE (group_id, position)
);
CREATE INDEX group_members_assessment ON group_members (assessment_id);
CREATE FUNCTION dbi_group_members_own_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND a.tax_code = NEW.tax_code) THEN
    RAISE EXCEPTION 'a member unit is linked through one of its own assessments';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER group_members_own_assessment BEFORE INSERT ON group_members
FOR EACH ROW EXECUTE FUNCTION dbi_group_members_own_assessment();
`,
};
