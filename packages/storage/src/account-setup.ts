// Making accounts (above the feature folders: it asks keys/ which role/scope pairs are valid and accounts/ to hash
// and store): the checks every caller (the API, `dbi admin create-account`) needs before an account is stored —
// a valid e-mail, a password that meets the rules (hashed here, never kept), a role/scope pair an API key could have.
import type { Lang, Role } from '@dbi/schema';
import { StorageError, SYSTEM_ACTOR, type Actor } from './common.js';
import { scopeProblem } from './keys/keys.js';
import { hashPassword, passwordProblem } from './accounts/passwords.js';
import type { AccountRecord, AccountRepository } from './accounts/types.js';

type WithAccounts = { readonly accounts: AccountRepository };

export interface CreateAccountInput {
  email: string;
  name: string;
  role: Role;
  scope?: string | null;
  lang?: Lang;
  password: string;
  /** An administrator chose the password: its holder must change it at the first sign-in. */
  mustChangePassword?: boolean;
  taxCode?: string;
  /** Enterprise accounts: the province it is in (a current unit's code), kept on the binding. */
  province?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks, hashes the password and stores the account. Refusals are StorageError('invalid' | 'conflict'). */
export async function createAccount(
  storage: WithAccounts,
  input: CreateAccountInput,
  actor: Actor = SYSTEM_ACTOR,
): Promise<AccountRecord> {
  const email = input.email.trim();
  if (!EMAIL.test(email) || email.length > 254)
    throw new StorageError('invalid', `email: "${input.email}" is not an e-mail address`);
  if (!input.name.trim() || input.name.length > 200)
    throw new StorageError('invalid', 'name: an account needs a name of 1–200 characters');
  // Enterprise and consultant accounts get their scope only by a decision (binding approved, consultant recognised).
  if (input.role !== 'enterprise' && input.role !== 'consultant') {
    const problem = scopeProblem(input.role, input.scope);
    if (problem) throw new StorageError('invalid', `scope: ${problem}`);
  }
  const weak = passwordProblem(input.password, email);
  if (weak) throw new StorageError('invalid', `password: ${weak.en}`);
  return storage.accounts.create(
    {
      email,
      name: input.name.trim(),
      role: input.role,
      scope: input.role === 'enterprise' || input.role === 'consultant' ? null : input.scope || null,
      lang: input.lang ?? 'vi',
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
      ...(input.taxCode === undefined ? {} : { taxCode: input.taxCode }),
      ...(input.province === undefined ? {} : { province: input.province }),
    },
    actor,
  );
}
