// Run-time settings from the environment, with the defaults the README documents.
import { resolve } from 'node:path';
import { designerDist } from './lib/paths.js';

export interface Config {
  /** SQLite file (DBI_DB, default ./data/dbi.sqlite relative to the working directory). */
  dbFile: string;
  port: number;
  host: string;
  /** Becomes the first ministry-publisher key on a database with no keys (DBI_BOOTSTRAP_KEY). */
  bootstrapKey: string | undefined;
  /** Folder of the designer's build, served at / when it exists (DBI_DESIGNER_DIST). */
  designerDist: string;
  logLevel: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be an integer 0–65535, got "${env.PORT}"`);
  return {
    dbFile: resolve(env.DBI_DB || './data/dbi.sqlite'),
    port,
    host: env.HOST || '127.0.0.1',
    bootstrapKey: env.DBI_BOOTSTRAP_KEY || undefined,
    designerDist: env.DBI_DESIGNER_DIST ? resolve(env.DBI_DESIGNER_DIST) : designerDist,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
