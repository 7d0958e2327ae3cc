// National scale on PostgreSQL: the same tables, columns and trigger names as SQLite's migration 0003 (see there for
// what each holds). The standings are kept by plpgsql trigger functions; every write of this package runs
// SERIALIZABLE, so the "latest row per enterprise and period" marks cannot be raced.
// Frozen once shipped: later changes go in a new migration.
import type { PgMigration } from './types.js';

const SORT_KEY = (level: string, total: string, max: string, taxCode: string) =>
  `lpad((99 - ${level})::text, 2, '0') || lpad((1000000000000 - (${total}::bigint * 1000000000000) / ${max})::text, 13, '0') || ${taxCode}`;

export const pgMigration0005: PgMigration = {
  version: 5,
  name: 'national',
  sql: `
ALTER TABLE enterprises ADD COLUMN industry text CHECK (industry IS NULL OR industry ~ '^[A-U]$');
ALTER TABLE enterprises ADD COLUMN province_former text CHECK (province_former IS NULL OR province_former ~ '^[0-9]{2}$');
CREATE INDEX enterprises_province_industry ON enterprises (province, industry, size);

CREATE TABLE periods (
  id         text PRIMARY KEY CHECK (id ~ '^[0-9A-Za-z._-]{1,32}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_on  text NOT NULL CHECK (starts_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  ends_on    text NOT NULL CHECK (ends_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  created_at text NOT NULL,
  created_by text NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE TRIGGER periods_no_delete BEFORE DELETE ON periods
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('periods are never deleted');
CREATE TRIGGER periods_key BEFORE UPDATE ON periods FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id)
EXECUTE FUNCTION dbi_refuse('a period keeps its id');

INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
SELECT DISTINCT substr(created_at, 1, 4), substr(created_at, 1, 4), substr(created_at, 1, 4) || '-01-01',
  substr(created_at, 1, 4) || '-12-31', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'system'
FROM assessments;
ALTER TABLE assessments ADD COLUMN period text REFERENCES periods (id);
-- Backfilling the new column is not a change of a certified assessment: its freeze is lifted for this one statement.
ALTER TABLE assessments DISABLE TRIGGER assessments_certified_frozen;
UPDATE assessments SET period = substr(created_at, 1, 4);
ALTER TABLE assessments ENABLE TRIGGER assessments_certified_frozen;
CREATE INDEX assessments_period ON assessments (period, status, tax_code);
-- One open assessment per enterprise, index and period (0004-workflow's index had no period to name).
DROP INDEX assessments_one_open;
CREATE UNIQUE INDEX assessments_one_open ON assessments (tax_code, index_id, period)
WHERE status <> 'certified' AND cancelled_at IS NULL;

-- An assessment created without a period gets the one whose dates contain its creation date, else its year.
CREATE FUNCTION dbi_assessments_period_default() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE day text := substr(NEW.created_at, 1, 10);
BEGIN
  IF NEW.period IS NULL THEN
    SELECT id INTO NEW.period FROM periods WHERE day BETWEEN starts_on AND ends_on ORDER BY starts_on DESC, id LIMIT 1;
    IF NEW.period IS NULL THEN
      NEW.period := substr(NEW.created_at, 1, 4);
      INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
      VALUES (NEW.period, NEW.period, NEW.period || '-01-01', NEW.period || '-12-31', NEW.created_at, NEW.created_by)
      ON CONFLICT (id) DO NOTHING;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_period_default BEFORE INSERT ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_assessments_period_default();
CREATE TRIGGER assessments_period_kept BEFORE UPDATE OF period ON assessments
FOR EACH ROW WHEN (OLD.period IS NOT NULL AND NEW.period IS DISTINCT FROM OLD.period)
EXECUTE FUNCTION dbi_refuse('an assessment keeps its period');

CREATE TABLE standings (
  assessment_id      text PRIMARY KEY REFERENCES assessments (id),
  period             text NOT NULL,
  tax_code           text NOT NULL,
  name               text NOT NULL,
  province           text NOT NULL,
  industry           text,
  sector             text NOT NULL,
  size               text NOT NULL,
  index_id           text NOT NULL,
  index_version      text NOT NULL,
  index_hash         text NOT NULL,
  status             text NOT NULL CHECK (status IN ('appraised', 'certified', 'revoked')),
  group_id           text,
  level              bigint NOT NULL,
  total              bigint NOT NULL CHECK (total >= 0),
  max                bigint NOT NULL CHECK (max > 0 AND max <= 1000000 AND total <= max),
  pillars            text NOT NULL CHECK (pillars::json IS NOT NULL),
  certificate_number text,
  as_of              text NOT NULL,
  appraised_at       text NOT NULL,
  sort_key           text NOT NULL COLLATE "C",
  latest_certified   smallint NOT NULL CHECK (latest_certified IN (0, 1)),
  latest_appraised   smallint NOT NULL CHECK (latest_appraised IN (0, 1))
);
CREATE INDEX standings_enterprise ON standings (tax_code, period);
CREATE INDEX standings_certified ON standings (period, sort_key) WHERE latest_certified = 1;
CREATE INDEX standings_certified_province ON standings (period, province, sort_key) WHERE latest_certified = 1;
CREATE INDEX standings_certified_industry ON standings (period, industry, sort_key) WHERE latest_certified = 1;
CREATE INDEX standings_certified_size ON standings (period, size, sort_key) WHERE latest_certified = 1;
CREATE INDEX standings_certified_stats ON standings (period, province, max, total, level) WHERE latest_certified = 1;
CREATE INDEX standings_appraised ON standings (period, sort_key) WHERE latest_appraised = 1;
CREATE INDEX standings_appraised_province ON standings (period, province, sort_key) WHERE latest_appraised = 1;
CREATE INDEX standings_appraised_industry ON standings (period, industry, sort_key) WHERE latest_appraised = 1;
CREATE INDEX standings_appraised_size ON standings (period, size, sort_key) WHERE latest_appraised = 1;
CREATE INDEX standings_appraised_stats ON standings (period, province, max, total, level) WHERE latest_appraised = 1;
CREATE TRIGGER standings_no_delete BEFORE DELETE ON standings
FOR EACH ROW EXECUTE FUNCTION dbi_refuse('standings are never deleted');

-- The snapshot of one assessment's standing (see SQLite's 0003 for the group roll-up's points).
CREATE FUNCTION dbi_standing_snapshot(aid text, st text, num text, as_of_day text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO standings (assessment_id, period, tax_code, name, province, industry, sector, size, index_id,
    index_version, index_hash, status, group_id, level, total, max, pillars, certificate_number, as_of, appraised_at,
    sort_key, latest_certified, latest_appraised)
  SELECT x.*, ${SORT_KEY('x.level', 'x.total', 'x.max', 'x.tax_code')}, 0, 0
  FROM (
    SELECT a.id, a.period, a.tax_code, e.name, e.province, e.industry, e.sector, e.size, a.index_id, a.index_version,
      a.index_hash, st, g.id AS group_id,
      coalesce(g.level, m.level) AS level,
      coalesce(((g.result::jsonb #>> '{weighted,sum}')::bigint * 1000) / (g.result::jsonb #>> '{weighted,weight}')::bigint,
        (m.result::jsonb ->> 'total')::bigint) AS total,
      CASE WHEN g.id IS NULL THEN (m.result::jsonb ->> 'max')::bigint ELSE 5000 END AS max,
      coalesce(g.result::jsonb -> 'pillars', m.result::jsonb -> 'pillars')::text,
      num, coalesce(as_of_day, substr(a.appraised_at, 1, 10)), a.appraised_at
    FROM assessments a
    JOIN enterprises e ON e.tax_code = a.tax_code
    JOIN assessment_columns m ON m.assessment_id = a.id AND m.col = 'ministry'
    LEFT JOIN enterprise_groups g ON g.id = (
      SELECT gg.id FROM group_members gm JOIN enterprise_groups gg ON gg.id = gm.group_id
      WHERE gm.assessment_id = a.id AND gm.relation = 'parent' AND gg.parent_tax_code = a.tax_code
        AND (gg.result::jsonb #>> '{weighted,weight}')::bigint > 0
      ORDER BY gg.updated_at DESC, gg.id DESC LIMIT 1)
    WHERE a.id = aid
  ) x
  ON CONFLICT (assessment_id) DO UPDATE SET period = excluded.period, name = excluded.name,
    province = excluded.province, industry = excluded.industry, sector = excluded.sector, size = excluded.size,
    status = excluded.status, group_id = excluded.group_id, level = excluded.level, total = excluded.total,
    max = excluded.max, pillars = excluded.pillars, certificate_number = excluded.certificate_number,
    as_of = excluded.as_of, appraised_at = excluded.appraised_at, sort_key = excluded.sort_key;
END $$;

-- Re-marks the latest qualifying row of one enterprise in one period.
CREATE FUNCTION dbi_standing_refresh(aid text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE p text; t text;
BEGIN
  SELECT period, tax_code INTO p, t FROM standings WHERE assessment_id = aid;
  UPDATE standings SET
    latest_certified = CASE WHEN assessment_id = (SELECT s.assessment_id FROM standings s WHERE s.period = p
      AND s.tax_code = t AND s.status = 'certified' ORDER BY s.appraised_at DESC, s.assessment_id DESC LIMIT 1)
      THEN 1 ELSE 0 END,
    latest_appraised = CASE WHEN assessment_id = (SELECT s.assessment_id FROM standings s WHERE s.period = p
      AND s.tax_code = t AND s.status IN ('appraised', 'certified') ORDER BY s.appraised_at DESC, s.assessment_id DESC
      LIMIT 1) THEN 1 ELSE 0 END
  WHERE period = p AND tax_code = t;
END $$;

CREATE FUNCTION dbi_standings_on_appraisal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dbi_standing_snapshot(NEW.id, 'appraised', NULL, NULL);
  PERFORM dbi_standing_refresh(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER standings_on_appraisal AFTER UPDATE OF status ON assessments
FOR EACH ROW WHEN (NEW.status = 'appraised' AND OLD.status IS DISTINCT FROM 'appraised')
EXECUTE FUNCTION dbi_standings_on_appraisal();

CREATE FUNCTION dbi_standings_on_certificate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dbi_standing_snapshot(NEW.assessment_id, 'certified', NEW.number, NEW.issued_on);
  PERFORM dbi_standing_refresh(NEW.assessment_id);
  RETURN NULL;
END $$;
CREATE TRIGGER standings_on_certificate AFTER INSERT ON certificates
FOR EACH ROW EXECUTE FUNCTION dbi_standings_on_certificate();

CREATE FUNCTION dbi_standings_on_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE standings SET status = 'revoked' WHERE assessment_id = NEW.assessment_id;
  PERFORM dbi_standing_refresh(NEW.assessment_id);
  RETURN NULL;
END $$;
CREATE TRIGGER standings_on_revocation AFTER UPDATE OF status ON certificates
FOR EACH ROW WHEN (NEW.status = 'revoked' AND OLD.status IS DISTINCT FROM 'revoked')
EXECUTE FUNCTION dbi_standings_on_revocation();

-- Standings of the assessments appraised before this migration.
INSERT INTO standings (assessment_id, period, tax_code, name, province, industry, sector, size, index_id, index_version,
  index_hash, status, group_id, level, total, max, pillars, certificate_number, as_of, appraised_at, sort_key,
  latest_certified, latest_appraised)
SELECT x.*, ${SORT_KEY('x.level', 'x.total', 'x.max', 'x.tax_code')}, 0, 0
FROM (
  SELECT a.id, a.period, a.tax_code, e.name, e.province, e.industry, e.sector, e.size, a.index_id, a.index_version,
    a.index_hash, CASE WHEN c.status = 'revoked' THEN 'revoked' WHEN c.status = 'valid' THEN 'certified' ELSE 'appraised' END,
    NULL::text, m.level, (m.result::jsonb ->> 'total')::bigint AS total, (m.result::jsonb ->> 'max')::bigint AS max,
    (m.result::jsonb -> 'pillars')::text, c.number, coalesce(c.issued_on, substr(a.appraised_at, 1, 10)), a.appraised_at
  FROM assessments a
  JOIN enterprises e ON e.tax_code = a.tax_code
  JOIN assessment_columns m ON m.assessment_id = a.id AND m.col = 'ministry'
  LEFT JOIN certificates c ON c.assessment_id = a.id
  WHERE a.status IN ('appraised', 'certified') AND (m.result::jsonb ->> 'max')::bigint > 0
) x;
UPDATE standings SET
  latest_certified = CASE WHEN assessment_id = (SELECT s.assessment_id FROM standings s WHERE s.period = standings.period
    AND s.tax_code = standings.tax_code AND s.status = 'certified' ORDER BY s.appraised_at DESC, s.assessment_id DESC LIMIT 1)
    THEN 1 ELSE 0 END,
  latest_appraised = CASE WHEN assessment_id = (SELECT s.assessment_id FROM standings s WHERE s.period = standings.period
    AND s.tax_code = standings.tax_code AND s.status IN ('appraised', 'certified') ORDER BY s.appraised_at DESC,
    s.assessment_id DESC LIMIT 1) THEN 1 ELSE 0 END;
`,
};
