// Who may do what on the assessment side — pure functions over the caller and the record, so every route asks the
// same question the same way and each boundary is tested once (test/assessments/access.test.ts).
//
//   enterprise record           read: ministry roles; provincial department of its province; the enterprise
//                               itself; a consultant assigned to one of its assessments
//                               write facts: ministry roles; provincial department (its province); the enterprise
//                               override its index: ministry roles; provincial department (its province) — audited
//   consultant record           read: ministry roles, provincial departments, enterprises; a consultant only itself
//                               write: ministry roles (the Ministry recognises consultants, §V.2)
//   assessment                  create, assign a consultant: ministry roles; provincial department (its
//                               province); the enterprise itself
//                               read: the same, plus the assigned consultant
//   columns and steps           who writes which column and takes which step, in which state: the step table of
//                               @dbi/schema's assessment-rules.ts (asked with `check` by the routes and storage)
//   revoke a certificate        ministry-publisher
//   group                       write: ministry roles; provincial department (parent and every member in its
//                               province); the parent enterprise, for members that are itself or its branches or
//                               units the group already lists (its own member list)
//                               read: ministry roles; provincial department of the parent's province; the parent
//   rankings, province index    certified basis: everyone; appraised basis: ministry roles, provincial department
//                               (its province only)
import { sameLegalEntity } from '@dbi/schema';
import type { EnterpriseRecord } from '@dbi/storage';
import type { Principal } from '../policy.js';
import { forbidden, unauthenticated } from '../problems.js';

export const isMinistry = (p: Principal | null): boolean =>
  p?.role === 'ministry-editor' || p?.role === 'ministry-publisher';
const isDepartmentOf = (p: Principal | null, province: string) =>
  p?.role === 'provincial-department' && p.scope === province;
const isEnterprise = (p: Principal | null, taxCode: string) => p?.role === 'enterprise' && p.scope === taxCode;
const isConsultant = (p: Principal | null, consultantId: string | null) =>
  p?.role === 'consultant' && consultantId !== null && p.scope === consultantId;

type Facts = Pick<EnterpriseRecord, 'taxCode' | 'province'>;

export const canManageEnterprise = (p: Principal | null, e: Facts): boolean =>
  isMinistry(p) || isDepartmentOf(p, e.province) || isEnterprise(p, e.taxCode);

export const canReadEnterprise = (
  p: Principal | null,
  e: Facts,
  assignedConsultants: readonly (string | null)[] = [],
): boolean => canManageEnterprise(p, e) || assignedConsultants.some((c) => isConsultant(p, c));

export const canOverrideIndex = (p: Principal | null, e: Facts): boolean =>
  isMinistry(p) || isDepartmentOf(p, e.province);

export const canWriteConsultants = (p: Principal | null): boolean => isMinistry(p);

export const canReadConsultant = (p: Principal | null, consultantId: string): boolean =>
  isMinistry(p) || p?.role === 'provincial-department' || p?.role === 'enterprise' || isConsultant(p, consultantId);

export const canListConsultants = (p: Principal | null): boolean =>
  isMinistry(p) || p?.role === 'provincial-department' || p?.role === 'enterprise';

/** Create an assessment of the enterprise, or (re)assign its consultant. */
export const canManageAssessment = canManageEnterprise;

export const canReadAssessment = (p: Principal | null, e: Facts, consultantId: string | null): boolean =>
  canManageEnterprise(p, e) || isConsultant(p, consultantId);

/** Revoke a certificate (who certifies is the assessment rules' step table, in @dbi/schema). */
export const canRevokeCertificate = (p: Principal | null): boolean => p?.role === 'ministry-publisher';

/**
 * `listed`: the units the group already has. The parent manages its own member list — headcounts, relations, which
 * assessment stands for each unit, who leaves — over units that are itself or its branches, or that the Ministry or
 * the department (who check the legal ties) have already listed; a new subsidiary is listed by them.
 */
export function canWriteGroup(
  p: Principal | null,
  parent: Facts,
  members: readonly Facts[],
  listed: readonly string[] = [],
): boolean {
  if (isMinistry(p)) return true;
  if (isDepartmentOf(p, parent.province)) return members.every((m) => m.province === parent.province);
  if (isEnterprise(p, parent.taxCode))
    return members.every((m) => sameLegalEntity(m.taxCode, parent.taxCode) || listed.includes(m.taxCode));
  return false;
}

export const canReadGroup = (p: Principal | null, parent: Facts): boolean =>
  isMinistry(p) || isDepartmentOf(p, parent.province) || isEnterprise(p, parent.taxCode);

/** Rankings and province indices on the appraised basis: the province the caller may see, '*' for all, or null. */
export function appraisedScope(p: Principal | null): string | null {
  if (isMinistry(p)) return '*';
  if (p?.role === 'provincial-department' && p.scope) return p.scope;
  return null;
}

/** The appraised basis is refused unless the caller's scope covers the province asked for. */
export function assertBasis(p: Principal | null, basis: 'certified' | 'appraised', province: string | undefined): void {
  if (basis === 'certified') return;
  const scope = appraisedScope(p);
  if (!p) throw unauthenticated('the appraised basis needs a ministry or provincial-department key');
  if (scope === '*') return;
  if (scope === null) throw forbidden(`your key (${p.role}) cannot see results that are not certified`);
  if (province !== scope)
    throw forbidden(
      `your key (provincial-department ${scope}) sees uncertified results of province ${scope} only; add province=${scope}`,
    );
}
