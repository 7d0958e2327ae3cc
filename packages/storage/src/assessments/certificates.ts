// Certificates on SQLite: issued from the ministry column inside the certification's transaction (see
// assessments.ts), numbered DBI-<year>-<n> in issue order within the year; revoked once, never deleted.
import type { Statement } from 'better-sqlite3';
import { recordHash, type Actor } from '../common.js';
import { certificateNumber, certificatePillars, checkCertificateRevoke, ministryColumn } from './checks.js';
import type { SqliteWriter } from '../sqlite/tx.js';
import type { AssessmentRecord, CertificateRecord, CertificateRepository, EnterpriseRecord } from './types.js';

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
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  revocationReason: r.revocation_reason,
});

export class SqliteCertificateRepository implements CertificateRepository {
  private readonly s: Record<'get' | 'countYear' | 'insert' | 'revoke', Statement>;
  constructor(private readonly w: SqliteWriter) {
    const db = w.db;
    this.s = {
      get: db.prepare('SELECT * FROM certificates WHERE number = ?'),
      countYear: db.prepare('SELECT count(*) AS n FROM certificates WHERE number LIKE ?'),
      insert:
        db.prepare(`INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars,
        index_id, index_version, index_hash, issued_on, issued_at, issued_by, status)
        VALUES (@number, @assessmentId, @taxCode, @enterpriseName, @level, @total, @max, @pillars, @indexId, @indexVersion, @indexHash,
        @issuedOn, @issuedAt, @issuedBy, 'valid')`),
      revoke:
        db.prepare(`UPDATE certificates SET status = 'revoked', revoked_at = ?, revoked_by = ?, revocation_reason = ?
        WHERE number = ? AND status = 'valid'`),
    };
  }

  find(number: string): CertificateRecord | undefined {
    const r = this.s.get.get(number) as CertificateRow | undefined;
    return r && toCertificate(r);
  }

  async get(number: string) {
    return this.find(number);
  }

  /**
   * Inserts the certificate of an assessment being certified, from its ministry column, and returns its number. Call
   * inside the certification's transaction, then `issued` once the assessment's own audit entry is written.
   */
  insert(at: string, actor: Actor, a: AssessmentRecord, enterprise: EnterpriseRecord, issuedOn: string): string {
    const r = ministryColumn(a).result;
    const year = issuedOn.slice(0, 4);
    const number = certificateNumber(year, (this.s.countYear.get(`DBI-${year}-%`) as { n: number }).n);
    this.s.insert.run({
      number,
      assessmentId: a.id,
      taxCode: enterprise.taxCode,
      enterpriseName: enterprise.name,
      level: r.level,
      total: r.total,
      max: r.max,
      pillars: JSON.stringify(certificatePillars(a)),
      indexId: a.index.id,
      indexVersion: a.index.version,
      indexHash: a.index.hash,
      issuedOn,
      issuedAt: at,
      issuedBy: actor.name,
    });
    return number;
  }

  /** The audit entry of an issued certificate (inside the certification's transaction). */
  issued(at: string, actor: Actor, number: string): CertificateRecord {
    const certificate = this.find(number)!;
    this.w.audit.append(
      actor,
      { action: 'certificate.issue', target: `certificate:${number}`, afterHash: recordHash(certificate) },
      at,
    );
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
