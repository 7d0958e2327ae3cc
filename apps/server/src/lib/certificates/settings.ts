// Certificate settings (DBI_PUBLIC_BASE_URL, DBI_CERT_VALIDITY_MONTHS, DBI_CERT_ISSUER) and the calendar arithmetic
// of issue and validity dates. Dates are Vietnamese calendar dates (UTC+7, no daylight saving), YYYY-MM-DD.

export interface CertificateSettings {
  /** Origin the QR code and verification links point at (https://dbi.gov.vn); unset: the request's own origin. */
  publicBaseUrl: string | undefined;
  /** A certificate is valid for this many months from its issue date (the last valid day is the day before). */
  validityMonths: number;
  /** The organisation that issues certificates, as printed on them. */
  issuer: { vi: string; en: string };
}

/**
 * Decision 1970 names no validity period: 12 months by default, one yearly assessment campaign; set
 * DBI_CERT_VALIDITY_MONTHS to change it (stored on each certificate when issued, so a change never alters issued
 * ones). The Ministry of Information and Communications, which issued the Decision, merged into the Ministry of
 * Science and Technology on 1 March 2025; DBI_CERT_ISSUER names another issuer.
 */
export const CERTIFICATE_DEFAULTS: CertificateSettings = Object.freeze({
  publicBaseUrl: undefined,
  validityMonths: 12,
  issuer: Object.freeze({ vi: 'Bộ Khoa học và Công nghệ', en: 'Ministry of Science and Technology' }),
});

/** Today's date in Vietnam. */
export const todayInVietnam = (now: Date = new Date()): string =>
  now.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The last valid day of a certificate issued on `issuedOn`: the same day `months` later, less one day (31 Jan +
 * 1 month: the last day of February). */
export function validUntil(issuedOn: string, months: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  end.setUTCDate(end.getUTCDate() - (d <= lastDay ? 1 : 0));
  return end.toISOString().slice(0, 10);
}

/** dd/mm/yyyy, as dates are written in Vietnamese documents. */
export const vietnameseDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** DBI_PUBLIC_BASE_URL, DBI_CERT_VALIDITY_MONTHS, DBI_CERT_ISSUER ("vi|en"); throws naming the bad variable. */
export function readCertificateSettings(env: Record<string, string | undefined>): CertificateSettings {
  const base = env.DBI_PUBLIC_BASE_URL?.trim() || undefined;
  if (base !== undefined && !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s?#]*)?$/i.test(base))
    throw new Error(`DBI_PUBLIC_BASE_URL: "${base}" is not a base URL such as https://dbi.gov.vn`);
  const months = env.DBI_CERT_VALIDITY_MONTHS?.trim();
  const validityMonths = months ? Number(months) : CERTIFICATE_DEFAULTS.validityMonths;
  if (!Number.isInteger(validityMonths) || validityMonths < 1 || validityMonths > 120)
    throw new Error(`DBI_CERT_VALIDITY_MONTHS must be a whole number of months 1–120, got "${months}"`);
  const issuerText = env.DBI_CERT_ISSUER?.trim();
  let issuer = CERTIFICATE_DEFAULTS.issuer;
  if (issuerText) {
    const [vi, en] = issuerText.split('|').map((s) => s.trim());
    if (!vi) throw new Error('DBI_CERT_ISSUER must be "<Vietnamese name>|<English name>"');
    issuer = { vi, en: en || vi };
  }
  return { publicBaseUrl: base?.replace(/\/+$/, ''), validityMonths, issuer };
}
