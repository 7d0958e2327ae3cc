// Who may do what with accounts and keys — pure functions over the caller, like lib/policy.ts.
//
//   create staff accounts, reset passwords,    ministry roles
//   disable/enable, recognise consultants
//   list accounts                              ministry roles: all; provincial department: enterprise accounts
//                                              whose tax code is an enterprise of its province
//   decide an enterprise binding               ministry roles; the provincial department of the enterprise's province
//                                              (its record's, else the province it registered with)
//   make keys                                  a signed-in account, for itself: integrator, or its own role and scope
//   list and revoke keys                       their owner; ministry roles: every key
import type { ApiKeyInfo } from '@dbi/schema';
import { isMinistry } from '../assessments/policy.js';
import type { Principal } from '../policy.js';

export const canAdministerAccounts = (p: Principal | null): boolean => isMinistry(p);

/** `province`: the province of the enterprise the binding names (on record, else as registered). */
export const canDecideBinding = (p: Principal | null, province: string | undefined): boolean =>
  isMinistry(p) || (p?.role === 'provincial-department' && province !== undefined && p.scope === province);

export const canListAccounts = (p: Principal | null): boolean => isMinistry(p) || p?.role === 'provincial-department';

/** Principals that are people's accounts (not API keys) may make keys for themselves. */
export const isAccount = (p: Principal | null): boolean => p !== null && p.id.startsWith('acc_');

export const canManageKey = (p: Principal | null, key: Pick<ApiKeyInfo, 'owner'>): boolean =>
  isMinistry(p) || (p !== null && key.owner === p.id);
