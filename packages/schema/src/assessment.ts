// The assessment side of the HTTP API (Decision 1970 §III–IV): enterprises, independent consultants, assessments
// with the Decision's four columns, certificates, group roll-ups, rankings and the provincial index. One TypeBox
// object per shape gives the route schema, the OpenAPI document and the TypeScript type.
import { Type, type Static, type TLiteral } from 'typebox';
import { IndexId, IndexRef, IsoDate, NodeId, Relation } from './definition.js';
import { Answers, GroupResult, IndexStamp, ScoreResult } from './io.js';
import { ASSESSMENT_STATUSES, COLUMNS, REQUESTABLE, SECTORS } from './assessment-rules.js';

/** One literal per value, in order (the values themselves live in assessment-rules.ts). */
const literals = <T extends readonly string[]>(values: T) =>
  values.map((v) => Type.Literal(v)) as unknown as { -readonly [K in keyof T]: TLiteral<T[K]> };

const Timestamp = Type.String({ description: 'ISO 8601 UTC timestamp' });
const Actor = Type.String({ description: 'Name of the API key that made the change' });

/** 10 digits, or 10 + "-" + 3 for a dependent unit (branch) of the enterprise. */
export const TaxCode = Type.String({
  pattern: '^[0-9]{10}(-[0-9]{3})?$',
  description: 'Tax code: 10 digits, or 10 digits + "-" + 3 digits for a branch',
});
export const ProvinceCode = Type.String({
  pattern: '^[0-9A-Za-z-]{1,32}$',
  description: 'Province code, e.g. 01 (Hà Nội), 79 (TP. Hồ Chí Minh)',
});
/** A province as typed: a current code (01 … 96 of the 34 units), a former-63 code or either list's name. */
export const ProvinceInput = Type.String({
  minLength: 1,
  maxLength: 100,
  description:
    'Province: the code of one of the 34 units since 1 July 2025 (e.g. 79), or a name of one of them or of the former 63 ' +
    '(e.g. "Yên Bái"), or a former-63 code that is not a current one (e.g. 10); stored as the current code, the former ' +
    'code recorded in provinceFormer',
});
/** VSIC 2018 section (level 1): A … U. */
export const IndustrySection = Type.String({
  pattern: '^[A-U]$',
  description: 'Industry: the VSIC 2018 section (level 1), A … U (Decision 27/2018/QĐ-TTg)',
});
/** A period (campaign) id, e.g. 2026. */
export const PeriodId = Type.String({
  pattern: '^[0-9A-Za-z._-]{1,32}$',
  description: 'Period (campaign) id, e.g. 2026',
});
export const ConsultantId = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,64}$',
  description: 'Consultant id (the scope of that consultant’s API key)',
});
export const SectorSchema = Type.Union(literals(SECTORS), { description: 'Sector of Appendix IV' });
export const AssessmentStatusSchema = Type.Union(literals(ASSESSMENT_STATUSES), {
  description:
    'draft → submitted (enterprise) → reviewed (consultant or provincial department) → appraised (ministry) → certified (ministry-publisher); a draft may go straight to reviewed when the Ministry assesses directly; each reviewing state may be returned one step back; cancelled is final',
});
export const ColumnNameSchema = Type.Union(literals(COLUMNS), {
  description:
    'self = "DN tự đánh giá", consultant = "Tư vấn đánh giá", department = "Sở TT&TT đánh giá", ministry = "Bộ TT&TT đánh giá"',
});
const Vnd = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Vietnamese đồng' });
const NullableVnd = Type.Union([Vnd, Type.Null()]);

// ------------------------------------------------------------------------------------------------- enterprises

const enterpriseFacts = {
  name: Type.String({ minLength: 1, maxLength: 500 }),
  province: ProvinceInput,
  industry: IndustrySection,
  sector: SectorSchema,
  employees: Type.Integer({
    minimum: 0,
    maximum: 10_000_000,
    description: 'Employees with social insurance, yearly average',
  }),
  revenueVnd: Type.Optional(NullableVnd),
  capitalVnd: Type.Optional(NullableVnd),
  hasSubsidiaries: Type.Optional(
    Type.Boolean({ description: 'Organised as parent and subsidiaries (takes the group index)' }),
  ),
};

export const EnterpriseBody = Type.Object({ taxCode: TaxCode, ...enterpriseFacts }, { additionalProperties: false });
export type EnterpriseBody = Static<typeof EnterpriseBody>;
export const EnterpriseUpdateBody = Type.Object(enterpriseFacts, { additionalProperties: false });
export type EnterpriseUpdateBody = Static<typeof EnterpriseUpdateBody>;

export const IndexOverrideBody = Type.Object(
  {
    index: IndexId,
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'Why the classifier’s answer does not apply (required, audited)',
    }),
  },
  { additionalProperties: false },
);
export type IndexOverrideBody = Static<typeof IndexOverrideBody>;

export const Enterprise = Type.Object(
  {
    taxCode: TaxCode,
    name: Type.String(),
    province: ProvinceCode,
    provinceFormer: Type.Union([Type.String(), Type.Null()], {
      description: 'The former-63 province code the province was given as (mapped to `province`), or null',
    }),
    industry: Type.Union([IndustrySection, Type.Null()], { description: 'null for records made before industries' }),
    sector: SectorSchema,
    employees: Type.Integer(),
    revenueVnd: NullableVnd,
    capitalVnd: NullableVnd,
    hasSubsidiaries: Type.Boolean(),
    classification: Type.Object(
      { size: Type.String(), index: Type.String(), classifier: IndexStamp },
      { additionalProperties: false, description: 'What the size classifier said, and which exact version said it' },
    ),
    override: Type.Union([
      Type.Object(
        { index: Type.String(), reason: Type.String(), by: Actor, at: Timestamp },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    index: Type.String({
      description: 'The index the enterprise is assessed with: the override when set, else the classifier’s',
    }),
    createdAt: Timestamp,
    createdBy: Actor,
    updatedAt: Timestamp,
    updatedBy: Actor,
  },
  { additionalProperties: false },
);
export const EnterpriseList = Type.Object({ enterprises: Type.Array(Enterprise) }, { additionalProperties: false });

// ------------------------------------------------------------------------------------------------- consultants

const consultantFacts = {
  name: Type.String({ minLength: 1, maxLength: 500 }),
  organisation: Type.String({ minLength: 1, maxLength: 500 }),
  employers: Type.Array(TaxCode, {
    maxItems: 100,
    uniqueItems: true,
    description:
      'Tax codes of the enterprises where the consultant has a labour contract with social insurance (§III.2)',
  }),
  organisationTaxCode: Type.Optional(
    Type.Union([TaxCode, Type.Null()], {
      description:
        'Tax code of the consulting organisation itself: it may not assess itself or a group it belongs to (§III.2)',
    }),
  ),
};
export const ConsultantBody = Type.Object({ id: ConsultantId, ...consultantFacts }, { additionalProperties: false });
export type ConsultantBody = Static<typeof ConsultantBody>;
export const ConsultantUpdateBody = Type.Object(consultantFacts, { additionalProperties: false });
export type ConsultantUpdateBody = Static<typeof ConsultantUpdateBody>;
export const Consultant = Type.Object(
  {
    id: ConsultantId,
    ...consultantFacts,
    createdAt: Timestamp,
    createdBy: Actor,
    updatedAt: Timestamp,
    updatedBy: Actor,
  },
  { additionalProperties: false },
);
/** A page of consultants (paged lists: `?limit=`, `?after=` → `{ items, next }`). */
export const ConsultantList = Type.Object(
  {
    items: Type.Array(Consultant),
    next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page, null on the last page' }),
  },
  { additionalProperties: false },
);

// ------------------------------------------------------------------------------------------------- assessments

export const CreateAssessmentBody = Type.Object(
  {
    taxCode: TaxCode,
    index: Type.Optional(
      Type.Union([IndexRef], {
        description: 'Pin this published version; default: the version of the enterprise’s index in force on startedOn',
      }),
    ),
    period: Type.Optional(
      Type.Union([PeriodId], { description: 'The period (campaign); default: the current one (GET /periods)' }),
    ),
    /** The day the assessment is started (default: today, UTC): its index version is the one in force that day. */
    startedOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type CreateAssessmentBody = Static<typeof CreateAssessmentBody>;

export const Evidence = Type.Record(NodeId, Type.String({ maxLength: 4000 }), {
  description: 'criterion id → evidence note',
});

export const AdjustmentReasons = Type.Record(NodeId, Type.String({ minLength: 1, maxLength: 4000 }), {
  description:
    'criterion id → why a reviewer column differs there from the column it was built from (required for each adjusted criterion)',
});
export const ColumnWriteMode = Type.Union([Type.Literal('merge'), Type.Literal('replace')], {
  description:
    'merge (default): `answers`, `evidence` and `reasons` change only the criteria they name, on top of the column as written ' +
    '(or of `from`); replace: the column becomes exactly what the body says',
});
export const ColumnBody = Type.Object(
  {
    answers: Answers,
    evidence: Type.Optional(Evidence),
    reasons: Type.Optional(AdjustmentReasons),
    mode: Type.Optional(ColumnWriteMode),
    from: Type.Optional(
      Type.Union([ColumnNameSchema], {
        description:
          'Start from that column’s answers and evidence; `answers` and `evidence` then adjust it per criterion',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ColumnBody = Static<typeof ColumnBody>;

export const AssignConsultantBody = Type.Object(
  { consultantId: Type.Union([ConsultantId, Type.Null()]) },
  { additionalProperties: false },
);
export const CertifyBody = Type.Object(
  {
    issuedOn: Type.Optional(Type.Union([IsoDate], { description: 'Date of issue; default: today in Vietnam (UTC+7)' })),
  },
  { additionalProperties: false },
);
export const StepReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Why (kept in the history)' }) },
  { title: 'StepReasonBody', additionalProperties: false },
);
export const RequestAssessmentBody = Type.Object(
  {
    party: Type.Union(literals(REQUESTABLE), {
      description: 'Whom the enterprise asks to assess it without a self-assessment (§III.2–3)',
    }),
  },
  { title: 'RequestAssessmentBody', additionalProperties: false },
);
export const SubmitBody = Type.Object(
  {
    confirmIncomplete: Type.Optional(
      Type.Boolean({ description: 'Submit although criteria are unanswered (they then count 0 points, §III)' }),
    ),
  },
  { title: 'SubmitBody', additionalProperties: false },
);
export const UnansweredCriteria = Type.Array(
  Type.Object({ pillar: NodeId, criteria: Type.Array(NodeId) }, { additionalProperties: false }),
  { title: 'UnansweredCriteria', description: 'The criteria of each pillar without an answer' },
);
export const AssessmentEvent = Type.Object(
  {
    kind: Type.Union(
      [
        Type.Literal('returned'),
        Type.Literal('withdrawn'),
        Type.Literal('cancelled'),
        Type.Literal('requested'),
        Type.Literal('direct'),
        Type.Literal('submitted-incomplete'),
        Type.Literal('warning'),
      ],
      { description: 'What happened' },
    ),
    from: AssessmentStatusSchema,
    to: AssessmentStatusSchema,
    party: Type.Union([Type.String(), Type.Null()], {
      description: 'Who acted: enterprise, consultant, department, ministry, publisher',
    }),
    reason: Type.Union([Type.String(), Type.Null()]),
    at: Timestamp,
    by: Actor,
  },
  { title: 'AssessmentEvent', additionalProperties: false },
);
export const ReturnedNote = Type.Object(
  {
    reason: Type.String(),
    by: Actor,
    at: Timestamp,
    from: AssessmentStatusSchema,
    party: Type.Union([Type.String(), Type.Null()]),
  },
  {
    title: 'ReturnedNote',
    additionalProperties: false,
    description: 'The return the assessment is waiting on: fix and resubmit',
  },
);

export const RevokeBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const AssessmentColumn = Type.Object(
  {
    answers: Answers,
    evidence: Evidence,
    from: Type.Union([ColumnNameSchema, Type.Null()]),
    reasons: AdjustmentReasons,
    result: ScoreResult,
    by: Actor,
    at: Timestamp,
  },
  { additionalProperties: false },
);

const Step = Type.Object({ at: Timestamp, by: Actor }, { additionalProperties: false });
export const Assessment = Type.Object(
  {
    id: Type.String(),
    taxCode: TaxCode,
    index: IndexStamp,
    period: PeriodId,
    status: AssessmentStatusSchema,
    consultantId: Type.Union([ConsultantId, Type.Null()]),
    reviewedAs: Type.Union([
      Type.Literal('consultant'),
      Type.Literal('department'),
      Type.Literal('ministry'),
      Type.Null(),
    ]),
    requested: Type.Union([...literals(REQUESTABLE), Type.Null()], {
      description: 'Whom the enterprise asked to assess it without a self-assessment',
    }),
    returned: Type.Union([ReturnedNote, Type.Null()]),
    history: Type.Array(AssessmentEvent, {
      description: 'Requests, returns, withdrawals, cancellation and warnings, oldest first',
    }),
    columns: Type.Object(
      {
        self: Type.Optional(AssessmentColumn),
        consultant: Type.Optional(AssessmentColumn),
        department: Type.Optional(AssessmentColumn),
        ministry: Type.Optional(AssessmentColumn),
      },
      { additionalProperties: false, description: 'The columns written so far' },
    ),
    steps: Type.Object(
      {
        submitted: Type.Optional(Step),
        reviewed: Type.Optional(Step),
        appraised: Type.Optional(Step),
        certified: Type.Optional(Step),
      },
      { additionalProperties: false },
    ),
    certificateNumber: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    createdBy: Actor,
    updatedAt: Timestamp,
    updatedBy: Actor,
  },
  { additionalProperties: false },
);
export const AssessmentList = Type.Object({ assessments: Type.Array(Assessment) }, { additionalProperties: false });
export const AssessmentListQuery = Type.Object(
  { taxCode: Type.Optional(TaxCode), status: Type.Optional(AssessmentStatusSchema) },
  { additionalProperties: false },
);

// ------------------------------------------------------------------------------------------------ certificates

const PillarLevel = Type.Object(
  { id: NodeId, points: Type.Integer(), max: Type.Integer(), level: Type.Integer() },
  { additionalProperties: false },
);

/** What anyone can verify about a certificate, without a key. */
export const CertificateVerification = Type.Object(
  {
    number: Type.String(),
    status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
    enterprise: Type.Object({ taxCode: TaxCode, name: Type.String() }, { additionalProperties: false }),
    level: Type.Integer({ description: 'Overall level (ministry column)' }),
    total: Type.Integer(),
    max: Type.Integer(),
    pillars: Type.Array(PillarLevel),
    index: IndexStamp,
    issuedOn: IsoDate,
    revokedOn: Type.Union([IsoDate, Type.Null()]),
    revocationReason: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
/** What certifying answers: the certificate, and any warning recorded with it (e.g. a deprecated version). */
export const CertificationResult = Type.Object(
  { ...CertificateVerification.properties, warnings: Type.Optional(Type.Array(Type.String())) },
  { title: 'CertificationResult', additionalProperties: false },
);
export const CertificateParams = Type.Object(
  { number: Type.String({ pattern: '^DBI-[0-9]{4}-[0-9]{6,}$' }) },
  { additionalProperties: false },
);

// ------------------------------------------------------------------------------------------------------ groups

export const GroupMemberBody = Type.Object(
  {
    taxCode: TaxCode,
    relation: Relation,
    headcount: Type.Integer({
      minimum: 0,
      maximum: 10_000_000,
      description: 'Staff with a labour contract (Appendix III step 2)',
    }),
    assessmentId: Type.String({ minLength: 1, maxLength: 100, description: 'An assessment of this same unit' }),
  },
  { additionalProperties: false },
);
export const CreateGroupBody = Type.Object(
  {
    parentTaxCode: TaxCode,
    index: Type.Optional(
      Type.Union([IndexRef], { description: 'Default: the newest published version of the group index' }),
    ),
    members: Type.Array(GroupMemberBody, { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
);
export type CreateGroupBody = Static<typeof CreateGroupBody>;
export const GroupMembersBody = Type.Object(
  { members: Type.Array(GroupMemberBody, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export const Group = Type.Object(
  {
    id: Type.String(),
    parentTaxCode: TaxCode,
    index: IndexStamp,
    members: Type.Array(GroupMemberBody),
    level: Type.Integer(),
    result: GroupResult,
    computedAt: Timestamp,
    createdAt: Timestamp,
    createdBy: Actor,
    updatedAt: Timestamp,
    updatedBy: Actor,
  },
  { additionalProperties: false },
);
/** A page of groups (paged lists: `?limit=`, `?after=` → `{ items, next }`). */
export const GroupList = Type.Object(
  {
    items: Type.Array(Group),
    next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page, null on the last page' }),
  },
  { additionalProperties: false },
);
export const GroupMemberStages = Type.Object(
  {
    group: Type.String(),
    members: Type.Array(
      Type.Object(
        {
          taxCode: TaxCode,
          assessmentId: Type.String(),
          status: AssessmentStatusSchema,
          column: Type.Union([ColumnNameSchema, Type.Null()], {
            description:
              'The column the roll-up uses for this member (ministry, else department, else consultant, else self)',
          }),
          reviewed: Type.Boolean({
            description: 'The column used was written by a reviewer (consultant, department or Ministry)',
          }),
          included: Type.Boolean({
            description: 'The group index counts this unit in the roll-up (affiliates are listed but left out)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    unreviewed: Type.Array(TaxCode, {
      description:
        'Members counted in the roll-up whose result is not reviewed (only a self-assessment, or nothing); the parent is not certified by the roll-up while any is listed',
    }),
  },
  { title: 'GroupMemberStages', additionalProperties: false },
);

// ---------------------------------------------------------------------------------------- rankings, provinces

export const RankingBasis = Type.Union([Type.Literal('certified'), Type.Literal('appraised')], {
  description:
    'certified (default, public): valid certificates only; appraised: also appraised results not yet certified (ministry and provincial keys)',
});
export const RankingQuery = Type.Object(
  {
    province: Type.Optional(ProvinceCode),
    sector: Type.Optional(SectorSchema),
    size: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9-]{0,31}$',
        description: 'Size class of the classifier: micro, small, medium, large',
      }),
    ),
    basis: Type.Optional(RankingBasis),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type RankingQuery = Static<typeof RankingQuery>;

export const RankingEntry = Type.Object(
  {
    rank: Type.Integer({ description: 'Competition rank (1, 2, 2, 4): equal level and equal points share rank equal' }),
    taxCode: TaxCode,
    name: Type.String(),
    province: ProvinceCode,
    sector: SectorSchema,
    size: Type.String(),
    level: Type.Integer(),
    total: Type.Integer(),
    max: Type.Integer(),
    pillars: Type.Array(PillarLevel),
    index: IndexStamp,
    status: AssessmentStatusSchema,
    certificateNumber: Type.Union([Type.String(), Type.Null()]),
    asOf: IsoDate,
  },
  { additionalProperties: false },
);
export const Ranking = Type.Object(
  {
    basis: RankingBasis,
    count: Type.Integer({ description: 'Entries before limit/offset' }),
    entries: Type.Array(RankingEntry),
  },
  { additionalProperties: false },
);

/** An exact fraction, with its value rounded half up to two decimals for display. */
export const Fraction = Type.Object(
  { numerator: Type.Integer(), denominator: Type.Integer(), display: Type.String({ pattern: '^[0-9]+\\.[0-9]{2}$' }) },
  { additionalProperties: false },
);
const Distribution = Type.Array(
  Type.Object({ level: Type.Integer(), count: Type.Integer() }, { additionalProperties: false }),
  {
    description: 'Number of enterprises at each level, levels 0–5 always listed',
  },
);
export const ProvinceIndex = Type.Object(
  {
    province: ProvinceCode,
    basis: RankingBasis,
    method: Type.String(),
    enterprises: Type.Integer(),
    distribution: Distribution,
    meanLevel: Type.Union([Fraction, Type.Null()], {
      description: 'Σ levels / enterprises, reduced; null when there are none',
    }),
    scale10: Type.Union([Fraction, Type.Null()], {
      description: 'meanLevel normalised to a 10-point scale: meanLevel × 10 / 5',
    }),
    pillars: Type.Array(
      Type.Object(
        { id: NodeId, distribution: Distribution, meanLevel: Type.Union([Fraction, Type.Null()]) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const ProvinceParams = Type.Object({ code: ProvinceCode }, { additionalProperties: false });
export const ProvinceIndexQuery = Type.Object({ basis: Type.Optional(RankingBasis) }, { additionalProperties: false });
