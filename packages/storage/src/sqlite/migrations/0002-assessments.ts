// The assessment side of the portal (Decision 1970 §III): enterprises, independent consultants, assessments with
// the four columns, certificates and group roll-ups. The workflow's order, which column may be written in which
// state, the independence rule and the permanence of certificates are enforced here too, so no code path (or
// hand-written SQL) can skip a step. Frozen once shipped: later changes go in a new migration.
import type { Migration } from './types.js';

const TAX_CODE = `(length(%) = 10 AND % GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
  OR (length(%) = 14 AND % GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]')`;
const taxCode = (col: string) => TAX_CODE.replaceAll('%', col);

export const migration0002: Migration = {
  version: 2,
  name: 'assessments',
  sql: `
CREATE TABLE enterprises (
  tax_code         TEXT PRIMARY KEY CHECK (${taxCode('tax_code')}),
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  province         TEXT NOT NULL,
  sector           TEXT NOT NULL CHECK (sector IN ('agriculture-industry-construction', 'trade-services')),
  employees        INTEGER NOT NULL CHECK (employees >= 0),
  revenue_vnd      INTEGER CHECK (revenue_vnd >= 0),
  capital_vnd      INTEGER CHECK (capital_vnd >= 0),
  has_subsidiaries INTEGER NOT NULL CHECK (has_subsidiaries IN (0, 1)),
  size             TEXT NOT NULL,
  classified_index TEXT NOT NULL,
  classifier_id      TEXT NOT NULL,
  classifier_version TEXT NOT NULL,
  classifier_hash    TEXT NOT NULL CHECK (length(classifier_hash) = 64),
  override_index   TEXT,
  override_reason  TEXT,
  override_by      TEXT,
  override_at      TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL,
  -- An override always carries its reason and who set it.
  CHECK ((override_index IS NULL) = (override_reason IS NULL)),
  CHECK ((override_index IS NULL) = (override_by IS NULL)),
  CHECK (override_reason IS NULL OR length(trim(override_reason)) > 0)
) STRICT;
CREATE INDEX enterprises_province ON enterprises (province);

CREATE TRIGGER enterprises_no_delete BEFORE DELETE ON enterprises
BEGIN SELECT RAISE(ABORT, 'enterprises are never deleted'); END;
CREATE TRIGGER enterprises_key BEFORE UPDATE ON enterprises WHEN NEW.tax_code IS NOT OLD.tax_code
BEGIN SELECT RAISE(ABORT, 'an enterprise keeps its tax code'); END;

CREATE TABLE consultants (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  organisation TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL
) STRICT;
CREATE TRIGGER consultants_no_delete BEFORE DELETE ON consultants
BEGIN SELECT RAISE(ABORT, 'consultants are never deleted'); END;
CREATE TRIGGER consultants_key BEFORE UPDATE ON consultants WHEN NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'a consultant keeps its id'); END;

-- Employers need not be registered enterprises: the rule compares tax codes.
CREATE TABLE consultant_employers (
  consultant_id TEXT NOT NULL REFERENCES consultants (id),
  tax_code      TEXT NOT NULL CHECK (${taxCode('tax_code')}),
  PRIMARY KEY (consultant_id, tax_code)
) STRICT;
CREATE INDEX consultant_employers_tax ON consultant_employers (substr(tax_code, 1, 10));

CREATE TABLE assessments (
  id            TEXT PRIMARY KEY,
  tax_code      TEXT NOT NULL REFERENCES enterprises (tax_code),
  index_id      TEXT NOT NULL,
  index_version TEXT NOT NULL,
  index_hash    TEXT NOT NULL CHECK (length(index_hash) = 64),
  status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'reviewed', 'appraised', 'certified')),
  consultant_id TEXT REFERENCES consultants (id),
  reviewed_as   TEXT CHECK (reviewed_as IN ('consultant', 'department')),
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  submitted_at  TEXT,
  submitted_by  TEXT,
  reviewed_at   TEXT,
  reviewed_by   TEXT,
  appraised_at  TEXT,
  appraised_by  TEXT,
  certified_at  TEXT,
  certified_by  TEXT,
  FOREIGN KEY (index_id, index_version) REFERENCES index_versions (index_id, version),
  CHECK ((reviewed_as IS NULL) = (status IN ('draft', 'submitted'))),
  CHECK ((submitted_at IS NULL) = (status = 'draft')),
  CHECK ((reviewed_at IS NULL) = (status IN ('draft', 'submitted'))),
  CHECK ((appraised_at IS NULL) = (status IN ('draft', 'submitted', 'reviewed'))),
  CHECK ((certified_at IS NULL) = (status <> 'certified'))
) STRICT;
CREATE INDEX assessments_tax_code ON assessments (tax_code);
CREATE INDEX assessments_consultant ON assessments (consultant_id);
CREATE INDEX assessments_status ON assessments (status);

-- Only published index versions are pinned; the pin itself never changes.
CREATE TRIGGER assessments_pin_published BEFORE INSERT ON assessments
WHEN NOT EXISTS (SELECT 1 FROM index_versions v WHERE v.index_id = NEW.index_id AND v.version = NEW.index_version
                 AND v.status <> 'draft' AND v.hash = NEW.index_hash)
BEGIN SELECT RAISE(ABORT, 'an assessment is pinned to a published index version with its exact hash'); END;
CREATE TRIGGER assessments_pinned BEFORE UPDATE ON assessments
WHEN NEW.id IS NOT OLD.id OR NEW.tax_code IS NOT OLD.tax_code OR NEW.index_id IS NOT OLD.index_id
  OR NEW.index_version IS NOT OLD.index_version OR NEW.index_hash IS NOT OLD.index_hash
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'an assessment keeps its enterprise and its pinned index version'); END;
CREATE TRIGGER assessments_forward BEFORE UPDATE OF status ON assessments
WHEN NEW.status IS NOT OLD.status AND NOT (
     (OLD.status = 'draft' AND NEW.status = 'submitted')
  OR (OLD.status = 'submitted' AND NEW.status = 'reviewed')
  OR (OLD.status = 'reviewed' AND NEW.status = 'appraised')
  OR (OLD.status = 'appraised' AND NEW.status = 'certified'))
BEGIN SELECT RAISE(ABORT, 'assessment status moves only draft → submitted → reviewed → appraised → certified'); END;
CREATE TRIGGER assessments_certified_frozen BEFORE UPDATE ON assessments WHEN OLD.status = 'certified'
BEGIN SELECT RAISE(ABORT, 'a certified assessment is final'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are never deleted'); END;

-- The consultant is assigned while the work is open, and never one who depends on the enterprise (§III.2).
CREATE TRIGGER assessments_assign_open BEFORE UPDATE OF consultant_id ON assessments
WHEN NEW.consultant_id IS NOT OLD.consultant_id AND OLD.status NOT IN ('draft', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the consultant is assigned only while the assessment is draft or submitted'); END;
CREATE TRIGGER assessments_independent_insert BEFORE INSERT ON assessments
WHEN NEW.consultant_id IS NOT NULL AND EXISTS (SELECT 1 FROM consultant_employers e
  WHERE e.consultant_id = NEW.consultant_id AND substr(e.tax_code, 1, 10) = substr(NEW.tax_code, 1, 10))
BEGIN SELECT RAISE(ABORT, 'independence: the consultant is employed by this enterprise'); END;
CREATE TRIGGER assessments_independent_update BEFORE UPDATE OF consultant_id ON assessments
WHEN NEW.consultant_id IS NOT NULL AND EXISTS (SELECT 1 FROM consultant_employers e
  WHERE e.consultant_id = NEW.consultant_id AND substr(e.tax_code, 1, 10) = substr(NEW.tax_code, 1, 10))
BEGIN SELECT RAISE(ABORT, 'independence: the consultant is employed by this enterprise'); END;
CREATE TRIGGER consultant_employers_independent BEFORE INSERT ON consultant_employers
WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.consultant_id = NEW.consultant_id
  AND a.status IN ('draft', 'submitted') AND substr(a.tax_code, 1, 10) = substr(NEW.tax_code, 1, 10))
BEGIN SELECT RAISE(ABORT, 'independence: the consultant is assigned to an open assessment of this enterprise'); END;

CREATE TABLE assessment_columns (
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  col           TEXT NOT NULL CHECK (col IN ('self', 'consultant', 'department', 'ministry')),
  answers       TEXT NOT NULL CHECK (json_valid(answers)),
  evidence      TEXT NOT NULL CHECK (json_valid(evidence)),
  result        TEXT NOT NULL CHECK (json_valid(result)),
  level         INTEGER NOT NULL,
  from_col      TEXT CHECK (from_col IN ('self', 'consultant', 'department', 'ministry')),
  updated_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  PRIMARY KEY (assessment_id, col)
) STRICT;

-- Each column is written only in its state: self in draft, consultant and department in submitted, ministry in
-- reviewed; the consultant column only by an assigned, independent consultant.
CREATE TRIGGER assessment_columns_state_insert BEFORE INSERT ON assessment_columns
WHEN NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND (
     (NEW.col = 'self' AND a.status = 'draft')
  OR (NEW.col = 'department' AND a.status = 'submitted')
  OR (NEW.col = 'consultant' AND a.status = 'submitted' AND a.consultant_id IS NOT NULL)
  OR (NEW.col = 'ministry' AND a.status = 'reviewed')))
BEGIN SELECT RAISE(ABORT, 'this column cannot be written in the assessment''s current state'); END;
CREATE TRIGGER assessment_columns_state_update BEFORE UPDATE ON assessment_columns
WHEN NEW.assessment_id IS NOT OLD.assessment_id OR NEW.col IS NOT OLD.col OR NOT EXISTS (SELECT 1 FROM assessments a
  WHERE a.id = NEW.assessment_id AND (
     (NEW.col = 'self' AND a.status = 'draft')
  OR (NEW.col = 'department' AND a.status = 'submitted')
  OR (NEW.col = 'consultant' AND a.status = 'submitted' AND a.consultant_id IS NOT NULL)
  OR (NEW.col = 'ministry' AND a.status = 'reviewed')))
BEGIN SELECT RAISE(ABORT, 'this column cannot be written in the assessment''s current state'); END;
CREATE TRIGGER assessment_columns_no_delete BEFORE DELETE ON assessment_columns
BEGIN SELECT RAISE(ABORT, 'assessment columns are never deleted'); END;

CREATE TABLE certificates (
  number            TEXT PRIMARY KEY,
  assessment_id     TEXT NOT NULL UNIQUE REFERENCES assessments (id),
  tax_code          TEXT NOT NULL,
  enterprise_name   TEXT NOT NULL,
  level             INTEGER NOT NULL,
  total             INTEGER NOT NULL,
  max               INTEGER NOT NULL,
  pillars           TEXT NOT NULL CHECK (json_valid(pillars)),
  index_id          TEXT NOT NULL,
  index_version     TEXT NOT NULL,
  index_hash        TEXT NOT NULL CHECK (length(index_hash) = 64),
  issued_on         TEXT NOT NULL,
  issued_at         TEXT NOT NULL,
  issued_by         TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('valid', 'revoked')),
  revoked_at        TEXT,
  revoked_by        TEXT,
  revocation_reason TEXT,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  CHECK ((status = 'revoked') = (revocation_reason IS NOT NULL))
) STRICT;

CREATE TRIGGER certificates_issued_for_certified BEFORE INSERT ON certificates
WHEN NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND a.status = 'certified')
BEGIN SELECT RAISE(ABORT, 'a certificate is issued only for a certified assessment'); END;
-- What a certificate says never changes; it can only be revoked, once.
CREATE TRIGGER certificates_frozen BEFORE UPDATE ON certificates
WHEN OLD.status = 'revoked' OR NEW.status <> 'revoked'
  OR NEW.number IS NOT OLD.number OR NEW.assessment_id IS NOT OLD.assessment_id OR NEW.tax_code IS NOT OLD.tax_code
  OR NEW.enterprise_name IS NOT OLD.enterprise_name OR NEW.level IS NOT OLD.level OR NEW.total IS NOT OLD.total
  OR NEW.max IS NOT OLD.max OR NEW.pillars IS NOT OLD.pillars OR NEW.index_id IS NOT OLD.index_id
  OR NEW.index_version IS NOT OLD.index_version OR NEW.index_hash IS NOT OLD.index_hash
  OR NEW.issued_on IS NOT OLD.issued_on OR NEW.issued_at IS NOT OLD.issued_at OR NEW.issued_by IS NOT OLD.issued_by
BEGIN SELECT RAISE(ABORT, 'a certificate can only be revoked'); END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are revoked, never deleted'); END;

CREATE TABLE enterprise_groups (
  id              TEXT PRIMARY KEY,
  parent_tax_code TEXT NOT NULL REFERENCES enterprises (tax_code),
  index_id        TEXT NOT NULL,
  index_version   TEXT NOT NULL,
  index_hash      TEXT NOT NULL CHECK (length(index_hash) = 64),
  result          TEXT NOT NULL CHECK (json_valid(result)),
  level           INTEGER NOT NULL,
  computed_at     TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  updated_by      TEXT NOT NULL,
  FOREIGN KEY (index_id, index_version) REFERENCES index_versions (index_id, version)
) STRICT;
CREATE INDEX enterprise_groups_parent ON enterprise_groups (parent_tax_code);
CREATE TRIGGER enterprise_groups_pinned BEFORE UPDATE ON enterprise_groups
WHEN NEW.id IS NOT OLD.id OR NEW.parent_tax_code IS NOT OLD.parent_tax_code OR NEW.index_id IS NOT OLD.index_id
  OR NEW.index_version IS NOT OLD.index_version OR NEW.index_hash IS NOT OLD.index_hash
BEGIN SELECT RAISE(ABORT, 'a group keeps its parent and its pinned index version'); END;
CREATE TRIGGER enterprise_groups_no_delete BEFORE DELETE ON enterprise_groups
BEGIN SELECT RAISE(ABORT, 'groups are never deleted'); END;

CREATE TABLE group_members (
  group_id      TEXT NOT NULL REFERENCES enterprise_groups (id),
  position      INTEGER NOT NULL,
  tax_code      TEXT NOT NULL REFERENCES enterprises (tax_code),
  relation      TEXT NOT NULL CHECK (relation IN ('parent', 'subsidiary', 'dependent', 'branch', 'representative-office',
                                                 'public-service-unit', 'affiliate')),
  headcount     INTEGER NOT NULL CHECK (headcount >= 0),
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  PRIMARY KEY (group_id, tax_code),
  UNIQUE (group_id, position)
) STRICT;
CREATE INDEX group_members_assessment ON group_members (assessment_id);
-- A member unit is linked through an assessment of that same unit.
CREATE TRIGGER group_members_own_assessment BEFORE INSERT ON group_members
WHEN NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = NEW.assessment_id AND a.tax_code = NEW.tax_code)
BEGIN SELECT RAISE(ABORT, 'a member unit is linked through one of its own assessments'); END;
`,
};
