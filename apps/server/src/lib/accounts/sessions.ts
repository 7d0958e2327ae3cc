// Sessions for people: what the cookie holds and how it is checked. The cookie carries a random 256-bit secret; the
// database holds only its HMAC under the server's key secret (like API keys), so a copy of the database cannot be
// replayed as a session. The CSRF token is a second HMAC of the same secret: bound to the session (a token of one
// session is worthless for another), nothing more to store, and it dies with the session. This is the synchroniser
// token pattern without server state, which is why @fastify/csrf-protection (a secret of its own in another cookie
// or a server-side session store) is not used.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Account, AccountRecord } from '@dbi/schema';
import type { Principal } from '../policy.js';

/** The session cookie's name (the sessions contract). */
export const SESSION_COOKIE = 'dbi_session';
/** The header a cookie-authenticated unsafe request must carry (the sessions contract). */
export const CSRF_HEADER = 'x-csrf-token';
/** A session lasts 12 hours from sign-in (a working day), whatever happens in between. */
export const SESSION_MS = 12 * 60 * 60 * 1000;
/** A session's last-seen time is written at most this often. */
export const TOUCH_MS = 5 * 60 * 1000;

export const newSessionSecret = (): string => randomBytes(32).toString('base64url');

const mac = (keySecret: string, purpose: string, secret: string) =>
  createHmac('sha256', keySecret).update(`${purpose}:${secret}`, 'utf8');

/** What the database stores for a session secret. */
export const sessionHash = (secret: string, keySecret: string): string =>
  mac(keySecret, 'session', secret).digest('hex');

/** The CSRF token of a session. */
export const csrfTokenOf = (secret: string, keySecret: string): string =>
  mac(keySecret, 'csrf', secret).digest('base64url');

/** Constant-time comparison of a presented token with the expected one. */
export function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The account as the sessions contract shows it to its holder. */
export function accountView(a: AccountRecord): Account {
  const view: Account = { id: a.id, email: a.email, name: a.name, role: a.role, scope: a.scope };
  if (a.binding) view.binding = { taxCode: a.binding.taxCode, status: a.binding.status };
  if (a.mustChangePassword) view.mustChangePassword = true;
  return view;
}

/** A signed-in account acts exactly as an API key with its role and scope would (the account's e-mail names it in
 * the audit log). An enterprise whose binding is not approved, or an unrecognised consultant, has no scope. */
export const principalOfAccount = (a: AccountRecord): Principal =>
  Object.freeze({ id: a.id, name: a.email, role: a.role, scope: a.scope });
