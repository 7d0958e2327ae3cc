import type { PgMigration } from './types.js';

/**
 * SQLite's 0006-certs on PostgreSQL. Certificate numbers come from a SEQUENCE per year (`dbi_certificate_seq_<year>`,
 * created on the year's first certificate by `dbi_certificate_number(year)` under an advisory lock, so two instances
 * cannot both create it): no scan of the certificates, no row every certification must lock. A sequence is not
 * transactional — a certification rolled back (or retried after a serialization failure) leaves a gap; numbers are
 * unique and increasing, not gapless. `dbi_certificate_counters_sync()` moves each year's sequence past the highest
 * number stored (this migration's existing certificates, and `dbi admin copy`'s).
 */
export const pgMigration0006: PgMigration = {
  version: 6,
  name: 'certs',
  sql: `
ALTER TABLE certificates
  ADD COLUMN valid_until text,
  ADD COLUMN superseded_by text REFERENCES certificates (number) DEFERRABLE INITIALLY DEFERRED,
  ADD COLUMN superseded_at text,
  ADD CONSTRAINT certificates_superseded_pair CHECK ((superseded_by IS NULL) = (superseded_at IS NULL)),
  ADD CONSTRAINT certificates_superseded_not_self CHECK (superseded_by <> number);
CREATE INDEX certificates_enterprise_index ON certificates (tax_code, index_id, issued_at);

CREATE FUNCTION dbi_certificate_number(year text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE seq text := 'dbi_certificate_seq_' || year;
BEGIN
  IF year !~ '^[0-9]{4}$' THEN RAISE EXCEPTION 'a certificate year has four digits'; END IF;
  IF to_regclass(seq) IS NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext(seq));
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq);
  END IF;
  RETURN nextval(seq);
END $$;
CREATE FUNCTION dbi_certificate_counters_sync() RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT substr(number, 5, 4) AS year, max(substr(number, 10)::bigint) AS last FROM certificates
           GROUP BY substr(number, 5, 4) LOOP
    PERFORM dbi_certificate_number(r.year);
    PERFORM setval('dbi_certificate_seq_' || r.year, GREATEST(r.last, currval('dbi_certificate_seq_' || r.year)));
  END LOOP;
END $$;

-- SQLite's certificate_counters, read from the sequences: the same relation on both backends, to look at.
CREATE VIEW certificate_counters AS
  SELECT substr(sequencename, 21) AS year, last_value AS last FROM pg_sequences
  WHERE schemaname = current_schema() AND sequencename LIKE 'dbi\\_certificate\\_seq\\_%';

DROP TRIGGER certificates_frozen ON certificates;
UPDATE certificates c SET superseded_by = n.number, superseded_at = n.issued_at
FROM (SELECT number, tax_code, index_id, issued_at,
        lag(number) OVER w AS previous
      FROM certificates WINDOW w AS (PARTITION BY tax_code, index_id ORDER BY issued_at, number COLLATE "C")) n
WHERE n.previous = c.number AND c.status = 'valid';
SELECT dbi_certificate_counters_sync();

-- What a certificate says never changes; an update revokes it (once) or marks it superseded (once).
CREATE TRIGGER certificates_frozen BEFORE UPDATE ON certificates
FOR EACH ROW WHEN (NEW.number IS DISTINCT FROM OLD.number OR NEW.assessment_id IS DISTINCT FROM OLD.assessment_id
  OR NEW.tax_code IS DISTINCT FROM OLD.tax_code OR NEW.enterprise_name IS DISTINCT FROM OLD.enterprise_name
  OR NEW.level IS DISTINCT FROM OLD.level OR NEW.total IS DISTINCT FROM OLD.total OR NEW.max IS DISTINCT FROM OLD.max
  OR NEW.pillars IS DISTINCT FROM OLD.pillars OR NEW.index_id IS DISTINCT FROM OLD.index_id
  OR NEW.index_version IS DISTINCT FROM OLD.index_version OR NEW.index_hash IS DISTINCT FROM OLD.index_hash
  OR NEW.issued_on IS DISTINCT FROM OLD.issued_on OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
  OR NEW.issued_by IS DISTINCT FROM OLD.issued_by OR NEW.valid_until IS DISTINCT FROM OLD.valid_until
  OR (OLD.status = 'revoked' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
    OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by OR NEW.revocation_reason IS DISTINCT FROM OLD.revocation_reason))
  OR (OLD.status = 'valid' AND NEW.status IS DISTINCT FROM 'revoked' AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
    OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by OR NEW.revocation_reason IS DISTINCT FROM OLD.revocation_reason))
  OR (OLD.superseded_by IS NOT NULL AND (NEW.superseded_by IS DISTINCT FROM OLD.superseded_by
    OR NEW.superseded_at IS DISTINCT FROM OLD.superseded_at))
  OR (NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.superseded_by IS NOT DISTINCT FROM OLD.superseded_by))
EXECUTE FUNCTION dbi_refuse('a certificate can only be revoked or superseded');
CREATE FUNCTION dbi_certificates_superseded_by_newer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.superseded_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM certificates n WHERE n.number = NEW.superseded_by
      AND n.number <> NEW.number AND n.tax_code = NEW.tax_code AND n.index_id = NEW.index_id) THEN
    RAISE EXCEPTION 'a certificate is superseded only by another of the same enterprise and index';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certificates_superseded_by_newer BEFORE UPDATE OF superseded_by, superseded_at ON certificates
FOR EACH ROW EXECUTE FUNCTION dbi_certificates_superseded_by_newer();
CREATE TRIGGER certificates_issued_unsuperseded BEFORE INSERT ON certificates
FOR EACH ROW WHEN (NEW.superseded_by IS NOT NULL OR NEW.superseded_at IS NOT NULL)
EXECUTE FUNCTION dbi_refuse('a certificate is issued unsuperseded');
`,
};
