// What a certificate says with the names its pinned index version gives its levels and pillars, and where it
// stands today: the body of the public verification route, and the words of the PDF.
import type { FastifyRequest } from 'fastify';
import type { CertificateCheck } from '@dbi/schema';
import type { CertificateRecord, Storage } from '@dbi/storage';
import { certificateState, type CertificateNames } from './pdf.js';
import { CERTIFICATE_DEFAULTS, todayInVietnam, type CertificateSettings } from './settings.js';

export function certificateSettings(options: Partial<CertificateSettings> | undefined): CertificateSettings {
  return { ...CERTIFICATE_DEFAULTS, ...options };
}

/** Title, level names and pillar names of the certificate's exact index version (published: never changes). */
export async function certificateNames(storage: Storage, c: CertificateRecord): Promise<CertificateNames> {
  const v = await storage.indices.getVersion(c.index.id, c.index.version);
  const d = v ? (JSON.parse(v.definitionJson) as Partial<CertificateNames> & { kind?: string }) : {};
  return {
    title: d.title ?? { vi: c.index.id, en: c.index.id },
    levels: (d.levels ?? []).map((l) => ({ level: l.level, name: l.name })),
    pillars: (d.pillars ?? []).map((p) => ({ id: p.id, name: p.name })),
    rollUp: d.kind === 'aggregate',
  };
}

/** The absolute address of the public verification page: the configured base URL, else this request's origin. */
export function verifyUrl(request: FastifyRequest, settings: CertificateSettings, number: string): string {
  const base = settings.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  return `${base}/verify/${encodeURIComponent(number)}`;
}

export function certificateCheck(
  c: CertificateRecord,
  names: CertificateNames,
  settings: CertificateSettings,
  today: string = todayInVietnam(),
): CertificateCheck {
  const name = (level: number) =>
    names.levels.find((l) => l.level === level)?.name ?? { vi: `Mức ${level}`, en: `Level ${level}` };
  const state = certificateState(c, today);
  return {
    number: c.number,
    state,
    valid: state === 'valid',
    enterprise: { taxCode: c.taxCode, name: c.enterpriseName },
    level: { level: c.level, name: name(c.level), total: c.total, max: c.max },
    pillars: c.pillars.map((p) => ({
      id: p.id,
      name: names.pillars.find((x) => x.id === p.id)?.name ?? { vi: p.id, en: p.id },
      level: p.level,
      levelName: name(p.level),
      points: p.points,
      max: p.max,
    })),
    index: { ...c.index, title: names.title },
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    issuer: settings.issuer,
    supersededBy: c.supersededBy,
    supersededOn: c.supersededAt ? todayInVietnam(new Date(c.supersededAt)) : null,
    revokedOn: c.revokedAt ? todayInVietnam(new Date(c.revokedAt)) : null,
    revocationReason: c.revocationReason,
    pdf: `/api/v1/certificates/${c.number}.pdf`,
  };
}
