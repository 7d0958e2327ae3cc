// Run-time settings from the environment, with the defaults the README documents.
import { resolve } from 'node:path';
import { databaseTarget } from '@dbi/storage';
import { designerDist, portalDist } from './lib/paths.js';
import { readCertificateSettings, type CertificateSettings } from './lib/certificates/settings.js';
import type { RateLimits } from './lib/rate-limits.js';
import type { AssessmentSettings } from './services/assessments.js';

export interface Config {
  /** DBI_DB: the SQLite file (default ./data/dbi.sqlite, relative to the working directory, made absolute) or a
   * postgres:// URL (PostgreSQL). Any other URL scheme is refused. */
  dbFile: string;
  port: number;
  host: string;
  /** Becomes the first ministry-publisher key on a database with no keys (DBI_BOOTSTRAP_KEY). */
  bootstrapKey: string | undefined;
  /** HMAC key for stored API key hashes (DBI_KEY_SECRET, ≥ 32 characters); unset: a generated `key-secret` file. */
  keySecret: string | undefined;
  /** Folder of the designer's build, served at /designer/ when it exists (DBI_DESIGNER_DIST). */
  designerDist: string;
  /** Folder of the portal's build, served at / when it exists (DBI_PORTAL_DIST). */
  portalDist: string;
  logLevel: string;
  /** DBI_RATE_PER_KEY, DBI_RATE_PER_IP, DBI_RATE_AUTH_FAILURES, DBI_RATE_SIGN_IN: per minute; DBI_LOCKOUT_ATTEMPTS,
   * DBI_LOCKOUT_MINUTES: wrong passwords in a row before an account is locked, and for how long (RATE_LIMIT_DEFAULTS). */
  rateLimits: Partial<RateLimits>;
  /** DBI_CORS_ORIGINS: comma-separated origins (https://host[:port]) allowed cross-origin; unset: none. */
  corsOrigins: string[];
  /** The classifier and the group index the assessment side uses (DBI_SIZE_CLASSIFIER, DBI_GROUP_INDEX). */
  assessments: AssessmentSettings;
  /** DBI_PUBLIC_BASE_URL, DBI_CERT_VALIDITY_MONTHS, DBI_CERT_ISSUER (lib/certificates/settings.ts). */
  certificates: CertificateSettings;
  /** PostgreSQL only (ignored for SQLite): DBI_PG_CONNECTIONS, connections for writes and short reads (default 10);
   * DBI_PG_LONG_READS, connections for the national reads — rankings, coverage, list pages (default 2). Size them to
   * the database server: several instances × (both) must stay under its max_connections. */
  database: { maxConnections?: number; longReadConnections?: number };
}

/**
 * Which registered indices the assessment side uses, and the Decision's level scale. Today's national indices are the
 * defaults; a revised classifier is simply a newer published version of `sizeClassifier` (the newest is used), and
 * a different one can be named without changing code (DBI_SIZE_CLASSIFIER, DBI_GROUP_INDEX).
 */
export const ASSESSMENT_DEFAULTS: AssessmentSettings = Object.freeze({
  sizeClassifier: 'size',
  groupIndex: 'group',
  levels: Object.freeze([0, 1, 2, 3, 4, 5]),
  maxOpenDrafts: 3,
});

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be an integer 0–65535, got "${env.PORT}"`);
  let db;
  try {
    db = databaseTarget(env.DBI_DB || './data/dbi.sqlite');
  } catch (err) {
    throw new ConfigError(`DBI_DB: ${(err as Error).message}`);
  }
  return {
    dbFile: db.kind === 'sqlite' ? db.file : db.url,
    port,
    host: env.HOST || '127.0.0.1',
    bootstrapKey: env.DBI_BOOTSTRAP_KEY || undefined,
    keySecret: env.DBI_KEY_SECRET || undefined,
    designerDist: env.DBI_DESIGNER_DIST ? resolve(env.DBI_DESIGNER_DIST) : designerDist,
    portalDist: env.DBI_PORTAL_DIST ? resolve(env.DBI_PORTAL_DIST) : portalDist,
    logLevel: env.LOG_LEVEL || 'info',
    corsOrigins: corsOrigins(env.DBI_CORS_ORIGINS),
    rateLimits: {
      ...perMinute('perKey', 'DBI_RATE_PER_KEY', env.DBI_RATE_PER_KEY),
      ...perMinute('perIp', 'DBI_RATE_PER_IP', env.DBI_RATE_PER_IP),
      ...perMinute('authFailures', 'DBI_RATE_AUTH_FAILURES', env.DBI_RATE_AUTH_FAILURES),
      ...perMinute('signInPerIp', 'DBI_RATE_SIGN_IN', env.DBI_RATE_SIGN_IN),
      ...perMinute('lockoutAttempts', 'DBI_LOCKOUT_ATTEMPTS', env.DBI_LOCKOUT_ATTEMPTS),
      ...perMinute('lockoutMinutes', 'DBI_LOCKOUT_MINUTES', env.DBI_LOCKOUT_MINUTES),
    },
    assessments: {
      ...ASSESSMENT_DEFAULTS,
      sizeClassifier: indexId('DBI_SIZE_CLASSIFIER', env.DBI_SIZE_CLASSIFIER) ?? ASSESSMENT_DEFAULTS.sizeClassifier,
      groupIndex: indexId('DBI_GROUP_INDEX', env.DBI_GROUP_INDEX) ?? ASSESSMENT_DEFAULTS.groupIndex,
      maxOpenDrafts: positive('DBI_MAX_OPEN_DRAFTS', env.DBI_MAX_OPEN_DRAFTS) ?? ASSESSMENT_DEFAULTS.maxOpenDrafts!,
    },
    certificates: certificateSettings(env),
    database: {
      ...optional('maxConnections', positive('DBI_PG_CONNECTIONS', env.DBI_PG_CONNECTIONS, 100)),
      ...optional('longReadConnections', positive('DBI_PG_LONG_READS', env.DBI_PG_LONG_READS, 100)),
    },
  };
}

const optional = <K extends string>(key: K, n: number | undefined) => (n === undefined ? {} : { [key]: n });

function indexId(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(value))
    throw new ConfigError(`${name} must be an index id such as size, got "${value}"`);
  return value;
}

function certificateSettings(env: NodeJS.ProcessEnv): CertificateSettings {
  try {
    return readCertificateSettings(env);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

function corsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const o of origins)
    if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o))
      throw new ConfigError(`DBI_CORS_ORIGINS: "${o}" is not an origin such as https://portal.example.gov.vn`);
  return origins;
}

function perMinute(field: keyof RateLimits, name: string, value: string | undefined): Partial<RateLimits> {
  if (value === undefined || value === '') return {};
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new ConfigError(`${name} must be a positive integer, got "${value}"`);
  return { [field]: n };
}

function positive(name: string, value: string | undefined, max = 1000): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(`${name} must be an integer 1–${max}, got "${value}"`);
  return n;
}
