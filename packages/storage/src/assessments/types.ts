// Repository interfaces for the assessment side of the portal (Decision 1970 §III): enterprises, independent
// consultants, assessments with the Decision's four columns, certificates and group roll-ups. Like the registry's
// interfaces they say nothing about SQLite, every method returns a Promise, and every write is one unit of work that
// appends its audit entry in the same transaction.
import type { Answers, GroupResult, Relation, ScoreResult } from '@dbi/schema';
import type { Actor } from '../types.js';

export const SECTORS = ['agriculture-industry-construction', 'trade-services'] as const;
export type Sector = (typeof SECTORS)[number];

/** The workflow of §III, in order: each step moves exactly one place forward. */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'reviewed', 'appraised', 'certified'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The four columns of the Decision's tables: "DN tự đánh giá", "Tư vấn đánh giá", "Sở TT&TT đánh giá",
 * "Bộ TT&TT đánh giá". */
export const COLUMNS = ['self', 'consultant', 'department', 'ministry'] as const;
export type ColumnName = (typeof COLUMNS)[number];

/** The state in which each column may be written (and the database refuses any other). */
export const COLUMN_STATUS: Readonly<Record<ColumnName, AssessmentStatus>> = {
  self: 'draft',
  consultant: 'submitted',
  department: 'submitted',
  ministry: 'reviewed',
};

/** id, version and content hash of a pinned index version. */
export interface Stamp {
  id: string;
  version: string;
  hash: string;
}

export interface SizeFacts {
  /** Employees with social insurance, yearly average (Appendix IV). */
  employees: number;
  revenueVnd: number | null;
  capitalVnd: number | null;
  hasSubsidiaries: boolean;
}

/** What `size@x.y.z` said about the size facts, and which classifier said it. */
export interface Classification {
  size: string;
  index: string;
  classifier: Stamp;
}

export interface IndexOverride {
  index: string;
  reason: string;
  by: string;
  at: string;
}

export interface EnterpriseFacts extends SizeFacts {
  name: string;
  province: string;
  sector: Sector;
}

export interface NewEnterprise extends EnterpriseFacts {
  taxCode: string;
  classification: Classification;
}

export interface EnterpriseRecord extends NewEnterprise {
  override: IndexOverride | null;
  /** The index the enterprise is assessed with: the override when set, else the classifier's answer. */
  index: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface EnterpriseFilter {
  province?: string;
}

export interface EnterpriseRepository {
  get(taxCode: string): Promise<EnterpriseRecord | undefined>;
  list(filter?: EnterpriseFilter): Promise<EnterpriseRecord[]>;
  /** Conflict when the tax code is registered already. */
  create(enterprise: NewEnterprise, actor: Actor): Promise<EnterpriseRecord>;
  /** Replaces the facts and their classification (an override stays as it was). */
  update(
    taxCode: string,
    facts: EnterpriseFacts,
    classification: Classification,
    actor: Actor,
  ): Promise<EnterpriseRecord>;
  /** Sets (or with null clears) the index override. */
  setOverride(
    taxCode: string,
    override: { index: string; reason: string } | null,
    actor: Actor,
  ): Promise<EnterpriseRecord>;
}

export interface ConsultantFacts {
  name: string;
  organisation: string;
  /** Tax codes of the enterprises that employ the consultant (labour contract with social insurance). */
  employers: string[];
}

export interface ConsultantRecord extends ConsultantFacts {
  id: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ConsultantRepository {
  get(id: string): Promise<ConsultantRecord | undefined>;
  list(): Promise<ConsultantRecord[]>;
  create(consultant: ConsultantFacts & { id: string }, actor: Actor): Promise<ConsultantRecord>;
  /** Conflict when a new employer would make the consultant dependent on an enterprise of an open assignment. */
  update(id: string, facts: ConsultantFacts, actor: Actor): Promise<ConsultantRecord>;
}

/** Same legal entity: equal tax codes, or an enterprise and its branches (`0101234567` and `0101234567-001`). */
export const sameLegalEntity = (a: string, b: string): boolean => a.slice(0, 10) === b.slice(0, 10);

/** The independence rule of §III.2: the first employer of the consultant that is (part of) the enterprise. */
export function dependentEmployer(consultant: Pick<ConsultantFacts, 'employers'>, taxCode: string): string | undefined {
  return consultant.employers.find((e) => sameLegalEntity(e, taxCode));
}

export interface ColumnInput {
  answers: Answers;
  /** Evidence notes per criterion id. */
  evidence: Record<string, string>;
  /** The engine's result for exactly these answers on the pinned version. */
  result: ScoreResult;
  /** The column these answers started from (`PUT … {"from": "department"}`), when any. */
  from: ColumnName | null;
}

export interface ColumnRecord extends ColumnInput {
  by: string;
  at: string;
}

export interface StepStamp {
  at: string;
  by: string;
}

export interface AssessmentRecord {
  id: string;
  taxCode: string;
  index: Stamp;
  status: AssessmentStatus;
  consultantId: string | null;
  /** Who reviewed it: the assigned consultant or the provincial department. */
  reviewedAs: 'consultant' | 'department' | null;
  columns: Partial<Record<ColumnName, ColumnRecord>>;
  /** When and by whom each step after draft was taken. */
  steps: Partial<Record<Exclude<AssessmentStatus, 'draft'>, StepStamp>>;
  certificateNumber: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * The column that stands for an assessment's current result (group roll-ups use it): the ministry's when present,
 * else the provincial department's, else the consultant's, else the enterprise's own.
 */
export function effectiveColumn(columns: Partial<Record<ColumnName, unknown>>): ColumnName | null {
  for (const c of ['ministry', 'department', 'consultant', 'self'] as const) if (columns[c] !== undefined) return c;
  return null;
}

export interface AssessmentFilter {
  taxCode?: string;
  consultantId?: string;
  province?: string;
  status?: AssessmentStatus;
}

/** A group as handed to the rescorer: each member with the answers of its effective column. */
export interface GroupSnapshot {
  id: string;
  parentTaxCode: string;
  index: Stamp;
  members: Array<GroupMember & { index: Stamp; column: ColumnName | null; answers: Answers }>;
}

/**
 * Scores a group snapshot (the engine's scoreGroup, supplied by the caller: storage does not import the engine).
 * Runs inside the write's transaction; throwing aborts the write.
 */
export type GroupRescorer = (group: GroupSnapshot) => GroupResult;

export interface Transition {
  from: AssessmentStatus;
  to: AssessmentStatus;
  reviewedAs?: 'consultant' | 'department';
}

export interface CertificateRecord {
  number: string;
  assessmentId: string;
  taxCode: string;
  enterpriseName: string;
  level: number;
  total: number;
  max: number;
  pillars: Array<{ id: string; points: number; max: number; level: number }>;
  index: Stamp;
  /** YYYY-MM-DD */
  issuedOn: string;
  issuedAt: string;
  issuedBy: string;
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
}

export interface AssessmentRepository {
  get(id: string): Promise<AssessmentRecord | undefined>;
  list(filter?: AssessmentFilter): Promise<AssessmentRecord[]>;
  create(input: { taxCode: string; index: Stamp }, actor: Actor): Promise<AssessmentRecord>;
  /** Assigns (or with null unassigns) the consultant, in draft or submitted, refusing a dependent consultant. */
  assignConsultant(id: string, consultantId: string | null, actor: Actor): Promise<AssessmentRecord>;
  /**
   * Writes one column while the assessment is in `COLUMN_STATUS[column]`; groups that include the assessment are
   * rescored in the same transaction.
   */
  writeColumn(
    id: string,
    column: ColumnName,
    input: ColumnInput,
    actor: Actor,
    rescore: GroupRescorer,
  ): Promise<AssessmentRecord>;
  /** Moves one step forward; conflict when the assessment is not in `from` (re-checked inside the transaction). */
  transition(id: string, step: Transition, actor: Actor): Promise<AssessmentRecord>;
  /** appraised → certified, issuing the certificate from the ministry column in the same transaction. */
  certify(
    id: string,
    issuedOn: string,
    actor: Actor,
  ): Promise<{ assessment: AssessmentRecord; certificate: CertificateRecord }>;
}

export interface CertificateRepository {
  get(number: string): Promise<CertificateRecord | undefined>;
  revoke(number: string, reason: string, actor: Actor): Promise<CertificateRecord>;
}

export interface GroupMember {
  taxCode: string;
  relation: Relation;
  headcount: number;
  assessmentId: string;
}

export interface GroupRecord {
  id: string;
  parentTaxCode: string;
  index: Stamp;
  members: GroupMember[];
  result: GroupResult;
  level: number;
  computedAt: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface GroupRepository {
  get(id: string): Promise<GroupRecord | undefined>;
  list(filter?: { parentTaxCode?: string; assessmentId?: string }): Promise<GroupRecord[]>;
  create(
    input: { parentTaxCode: string; index: Stamp; members: GroupMember[] },
    actor: Actor,
    rescore: GroupRescorer,
  ): Promise<GroupRecord>;
  setMembers(id: string, members: GroupMember[], actor: Actor, rescore: GroupRescorer): Promise<GroupRecord>;
}

/** One enterprise's standing: its latest qualifying assessment with the ministry column's result. */
export interface RankingRow {
  assessmentId: string;
  taxCode: string;
  name: string;
  province: string;
  sector: Sector;
  size: string;
  index: Stamp;
  status: AssessmentStatus;
  level: number;
  total: number;
  max: number;
  pillars: Array<{ id: string; points: number; max: number; level: number }>;
  certificateNumber: string | null;
  /** certified: issue date of the certificate; appraised: date of the appraisal (YYYY-MM-DD). */
  asOf: string;
}

export interface RankingQuery {
  /** certified: valid certificates only; appraised: also appraised assessments not yet certified. */
  basis: 'certified' | 'appraised';
  province?: string;
  sector?: Sector;
  size?: string;
}

export interface RankingSource {
  rows(query: RankingQuery): Promise<RankingRow[]>;
}

/** The repositories of the assessment side, as members of Storage. */
export interface AssessmentRepositories {
  readonly enterprises: EnterpriseRepository;
  readonly consultants: ConsultantRepository;
  readonly assessments: AssessmentRepository;
  readonly certificates: CertificateRepository;
  readonly groups: GroupRepository;
  readonly rankings: RankingSource;
}
