// Passwords: the one place they are hashed and checked. argon2id (RFC 9106) through @node-rs/argon2, with OWASP's
// first recommended setting — 19 MiB of memory, 2 passes, 1 lane: about 20–40 ms on one core of the reference
// machine, memory-hard so a stolen database cannot be tried at GPU speed, and small enough that a burst of sign-ins
// does not exhaust the server's memory (the sign-in rate limits bound the bursts). The PHC string stores the
// parameters and a random 16-byte salt, so raising them later only affects new hashes. A password is never stored,
// logged or returned; only its hash.
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

const ARGON2ID = 2 as Algorithm; // the library's Algorithm.Argon2id (a const enum, not importable as a value)
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Shortest and longest passwords accepted (NIST SP 800-63B: at least 8; a long bound keeps hashing cost bounded). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export interface PasswordProblem {
  code: 'password-too-short' | 'password-too-long' | 'password-too-simple' | 'password-is-email';
  vi: string;
  en: string;
}

/** Why a new password is refused (in Vietnamese and English), or undefined. */
export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN)
    return {
      code: 'password-too-short',
      vi: `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự`,
      en: `the password must be at least ${PASSWORD_MIN} characters long`,
    };
  if (length > PASSWORD_MAX)
    return {
      code: 'password-too-long',
      vi: `Mật khẩu không được dài quá ${PASSWORD_MAX} ký tự`,
      en: `the password must be at most ${PASSWORD_MAX} characters long`,
    };
  if (new Set(password).size < 4)
    return {
      code: 'password-too-simple',
      vi: 'Mật khẩu phải có ít nhất 4 ký tự khác nhau',
      en: 'the password must contain at least 4 different characters',
    };
  if (email !== undefined && password.trim().toLowerCase() === email.trim().toLowerCase())
    return {
      code: 'password-is-email',
      vi: 'Mật khẩu không được trùng với địa chỉ e-mail',
      en: 'the password must not be the e-mail address',
    };
  return undefined;
}

/** The argon2id PHC string of a password (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash no password matches, verified when the e-mail is unknown so both answers take about as long. */
let decoy: Promise<string> | undefined;

/** Does the password match the hash? With no hash (unknown account), checks a decoy and answers false. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    decoy ??= hashPassword(randomBytes(24).toString('base64url'));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A one-time password an administrator hands over (the account must change it at its next sign-in). */
export const generatePassword = (): string => randomBytes(15).toString('base64url');
