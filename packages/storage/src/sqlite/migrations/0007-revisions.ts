// Revisions of an index: when each published version entered and left force, and draft assessments that move to a
// newer published version of their index (answers carried by the crosswalk, what was not carried recorded).
// - `version_force`: registry metadata beside the (hashed, immutable) definition. A version enters force on its
//   instrument's `effective` date when it is published (or imported published); it leaves force when a successor of
//   the same index enters force (the successor's entry date, set by the trigger below), never by hand.
// - `assessments_pinned` is replaced: the pin may now change, but only while the assessment is a draft, only within
//   its index, and only to a published version with its exact hash.
// - `assessment_moves`: each move, with the criteria that were not carried (JSON), append-only.
import type { Migration } from './types.js';

const enterForce = (row: string) => `INSERT INTO version_force (index_id, version, entered_on, instrument)
  VALUES (${row}.index_id, ${row}.version,
    coalesce(json_extract(${row}.definition, '$.instrument.effective'), substr(${row}.published_at, 1, 10)),
    coalesce(json_extract(${row}.definition, '$.instrument.number'), ''));`;

export const migration0007: Migration = {
  version: 7,
  name: 'revisions',
  sql: `
CREATE TABLE version_force (
  index_id   TEXT NOT NULL,
  version    TEXT NOT NULL,
  entered_on TEXT NOT NULL CHECK (date(entered_on) IS entered_on),
  left_on    TEXT CHECK (left_on IS NULL OR (date(left_on) IS left_on AND left_on >= entered_on)),
  instrument TEXT NOT NULL,
  PRIMARY KEY (index_id, version),
  FOREIGN KEY (index_id, version) REFERENCES index_versions (index_id, version)
) STRICT;
CREATE INDEX version_force_entered ON version_force (index_id, entered_on);
CREATE TRIGGER version_force_no_delete BEFORE DELETE ON version_force
BEGIN SELECT RAISE(ABORT, 'dates in force are never deleted'); END;
CREATE TRIGGER version_force_fixed BEFORE UPDATE ON version_force
WHEN NEW.index_id IS NOT OLD.index_id OR NEW.version IS NOT OLD.version OR NEW.entered_on IS NOT OLD.entered_on
  OR NEW.instrument IS NOT OLD.instrument
BEGIN SELECT RAISE(ABORT, 'a version''s entry into force is fixed; only its leaving is recorded later'); END;
-- A successor entering force ends the force of every version of the index that entered on or before its date and
-- was still in force then; a version entering before an existing one leaves force when that one enters.
CREATE TRIGGER version_force_successor AFTER INSERT ON version_force
BEGIN
  UPDATE version_force SET left_on = NEW.entered_on
   WHERE index_id = NEW.index_id AND version <> NEW.version AND entered_on <= NEW.entered_on
     AND (left_on IS NULL OR left_on > NEW.entered_on);
  UPDATE version_force SET left_on = (SELECT min(f.entered_on) FROM version_force f
     WHERE f.index_id = NEW.index_id AND f.entered_on > NEW.entered_on)
   WHERE index_id = NEW.index_id AND version = NEW.version;
END;
CREATE TRIGGER index_versions_enter_force_publish AFTER UPDATE OF status ON index_versions
WHEN OLD.status = 'draft' AND NEW.status = 'published'
BEGIN ${enterForce('NEW')} END;
CREATE TRIGGER index_versions_enter_force_import AFTER INSERT ON index_versions WHEN NEW.status <> 'draft'
BEGIN ${enterForce('NEW')} END;

-- Versions already published before this migration, in the order they were published.
INSERT INTO version_force (index_id, version, entered_on, instrument)
SELECT index_id, version,
  coalesce(json_extract(definition, '$.instrument.effective'), substr(published_at, 1, 10)),
  coalesce(json_extract(definition, '$.instrument.number'), '')
FROM index_versions WHERE status <> 'draft' ORDER BY published_at, index_id, version;

DROP TRIGGER assessments_pinned;
CREATE TRIGGER assessments_pinned BEFORE UPDATE ON assessments
WHEN NEW.id IS NOT OLD.id OR NEW.tax_code IS NOT OLD.tax_code OR NEW.index_id IS NOT OLD.index_id
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
  OR ((NEW.index_version IS NOT OLD.index_version OR NEW.index_hash IS NOT OLD.index_hash) AND NOT (
       OLD.status = 'draft' AND NEW.status = 'draft' AND EXISTS (SELECT 1 FROM index_versions v
       WHERE v.index_id = NEW.index_id AND v.version = NEW.index_version AND v.status = 'published'
         AND v.hash = NEW.index_hash)))
BEGIN SELECT RAISE(ABORT, 'an assessment keeps its enterprise and its pinned index version; only a draft moves, to a published version of its index'); END;

CREATE TABLE assessment_moves (
  assessment_id TEXT NOT NULL REFERENCES assessments (id),
  seq           INTEGER NOT NULL,
  from_version  TEXT NOT NULL,
  from_hash     TEXT NOT NULL,
  to_version    TEXT NOT NULL,
  to_hash       TEXT NOT NULL,
  carried       TEXT NOT NULL CHECK (json_valid(carried)),
  not_carried   TEXT NOT NULL CHECK (json_valid(not_carried)),
  moved_at      TEXT NOT NULL,
  moved_by      TEXT NOT NULL,
  PRIMARY KEY (assessment_id, seq)
) STRICT;
CREATE TRIGGER assessment_moves_no_update BEFORE UPDATE ON assessment_moves
BEGIN SELECT RAISE(ABORT, 'assessment moves are append-only'); END;
CREATE TRIGGER assessment_moves_no_delete BEFORE DELETE ON assessment_moves
BEGIN SELECT RAISE(ABORT, 'assessment moves are append-only'); END;
`,
};
