// The assessment side's refusals and pure record-building, shared by both backends: each takes what the write's
// transaction read and throws the StorageError the API maps to a status. One message per rule.
import { dependentEmployer, effectiveColumn, STEPS, type RuleProblem, type Step } from '@dbi/schema';
import { StorageError, type Stamp } from '../common.js';
import type {
  AssessmentRecord,
  CertificateRecord,
  ConsultantFacts,
  ConsultantRecord,
  EnterpriseRecord,
  GroupMember,
  GroupRecord,
  GroupSnapshot,
  Transition,
} from './types.js';

export function enterpriseExists(e: EnterpriseRecord | undefined, taxCode: string): EnterpriseRecord {
  if (!e) throw new StorageError('not-found', `enterprise ${taxCode} is not registered`);
  return e;
}

export function checkNewEnterprise(before: EnterpriseRecord | undefined, taxCode: string): void {
  if (before) throw new StorageError('conflict', `enterprise ${taxCode} is already registered`);
}

export function consultantExists(c: ConsultantRecord | undefined, id: string): ConsultantRecord {
  if (!c) throw new StorageError('not-found', `consultant ${id} is not registered`);
  return c;
}

export function checkNewConsultant(before: ConsultantRecord | undefined, id: string): void {
  if (before) throw new StorageError('conflict', `consultant ${id} is already registered`);
}

/** A step that must say why carries a reason that is not blank. */
export function checkReason(step: Step, reason: string | undefined): void {
  if ((STEPS[step] as { reason?: true }).reason && !reason?.trim())
    throw new StorageError('invalid', `${STEPS[step].doing} needs a reason`);
}

/** The open assessments of one enterprise, with what the one-open rule compares. */
export const OPEN_ASSESSMENTS_SQL = `SELECT id, index_id, status, period FROM assessments WHERE tax_code = $1
  AND status <> 'certified' AND cancelled_at IS NULL ORDER BY created_at, id`;
/** The period an assessment created on `$1` (YYYY-MM-DD) without one gets: the database's default (migration
 * 0005-national), asked before the insert so the one-open rule can name the assessment already open. */
export const DEFAULT_PERIOD_SQL = `SELECT coalesce((SELECT id FROM periods WHERE $1 BETWEEN starts_on AND ends_on
  ORDER BY starts_on DESC, id LIMIT 1), $2) AS period`;

/** One open assessment per enterprise, index and period, and at most `max` open drafts: parallel drafts do not pile
 * up. */
export function checkOpenAssessments(
  taxCode: string,
  indexId: string,
  period: string,
  open: ReadonlyArray<{ id: string; index_id: string; status: string; period: string }>,
  max: number | undefined,
): void {
  const same = open.find((a) => a.index_id === indexId && a.period === period);
  if (same)
    throw new StorageError(
      'conflict',
      `enterprise ${taxCode} already has open assessment ${same.id} of ${indexId} in period ${period} (${same.status}); continue it, or cancel it first`,
    );
  const drafts = open.filter((a) => a.status === 'draft');
  if (max !== undefined && drafts.length >= max)
    throw new StorageError(
      'conflict',
      `enterprise ${taxCode} has ${drafts.length} open drafts (at most ${max}: ${drafts.map((d) => d.id).join(', ')}); submit or cancel one first`,
    );
}

/** §III.2: no employer that makes the consultant dependent on an enterprise of one of its open assignments. */
export function checkEmployers(
  id: string,
  facts: ConsultantFacts,
  openAssignments: ReadonlyArray<{ id: string; tax_code: string }>,
): void {
  for (const a of openAssignments) {
    const employer = dependentEmployer(facts, a.tax_code);
    if (employer) {
      throw new StorageError(
        'conflict',
        `independence: consultant ${id} is assigned to open assessment ${a.id} of enterprise ${a.tax_code}, so employer ${employer} cannot be recorded; unassign the consultant first`,
      );
    }
  }
}

export function assessmentExists(a: AssessmentRecord | undefined, id: string): AssessmentRecord {
  if (!a) throw new StorageError('not-found', `assessment ${id} does not exist`);
  return a;
}

/** A refusal of the rules as a StorageError (a party the step does not list is a caller's mistake: invalid). */
export function refuse(problem: RuleProblem | undefined): void {
  if (problem) throw new StorageError(problem.kind === 'forbidden' ? 'invalid' : 'conflict', problem.message);
}

const FORWARD_STEPS = ['submit', 'review', 'appraise'] as const;

/** The step a transition names (certification has its own method; the other rows are `act`). */
export function transitionStep(t: Transition): Exclude<Step, 'certify'> {
  const step = FORWARD_STEPS.find((s) => STEPS[s].from === t.from && STEPS[s].to === t.to);
  if (!step) throw new StorageError('invalid', `${t.from} → ${t.to} is not a step of the workflow here`);
  return step as Exclude<Step, 'certify'>;
}

/** Members of a group: each unit once, each linked through an existing assessment of that same unit. */
export function checkGroupMembers(
  members: readonly GroupMember[],
  assessment: (id: string) => AssessmentRecord | undefined,
): void {
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (seen.has(m.taxCode)) throw new StorageError('invalid', `member ${i}: unit ${m.taxCode} is listed twice`);
    seen.add(m.taxCode);
    const a = assessment(m.assessmentId);
    if (!a) throw new StorageError('not-found', `member ${i}: assessment ${m.assessmentId} does not exist`);
    if (a.taxCode !== m.taxCode)
      throw new StorageError(
        'invalid',
        `member ${i}: assessment ${m.assessmentId} belongs to ${a.taxCode}, not ${m.taxCode}`,
      );
  });
}

export function groupExists<G>(g: G | undefined, id: string): G {
  if (!g) throw new StorageError('not-found', `group ${id} does not exist`);
  return g;
}

/** A group as the rescorer sees it: each member with the answers of its effective column. */
export function groupSnapshot(
  id: string,
  parentTaxCode: string,
  index: Stamp,
  members: readonly GroupMember[],
  assessment: (id: string) => AssessmentRecord | undefined,
): GroupSnapshot {
  return {
    id,
    parentTaxCode,
    index,
    members: members.map((m) => {
      const a = assessment(m.assessmentId);
      if (!a) throw new StorageError('not-found', `assessment ${m.assessmentId} does not exist`);
      const column = effectiveColumn(a.columns);
      return { ...m, index: a.index, column, answers: column ? a.columns[column]!.answers : {} };
    }),
  };
}

/** The ministry column a certificate is issued from. */
export function ministryColumn(a: AssessmentRecord) {
  const ministry = a.columns.ministry;
  if (!ministry) throw new StorageError('conflict', `assessment ${a.id} has no ministry column`);
  return ministry;
}

/**
 * DBI-<year>-<n>: the year of the issue date, then n from that year's counter (SQLite: a row of
 * certificate_counters; PostgreSQL: the year's sequence), at least six digits, zero-padded.
 */
export const certificateNumber = (year: string, n: number) => `DBI-${year}-${String(n).padStart(6, '0')}`;

/** The year a certificate number is counted in: four digits of the issue date. */
export function certificateYear(issuedOn: string): string {
  const year = issuedOn.slice(0, 4);
  if (!/^[0-9]{4}$/.test(year)) throw new StorageError('invalid', `issue date ${issuedOn} is not YYYY-MM-DD`);
  return year;
}

/** The pillars a certificate states: id, points, max and level of each. */
export const certificatePillars = (a: AssessmentRecord): CertificateRecord['pillars'] =>
  ministryColumn(a).result.pillars.map((p) => ({ id: p.id, points: p.points, max: p.max, level: p.level }));

export function checkCertificateRevoke(before: CertificateRecord | undefined, number: string): void {
  if (!before) throw new StorageError('not-found', `certificate ${number} does not exist`);
  if (before.status === 'revoked')
    throw new StorageError('conflict', `certificate ${number} was already revoked on ${before.revokedAt}`);
}

/**
 * The groups whose parent unit an assessment is ($1: the assessment, $2: its tax code), newest first: the first with
 * staff in its included units is the one the standings rank the parent by (migration 0005) and its certificate states.
 */
export const PARENT_GROUPS_SQL = (p: (n: number) => string) =>
  `SELECT gg.id FROM group_members gm JOIN enterprise_groups gg ON gg.id = gm.group_id
   WHERE gm.assessment_id = ${p(1)} AND gm.relation = 'parent' AND gg.parent_tax_code = ${p(2)}
   ORDER BY gg.updated_at DESC, gg.id DESC`;

/** Of the groups PARENT_GROUPS_SQL lists (in its order), the one a certificate is issued for. */
export const certifiedGroup = (groups: readonly GroupRecord[]): GroupRecord | undefined =>
  groups.find((g) => g.result.weighted.weight > 0);

/** Included units of a group whose roll-up uses only a self-assessment (or nothing): no reviewer has assessed them. */
export function unreviewedUnits(
  g: GroupRecord,
  assessment: (id: string) => Pick<AssessmentRecord, 'columns'> | undefined,
): string[] {
  const included = new Set(g.result.units.filter((u) => u.included).map((u) => u.id));
  return g.members
    .filter((m) => included.has(m.taxCode))
    .filter((m) => {
      const a = assessment(m.assessmentId);
      const column = a ? effectiveColumn(a.columns) : null;
      return column === null || column === 'self';
    })
    .map((m) => m.taxCode);
}

/** A group roll-up's weighted mean level as certificate points: ⌊1000 × Σ level × headcount / Σ headcount⌋ of 5000
 * (the standings' representation, migration 0005: the exact fraction's denominator is unbounded). */
const rollUpPoints = (w: { sum: number; weight: number }) => (w.weight > 0 ? Math.floor((w.sum * 1000) / w.weight) : 0);

/** What a certificate states about its assessment: the ministry column, or — for the parent unit of a group — the
 * group's roll-up (Appendix III: a group is certified by its members' weighted levels, under the group index). The
 * roll-up must use only reviewed columns: a unit with only its self-assessment is refused, by name. */
export function certificateFigures(
  a: AssessmentRecord,
  group: GroupRecord | undefined,
  assessment: (id: string) => Pick<AssessmentRecord, 'columns'> | undefined,
): Pick<CertificateRecord, 'level' | 'total' | 'max' | 'pillars' | 'index'> {
  if (!group) {
    const r = ministryColumn(a).result;
    return { level: r.level, total: r.total, max: r.max, pillars: certificatePillars(a), index: a.index };
  }
  const unreviewed = unreviewedUnits(group, assessment);
  if (unreviewed.length)
    throw new StorageError(
      'conflict',
      `group ${group.id} is certified by its roll-up, which uses units not yet assessed by a consultant, the department or the Ministry: ${unreviewed.join(', ')}`,
    );
  const r = group.result;
  return {
    level: r.level,
    total: rollUpPoints(r.weighted),
    max: 5000,
    pillars: r.pillars.map((p) => ({ id: p.id, points: rollUpPoints(p.weighted), max: 5000, level: p.level })),
    index: group.index,
  };
}
