// The key secret: the HMAC key API key hashes are stored under. Given by the operator (DBI_KEY_SECRET) or generated
// once and kept in a file (mode 600) that is not in the database, so a copy of the database alone is not enough to
// test key guesses. Every process on one database must use the same secret.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StorageError } from '../common.js';

/** Shortest key secret accepted: 32 characters. */
export const MIN_KEY_SECRET_LENGTH = 32;

/** `given` when set (checked for length); else the secret in `file`, which is created with a new one if absent. */
export function loadKeySecret(file: string, given?: string): string {
  if (given !== undefined && given !== '') {
    if (given.length < MIN_KEY_SECRET_LENGTH)
      throw new StorageError('invalid', `the key secret must be at least ${MIN_KEY_SECRET_LENGTH} characters long`);
    return given;
  }
  const read = (): string | undefined => {
    try {
      const text = readFileSync(file, 'utf8').trim();
      return text === '' ? undefined : text;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };
  const existing = read();
  if (existing !== undefined) return loadKeySecret(file, existing);
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': when two processes start at once, one writes and the other reads what it wrote.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const written = read();
  if (written === undefined) throw new StorageError('invalid', `the key secret file ${file} is empty`);
  return written;
}
