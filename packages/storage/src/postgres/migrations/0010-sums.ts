// The same sums as SQLite's migration 0010 (read its header): the latest standings' counts and points per basis,
// period, province, industry, size, maximum and level, kept by a trigger in the writing transaction, backfilled here.
import type { PgMigration } from './types.js';

const backfill = (basis: 'certified' | 'appraised') => `
INSERT INTO standing_sums (basis, period, province, industry, size, max, level, n, total)
SELECT '${basis}', period, province, coalesce(industry, ''), size, max, level, count(*), sum(total) FROM standings
WHERE ${basis === 'certified' ? 'latest_certified' : 'latest_appraised'} = 1 GROUP BY 2, 3, 4, 5, 6, 7;`;

export const pgMigration0010: PgMigration = {
  version: 10,
  name: 'sums',
  sql: `
CREATE TABLE standing_sums (
  basis    text NOT NULL CHECK (basis IN ('certified', 'appraised')),
  period   text NOT NULL,
  province text NOT NULL,
  industry text NOT NULL,
  size     text NOT NULL,
  max      integer NOT NULL,
  level    integer NOT NULL,
  n        bigint NOT NULL,
  total    bigint NOT NULL,
  PRIMARY KEY (basis, period, province, industry, size, max, level)
);
${backfill('certified')}
${backfill('appraised')}

CREATE FUNCTION dbi_standing_sum(b text, r standings, delta bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO standing_sums (basis, period, province, industry, size, max, level, n, total)
  VALUES (b, r.period, r.province, coalesce(r.industry, ''), r.size, r.max, r.level, delta, delta * r.total)
  ON CONFLICT (basis, period, province, industry, size, max, level)
  DO UPDATE SET n = standing_sums.n + excluded.n, total = standing_sums.total + excluded.total;
$$;
CREATE FUNCTION dbi_standing_sums() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.latest_certified = 1 THEN PERFORM dbi_standing_sum('certified', OLD, -1); END IF;
    IF OLD.latest_appraised = 1 THEN PERFORM dbi_standing_sum('appraised', OLD, -1); END IF;
  END IF;
  IF NEW.latest_certified = 1 THEN PERFORM dbi_standing_sum('certified', NEW, 1); END IF;
  IF NEW.latest_appraised = 1 THEN PERFORM dbi_standing_sum('appraised', NEW, 1); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER standing_sums_insert AFTER INSERT ON standings
FOR EACH ROW EXECUTE FUNCTION dbi_standing_sums();
CREATE TRIGGER standing_sums_update AFTER UPDATE ON standings
FOR EACH ROW EXECUTE FUNCTION dbi_standing_sums();
`,
};
