// Revisions of an index on PostgreSQL: the same tables and guarantees as SQLite's migration 0003 (dates in force as
// registry metadata closed by a successor's entry, draft assessments that move to a newer published version, and
// the append-only record of each move).
import type { PgMigration } from './types.js';

export const pgMigration0007: PgMigration = {
  version: 7,
  name: 'revisions',
  sql: `
CREATE TABLE version_force (
  index_id   text NOT NULL,
  version    text NOT NULL,
  entered_on text NOT NULL CHECK (entered_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND entered_on::date IS NOT NULL),
  left_on    text CHECK (left_on IS NULL OR (left_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND left_on >= entered_on)),
  instrument text NOT NULL,
  PRIMARY KEY (index_id, version),
  FOREIGN KEY (index_id, version) REFERENCES index_versions (index_id, version)
);
CREATE INDEX version_force_entered ON version_force (index_id, entered_on);
CREATE TRIGGER version_force_no_delete BEFORE DELETE ON version_force
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('dates in force are never deleted');
CREATE TRIGGER version_force_fixed BEFORE UPDATE ON version_force
FOR EACH ROW WHEN (NEW.index_id IS DISTINCT FROM OLD.index_id OR NEW.version IS DISTINCT FROM OLD.version
  OR NEW.entered_on IS DISTINCT FROM OLD.entered_on OR NEW.instrument IS DISTINCT FROM OLD.instrument)
EXECUTE FUNCTION dbi_refuse('a version''s entry into force is fixed; only its leaving is recorded later');

CREATE FUNCTION dbi_version_force_successor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE version_force SET left_on = NEW.entered_on
   WHERE index_id = NEW.index_id AND version <> NEW.version AND entered_on <= NEW.entered_on
     AND (left_on IS NULL OR left_on > NEW.entered_on);
  UPDATE version_force SET left_on = (SELECT min(f.entered_on) FROM version_force f
     WHERE f.index_id = NEW.index_id AND f.entered_on > NEW.entered_on)
   WHERE index_id = NEW.index_id AND version = NEW.version;
  RETURN NULL;
END $$;
CREATE TRIGGER version_force_successor AFTER INSERT ON version_force
FOR EACH ROW EXECUTE FUNCTION dbi_version_force_successor();

CREATE FUNCTION dbi_enter_force() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO version_force (index_id, version, entered_on, instrument) VALUES (NEW.index_id, NEW.version,
    coalesce(NEW.definition::jsonb #>> '{instrument,effective}', substr(NEW.published_at, 1, 10)),
    coalesce(NEW.definition::jsonb #>> '{instrument,number}', ''));
  RETURN NULL;
END $$;
CREATE TRIGGER index_versions_enter_force_publish AFTER UPDATE OF status ON index_versions
FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status = 'published') EXECUTE FUNCTION dbi_enter_force();
CREATE TRIGGER index_versions_enter_force_import AFTER INSERT ON index_versions
FOR EACH ROW WHEN (NEW.status <> 'draft') EXECUTE FUNCTION dbi_enter_force();

-- Versions already published before this migration, one by one in the order they were published (so each closes
-- its predecessor as the trigger does).
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM index_versions WHERE status <> 'draft' ORDER BY published_at, index_id, version LOOP
    INSERT INTO version_force (index_id, version, entered_on, instrument) VALUES (r.index_id, r.version,
      coalesce(r.definition::jsonb #>> '{instrument,effective}', substr(r.published_at, 1, 10)),
      coalesce(r.definition::jsonb #>> '{instrument,number}', ''));
  END LOOP;
END $$;

DROP TRIGGER assessments_pinned ON assessments;
CREATE FUNCTION dbi_assessments_pinned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.tax_code IS DISTINCT FROM OLD.tax_code
     OR NEW.index_id IS DISTINCT FROM OLD.index_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.created_by IS DISTINCT FROM OLD.created_by
     OR ((NEW.index_version IS DISTINCT FROM OLD.index_version OR NEW.index_hash IS DISTINCT FROM OLD.index_hash)
         AND NOT (OLD.status = 'draft' AND NEW.status = 'draft' AND EXISTS (SELECT 1 FROM index_versions v
           WHERE v.index_id = NEW.index_id AND v.version = NEW.index_version AND v.status = 'published'
             AND v.hash = NEW.index_hash))) THEN
    RAISE EXCEPTION 'an assessment keeps its enterprise and its pinned index version; only a draft moves, to a published version of its index';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_pinned BEFORE UPDATE ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_assessments_pinned();

CREATE TABLE assessment_moves (
  assessment_id text NOT NULL REFERENCES assessments (id),
  seq           integer NOT NULL,
  from_version  text NOT NULL,
  from_hash     text NOT NULL,
  to_version    text NOT NULL,
  to_hash       text NOT NULL,
  carried       text NOT NULL CHECK (carried::json IS NOT NULL),
  not_carried   text NOT NULL CHECK (not_carried::json IS NOT NULL),
  moved_at      text NOT NULL,
  moved_by      text NOT NULL,
  PRIMARY KEY (assessment_id, seq)
);
CREATE TRIGGER assessment_moves_no_update BEFORE UPDATE ON assessment_moves
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('assessment moves are append-only');
CREATE TRIGGER assessment_moves_no_delete BEFORE DELETE ON assessment_moves
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('assessment moves are append-only');
`,
};
