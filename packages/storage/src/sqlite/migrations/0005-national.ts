// National scale (issue 9 items 2, 4, 5, 7; issue 13 item 5): reference data on enterprises, periods, and the
// standings table that rankings, the provincial index and coverage read.
// - enterprises.industry: the VSIC 2018 section (A–U); province_former: the former-63 code the province was given as,
//   when it was (the province column then holds the code of the current unit it became part of).
// - periods: the Ministry's campaigns (an id such as 2026, with dates). Every assessment has one; an assessment
//   created without one gets the period whose dates contain its creation date (UTC), else its calendar year (made
//   then). Existing assessments get the year they were created in.
// - standings: one row per appraised assessment, maintained by triggers (so no code path can skip it): a snapshot
//   of the enterprise's facts and the ministry column's result when appraised, taken again when the certificate is
//   issued (the facts as they were when certified), marked revoked with its certificate. A parent enterprise whose
//   assessment is the parent unit of a group stands with the group's roll-up (level; points: the weighted mean level
//   in thousandths of the weight × 5, truncated: total = ⌊1000 × Σ level × headcount / Σ headcount⌋, max = 5000, as the
//   exact fraction's denominator can exceed the bound below). `latest_certified` / `latest_appraised` mark each enterprise's latest qualifying row per
//   period; `sort_key` orders rows exactly: level descending, share of points total/max descending (as
//   ⌊total × 10¹² / max⌋, exact ordering and ties for max ≤ 10⁶), tax code ascending.
// Frozen once shipped: later changes go in a new migration.
import type { Migration } from './types.js';

/** The row of standings for assessment `id` ('NEW.assessment_id'), with `status`, certificate number and as-of date. */
const snapshot = (id: string, status: string, numberExpr: string, asOfExpr: string) => `
INSERT INTO standings (assessment_id, period, tax_code, name, province, industry, sector, size, index_id, index_version,
  index_hash, status, group_id, level, total, max, pillars, certificate_number, as_of, appraised_at, sort_key,
  latest_certified, latest_appraised)
SELECT x.*, printf('%02d%013d', 99 - x.level, 1000000000000 - (x.total * 1000000000000) / x.max) || x.tax_code, 0, 0
FROM (
  SELECT a.id, a.period, a.tax_code AS tax_code, e.name, e.province, e.industry, e.sector, e.size, a.index_id, a.index_version,
    a.index_hash, ${status}, g.id,
    coalesce(g.level, m.level) AS level,
    coalesce((json_extract(g.result, '$.weighted.sum') * 1000) / json_extract(g.result, '$.weighted.weight'),
      json_extract(m.result, '$.total')) AS total,
    CASE WHEN g.id IS NULL THEN json_extract(m.result, '$.max') ELSE 5000 END AS max,
    coalesce(json_extract(g.result, '$.pillars'), json_extract(m.result, '$.pillars')),
    ${numberExpr}, ${asOfExpr}, a.appraised_at
  FROM assessments a
  JOIN enterprises e ON e.tax_code = a.tax_code
  JOIN assessment_columns m ON m.assessment_id = a.id AND m.col = 'ministry'
  LEFT JOIN enterprise_groups g ON g.id = (
    SELECT gg.id FROM group_members gm JOIN enterprise_groups gg ON gg.id = gm.group_id
    WHERE gm.assessment_id = a.id AND gm.relation = 'parent' AND gg.parent_tax_code = a.tax_code
      AND json_extract(gg.result, '$.weighted.weight') > 0
    ORDER BY gg.updated_at DESC, gg.id DESC LIMIT 1)
  WHERE a.id = ${id}
) x WHERE true
ON CONFLICT (assessment_id) DO UPDATE SET period = excluded.period, name = excluded.name, province = excluded.province,
  industry = excluded.industry, sector = excluded.sector, size = excluded.size, status = excluded.status,
  group_id = excluded.group_id, level = excluded.level, total = excluded.total, max = excluded.max,
  pillars = excluded.pillars, certificate_number = excluded.certificate_number, as_of = excluded.as_of,
  appraised_at = excluded.appraised_at, sort_key = excluded.sort_key;`;

/** Re-marks the latest qualifying row of the enterprise and period of assessment `id`. */
const refresh = (id: string) => `
UPDATE standings SET
  latest_certified = CASE WHEN assessment_id = (SELECT s.assessment_id FROM standings s WHERE s.period = standings.period
    AND s.tax_code = standings.tax_code AND s.status = 'certified' ORDER BY s.appraised_at DESC, s.assessment_id DESC LIMIT 1)
    THEN 1 ELSE 0 END,
  latest_appraised = CASE WHEN assessment_id = (SELECT s.assessment_id FROM standings s WHERE s.period = standings.period
    AND s.tax_code = standings.tax_code AND s.status IN ('appraised', 'certified') ORDER BY s.appraised_at DESC,
    s.assessment_id DESC LIMIT 1) THEN 1 ELSE 0 END
WHERE tax_code = (SELECT tax_code FROM standings WHERE assessment_id = ${id})
  AND period = (SELECT period FROM standings WHERE assessment_id = ${id});`;

export const migration0005: Migration = {
  version: 5,
  name: 'national',
  sql: `
ALTER TABLE enterprises ADD COLUMN industry TEXT CHECK (industry IS NULL OR (length(industry) = 1 AND industry BETWEEN 'A' AND 'U'));
ALTER TABLE enterprises ADD COLUMN province_former TEXT CHECK (province_former IS NULL OR province_former GLOB '[0-9][0-9]');
CREATE INDEX enterprises_province_industry ON enterprises (province, industry, size);

CREATE TABLE periods (
  id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 32 AND id NOT GLOB '*[^0-9A-Za-z._-]*'),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_on  TEXT NOT NULL CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  ends_on    TEXT NOT NULL CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
) STRICT;
CREATE TRIGGER periods_no_delete BEFORE DELETE ON periods
BEGIN SELECT RAISE(ABORT, 'periods are never deleted'); END;
CREATE TRIGGER periods_key BEFORE UPDATE ON periods WHEN NEW.id IS NOT OLD.id
BEGIN SELECT RAISE(ABORT, 'a period keeps its id'); END;

INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
SELECT DISTINCT substr(created_at, 1, 4), substr(created_at, 1, 4), substr(created_at, 1, 4) || '-01-01',
  substr(created_at, 1, 4) || '-12-31', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'system'
FROM assessments;
ALTER TABLE assessments ADD COLUMN period TEXT REFERENCES periods (id);
-- Backfilling the new column is not a change of a certified assessment: its freeze is lifted for this one statement.
DROP TRIGGER assessments_certified_frozen;
UPDATE assessments SET period = substr(created_at, 1, 4);
CREATE TRIGGER assessments_certified_frozen BEFORE UPDATE ON assessments WHEN OLD.status = 'certified'
BEGIN SELECT RAISE(ABORT, 'a certified assessment is final'); END;
CREATE INDEX assessments_period ON assessments (period, status, tax_code);
-- One open assessment per enterprise, index and period (0004-workflow's index had no period to name).
DROP INDEX assessments_one_open;
CREATE UNIQUE INDEX assessments_one_open ON assessments (tax_code, index_id, period)
WHERE status <> 'certified' AND cancelled_at IS NULL;

CREATE TRIGGER assessments_period_default AFTER INSERT ON assessments WHEN NEW.period IS NULL
BEGIN
  INSERT INTO periods (id, name, starts_on, ends_on, created_at, created_by)
  SELECT substr(NEW.created_at, 1, 4), substr(NEW.created_at, 1, 4), substr(NEW.created_at, 1, 4) || '-01-01',
    substr(NEW.created_at, 1, 4) || '-12-31', NEW.created_at, NEW.created_by
  WHERE NOT EXISTS (SELECT 1 FROM periods WHERE substr(NEW.created_at, 1, 10) BETWEEN starts_on AND ends_on)
  ON CONFLICT (id) DO NOTHING;
  UPDATE assessments SET period = coalesce(
    (SELECT id FROM periods WHERE substr(NEW.created_at, 1, 10) BETWEEN starts_on AND ends_on ORDER BY starts_on DESC, id LIMIT 1),
    substr(NEW.created_at, 1, 4)) WHERE id = NEW.id;
END;
CREATE TRIGGER assessments_period_kept BEFORE UPDATE OF period ON assessments
WHEN OLD.period IS NOT NULL AND NEW.period IS NOT OLD.period
BEGIN SELECT RAISE(ABORT, 'an assessment keeps its period'); END;

CREATE TABLE standings (
  assessment_id      TEXT PRIMARY KEY REFERENCES assessments (id),
  period             TEXT NOT NULL,
  tax_code           TEXT NOT NULL,
  name               TEXT NOT NULL,
  province           TEXT NOT NULL,
  industry           TEXT,
  sector             TEXT NOT NULL,
  size               TEXT NOT NULL,
  index_id           TEXT NOT NULL,
  index_version      TEXT NOT NULL,
  index_hash         TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('appraised', 'certified', 'revoked')),
  group_id           TEXT,
  level              INTEGER NOT NULL,
  total              INTEGER NOT NULL CHECK (total >= 0),
  max                INTEGER NOT NULL CHECK (max > 0 AND max <= 1000000 AND total <= max),
  pillars            TEXT NOT NULL CHECK (json_valid(pillars)),
  certificate_number TEXT,
  as_of              TEXT NOT NULL,
  appraised_at       TEXT NOT NULL,
  sort_key           TEXT NOT NULL,
  latest_certified   INTEGER NOT NULL CHECK (latest_certified IN (0, 1)),
  latest_appraised   INTEGER NOT NULL CHECK (latest_appraised IN (0, 1))
) STRICT;
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
BEGIN SELECT RAISE(ABORT, 'standings are never deleted'); END;

CREATE TRIGGER standings_on_appraisal AFTER UPDATE OF status ON assessments WHEN NEW.status = 'appraised'
BEGIN
  ${snapshot('NEW.id', "'appraised'", 'NULL', 'substr(a.appraised_at, 1, 10)')}
  ${refresh('NEW.id')}
END;
CREATE TRIGGER standings_on_certificate AFTER INSERT ON certificates
BEGIN
  ${snapshot('NEW.assessment_id', "'certified'", 'NEW.number', 'NEW.issued_on')}
  ${refresh('NEW.assessment_id')}
END;
CREATE TRIGGER standings_on_revocation AFTER UPDATE OF status ON certificates WHEN NEW.status = 'revoked'
BEGIN
  UPDATE standings SET status = 'revoked' WHERE assessment_id = NEW.assessment_id;
  ${refresh('NEW.assessment_id')}
END;

INSERT INTO standings (assessment_id, period, tax_code, name, province, industry, sector, size, index_id, index_version,
  index_hash, status, group_id, level, total, max, pillars, certificate_number, as_of, appraised_at, sort_key,
  latest_certified, latest_appraised)
SELECT x.*, printf('%02d%013d', 99 - x.level, 1000000000000 - (x.total * 1000000000000) / x.max) || x.tax_code, 0, 0
FROM (
  SELECT a.id, a.period, a.tax_code AS tax_code, e.name, e.province, e.industry, e.sector, e.size, a.index_id, a.index_version,
    a.index_hash, CASE WHEN c.status = 'revoked' THEN 'revoked' WHEN c.status = 'valid' THEN 'certified' ELSE 'appraised' END,
    NULL, m.level AS level, json_extract(m.result, '$.total') AS total, json_extract(m.result, '$.max') AS max,
    json_extract(m.result, '$.pillars'),
    c.number, coalesce(c.issued_on, substr(a.appraised_at, 1, 10)), a.appraised_at
  FROM assessments a
  JOIN enterprises e ON e.tax_code = a.tax_code
  JOIN assessment_columns m ON m.assessment_id = a.id AND m.col = 'ministry'
  LEFT JOIN certificates c ON c.assessment_id = a.id
  WHERE a.status IN ('appraised', 'certified') AND json_extract(m.result, '$.max') > 0
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
