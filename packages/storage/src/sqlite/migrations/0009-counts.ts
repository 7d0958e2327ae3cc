// Counts the national reads would otherwise compute from every row at each request (900,000 enterprises, 1,000,000
// assessments): kept by triggers in the same transaction as the writes that change them, so they are exact at
// every commit, and backfilled here from what is stored.
// - `coverage_registered`: enterprises per province, industry and size (their current facts).
// - `enterprise_progress`: per enterprise and period, how far it went — the highest stage of its assessments that
//   are not drafts (1 submitted, 2 reviewed, 3 appraised, 4 certified, 0 otherwise) and whether it has a latest
//   valid certificate in the period — with the enterprise's current facts; `coverage_progress` counts those rows.
// - `standing_pillar_counts`: pillar levels of the latest standings per basis, period and province.
// A missing industry is stored as '' in the count tables (NULLs are never equal in a key), and read back as null.
import type { Migration } from './types.js';

const STAGE = `CASE a.status WHEN 'submitted' THEN 1 WHEN 'reviewed' THEN 2 WHEN 'appraised' THEN 3 WHEN 'certified' THEN 4 ELSE 0 END`;

/** The progress row of enterprise `e` in `period`: the backfill's and every refresh's one definition. */
const progressRow = (period: string) => `
INSERT INTO enterprise_progress (tax_code, period, province, industry, size, stage, certified)
SELECT e.tax_code, ${period}, e.province, coalesce(e.industry, ''), e.size,
  (SELECT coalesce(max(${STAGE}), 0) FROM assessments a
    WHERE a.tax_code = e.tax_code AND a.period = ${period} AND a.status <> 'draft'),
  EXISTS (SELECT 1 FROM standings s WHERE s.tax_code = e.tax_code AND s.period = ${period} AND s.latest_certified = 1)`;

/** Recomputes one enterprise's progress in one period (an upsert: its UPDATE trigger moves the counts). */
const refresh = (tax: string, period: string) => `${progressRow(period)}
FROM enterprises e WHERE e.tax_code = ${tax} AND ${period} IS NOT NULL
ON CONFLICT (tax_code, period) DO UPDATE SET stage = excluded.stage, certified = excluded.certified;`;

const progressCount = (row: string, delta: string) => `
INSERT INTO coverage_progress (period, province, industry, size, stage, certified, n)
VALUES (${row}.period, ${row}.province, ${row}.industry, ${row}.size, ${row}.stage, ${row}.certified, ${delta})
ON CONFLICT (period, province, industry, size, stage, certified) DO UPDATE SET n = n + ${delta};`;

const registeredCount = (row: string, delta: string) => `
INSERT INTO coverage_registered (province, industry, size, n)
VALUES (${row}.province, coalesce(${row}.industry, ''), ${row}.size, ${delta})
ON CONFLICT (province, industry, size) DO UPDATE SET n = n + ${delta};`;

/** The pillar levels of a standings row counted (+1) or uncounted (-1) under a basis, when its flag is set. */
const pillarCounts = (row: string, basis: 'certified' | 'appraised', delta: string) => `
INSERT INTO standing_pillar_counts (basis, period, province, pillar, level, n)
SELECT '${basis}', ${row}.period, ${row}.province, json_extract(p.value, '$.id'), json_extract(p.value, '$.level'), ${delta}
FROM json_each(${row}.pillars) p WHERE ${row}.${basis === 'certified' ? 'latest_certified' : 'latest_appraised'} = 1
ON CONFLICT (basis, period, province, pillar, level) DO UPDATE SET n = n + ${delta};`;

export const migration0009: Migration = {
  version: 9,
  name: 'counts',
  sql: `
CREATE TABLE coverage_registered (
  province TEXT NOT NULL,
  industry TEXT NOT NULL,
  size     TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (province, industry, size)
) STRICT, WITHOUT ROWID;

CREATE TABLE enterprise_progress (
  tax_code  TEXT NOT NULL REFERENCES enterprises (tax_code),
  period    TEXT NOT NULL,
  province  TEXT NOT NULL,
  industry  TEXT NOT NULL,
  size      TEXT NOT NULL,
  stage     INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 4),
  certified INTEGER NOT NULL CHECK (certified IN (0, 1)),
  PRIMARY KEY (tax_code, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE coverage_progress (
  period    TEXT NOT NULL,
  province  TEXT NOT NULL,
  industry  TEXT NOT NULL,
  size      TEXT NOT NULL,
  stage     INTEGER NOT NULL,
  certified INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (period, province, industry, size, stage, certified)
) STRICT, WITHOUT ROWID;

CREATE TABLE standing_pillar_counts (
  basis    TEXT NOT NULL CHECK (basis IN ('certified', 'appraised')),
  period   TEXT NOT NULL,
  province TEXT NOT NULL,
  pillar   TEXT NOT NULL,
  level    INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (basis, period, province, pillar, level)
) STRICT, WITHOUT ROWID;

-- Backfill from what is stored.
INSERT INTO coverage_registered (province, industry, size, n)
SELECT province, coalesce(industry, ''), size, count(*) FROM enterprises GROUP BY 1, 2, 3;
${progressRow('k.period')}
FROM (SELECT DISTINCT tax_code, period FROM assessments WHERE period IS NOT NULL) k
JOIN enterprises e ON e.tax_code = k.tax_code;
INSERT INTO coverage_progress (period, province, industry, size, stage, certified, n)
SELECT period, province, industry, size, stage, certified, count(*) FROM enterprise_progress GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO standing_pillar_counts (basis, period, province, pillar, level, n)
SELECT 'certified', s.period, s.province, json_extract(p.value, '$.id'), json_extract(p.value, '$.level'), count(*)
FROM standings s, json_each(s.pillars) p WHERE s.latest_certified = 1 GROUP BY 2, 3, 4, 5;
INSERT INTO standing_pillar_counts (basis, period, province, pillar, level, n)
SELECT 'appraised', s.period, s.province, json_extract(p.value, '$.id'), json_extract(p.value, '$.level'), count(*)
FROM standings s, json_each(s.pillars) p WHERE s.latest_appraised = 1 GROUP BY 2, 3, 4, 5;

-- Enterprises: registered counts, and the facts their progress rows are counted under.
CREATE TRIGGER coverage_enterprise_insert AFTER INSERT ON enterprises
BEGIN ${registeredCount('NEW', '1')} END;
CREATE TRIGGER coverage_enterprise_facts AFTER UPDATE OF province, industry, size ON enterprises
BEGIN
  ${registeredCount('OLD', '-1')}
  ${registeredCount('NEW', '1')}
  UPDATE enterprise_progress SET province = NEW.province, industry = coalesce(NEW.industry, ''), size = NEW.size
  WHERE tax_code = NEW.tax_code;
END;

-- Progress rows: the coverage counts follow every change.
CREATE TRIGGER coverage_progress_insert AFTER INSERT ON enterprise_progress
BEGIN ${progressCount('NEW', '1')} END;
CREATE TRIGGER coverage_progress_update AFTER UPDATE ON enterprise_progress
BEGIN
  ${progressCount('OLD', '-1')}
  ${progressCount('NEW', '1')}
END;

-- Assessments and standings: the enterprise's progress in the period is recomputed.
CREATE TRIGGER progress_assessment_insert AFTER INSERT ON assessments
BEGIN ${refresh('NEW.tax_code', 'NEW.period')} END;
CREATE TRIGGER progress_assessment_status AFTER UPDATE OF status, period ON assessments
BEGIN ${refresh('NEW.tax_code', 'NEW.period')} END;
CREATE TRIGGER progress_standing_insert AFTER INSERT ON standings
BEGIN ${refresh('NEW.tax_code', 'NEW.period')} END;
CREATE TRIGGER progress_standing_update AFTER UPDATE OF latest_certified ON standings
BEGIN ${refresh('NEW.tax_code', 'NEW.period')} END;
-- Standings (never deleted): the pillar levels of the latest rows per basis.
CREATE TRIGGER standing_pillars_insert AFTER INSERT ON standings
BEGIN ${pillarCounts('NEW', 'certified', '1')} ${pillarCounts('NEW', 'appraised', '1')} END;
CREATE TRIGGER standing_pillars_update AFTER UPDATE ON standings
BEGIN
  ${pillarCounts('OLD', 'certified', '-1')} ${pillarCounts('OLD', 'appraised', '-1')}
  ${pillarCounts('NEW', 'certified', '1')} ${pillarCounts('NEW', 'appraised', '1')}
END;

-- Rankings filtered on province, industry and size together; a province's enterprises in tax-code order.
CREATE INDEX standings_certified_all ON standings (period, province, industry, size, sort_key) WHERE latest_certified = 1;
CREATE INDEX standings_appraised_all ON standings (period, province, industry, size, sort_key) WHERE latest_appraised = 1;
CREATE INDEX enterprises_province_tax ON enterprises (province, tax_code);
`,
};
