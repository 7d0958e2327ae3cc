// Certificates on SQLite: issued from the ministry column inside the certification's transaction (see
// assessments.ts), numbered DBI-<year>-<n> from the year's row of certificate_counters (incremented in that same
// transaction: no scan), superseding the valid certificates of the same enterprise and index; revoked once, never
// deleted.
import type { Statement } from 'better-sqlite3';
import { recordHash, type Actor } from '../common.js';
import { certificateNumber, certificateYear, checkCertificateRevoke } from './checks.js';
import type { SqliteWriter } from '../sqlite/tx.js';
import type {
  AssessmentRecord,
  CertificateFilter,
  CertificateRecord,
  CertificateRepository,
  EnterpriseRecord,
} from './types.js';

export interface CertificateRow {
  number: string;
  assessment_id: string;
  tax_code: string;
  enterprise_name: string;
  level: number;
  total: number;
  max: number;
  pillars: string;
  index_id: string;
  index_version: string;
  index_hash: string;
  issued_on: string;
  issued_at: string;
  issued_by: string;
  status: 'valid' | 'revoked';
  valid_until: string | null;
  superseded_by: string | null;
  superseded_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export const toCertificate = (r: CertificateRow): CertificateRecord => ({
  number: r.number,
  assessmentId: r.assessment_id,
  taxCode: r.tax_code,
  enterpriseName: r.enterprise_name,
  level: r.level,
  total: r.total,
  max: r.max,
  pillars: JSON.parse(r.pillars) as CertificateRecord['pillars'],
  index: { id: r.index_id, version: r.index_version, hash: r.index_hash },
  issuedOn: r.issued_on,
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  status: r.status,
  validUntil: r.valid_until,
  supersededBy: r.superseded_by,
  supersededAt: r.superseded_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  revocationReason: r.revocation_reason,
});

/** The certificates a new one supersedes: valid, not yet superseded, same enterprise and index, not itself. */
/** A page of certificates (positional parameters: taxCode, taxCode, province, province, afterIssuedAt,
 * afterIssuedAt, afterIssuedAt, afterNumber, limit); ordered by (issued_at, number) in byte order on both backends. */
export const CERTIFICATE_PAGE_SQL = `SELECT c.* FROM certificates c JOIN enterprises e ON e.tax_code = c.tax_code
  WHERE (? IS NULL OR c.tax_code = ?) AND (? IS NULL OR e.province = ?)
    AND (? IS NULL OR c.issued_at > ? OR (c.issued_at = ? AND c.number > ?))
  ORDER BY c.issued_at, c.number LIMIT ?`;

export const certificatePageParams = (f: CertificateFilter) => [
  f.taxCode ?? null,
  f.taxCode ?? null,
  f.province ?? null,
  f.province ?? null,
  f.after?.issuedAt ?? null,
  f.after?.issuedAt ?? null,
  f.after?.issuedAt ?? null,
  f.after?.number ?? null,
  f.limit,
];

export const SUPERSEDED_SQL = `SELECT number FROM certificates WHERE tax_code = ? AND index_id = ? AND number <> ?
  AND status = 'valid' AND superseded_by IS NULL ORDER BY issued_at, number`;

export class SqliteCertificateRepository implements CertificateRepository {
  private readonly s: Record<'get' | 'page' | 'next' | 'insert' | 'revoke' | 'superseded' | 'supersede', Statement>;
  constructor(private readonly w: SqliteWriter) {
    const db = w.db;
    this.s = {
      get: db.prepare('SELECT * FROM certificates WHERE number = ?'),
      page: db.prepare(CERTIFICATE_PAGE_SQL),
      next: db.prepare(
        'INSERT INTO certificate_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last',
      ),
      insert:
        db.prepare(`INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars,
        index_id, index_version, index_hash, issued_on, issued_at, issued_by, status, valid_until)
        VALUES (@number, @assessmentId, @taxCode, @enterpriseName, @level, @total, @max, @pillars, @indexId, @indexVersion, @indexHash,
        @issuedOn, @issuedAt, @issuedBy, 'valid', @validUntil)`),
      revoke:
        db.prepare(`UPDATE certificates SET status = 'revoked', revoked_at = ?, revoked_by = ?, revocation_reason = ?
        WHERE number = ? AND status = 'valid'`),
      superseded: db.prepare(SUPERSEDED_SQL),
      supersede: db.prepare('UPDATE certificates SET superseded_by = ?, superseded_at = ? WHERE number = ?'),
    };
  }

  find(number: string): CertificateRecord | undefined {
    const r = this.s.get.get(number) as CertificateRow | undefined;
    return r && toCertificate(r);
  }

  async get(number: string) {
    return this.find(number);
  }

  async list(filter: CertificateFilter) {
    return (this.s.page.all(...certificatePageParams(filter)) as CertificateRow[]).map(toCertificate);
  }

  /**
   * Inserts the certificate of an assessment being certified, stating `figures` (checks.ts certificateFigures: its
   * ministry column, or its group's roll-up), and returns its number. Call
   * inside the certification's transaction, then `issued` once the assessment's own audit entry is written.
   */
  insert(
    at: string,
    actor: Actor,
    a: AssessmentRecord,
    enterprise: EnterpriseRecord,
    issuedOn: string,
    validUntil: string | null,
    figures: Pick<CertificateRecord, 'level' | 'total' | 'max' | 'pillars' | 'index'>,
  ): string {
    const year = certificateYear(issuedOn);
    const number = certificateNumber(year, (this.s.next.get(year) as { last: number }).last);
    this.s.insert.run({
      number,
      assessmentId: a.id,
      taxCode: enterprise.taxCode,
      enterpriseName: enterprise.name,
      level: figures.level,
      total: figures.total,
      max: figures.max,
      pillars: JSON.stringify(figures.pillars),
      indexId: figures.index.id,
      indexVersion: figures.index.version,
      indexHash: figures.index.hash,
      issuedOn,
      issuedAt: at,
      issuedBy: actor.name,
      validUntil,
    });
    return number;
  }

  /** The audit entry of an issued certificate, then each supersession it makes (inside the certification's
   * transaction). */
  issued(at: string, actor: Actor, number: string): CertificateRecord {
    const certificate = this.find(number)!;
    this.w.audit.append(
      actor,
      { action: 'certificate.issue', target: `certificate:${number}`, afterHash: recordHash(certificate) },
      at,
    );
    const older = this.s.superseded.all(certificate.taxCode, certificate.index.id, number) as { number: string }[];
    for (const o of older)
      this.w.step(at, actor, {
        action: 'certificate.supersede',
        target: `certificate:${o.number}`,
        load: () => this.find(o.number),
        write: () => void this.s.supersede.run(number, at, o.number),
      });
    return certificate;
  }

  async revoke(number: string, reason: string, actor: Actor) {
    return this.w.write(actor, {
      action: 'certificate.revoke',
      target: `certificate:${number}`,
      load: () => this.find(number),
      write: (at, before) => {
        checkCertificateRevoke(before, number);
        this.s.revoke.run(at, actor.name, reason, number);
      },
    });
  }
}
