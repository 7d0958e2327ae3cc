// Records → response bodies where the stored shape and the public one differ.
import type { CertificateRecord } from '@dbi/storage';

/** What a certificate says publicly: the enterprise's name as issued, levels, the exact index version, status. */
export function certificateOut(c: CertificateRecord) {
  return {
    number: c.number,
    status: c.status,
    enterprise: { taxCode: c.taxCode, name: c.enterpriseName },
    level: c.level,
    total: c.total,
    max: c.max,
    pillars: c.pillars,
    index: c.index,
    issuedOn: c.issuedOn,
    revokedOn: c.revokedAt ? c.revokedAt.slice(0, 10) : null,
    revocationReason: c.revocationReason,
  };
}
