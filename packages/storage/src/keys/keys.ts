// API keys: the secret is shown once and stored only as its HMAC-SHA256 under the server's key secret (a stolen copy
// of the database does not let anyone test guesses offline); a role and a scope say what it may do. Keys stored
// before the key secret existed are plain sha256 and keep working (the server looks up both).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ROLES, type ApiKeyInfo, type Role } from '@dbi/schema';
import { StorageError, SYSTEM_ACTOR, type Actor } from '../common.js';
import type { ApiKeyRepository } from './types.js';

/** What key issuing needs of the storage. */
type WithKeys = { readonly keys: ApiKeyRepository };

const KEY_PREFIX = 'dbi_';

/** A fresh secret: `dbi_` + 32 random bytes in base64url (256 bits). */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored for a key: HMAC-SHA256 under `keySecret`, or (keys stored before it existed) plain sha256. */
export function hashApiKey(key: string, keySecret?: string): string {
  return keySecret === undefined
    ? createHash('sha256').update(key, 'utf8').digest('hex')
    : createHmac('sha256', keySecret).update(key, 'utf8').digest('hex');
}

/** Shortest secret accepted (e.g. for DBI_BOOTSTRAP_KEY): anything shorter is guessable. */
export const MIN_KEY_LENGTH = 24;

const SCOPE_RULES: Record<Role, { required: boolean; allowed: boolean; pattern?: RegExp; describe?: string }> = {
  'ministry-editor': { required: false, allowed: false },
  'ministry-publisher': { required: false, allowed: false },
  integrator: { required: false, allowed: false },
  'sector-ministry': {
    required: true,
    allowed: true,
    pattern: /^[a-z][a-z0-9-]{0,62}\*?(,[a-z][a-z0-9-]{0,62}\*?)*$/,
    describe:
      'comma-separated index ids, each optionally ending in * to mean "every id starting with" (e.g. large-agriculture,agri-*)',
  },
  'provincial-department': {
    required: true,
    allowed: true,
    // The code of one of the 34 provincial units since 1 July 2025 (two digits; @dbi/reference holds the list,
    // the CLI and the server check the code is one of them).
    pattern: /^[0-9]{2}$/,
    describe: 'a province code of the 34 provincial units, two digits such as 01 or 79',
  },
  enterprise: {
    required: true,
    allowed: true,
    pattern: /^[0-9]{10}(-[0-9]{3})?$/,
    describe: 'a tax code: 10 digits, optionally -NNN for a branch',
  },
  consultant: { required: false, allowed: true, pattern: /^[A-Za-z0-9._-]{1,64}$/, describe: 'a consultant id' },
};

/** Why this role/scope pair is not valid, or undefined when it is. */
export function scopeProblem(role: string, scope: string | null | undefined): string | undefined {
  if (!(ROLES as readonly string[]).includes(role)) return `unknown role "${role}" (roles: ${ROLES.join(', ')})`;
  const rule = SCOPE_RULES[role as Role];
  const given = scope !== null && scope !== undefined && scope !== '';
  if (!given) return rule.required ? `role ${role} needs a scope: ${rule.describe}` : undefined;
  if (!rule.allowed) return `role ${role} takes no scope`;
  if (rule.pattern && !rule.pattern.test(scope)) return `scope "${scope}" is not valid for ${role}: ${rule.describe}`;
  return undefined;
}

export interface IssuedKey {
  /** The secret, to hand to its holder once; it cannot be recovered later. */
  key: string;
  info: ApiKeyInfo;
}

export interface IssueKeyInput {
  name: string;
  role: Role;
  scope?: string | null;
  /** Use this secret instead of generating one (DBI_BOOTSTRAP_KEY). */
  secret?: string;
  /** The account making it through the API. */
  owner?: string;
}

export async function issueApiKey(
  storage: WithKeys,
  input: IssueKeyInput,
  actor: Actor = SYSTEM_ACTOR,
  keySecret?: string,
): Promise<IssuedKey> {
  const problem = scopeProblem(input.role, input.scope);
  if (problem) throw new StorageError('invalid', problem);
  if (!input.name.trim() || input.name.length > 200)
    throw new StorageError('invalid', 'a key needs a name of 1–200 characters');
  const key = input.secret ?? generateApiKey();
  if (key.length < MIN_KEY_LENGTH)
    throw new StorageError('invalid', `a key must be at least ${MIN_KEY_LENGTH} characters long`);
  const info = await storage.keys.create(
    {
      name: input.name,
      role: input.role,
      scope: input.scope || null,
      hash: hashApiKey(key, keySecret),
      owner: input.owner ?? null,
    },
    actor,
  );
  return { key, info };
}

/**
 * On first start (no key was ever created) makes a ministry-publisher key, so someone can sign in at all: the
 * given secret (DBI_BOOTSTRAP_KEY) or a generated one. Returns undefined when keys already exist.
 */
export async function ensureBootstrapKey(
  storage: WithKeys,
  secret?: string,
  keySecret?: string,
): Promise<(IssuedKey & { generated: boolean }) | undefined> {
  if ((await storage.keys.count()) > 0) return undefined;
  const issued = await issueApiKey(
    storage,
    { name: 'bootstrap', role: 'ministry-publisher', secret: secret || undefined },
    SYSTEM_ACTOR,
    keySecret,
  );
  return { ...issued, generated: !secret };
}
