// Assessments on SQLite: pinned to one published index version, four columns, and the workflow steps. Every write is
// one IMMEDIATE transaction that asks @dbi/schema's assessment rules (`check`, `checkAssignment`) about the record as
// it is inside that transaction, writes, and appends its audit entry; migration 0002's triggers are the last word.
import type { Statement } from 'better-sqlite3';
import {
  adjustmentsWithoutReason,
  ASSIGNABLE,
  check,
  checkAssignment,
  columnStep,
  consultantTies,
  STEPS,
  type Answers,
  type AssessmentStatus,
  type ColumnName,
  type ScoreResult,
  type Step,
  type StepRecord,
} from '@dbi/schema';
import { newId, StorageError, type Actor, type Stamp } from '../common.js';
import { sqlList, type SqliteWriter } from '../sqlite/tx.js';
import {
  assessmentExists,
  checkOpenAssessments,
  checkReason,
  DEFAULT_PERIOD_SQL,
  OPEN_ASSESSMENTS_SQL,
  refuse,
  transitionStep,
} from './checks.js';
import type {
  ActInput,
  ActStep,
  AssessmentEventRecord,
  AssessmentFilter,
  AssessmentRecord,
  AssessmentRepository,
  CertificateRecord,
  ColumnInput,
  ConsultantRecord,
  CreateLimits,
  EnterpriseRecord,
  GroupRescorer,
  Transition,
} from './types.js';

export interface AssessmentRow {
  id: string;
  tax_code: string;
  index_id: string;
  index_version: string;
  index_hash: string;
  status: AssessmentStatus;
  consultant_id: string | null;
  reviewed_as: 'consultant' | 'department' | 'ministry' | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  appraised_at: string | null;
  appraised_by: string | null;
  certified_at: string | null;
  certified_by: string | null;
  certificate_number: string | null;
  requested: 'consultant' | 'department' | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  period: string;
}

export interface EventRow {
  assessment_id: string;
  seq: number;
  kind: AssessmentEventRecord['kind'];
  from_status: AssessmentStatus;
  to_status: AssessmentStatus;
  party: string | null;
  reason: string | null;
  at: string;
  by: string;
}

export interface ColumnRow {
  assessment_id: string;
  col: ColumnName;
  answers: string;
  evidence: string;
  result: string;
  level: number;
  from_col: ColumnName | null;
  reasons: string;
  updated_at: string;
  updated_by: string;
}

/** The columns that stamp when and by whom each state after draft was reached. */
export const STEP_COLUMNS = {
  submitted: ['submitted_at', 'submitted_by'],
  reviewed: ['reviewed_at', 'reviewed_by'],
  appraised: ['appraised_at', 'appraised_by'],
  certified: ['certified_at', 'certified_by'],
} as const;

/** Every unit of the groups a tax code (or its branch) belongs to, as parent or member ($1: the tax code). */
export const RELATED_UNITS_SQL = `SELECT tax_code FROM (
  SELECT m2.tax_code FROM group_members m1 JOIN group_members m2 ON m2.group_id = m1.group_id
    WHERE substr(m1.tax_code, 1, 10) = substr($1, 1, 10)
  UNION SELECT g.parent_tax_code FROM enterprise_groups g JOIN group_members m ON m.group_id = g.id
    WHERE substr(m.tax_code, 1, 10) = substr($1, 1, 10)
  UNION SELECT m.tax_code FROM enterprise_groups g JOIN group_members m ON m.group_id = g.id
    WHERE substr(g.parent_tax_code, 1, 10) = substr($1, 1, 10)
) u ORDER BY tax_code`;

export const ASSESSMENT_SELECT = `SELECT a.*, c.number AS certificate_number FROM assessments a LEFT JOIN certificates c ON c.assessment_id = a.id`;

/** What assessments need of the other repositories, inside their transactions. */
export interface AssessmentSources {
  enterprise: (taxCode: string) => EnterpriseRecord;
  consultant: (id: string) => ConsultantRecord | undefined;
  mustConsultant: (id: string) => ConsultantRecord;
  rescoreGroupsIncluding: (assessmentId: string, actor: Actor, at: string, rescore: GroupRescorer) => void;
  insertCertificate: (
    at: string,
    actor: Actor,
    a: AssessmentRecord,
    e: EnterpriseRecord,
    issuedOn: string,
    validUntil: string | null,
  ) => string;
  certificateIssued: (at: string, actor: Actor, number: string) => CertificateRecord;
}

/** What each of the other steps records in the history. */
export const EVENT_KIND: Readonly<Record<ActStep, AssessmentEventRecord['kind']>> = {
  request: 'requested',
  direct: 'direct',
  'return:submitted': 'returned',
  'return:reviewed': 'returned',
  'return:appraised': 'returned',
  withdraw: 'withdrawn',
  cancel: 'cancelled',
};

/**
 * The SET clause of each of the other steps (`ph` names a parameter: at, by, requested). A move back clears the stamp
 * of the state it leaves (the history keeps the return); a request or direct assessment stamps the states it
 * passes; a cancellation only marks the draft.
 */
export function actSet(step: ActStep, ph: (name: 'at' | 'by' | 'requested') => string): string {
  const stamp = `updated_at = ${ph('at')}, updated_by = ${ph('by')}`;
  switch (step) {
    case 'request':
      return `status = 'submitted', submitted_at = ${ph('at')}, submitted_by = ${ph('by')}, requested = ${ph('requested')}, ${stamp}`;
    case 'direct':
      return `status = 'reviewed', submitted_at = ${ph('at')}, submitted_by = ${ph('by')}, reviewed_at = ${ph('at')}, reviewed_by = ${ph('by')}, reviewed_as = 'ministry', ${stamp}`;
    case 'return:submitted':
    case 'withdraw':
      return `status = 'draft', submitted_at = NULL, submitted_by = NULL, requested = NULL, ${stamp}`;
    case 'return:reviewed':
      return `status = 'submitted', reviewed_at = NULL, reviewed_by = NULL, reviewed_as = NULL, ${stamp}`;
    case 'return:appraised':
      return `status = 'reviewed', appraised_at = NULL, appraised_by = NULL, ${stamp}`;
    case 'cancel':
      return `cancelled_at = ${ph('at')}, cancelled_by = ${ph('by')}, ${stamp}`;
  }
}

/** A reviewer column built `from` another must give a reason for each criterion where it differs (§III.4). */
export function checkAdjustmentReasons(a: AssessmentRecord, column: ColumnName, input: ColumnInput): void {
  if (column === 'self' || input.from === null) return;
  const base = a.columns[input.from];
  if (!base) throw new StorageError('invalid', `the ${input.from} column of assessment ${a.id} is empty`);
  const missing = adjustmentsWithoutReason(input.answers, base.answers, input.reasons ?? {});
  if (missing.length)
    throw new StorageError(
      'invalid',
      `the ${column} column differs from the ${input.from} column at ${missing.join(', ')} without a reason for each`,
    );
}

/** An assessment record from its row, its column rows and its history. */
export function toAssessment(
  r: AssessmentRow,
  columnRows: readonly ColumnRow[],
  eventRows: readonly EventRow[] = [],
): AssessmentRecord {
  const columns: AssessmentRecord['columns'] = {};
  for (const c of columnRows) {
    columns[c.col] = {
      answers: JSON.parse(c.answers) as Answers,
      evidence: JSON.parse(c.evidence) as Record<string, string>,
      result: JSON.parse(c.result) as ScoreResult,
      from: c.from_col,
      reasons: JSON.parse(c.reasons ?? '{}') as Record<string, string>,
      by: c.updated_by,
      at: c.updated_at,
    };
  }
  const steps: AssessmentRecord['steps'] = {};
  for (const [step, [at, by]] of Object.entries(STEP_COLUMNS) as [
    keyof typeof STEP_COLUMNS,
    readonly [keyof AssessmentRow, keyof AssessmentRow],
  ][]) {
    const when = r[at] as string | null;
    if (when !== null) steps[step] = { at: when, by: r[by] as string };
  }
  const history = eventRows.map((e) => ({
    kind: e.kind,
    from: e.from_status,
    to: e.to_status,
    party: e.party,
    reason: e.reason,
    at: e.at,
    by: e.by,
  }));
  const status = r.cancelled_at !== null ? 'cancelled' : r.status;
  // The return the assessment waits on: the latest event, when it is a return and nothing has moved since.
  const last = history.at(-1);
  const returned =
    last?.kind === 'returned' && last.to === status
      ? { reason: last.reason!, by: last.by, at: last.at, from: last.from, party: last.party }
      : null;
  return {
    id: r.id,
    taxCode: r.tax_code,
    index: { id: r.index_id, version: r.index_version, hash: r.index_hash },
    period: r.period,
    status,
    consultantId: r.consultant_id,
    reviewedAs: r.reviewed_as,
    requested: r.requested ?? null,
    returned,
    history,
    columns,
    steps,
    certificateNumber: r.certificate_number,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export class SqliteAssessmentRepository implements AssessmentRepository {
  private readonly s: Record<
    | 'get'
    | 'columns'
    | 'events'
    | 'insert'
    | 'assign'
    | 'upsertColumn'
    | 'touch'
    | 'event'
    | 'open'
    | 'defaultPeriod'
    | 'units',
    Statement
  >;

  constructor(
    private readonly w: SqliteWriter,
    private readonly from: AssessmentSources,
  ) {
    const db = w.db;
    this.s = {
      get: db.prepare(`${ASSESSMENT_SELECT} WHERE a.id = ?`),
      columns: db.prepare('SELECT * FROM assessment_columns WHERE assessment_id = ?'),
      events: db.prepare('SELECT * FROM assessment_events WHERE assessment_id = ? ORDER BY seq'),
      event:
        db.prepare(`INSERT INTO assessment_events (assessment_id, seq, kind, from_status, to_status, party, reason, at, by)
        VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM assessment_events WHERE assessment_id = @id), @kind, @from, @to,
        @party, @reason, @at, @by)`),
      open: db.prepare(OPEN_ASSESSMENTS_SQL.replace('$1', '?')),
      defaultPeriod: db.prepare(DEFAULT_PERIOD_SQL.replace('$1', '?').replace('$2', '?')),
      units: db.prepare(RELATED_UNITS_SQL.replaceAll('$1', '@taxCode')),
      insert:
        db.prepare(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
        updated_at, updated_by, period) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`),
      assign: db.prepare(
        `UPDATE assessments SET consultant_id = ?, updated_at = ?, updated_by = ? WHERE id = ? AND status IN (${sqlList(ASSIGNABLE)})`,
      ),
      upsertColumn:
        db.prepare(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, from_col, reasons, updated_at, updated_by)
        VALUES (@id, @col, @answers, @evidence, @result, @level, @from, @reasons, @at, @by)
        ON CONFLICT (assessment_id, col) DO UPDATE SET answers = excluded.answers, evidence = excluded.evidence,
        result = excluded.result, level = excluded.level, from_col = excluded.from_col, reasons = excluded.reasons,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by`),
      touch: db.prepare('UPDATE assessments SET updated_at = ?, updated_by = ? WHERE id = ?'),
    };
  }

  // -- reading

  find(id: string): AssessmentRecord | undefined {
    const r = this.s.get.get(id) as AssessmentRow | undefined;
    return r && toAssessment(r, this.s.columns.all(id) as ColumnRow[], this.s.events.all(id) as EventRow[]);
  }

  async get(id: string) {
    return this.find(id);
  }

  async list(filter: AssessmentFilter = {}) {
    const where: string[] = [];
    if (filter.taxCode !== undefined) where.push('a.tax_code = @taxCode');
    if (filter.consultantId !== undefined) where.push('a.consultant_id = @consultantId');
    if (filter.status === 'cancelled') where.push('a.cancelled_at IS NOT NULL');
    else where.push('a.cancelled_at IS NULL');
    if (filter.status !== undefined && filter.status !== 'cancelled') where.push('a.status = @status');
    if (filter.province !== undefined)
      where.push('a.tax_code IN (SELECT tax_code FROM enterprises WHERE province = @province)');
    const sql = `SELECT a.id FROM assessments a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.created_at, a.id`;
    const ids = this.w.db.prepare(sql).all(filter) as { id: string }[];
    return ids.map((r) => assessmentExists(this.find(r.id), r.id));
  }

  /** The record as the rules see it, read inside the transaction. */
  private stepRecord(a: AssessmentRecord, enterprise = this.from.enterprise(a.taxCode)): StepRecord {
    const consultant = a.consultantId === null ? undefined : this.from.consultant(a.consultantId);
    return {
      id: a.id,
      taxCode: a.taxCode,
      province: enterprise.province,
      status: a.status,
      consultantId: a.consultantId,
      columns: a.columns,
      consultantEmployers: consultant && consultantTies(consultant),
      relatedUnits: this.units(a.taxCode),
      reviewedAs: a.reviewedAs,
      requested: a.requested,
    };
  }

  private units(taxCode: string): string[] {
    return (this.s.units.all({ taxCode }) as { tax_code: string }[]).map((u) => u.tax_code);
  }

  async relatedUnits(taxCode: string) {
    return this.units(taxCode);
  }

  private event(id: string, e: Omit<AssessmentEventRecord, 'at' | 'by'>, at: string, actor: Actor) {
    this.s.event.run({ id, ...e, at, by: actor.name });
  }

  // -- writing

  /** One audited write of an existing assessment. */
  private change(
    id: string,
    action: string,
    actor: Actor,
    write: (at: string, before: AssessmentRecord) => void,
    at?: string,
  ): AssessmentRecord {
    const w = {
      action,
      target: `assessment:${id}`,
      load: () => this.find(id),
      write: (at: string, before: AssessmentRecord | undefined) => write(at, assessmentExists(before, id)),
    };
    return at === undefined ? this.w.write(actor, w) : this.w.step(at, actor, w);
  }

  async create(input: { taxCode: string; index: Stamp; period?: string }, actor: Actor, limits: CreateLimits = {}) {
    const id = newId('asm');
    return this.w.write(actor, {
      action: 'assessment.create',
      target: `assessment:${id}`,
      load: () => this.find(id),
      write: (at) => {
        this.from.enterprise(input.taxCode);
        const period =
          input.period ?? (this.s.defaultPeriod.get(at.slice(0, 10), at.slice(0, 4)) as { period: string }).period;
        checkOpenAssessments(
          input.taxCode,
          input.index.id,
          period,
          this.s.open.all(input.taxCode) as { id: string; index_id: string; status: string; period: string }[],
          limits.maxOpenDrafts,
        );
        const { id: indexId, version, hash } = input.index;
        this.s.insert.run(
          id,
          input.taxCode,
          indexId,
          version,
          hash,
          at,
          actor.name,
          at,
          actor.name,
          input.period ?? null,
        );
      },
    });
  }

  async assignConsultant(id: string, consultantId: string | null, actor: Actor) {
    return this.change(id, 'assessment.assign', actor, (at, before) => {
      const employers = consultantId === null ? undefined : consultantTies(this.from.mustConsultant(consultantId));
      refuse(checkAssignment(this.stepRecord(before), consultantId, employers));
      this.s.assign.run(consultantId, at, actor.name, id);
    });
  }

  async writeColumn(id: string, column: ColumnName, input: ColumnInput, actor: Actor, rescore: GroupRescorer) {
    return this.w.tx((at) => {
      const after = this.change(
        id,
        `assessment.column.${column}`,
        actor,
        (at, before) => {
          refuse(check(columnStep(column), this.stepRecord(before)));
          checkAdjustmentReasons(before, column, input);
          this.s.upsertColumn.run({
            id,
            col: column,
            answers: JSON.stringify(input.answers),
            evidence: JSON.stringify(input.evidence),
            result: JSON.stringify(input.result),
            level: input.result.level,
            from: input.from,
            reasons: JSON.stringify(input.reasons ?? {}),
            at,
            by: actor.name,
          });
          this.s.touch.run(at, actor.name, id);
        },
        at,
      );
      this.from.rescoreGroupsIncluding(id, actor, at, rescore);
      return after;
    });
  }

  /** Moves to `to` and stamps the step (a review also records who reviewed). */
  private move(id: string, step: Step, at: string, actor: Actor, reviewedAs?: 'consultant' | 'department') {
    const { from, to } = STEPS[step];
    const [atCol, byCol] = STEP_COLUMNS[to as keyof typeof STEP_COLUMNS];
    const reviewed = to === 'reviewed' ? ', reviewed_as = @reviewedAs' : '';
    this.w.db
      .prepare(
        `UPDATE assessments SET status = @to, ${atCol} = @at, ${byCol} = @by, updated_at = @at, updated_by = @by${reviewed}
        WHERE id = @id AND status = @from`,
      )
      .run({ id, from, to, at, by: actor.name, ...(reviewed ? { reviewedAs: reviewedAs ?? null } : {}) });
  }

  async transition(id: string, t: Transition, actor: Actor) {
    const step = transitionStep(t);
    return this.change(id, `assessment.${step}`, actor, (at, before) => {
      refuse(check(step, this.stepRecord(before), step === 'review' ? t.reviewedAs : undefined));
      if (step === 'submit' && t.incomplete)
        this.event(
          id,
          { kind: 'submitted-incomplete', from: 'draft', to: 'submitted', party: 'enterprise', reason: t.incomplete },
          at,
          actor,
        );
      this.move(id, step, at, actor, t.reviewedAs);
    });
  }

  async act(id: string, step: ActStep, input: ActInput, actor: Actor) {
    checkReason(step, input.reason);
    return this.change(id, `assessment.${step}`, actor, (at, before) => {
      const record = { ...this.stepRecord(before), ...(step === 'request' ? { requested: input.requested } : {}) };
      refuse(check(step, record, input.party as Parameters<typeof check>[2]));
      const { from, to } = STEPS[step];
      const reason = input.reason?.trim() || (step === 'request' ? (input.requested ?? null) : null);
      this.event(id, { kind: EVENT_KIND[step], from, to, party: input.party ?? null, reason }, at, actor);
      const params = { id, from, at, by: actor.name, requested: input.requested ?? null };
      const set = actSet(step, (name) => `@${name}`);
      const used = Object.fromEntries(
        Object.entries(params).filter(([k]) => k === 'id' || k === 'from' || set.includes(`@${k}`)),
      );
      this.w.db.prepare(`UPDATE assessments SET ${set} WHERE id = @id AND status = @from`).run(used);
    });
  }

  async certify(
    id: string,
    issuedOn: string,
    actor: Actor,
    validUntil: string | null = null,
    warnings: readonly string[] = [],
  ) {
    return this.w.tx((at) => {
      let number = '';
      const assessment = this.change(
        id,
        'assessment.certify',
        actor,
        (at, before) => {
          const enterprise = this.from.enterprise(before.taxCode);
          refuse(check('certify', this.stepRecord(before, enterprise)));
          for (const reason of warnings)
            this.event(
              id,
              { kind: 'warning', from: 'appraised', to: 'certified', party: 'publisher', reason },
              at,
              actor,
            );
          this.move(id, 'certify', at, actor);
          number = this.from.insertCertificate(at, actor, before, enterprise, issuedOn, validUntil);
        },
        at,
      );
      return { assessment, certificate: this.from.certificateIssued(at, actor, number) };
    });
  }
}
