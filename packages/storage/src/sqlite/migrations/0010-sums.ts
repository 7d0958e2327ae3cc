// Sums of the latest standings per basis, period, province, industry, size, maximum and level — how many and their
// points — kept by triggers in the transaction of every write that changes a standing, like migration 0009's counts,
// and backfilled here. The cross-province Z-score table (a provincial index reads it, and a comparison reads it for
// two periods) and the level distribution were a GROUP BY over every standing of the period; they are now a GROUP BY
// over at most a few thousand rows. A missing industry is '' here, as in 0009.
import type { Migration } from './types.js';

/** A standings row added to (+1) or taken from (-1) the sums of a basis, when its flag for that basis is set. */
const sums = (row: string, basis: 'certified' | 'appraised', delta: string) => `
INSERT INTO standing_sums (basis, period, province, industry, size, max, level, n, total)
SELECT '${basis}', ${row}.period, ${row}.province, coalesce(${row}.industry, ''), ${row}.size, ${row}.max, ${row}.level,
  ${delta}, ${delta} * ${row}.total
WHERE ${row}.${basis === 'certified' ? 'latest_certified' : 'latest_appraised'} = 1
ON CONFLICT (basis, period, province, industry, size, max, level)
DO UPDATE SET n = n + excluded.n, total = total + excluded.total;`;

const backfill = (basis: 'certified' | 'appraised') => `
INSERT INTO standing_sums (basis, period, province, industry, size, max, level, n, total)
SELECT '${basis}', period, province, coalesce(industry, ''), size, max, level, count(*), sum(total) FROM standings
WHERE ${basis === 'certified' ? 'latest_certified' : 'latest_appraised'} = 1 GROUP BY 2, 3, 4, 5, 6, 7;`;

export const migration0010: Migration = {
  version: 10,
  name: 'sums',
  sql: `
CREATE TABLE standing_sums (
  basis    TEXT NOT NULL CHECK (basis IN ('certified', 'appraised')),
  period   TEXT NOT NULL,
  province TEXT NOT NULL,
  industry TEXT NOT NULL,
  size     TEXT NOT NULL,
  max      INTEGER NOT NULL,
  level    INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  total    INTEGER NOT NULL,
  PRIMARY KEY (basis, period, province, industry, size, max, level)
) STRICT, WITHOUT ROWID;
${backfill('certified')}
${backfill('appraised')}
CREATE TRIGGER standing_sums_insert AFTER INSERT ON standings
BEGIN ${sums('NEW', 'certified', '1')} ${sums('NEW', 'appraised', '1')} END;
CREATE TRIGGER standing_sums_update AFTER UPDATE ON standings
BEGIN
  ${sums('OLD', 'certified', '-1')} ${sums('OLD', 'appraised', '-1')}
  ${sums('NEW', 'certified', '1')} ${sums('NEW', 'appraised', '1')}
END;
`,
};
