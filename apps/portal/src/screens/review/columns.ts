// What the review screens need to know about an assessment, asked of @dbi/schema's workflow rules (never restated):
// the caller's own column, the column it builds on, and which steps the rules allow it now.
import {
  adjustmentsWithoutReason,
  check,
  columnStep,
  COLUMNS,
  returnStep,
  type AssessmentStatus,
  type Caller,
  type ColumnName,
  type Step,
  type StepRecord,
} from '@dbi/schema';
import type { Account, Assessment } from '../../api.ts';

export { COLUMNS };

/** The column each reviewing role writes (the Decision's "Tư vấn", "Sở", "Bộ" columns). */
export function ownColumn(account: Account | null | undefined): ColumnName | null {
  switch (account?.role) {
    case 'consultant':
      return 'consultant';
    case 'provincial-department':
      return 'department';
    case 'ministry-editor':
    case 'ministry-publisher':
      return 'ministry';
    default:
      return null;
  }
}

/** The column a reviewer's column starts from: the enterprise's for the consultant and the department, the reviewer's
 * for the Ministry (the column it reviewed as); null when there is none (a requested or direct assessment). */
export function baseColumn(a: Assessment, own: ColumnName): ColumnName | null {
  const written = a.columns[own];
  if (written) return written.from;
  if (own === 'ministry') {
    const r = a.reviewedAs === 'consultant' || a.reviewedAs === 'department' ? a.reviewedAs : null;
    if (r && a.columns[r]) return r;
    return a.columns.department ? 'department' : a.columns.consultant ? 'consultant' : a.columns.self ? 'self' : null;
  }
  return a.columns.self ? 'self' : null;
}

export function stepRecord(a: Assessment, province: string): StepRecord {
  return {
    id: a.id,
    taxCode: a.taxCode,
    province,
    status: a.status as AssessmentStatus,
    consultantId: a.consultantId,
    columns: a.columns,
    reviewedAs: a.reviewedAs ?? null,
    requested: a.requested ?? null,
  };
}

const callerOf = (account: Account): Caller => ({ role: account.role, scope: account.scope });

/** May the caller write its column now? */
export function mayWrite(a: Assessment, province: string, account: Account, column: ColumnName): boolean {
  return check(columnStep(column), stepRecord(a, province), callerOf(account)) === undefined;
}

/** The forward steps and the return the rules allow the caller to take now, in the order a screen offers them. */
export function allowedSteps(a: Assessment, province: string, account: Account): Step[] {
  const record = stepRecord(a, province);
  const ret = returnStep(record.status);
  const candidates: Step[] = ['review', 'appraise', 'certify', 'direct', ...(ret ? [ret] : [])];
  return candidates.filter((s) => check(s, record, callerOf(account)) === undefined);
}

/** Same answer (absent and null are both "no data"): the rule that says when a reviewer's answer needs a reason. */
export const sameAnswer = (x: unknown, y: unknown): boolean =>
  adjustmentsWithoutReason({ c: x }, { c: y }, {}).length === 0;
