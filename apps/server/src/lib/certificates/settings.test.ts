// Validity dates worked out on a calendar, and the settings read from the environment.
import { describe, expect, it } from 'vitest';
import { readCertificateSettings, todayInVietnam, validUntil, vietnameseDate } from './settings.js';

describe('validUntil', () => {
  it('is the day before the same date `months` later, or the month’s last day when that date does not exist', () => {
    expect(validUntil('2025-06-30', 12)).toBe('2026-06-29');
    expect(validUntil('2025-01-01', 12)).toBe('2025-12-31');
    expect(validUntil('2025-03-01', 1)).toBe('2025-03-31');
    expect(validUntil('2025-01-31', 1)).toBe('2025-02-28');
    expect(validUntil('2024-01-31', 1)).toBe('2024-02-29');
    expect(validUntil('2024-02-29', 12)).toBe('2025-02-28');
    expect(validUntil('2024-02-29', 48)).toBe('2028-02-28');
    expect(validUntil('2025-11-15', 3)).toBe('2026-02-14');
    expect(validUntil('2025-12-31', 24)).toBe('2027-12-30');
  });
});

describe('todayInVietnam', () => {
  it('is UTC+7: 17:00 UTC is already the next day', () => {
    expect(todayInVietnam(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(todayInVietnam(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
    expect(vietnameseDate('2025-07-01')).toBe('01/07/2025');
  });
});

describe('readCertificateSettings', () => {
  it('reads the base URL, validity and issuer, and names a bad variable', () => {
    expect(readCertificateSettings({})).toMatchObject({ publicBaseUrl: undefined, validityMonths: 12 });
    expect(
      readCertificateSettings({
        DBI_PUBLIC_BASE_URL: 'https://dbi.gov.vn/',
        DBI_CERT_VALIDITY_MONTHS: '24',
        DBI_CERT_ISSUER: 'Bộ Thông tin và Truyền thông|Ministry of Information and Communications',
      }),
    ).toEqual({
      publicBaseUrl: 'https://dbi.gov.vn',
      validityMonths: 24,
      issuer: { vi: 'Bộ Thông tin và Truyền thông', en: 'Ministry of Information and Communications' },
    });
    expect(() => readCertificateSettings({ DBI_PUBLIC_BASE_URL: 'dbi.gov.vn' })).toThrow(/DBI_PUBLIC_BASE_URL/);
    expect(() => readCertificateSettings({ DBI_CERT_VALIDITY_MONTHS: '0' })).toThrow(/DBI_CERT_VALIDITY_MONTHS/);
    expect(() => readCertificateSettings({ DBI_CERT_VALIDITY_MONTHS: '1.5' })).toThrow(/DBI_CERT_VALIDITY_MONTHS/);
  });
});
