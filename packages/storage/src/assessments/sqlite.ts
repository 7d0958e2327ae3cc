// The assessment repositories over an open SQLite connection (migration 0002 applied): one file per repository,
// wired here. They share one writer whose trigger refusals are conflicts (every trigger of migration 0002 guards a
// state rule, which the repositories check first with the rules' own message).
import type { Database } from 'better-sqlite3';
import { AuditWriter } from '../sqlite/audit.js';
import { SqliteWriter } from '../sqlite/tx.js';
import { SqliteAssessmentRepository } from './assessments.js';
import { SqliteCertificateRepository } from './certificates.js';
import { certificateFigures } from './checks.js';
import { SqliteConsultantRepository } from './consultants.js';
import { SqliteEnterpriseRepository } from './enterprises.js';
import { SqliteGroupRepository } from './groups.js';
import type { AssessmentRepositories } from './types.js';

export function createSqliteAssessmentRepositories(db: Database): AssessmentRepositories {
  const w = new SqliteWriter(db, new AuditWriter(db), 'conflict');
  const enterprises = new SqliteEnterpriseRepository(w);
  const consultants = new SqliteConsultantRepository(w);
  const certificates = new SqliteCertificateRepository(w);
  // Assessments and groups call each other lazily (at call time, after both exist).
  const assessments: SqliteAssessmentRepository = new SqliteAssessmentRepository(w, {
    enterprise: (taxCode) => enterprises.must(taxCode),
    consultant: (id) => consultants.find(id),
    mustConsultant: (id) => consultants.must(id),
    rescoreGroupsIncluding: (id, actor, at, rescore) => groups.rescoreIncluding(id, actor, at, rescore),
    insertCertificate: (at, actor, a, e, issuedOn, validUntil) =>
      certificates.insert(
        at,
        actor,
        a,
        e,
        issuedOn,
        validUntil,
        certificateFigures(a, groups.parentGroupOf(a), (id) => assessments.find(id)),
      ),
    certificateIssued: (at, actor, number) => certificates.issued(at, actor, number),
  });
  const groups = new SqliteGroupRepository(w, {
    assessment: (id) => assessments.find(id),
    mustEnterprise: (taxCode) => enterprises.must(taxCode),
  });
  return { enterprises, consultants, assessments, certificates, groups };
}
