import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * The counter of each year's certificate numbers, rebuilt from the certificates stored (after this migration's
 * backfill, and after `dbi admin copy` writes a database): the highest n of each year's `DBI-<year>-<n>`.
 */
export const SYNC_CERTIFICATE_COUNTERS = `INSERT INTO certificate_counters (year, last)
  SELECT substr(number, 5, 4), max(CAST(substr(number, 10) AS INTEGER)) FROM certificates GROUP BY substr(number, 5, 4)
  ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)`;

/**
 * Certificates: numbered from a counter per year (one row updated in the certification's transaction, never a scan
 * of the certificates), a validity end date, and supersession — a newer certificate of the same enterprise and index
 * supersedes the older one, which records by which and when. What a certificate says stays frozen: an update is a
 * revocation (once) or a supersession (once), nothing else. Existing certificates: the counters start after the
 * highest number of each year; each valid certificate followed by a newer one of the same enterprise and index is
 * marked superseded by the next one issued.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'certs',
  sql: `
ALTER TABLE certificates ADD COLUMN valid_until TEXT;
ALTER TABLE certificates ADD COLUMN superseded_by TEXT REFERENCES certificates (number) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE certificates ADD COLUMN superseded_at TEXT;
CREATE INDEX certificates_enterprise_index ON certificates (tax_code, index_id, issued_at);

CREATE TABLE certificate_counters (
  year TEXT PRIMARY KEY CHECK (year GLOB '[0-9][0-9][0-9][0-9]'),
  last INTEGER NOT NULL CHECK (last >= 1)
) STRICT;

DROP TRIGGER certificates_frozen;
UPDATE certificates AS c SET
  superseded_by = (SELECT n.number FROM certificates n WHERE n.tax_code = c.tax_code AND n.index_id = c.index_id
    AND (n.issued_at > c.issued_at OR (n.issued_at = c.issued_at AND n.number > c.number))
    ORDER BY n.issued_at, n.number LIMIT 1),
  superseded_at = (SELECT n.issued_at FROM certificates n WHERE n.tax_code = c.tax_code AND n.index_id = c.index_id
    AND (n.issued_at > c.issued_at OR (n.issued_at = c.issued_at AND n.number > c.number))
    ORDER BY n.issued_at, n.number LIMIT 1)
WHERE c.status = 'valid';

-- What a certificate says never changes; an update revokes it (once) or marks it superseded (once).
CREATE TRIGGER certificates_frozen BEFORE UPDATE ON certificates
WHEN NEW.number IS NOT OLD.number OR NEW.assessment_id IS NOT OLD.assessment_id OR NEW.tax_code IS NOT OLD.tax_code
  OR NEW.enterprise_name IS NOT OLD.enterprise_name OR NEW.level IS NOT OLD.level OR NEW.total IS NOT OLD.total
  OR NEW.max IS NOT OLD.max OR NEW.pillars IS NOT OLD.pillars OR NEW.index_id IS NOT OLD.index_id
  OR NEW.index_version IS NOT OLD.index_version OR NEW.index_hash IS NOT OLD.index_hash
  OR NEW.issued_on IS NOT OLD.issued_on OR NEW.issued_at IS NOT OLD.issued_at OR NEW.issued_by IS NOT OLD.issued_by
  OR NEW.valid_until IS NOT OLD.valid_until
  OR (OLD.status = 'revoked' AND (NEW.status IS NOT OLD.status OR NEW.revoked_at IS NOT OLD.revoked_at
    OR NEW.revoked_by IS NOT OLD.revoked_by OR NEW.revocation_reason IS NOT OLD.revocation_reason))
  OR (OLD.status = 'valid' AND NEW.status IS NOT 'revoked' AND (NEW.revoked_at IS NOT OLD.revoked_at
    OR NEW.revoked_by IS NOT OLD.revoked_by OR NEW.revocation_reason IS NOT OLD.revocation_reason))
  OR (OLD.superseded_by IS NOT NULL AND (NEW.superseded_by IS NOT OLD.superseded_by
    OR NEW.superseded_at IS NOT OLD.superseded_at))
  OR (NEW.status IS OLD.status AND NEW.superseded_by IS OLD.superseded_by)
BEGIN SELECT RAISE(ABORT, 'a certificate can only be revoked or superseded'); END;
-- Superseded only by a newer certificate of the same enterprise and index, with the time it happened.
CREATE TRIGGER certificates_superseded_by_newer BEFORE UPDATE OF superseded_by, superseded_at ON certificates
WHEN (NEW.superseded_by IS NULL) <> (NEW.superseded_at IS NULL)
  OR (NEW.superseded_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certificates n WHERE n.number = NEW.superseded_by
    AND n.number <> NEW.number AND n.tax_code = NEW.tax_code AND n.index_id = NEW.index_id))
BEGIN SELECT RAISE(ABORT, 'a certificate is superseded only by another of the same enterprise and index'); END;
CREATE TRIGGER certificates_issued_unsuperseded BEFORE INSERT ON certificates
WHEN NEW.superseded_by IS NOT NULL OR NEW.superseded_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a certificate is issued unsuperseded'); END;
`,
  up: (db: Database) => {
    db.exec(SYNC_CERTIFICATE_COUNTERS);
  },
};
