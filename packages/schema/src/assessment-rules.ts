// The assessment workflow of Decision 1970 §III as data and pure functions: the one place its rules live. The server
// asks `check` whether a caller may take a step; storage asks the same `check` (without a caller) inside its write
// transaction; migration 0002's CHECKs and triggers hold the same states as a last safety net. To change a rule,
// change the table below and its test (assessment-rules.test.ts) — nothing else restates it.

/** Sectors of Appendix IV. */
export const SECTORS = ['agriculture-industry-construction', 'trade-services'] as const;
export type Sector = (typeof SECTORS)[number];

/** The states of §III, in order: each forward step moves one place (the Ministry's direct assessment moves a draft
 * straight to reviewed); a return moves one place back. Certified and cancelled are final. */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'reviewed', 'appraised', 'certified', 'cancelled'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The four columns of the Decision's tables: "DN tự đánh giá", "Tư vấn đánh giá", "Sở TT&TT đánh giá",
 * "Bộ TT&TT đánh giá". */
export const COLUMNS = ['self', 'consultant', 'department', 'ministry'] as const;
export type ColumnName = (typeof COLUMNS)[number];

/** Who someone is to one assessment. A key can be several (a ministry-publisher is also the ministry). */
export const PARTIES = ['enterprise', 'consultant', 'department', 'ministry', 'publisher'] as const;
export type Party = (typeof PARTIES)[number];

/** A caller as its API key says: role and scope. */
export interface Caller {
  role: string;
  scope: string | null;
}

export interface StepRule {
  /** The state the assessment must be in. */
  from: AssessmentStatus;
  /** The state it moves to; a column write leaves the state as it is. */
  to: AssessmentStatus | null;
  /** Who may take the step and, for each, the columns of which at least one must be written first. */
  by: Readonly<Partial<Record<Party, readonly ColumnName[]>>>;
  /** The step in the words of a refusal. */
  doing: string;
  /** The step must say why (a return, a withdrawal, a cancellation): kept in the assessment's history. */
  reason?: true;
}

/** Who may be asked to assess an enterprise without its self-assessment (§III.2, §III.3: "on the enterprise's
 * request"). */
export const REQUESTABLE = ['consultant', 'department'] as const;
export type Requestable = (typeof REQUESTABLE)[number];
/** Who reviewed: the consultant, the provincial department, or the Ministry assessing directly (§III.4). */
export type Reviewer = Requestable | 'ministry';

/**
 * The step table. A consultant acting as consultant must also be assigned to the assessment and independent of the
 * enterprise (§III.2); that holds for every step it takes, so it is not repeated per row.
 */
export const STEPS = {
  'write:self': { from: 'draft', to: null, by: { enterprise: [] }, doing: 'writing the self column' },
  'write:consultant': { from: 'submitted', to: null, by: { consultant: [] }, doing: 'writing the consultant column' },
  'write:department': { from: 'submitted', to: null, by: { department: [] }, doing: 'writing the department column' },
  'write:ministry': { from: 'reviewed', to: null, by: { ministry: [] }, doing: 'writing the ministry column' },
  submit: { from: 'draft', to: 'submitted', by: { enterprise: ['self'] }, doing: 'submitting' },
  review: {
    from: 'submitted',
    to: 'reviewed',
    by: { consultant: ['consultant'], department: ['department'] },
    doing: 'reviewing',
  },
  appraise: { from: 'reviewed', to: 'appraised', by: { ministry: ['ministry'] }, doing: 'appraising' },
  certify: { from: 'appraised', to: 'certified', by: { publisher: ['ministry'] }, doing: 'certifying' },
  // An enterprise asks the assigned consultant or its provincial department to assess it without a self-assessment
  // (§III.2–3); the record says whom (`requested`), and only that party reviews.
  request: {
    from: 'draft',
    to: 'submitted',
    by: { enterprise: [] },
    doing: 'requesting an assessment by a consultant or the department',
  },
  // "Where necessary the Ministry may assess the enterprise directly" (§III.4): a draft goes straight to reviewed,
  // and the Ministry writes its own column.
  direct: { from: 'draft', to: 'reviewed', by: { ministry: [] }, doing: 'taking it for direct assessment' },
  // Back to the party who must act, with a reason: a reviewer to the enterprise, the Ministry to the reviewer, the
  // certifying publisher to the Ministry's appraisal.
  'return:submitted': {
    from: 'submitted',
    to: 'draft',
    by: { consultant: [], department: [] },
    doing: 'returning it to the enterprise for correction',
    reason: true,
  },
  'return:reviewed': {
    from: 'reviewed',
    to: 'submitted',
    by: { ministry: [] },
    doing: 'returning it to the reviewer for correction',
    reason: true,
  },
  'return:appraised': {
    from: 'appraised',
    to: 'reviewed',
    by: { publisher: [] },
    doing: 'returning it to the appraisal for correction',
    reason: true,
  },
  // The enterprise takes back what it submitted, before any reviewer has written a column.
  withdraw: { from: 'submitted', to: 'draft', by: { enterprise: [] }, doing: 'withdrawing it', reason: true },
  // A draft (new or returned) closed for good by its owner or the Ministry: it leaves every queue.
  cancel: {
    from: 'draft',
    to: 'cancelled',
    by: { enterprise: [], ministry: [] },
    doing: 'cancelling it',
    reason: true,
  },
} as const satisfies Record<string, StepRule>;
export type Step = keyof typeof STEPS;
/** The steps that move an assessment (the others write a column). */
export type TransitionStep = Exclude<Step, `write:${string}`>;
export const TRANSITION_STEPS = (Object.keys(STEPS) as Step[]).filter(
  (s): s is TransitionStep => !s.startsWith('write:'),
);
/** The steps that move an assessment back. */
export const RETURN_STEPS = ['return:submitted', 'return:reviewed', 'return:appraised'] as const;
export type ReturnStep = (typeof RETURN_STEPS)[number];
/** The return that applies in a state, if any. */
export const returnStep = (status: AssessmentStatus): ReturnStep | undefined =>
  RETURN_STEPS.find((s) => STEPS[s].from === status);

/** The step that writes a column. */
export const columnStep = (column: ColumnName) => `write:${column}` as const;

/** The state in which each column is written. */
export const COLUMN_STATUS = Object.fromEntries(COLUMNS.map((c) => [c, STEPS[columnStep(c)].from])) as Readonly<
  Record<ColumnName, AssessmentStatus>
>;

/** The consultant is assigned (or unassigned) only while the assessment is in one of these states. */
export const ASSIGNABLE: readonly AssessmentStatus[] = ['draft', 'submitted'];

/** Each party in the words of a refusal. */
export const PARTY_WORDS: Readonly<Record<Party, string>> = {
  enterprise: 'the enterprise itself (an enterprise key scoped to its tax code)',
  consultant: 'the assigned consultant (a consultant key scoped to its id)',
  department: 'the provincial department of the enterprise’s province',
  ministry: 'the Ministry (ministry-editor or ministry-publisher)',
  publisher: 'a ministry-publisher key',
};

/** What the rules need to know about an assessment. */
export interface StepRecord {
  id: string;
  taxCode: string;
  /** The enterprise's province (who its provincial department is). */
  province: string;
  status: AssessmentStatus;
  consultantId: string | null;
  columns: Readonly<Partial<Record<ColumnName, unknown>>>;
  /** Employers of the assigned consultant and its organisation's own tax code, when known (the independence rule). */
  consultantEmployers?: readonly string[] | undefined;
  /** Tax codes of every unit of the groups the enterprise belongs to (parent and members): a consultant employed by
   * any of them is not independent of it (§III.2 "đơn vị thành viên"). */
  relatedUnits?: readonly string[] | undefined;
  /** Who reviewed (reviewed and later), when known. */
  reviewedAs?: Reviewer | null | undefined;
  /** Whom the enterprise asked to assess it without a self-assessment, when it did. */
  requested?: Requestable | null | undefined;
}

/** A refusal: `forbidden` (the caller may not take the step) or `conflict` (not in this state of the record). */
export interface RuleProblem {
  kind: 'forbidden' | 'conflict';
  code:
    | 'not-allowed'
    | 'wrong-state'
    | 'missing-column'
    | 'no-consultant'
    | 'not-independent'
    | 'assignment-locked'
    | 'not-requested'
    | 'review-started'
    | 'no-request'
    | 'direct-assessment';
  message: string;
  /** not-independent: the employer that makes the consultant dependent. */
  employer?: string;
}

/** Same legal entity: equal tax codes, or an enterprise and its branches (`0101234567` and `0101234567-001`). */
export const sameLegalEntity = (a: string, b: string): boolean => a.slice(0, 10) === b.slice(0, 10);

/**
 * The independence rule of §III.2: the first employer of the consultant (or its organisation's own tax code) that is
 * (part of) the enterprise or of any unit of a group the enterprise belongs to.
 */
export function dependentEmployer(
  consultant: { employers: readonly string[]; organisationTaxCode?: string | null | undefined },
  taxCode: string,
  units: readonly string[] = [],
): string | undefined {
  const ties = consultant.organisationTaxCode
    ? [...consultant.employers, consultant.organisationTaxCode]
    : consultant.employers;
  return ties.find((e) => sameLegalEntity(e, taxCode) || units.some((u) => sameLegalEntity(e, u)));
}

/** The tax codes a consultant is tied to: its employers and its organisation's own tax code. */
export const consultantTies = (c: { employers: readonly string[]; organisationTaxCode?: string | null | undefined }) =>
  c.organisationTaxCode ? [...c.employers, c.organisationTaxCode] : [...c.employers];

/**
 * The column that stands for an assessment's current result (group roll-ups use it): the ministry's when present,
 * else the provincial department's, else the consultant's, else the enterprise's own.
 */
export function effectiveColumn(columns: Readonly<Partial<Record<ColumnName, unknown>>>): ColumnName | null {
  for (const c of ['ministry', 'department', 'consultant', 'self'] as const) if (columns[c] !== undefined) return c;
  return null;
}

/** Every party the caller is to this assessment. */
export function partiesOf(
  caller: Caller | null,
  record: Pick<StepRecord, 'taxCode' | 'province' | 'consultantId'>,
): Party[] {
  if (!caller) return [];
  const out: Party[] = [];
  if (caller.role === 'enterprise' && caller.scope === record.taxCode) out.push('enterprise');
  if (caller.role === 'consultant' && record.consultantId !== null && caller.scope === record.consultantId)
    out.push('consultant');
  if (caller.role === 'provincial-department' && caller.scope === record.province) out.push('department');
  if (caller.role === 'ministry-editor' || caller.role === 'ministry-publisher') out.push('ministry');
  if (caller.role === 'ministry-publisher') out.push('publisher');
  return out;
}

const partiesOfStep = (step: Step) => Object.keys(STEPS[step].by) as Party[];

/** The party in which the caller takes the step (the first of the step's parties it is), or undefined. */
export function actingParty(
  step: Step,
  caller: Caller | null,
  record: Pick<StepRecord, 'taxCode' | 'province' | 'consultantId'>,
): Party | undefined {
  const mine = partiesOf(caller, record);
  return partiesOfStep(step).find((p) => mine.includes(p));
}

const independence = (consultantId: string, employer: string, taxCode: string): RuleProblem => ({
  kind: 'conflict',
  code: 'not-independent',
  employer,
  message: sameLegalEntity(employer, taxCode)
    ? `independence: consultant ${consultantId} is employed by ${employer}, which is (part of) enterprise ${taxCode}; Decision 1970 §III.2 requires an independent consultant`
    : `independence: consultant ${consultantId} is employed by ${employer}, a unit of a group enterprise ${taxCode} belongs to; Decision 1970 §III.2 requires a consultant independent of every member unit`,
});

/** "has no department column (nor a consultant column) yet": the party's own column is named first. */
function missingColumn(id: string, needs: readonly ColumnName[], doing: string): string {
  if (needs.length === 1 && needs[0] === 'self')
    return `assessment ${id} has no self-assessment yet; write the self column first`;
  const [first, ...others] = needs;
  const nor = others.length ? ` (nor ${others.map((c) => `a ${c} column`).join(', ')})` : '';
  return `assessment ${id} has no ${first} column${nor} yet; write ${others.length ? 'one' : 'it'} before ${doing}`;
}

/** What the record must hold for `party` to take the step (the state is checked before). */
function recordProblem(step: Step, record: StepRecord, party: Party): RuleProblem | undefined {
  const { doing } = STEPS[step];
  if (party === 'consultant') {
    if (record.consultantId === null)
      return {
        kind: 'conflict',
        code: 'no-consultant',
        message: `assessment ${record.id} has no consultant assigned`,
      };
    const employer =
      record.consultantEmployers &&
      dependentEmployer({ employers: record.consultantEmployers }, record.taxCode, record.relatedUnits);
    if (employer) return independence(record.consultantId, employer, record.taxCode);
  }
  const extra = stepCondition(step, record, party);
  if (extra) return extra;
  const by: StepRule['by'] = STEPS[step].by;
  const needs = by[party] ?? [];
  if (needs.length && !needs.some((c) => record.columns[c] !== undefined))
    return { kind: 'conflict', code: 'missing-column', message: missingColumn(record.id, needs, doing) };
  return undefined;
}

const REVIEWER_STEPS: readonly Step[] = ['write:consultant', 'write:department', 'review', 'return:submitted'];

/** The conditions a row of the table cannot say in columns: who was requested, whether review started. */
function stepCondition(step: Step, record: StepRecord, party: Party): RuleProblem | undefined {
  if (REVIEWER_STEPS.includes(step) && record.requested && party !== record.requested)
    return {
      kind: 'conflict',
      code: 'not-requested',
      message: `enterprise ${record.taxCode} asked the ${record.requested} to assess assessment ${record.id}; the ${party} does not review it`,
    };
  if (step === 'request') {
    if (!record.requested)
      return {
        kind: 'conflict',
        code: 'no-request',
        message: `name whom you ask to assess assessment ${record.id}: ${REQUESTABLE.join(' or ')}`,
      };
    if (record.requested === 'consultant' && record.consultantId === null)
      return {
        kind: 'conflict',
        code: 'no-consultant',
        message: `assessment ${record.id} has no consultant assigned; assign one before requesting its assessment`,
      };
  }
  if (step === 'withdraw') {
    const started = (['consultant', 'department'] as const).filter((c) => record.columns[c] !== undefined);
    if (started.length)
      return {
        kind: 'conflict',
        code: 'review-started',
        message: `review of assessment ${record.id} has started (the ${started.join(' and ')} column is written); ask the reviewer to return it instead`,
      };
  }
  if (step === 'return:reviewed' && record.reviewedAs === 'ministry')
    return {
      kind: 'conflict',
      code: 'direct-assessment',
      message: `assessment ${record.id} is assessed directly by the Ministry; there is no reviewer to return it to (rewrite the ministry column instead)`,
    };
  return undefined;
}

/**
 * May this step be taken on this record? Returns the refusal, or undefined.
 *
 * `actor`: the caller (its key's role and scope: who may act is checked first, 403), or the party it acts as (a
 * review records which), or omitted — then the step is allowed when any of its parties could take it on this record
 * (storage, which knows the record but not the caller's key, asks this way inside its transaction).
 */
export function check(step: Step, record: StepRecord, actor?: Caller | Party | null): RuleProblem | undefined {
  const rule: StepRule = STEPS[step];
  let parties = partiesOfStep(step);
  if (typeof actor === 'string') {
    if (!parties.includes(actor)) return notAllowed(step, record, actor);
    parties = [actor];
  } else if (actor !== undefined) {
    const party = actingParty(step, actor, record);
    if (!party) return notAllowed(step, record, actor);
    parties = [party];
  }
  if (record.status !== rule.from)
    return {
      kind: 'conflict',
      code: 'wrong-state',
      message: `assessment ${record.id} is ${record.status}; ${rule.doing} needs it ${rule.from}`,
    };
  let first: RuleProblem | undefined;
  for (const party of parties) {
    const problem = recordProblem(step, record, party);
    if (!problem) return undefined;
    first ??= problem;
  }
  return first;
}

function notAllowed(step: Step, record: StepRecord, actor: Caller | Party | null): RuleProblem {
  const who = partiesOfStep(step)
    .map((p) => PARTY_WORDS[p])
    .join(' or ');
  const key =
    actor === null
      ? 'no key'
      : typeof actor === 'string'
        ? actor
        : `${actor.role}${actor.scope ? ` ${actor.scope}` : ''}`;
  return {
    kind: 'forbidden',
    code: 'not-allowed',
    message: `${STEPS[step].doing} assessment ${record.id} is for ${who}; your key is ${key}`,
  };
}

/**
 * May the consultant of this record become `consultantId` (null: unassigned)? Only while draft or submitted, not once
 * the assigned consultant has written its column, and never a consultant employed by the enterprise or a branch.
 */
export function checkAssignment(
  record: StepRecord,
  consultantId: string | null,
  employers: readonly string[] | undefined,
): RuleProblem | undefined {
  if (!ASSIGNABLE.includes(record.status))
    return {
      kind: 'conflict',
      code: 'wrong-state',
      message: `assessment ${record.id} is ${record.status}; the consultant is assigned only while it is ${ASSIGNABLE.join(' or ')}`,
    };
  if (record.columns.consultant !== undefined && consultantId !== record.consultantId)
    return {
      kind: 'conflict',
      code: 'assignment-locked',
      message: `consultant ${record.consultantId} has already written the consultant column of assessment ${record.id}; the assignment can no longer change`,
    };
  const employer =
    consultantId !== null && employers && dependentEmployer({ employers }, record.taxCode, record.relatedUnits);
  if (consultantId !== null && employer) return independence(consultantId, employer, record.taxCode);
  return undefined;
}

// ------------------------------------------------------------------------------------------ per-criterion checks

/** A JSON value's identity for comparing answers: absent and null are both "no data". */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The reviewer adjustments that carry no reason: every criterion whose answer in a reviewer column differs from the
 * column it was built from (`from`) must say why (§III.4 "điểm đánh giá từng tiêu chí ... có thể được điều chỉnh").
 * Sorted criterion ids.
 */
export function adjustmentsWithoutReason(
  answers: Readonly<Record<string, unknown>>,
  base: Readonly<Record<string, unknown>>,
  reasons: Readonly<Record<string, string>>,
): string[] {
  const ids = new Set([...Object.keys(answers), ...Object.keys(base)]);
  return [...ids].filter((id) => !same(answers[id], base[id]) && !reasons[id]?.trim()).sort();
}

/** The criteria of each pillar left without an answer (null or absent), in the definition's order; pillars with
 * none left out. `pillars` is the definition's pillars with their criterion ids, as the caller walks them. */
export function unansweredByPillar(
  pillars: ReadonlyArray<{ id: string; criteria: readonly string[] }>,
  answers: Readonly<Record<string, unknown>>,
): Array<{ pillar: string; criteria: string[] }> {
  return pillars
    .map((p) => ({ pillar: p.id, criteria: p.criteria.filter((c) => answers[c] === undefined || answers[c] === null) }))
    .filter((p) => p.criteria.length > 0);
}
