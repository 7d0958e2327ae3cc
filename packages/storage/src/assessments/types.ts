// Repository interfaces for the assessment side of the portal (Decision 1970 §III): enterprises, independent
// consultants, assessments with the Decision's four columns, certificates and group roll-ups. Like the registry's
// interfaces they say nothing about SQLite, every method returns a Promise, and every write is one unit of work that
// appends its audit entry in the same transaction. Records are the API's shapes (`Static<>` of @dbi/schema), so a
// field is declared once; the workflow's rules are @dbi/schema's assessment-rules.
import type { Static } from 'typebox';
import type {
  Assessment,
  AssessmentColumn,
  AssessmentStatus,
  ColumnName,
  Consultant,
  ConsultantUpdateBody,
  Enterprise,
  Answers,
  Group,
  GroupMemberBody,
  GroupResult,
  RankingEntry,
  Requestable,
  TransitionStep,
} from '@dbi/schema';
import type { Actor, Stamp } from '../common.js';

export type EnterpriseRecord = Static<typeof Enterprise>;
/** What `size@x.y.z` said about the size facts, and which classifier said it. */
export type Classification = EnterpriseRecord['classification'];
export type IndexOverride = NonNullable<EnterpriseRecord['override']>;
/** The facts the classifier reads (Appendix IV). */
export type SizeFacts = Pick<EnterpriseRecord, 'employees' | 'revenueVnd' | 'capitalVnd' | 'hasSubsidiaries'>;
/** `industry` and `provinceFormer` are stored as null when omitted (records made before migration 0003's columns). */
export type EnterpriseFacts = SizeFacts &
  Pick<EnterpriseRecord, 'name' | 'province' | 'sector'> &
  Partial<Pick<EnterpriseRecord, 'industry' | 'provinceFormer'>>;
export type NewEnterprise = EnterpriseFacts & Pick<EnterpriseRecord, 'taxCode' | 'classification'>;

export interface EnterpriseFilter {
  province?: string;
}

export interface EnterpriseRepository {
  get(taxCode: string): Promise<EnterpriseRecord | undefined>;
  list(filter?: EnterpriseFilter): Promise<EnterpriseRecord[]>;
  /** Conflict when the tax code is registered already. */
  create(enterprise: NewEnterprise, actor: Actor): Promise<EnterpriseRecord>;
  /** Registers all of them in one transaction (an audit entry each), or none: conflict on the first tax code that
   * is registered already or listed twice. */
  createMany(enterprises: readonly NewEnterprise[], actor: Actor): Promise<EnterpriseRecord[]>;
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

export type ConsultantRecord = Static<typeof Consultant>;
/** Name, organisation and the tax codes of the enterprises that employ the consultant. */
export type ConsultantFacts = Static<typeof ConsultantUpdateBody>;

export interface ConsultantRepository {
  get(id: string): Promise<ConsultantRecord | undefined>;
  list(): Promise<ConsultantRecord[]>;
  create(consultant: ConsultantFacts & { id: string }, actor: Actor): Promise<ConsultantRecord>;
  /** Conflict when a new employer would make the consultant dependent on an enterprise of an open assignment. */
  update(id: string, facts: ConsultantFacts, actor: Actor): Promise<ConsultantRecord>;
}

export type AssessmentRecord = Static<typeof Assessment>;
export type ColumnRecord = Static<typeof AssessmentColumn>;
/** A column as written: answers, evidence, the engine's result for exactly these answers, and its `from`. */
export type ColumnInput = Omit<ColumnRecord, 'by' | 'at' | 'reasons'> & { reasons?: ColumnRecord['reasons'] };
export type StepStamp = NonNullable<AssessmentRecord['steps']['submitted']>;

export interface AssessmentFilter {
  taxCode?: string;
  consultantId?: string;
  province?: string;
  /** 'cancelled' lists the cancelled ones; any other state (or none) leaves them out: they are in no queue. */
  status?: AssessmentStatus;
}

/** The steps besides the forward ones: a request, the Ministry's direct assessment, returns, withdrawal, cancel. */
export type ActStep = Exclude<TransitionStep, 'submit' | 'review' | 'appraise' | 'certify'>;
export interface ActInput {
  /** Required by the steps the rules mark `reason` (returns, withdrawal, cancellation). */
  reason?: string;
  /** request: whom the enterprise asks. */
  requested?: Requestable;
  /** The party the caller acts as (recorded in the history; the rules hold it to that party). */
  party?: string;
}
export type AssessmentEventRecord = AssessmentRecord['history'][number];

/** Limits a new assessment is held to inside its transaction. */
export interface CreateLimits {
  /** Open drafts (not cancelled) an enterprise may have at once. */
  maxOpenDrafts?: number;
}

export type GroupMember = Static<typeof GroupMemberBody>;
export type GroupRecord = Static<typeof Group>;

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

/** One step forward, named by its states; a review records who reviewed. Checked against the step table of
 * @dbi/schema's assessment-rules (a pair of states that is no step there is refused as invalid). */
export interface Transition {
  from: AssessmentStatus;
  to: AssessmentStatus;
  reviewedAs?: 'consultant' | 'department';
  /** submit: the criteria left unanswered, when the enterprise confirmed submitting incomplete (kept in history). */
  incomplete?: string;
}

export type PillarLevel = CertificateRecord['pillars'][number];

/** A certificate as stored: what it certifies publicly, and who issued (and revoked) it when. */
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
  /** YYYY-MM-DD, the last day it is valid; null: no end stated (certificates issued before validity was recorded). */
  validUntil: string | null;
  /** The newer certificate of the same enterprise and index that replaced it, and when it was issued. */
  supersededBy: string | null;
  supersededAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
}

export interface AssessmentRepository {
  get(id: string): Promise<AssessmentRecord | undefined>;
  list(filter?: AssessmentFilter): Promise<AssessmentRecord[]>;
  /** Conflict when the enterprise has an open assessment of that index already, or `maxOpenDrafts` open drafts.
   * Without `period`, the database gives the current one. */
  create(
    input: { taxCode: string; index: Stamp; period?: string },
    actor: Actor,
    limits?: CreateLimits,
  ): Promise<AssessmentRecord>;
  /** Assigns (or with null unassigns) the consultant, in draft or submitted, refusing a dependent consultant. */
  assignConsultant(id: string, consultantId: string | null, actor: Actor): Promise<AssessmentRecord>;
  /**
   * Writes one column while the step table allows it (`write:<column>`); groups that include the assessment are
   * rescored in the same transaction.
   */
  writeColumn(
    id: string,
    column: ColumnName,
    input: ColumnInput,
    actor: Actor,
    rescore: GroupRescorer,
  ): Promise<AssessmentRecord>;
  /** Moves one step forward; conflict when the step table refuses it on the current record (checked inside the
   * transaction). Certification has its own method (it issues the certificate). */
  transition(id: string, step: Transition, actor: Actor): Promise<AssessmentRecord>;
  /** A request, direct assessment, return, withdrawal or cancellation (the step table's other rows), recorded in
   * the history with its reason in the same transaction. */
  act(id: string, step: ActStep, input: ActInput, actor: Actor): Promise<AssessmentRecord>;
  /** The tax codes of every unit of the groups the enterprise (or its branch) belongs to (independence, §III.2). */
  relatedUnits(taxCode: string): Promise<string[]>;
  /** appraised → certified, issuing the certificate from the ministry column in the same transaction; the valid
   * certificates of the same enterprise and index it replaces are marked superseded by it there too. */
  certify(
    id: string,
    issuedOn: string,
    actor: Actor,
    /** YYYY-MM-DD, the certificate's last valid day (null: none stated). */
    validUntil?: string | null,
    warnings?: readonly string[],
  ): Promise<{ assessment: AssessmentRecord; certificate: CertificateRecord }>;
}

/** Certificates of one enterprise or one province, a page at a time in issue order (keyset: after the last
 * `(issuedAt, number)` of the previous page). */
export interface CertificateFilter {
  taxCode?: string;
  province?: string;
  after?: { issuedAt: string; number: string };
  limit: number;
}

export interface CertificateRepository {
  get(number: string): Promise<CertificateRecord | undefined>;
  list(filter: CertificateFilter): Promise<CertificateRecord[]>;
  revoke(number: string, reason: string, actor: Actor): Promise<CertificateRecord>;
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
export type RankingRow = Omit<Static<typeof RankingEntry>, 'rank'> & { assessmentId: string };

/** The repositories of the assessment side, as members of Storage. */
export interface AssessmentRepositories {
  readonly enterprises: EnterpriseRepository;
  readonly consultants: ConsultantRepository;
  readonly assessments: AssessmentRepository;
  readonly certificates: CertificateRepository;
  readonly groups: GroupRepository;
}
