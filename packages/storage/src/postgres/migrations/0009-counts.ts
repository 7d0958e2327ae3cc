// The same counts as SQLite's migration 0009 (read its header): coverage and pillar levels kept by triggers in the
// writing transaction, backfilled here. A missing industry is '' in the count tables.
import type { PgMigration } from './types.js';

const STAGE = `CASE a.status WHEN 'submitted' THEN 1 WHEN 'reviewed' THEN 2 WHEN 'appraised' THEN 3 WHEN 'certified' THEN 4 ELSE 0 END`;

/** The progress row of enterprise `e` in `period`: the backfill's and the refresh function's one definition. */
const progressRow = (period: string) => `
INSERT INTO enterprise_progress (tax_code, period, province, industry, size, stage, certified)
SELECT e.tax_code, ${period}, e.province, coalesce(e.industry, ''), e.size,
  (SELECT coalesce(max(${STAGE}), 0) FROM assessments a
    WHERE a.tax_code = e.tax_code AND a.period = ${period} AND a.status <> 'draft'),
  CASE WHEN EXISTS (SELECT 1 FROM standings s WHERE s.tax_code = e.tax_code AND s.period = ${period}
    AND s.latest_certified = 1) THEN 1 ELSE 0 END`;

export const pgMigration0009: PgMigration = {
  version: 9,
  name: 'counts',
  sql: `
CREATE TABLE coverage_registered (
  province text NOT NULL,
  industry text NOT NULL,
  size     text NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (province, industry, size)
);

CREATE TABLE enterprise_progress (
  tax_code  text NOT NULL REFERENCES enterprises (tax_code),
  period    text NOT NULL,
  province  text NOT NULL,
  industry  text NOT NULL,
  size      text NOT NULL,
  stage     integer NOT NULL CHECK (stage BETWEEN 0 AND 4),
  certified integer NOT NULL CHECK (certified IN (0, 1)),
  PRIMARY KEY (tax_code, period)
);

CREATE TABLE coverage_progress (
  period    text NOT NULL,
  province  text NOT NULL,
  industry  text NOT NULL,
  size      text NOT NULL,
  stage     integer NOT NULL,
  certified integer NOT NULL,
  n         bigint NOT NULL,
  PRIMARY KEY (period, province, industry, size, stage, certified)
);

CREATE TABLE standing_pillar_counts (
  basis    text NOT NULL CHECK (basis IN ('certified', 'appraised')),
  period   text NOT NULL,
  province text NOT NULL,
  pillar   text NOT NULL,
  level    integer NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (basis, period, province, pillar, level)
);

-- Backfill from what is stored.
INSERT INTO coverage_registered (province, industry, size, n)
SELECT province, coalesce(industry, ''), size, count(*) FROM enterprises GROUP BY 1, 2, 3;
${progressRow('k.period')}
FROM (SELECT DISTINCT tax_code, period FROM assessments WHERE period IS NOT NULL) k
JOIN enterprises e ON e.tax_code = k.tax_code;
INSERT INTO coverage_progress (period, province, industry, size, stage, certified, n)
SELECT period, province, industry, size, stage, certified, count(*) FROM enterprise_progress GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO standing_pillar_counts (basis, period, province, pillar, level, n)
SELECT 'certified', s.period, s.province, p.value ->> 'id', (p.value ->> 'level')::integer, count(*)
FROM standings s, jsonb_array_elements(s.pillars::jsonb) AS p(value) WHERE s.latest_certified = 1 GROUP BY 2, 3, 4, 5;
INSERT INTO standing_pillar_counts (basis, period, province, pillar, level, n)
SELECT 'appraised', s.period, s.province, p.value ->> 'id', (p.value ->> 'level')::integer, count(*)
FROM standings s, jsonb_array_elements(s.pillars::jsonb) AS p(value) WHERE s.latest_appraised = 1 GROUP BY 2, 3, 4, 5;

CREATE FUNCTION dbi_registered_count(pr text, ind text, sz text, delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO coverage_registered (province, industry, size, n) VALUES (pr, coalesce(ind, ''), sz, delta)
  ON CONFLICT (province, industry, size) DO UPDATE SET n = coverage_registered.n + delta;
$$;
CREATE FUNCTION dbi_coverage_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM dbi_registered_count(OLD.province, OLD.industry, OLD.size, -1);
    UPDATE enterprise_progress SET province = NEW.province, industry = coalesce(NEW.industry, ''), size = NEW.size
    WHERE tax_code = NEW.tax_code;
  END IF;
  PERFORM dbi_registered_count(NEW.province, NEW.industry, NEW.size, 1);
  RETURN NULL;
END $$;
CREATE TRIGGER coverage_enterprise_insert AFTER INSERT ON enterprises
FOR EACH ROW EXECUTE FUNCTION dbi_coverage_enterprise();
CREATE TRIGGER coverage_enterprise_facts AFTER UPDATE OF province, industry, size ON enterprises
FOR EACH ROW EXECUTE FUNCTION dbi_coverage_enterprise();

CREATE FUNCTION dbi_progress_count(r enterprise_progress, delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO coverage_progress (period, province, industry, size, stage, certified, n)
  VALUES (r.period, r.province, r.industry, r.size, r.stage, r.certified, delta)
  ON CONFLICT (period, province, industry, size, stage, certified) DO UPDATE SET n = coverage_progress.n + delta;
$$;
CREATE FUNCTION dbi_coverage_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM dbi_progress_count(OLD, -1); END IF;
  PERFORM dbi_progress_count(NEW, 1);
  RETURN NULL;
END $$;
CREATE TRIGGER coverage_progress_insert AFTER INSERT ON enterprise_progress
FOR EACH ROW EXECUTE FUNCTION dbi_coverage_progress();
CREATE TRIGGER coverage_progress_update AFTER UPDATE ON enterprise_progress
FOR EACH ROW EXECUTE FUNCTION dbi_coverage_progress();

CREATE FUNCTION dbi_progress_refresh(tax text, per text) RETURNS void LANGUAGE sql AS $$
  ${progressRow('per')}
  FROM enterprises e WHERE e.tax_code = tax AND per IS NOT NULL
  ON CONFLICT (tax_code, period) DO UPDATE SET stage = excluded.stage, certified = excluded.certified;
$$;
CREATE FUNCTION dbi_progress_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dbi_progress_refresh(NEW.tax_code, NEW.period);
  RETURN NULL;
END $$;
CREATE TRIGGER progress_assessment_insert AFTER INSERT ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_progress_on_change();
CREATE TRIGGER progress_assessment_status AFTER UPDATE OF status, period ON assessments
FOR EACH ROW EXECUTE FUNCTION dbi_progress_on_change();
CREATE TRIGGER progress_standing_insert AFTER INSERT ON standings
FOR EACH ROW EXECUTE FUNCTION dbi_progress_on_change();
CREATE TRIGGER progress_standing_update AFTER UPDATE OF latest_certified ON standings
FOR EACH ROW EXECUTE FUNCTION dbi_progress_on_change();

CREATE FUNCTION dbi_pillar_count(b text, per text, pr text, pillars text, delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO standing_pillar_counts (basis, period, province, pillar, level, n)
  SELECT b, per, pr, p.value ->> 'id', (p.value ->> 'level')::integer, delta
  FROM jsonb_array_elements(pillars::jsonb) AS p(value)
  ON CONFLICT (basis, period, province, pillar, level) DO UPDATE SET n = standing_pillar_counts.n + delta;
$$;
CREATE FUNCTION dbi_standing_pillars() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.latest_certified = 1 THEN PERFORM dbi_pillar_count('certified', OLD.period, OLD.province, OLD.pillars, -1); END IF;
    IF OLD.latest_appraised = 1 THEN PERFORM dbi_pillar_count('appraised', OLD.period, OLD.province, OLD.pillars, -1); END IF;
  END IF;
  IF NEW.latest_certified = 1 THEN PERFORM dbi_pillar_count('certified', NEW.period, NEW.province, NEW.pillars, 1); END IF;
  IF NEW.latest_appraised = 1 THEN PERFORM dbi_pillar_count('appraised', NEW.period, NEW.province, NEW.pillars, 1); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER standing_pillars_insert AFTER INSERT ON standings
FOR EACH ROW EXECUTE FUNCTION dbi_standing_pillars();
CREATE TRIGGER standing_pillars_update AFTER UPDATE ON standings
FOR EACH ROW EXECUTE FUNCTION dbi_standing_pillars();

-- Rankings filtered on province, industry and size together; a province's enterprises in tax-code order.
CREATE INDEX standings_certified_all ON standings (period, province, industry, size, sort_key) WHERE latest_certified = 1;
CREATE INDEX standings_appraised_all ON standings (period, province, industry, size, sort_key) WHERE latest_appraised = 1;
CREATE INDEX enterprises_province_tax ON enterprises (province, tax_code);
`,
};
