// Assessments on SQLite: pinned to one published index version, four columns, and the workflow steps. Every write is
// one IMMEDIATE transaction that asks @dbi/schema's assessment rules (`check`, `checkAssignment`) about the record as
// it is inside that transaction, writes, and appends its audit entry; migration 0002's triggers are the last word.
import type { Statement } from 'better-sqlite3';
import {
  ASSIGNABLE,
  check,
  checkAssignment,
  columnStep,
  STEPS,
  type Answers,
  type AssessmentStatus,
  type ColumnName,
  type ScoreResult,
  type Step,
  type StepRecord,
} from '@dbi/schema';
import { newId, type Actor, type Stamp } from '../common.js';
import { sqlList, type SqliteWriter } from '../sqlite/tx.js';
import { assessmentExists, refuse, transitionStep } from './checks.js';
import type {
  AssessmentFilter,
  AssessmentRecord,
  AssessmentRepository,
  CertificateRecord,
  ColumnInput,
  ConsultantRecord,
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
  reviewed_as: 'consultant' | 'department' | null;
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
}

export interface ColumnRow {
  assessment_id: string;
  col: ColumnName;
  answers: string;
  evidence: string;
  result: string;
  level: number;
  from_col: ColumnName | null;
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

/** An assessment record from its row and its column rows. */
export function toAssessment(r: AssessmentRow, columnRows: readonly ColumnRow[]): AssessmentRecord {
  const columns: AssessmentRecord['columns'] = {};
  for (const c of columnRows) {
    columns[c.col] = {
      answers: JSON.parse(c.answers) as Answers,
      evidence: JSON.parse(c.evidence) as Record<string, string>,
      result: JSON.parse(c.result) as ScoreResult,
      from: c.from_col,
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
  return {
    id: r.id,
    taxCode: r.tax_code,
    index: { id: r.index_id, version: r.index_version, hash: r.index_hash },
    status: r.status,
    consultantId: r.consultant_id,
    reviewedAs: r.reviewed_as,
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
  private readonly s: Record<'get' | 'columns' | 'insert' | 'assign' | 'upsertColumn' | 'touch', Statement>;

  constructor(
    private readonly w: SqliteWriter,
    private readonly from: AssessmentSources,
  ) {
    const db = w.db;
    this.s = {
      get: db.prepare(`${ASSESSMENT_SELECT} WHERE a.id = ?`),
      columns: db.prepare('SELECT * FROM assessment_columns WHERE assessment_id = ?'),
      insert:
        db.prepare(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
        updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`),
      assign: db.prepare(
        `UPDATE assessments SET consultant_id = ?, updated_at = ?, updated_by = ? WHERE id = ? AND status IN (${sqlList(ASSIGNABLE)})`,
      ),
      upsertColumn:
        db.prepare(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, from_col, updated_at, updated_by)
        VALUES (@id, @col, @answers, @evidence, @result, @level, @from, @at, @by)
        ON CONFLICT (assessment_id, col) DO UPDATE SET answers = excluded.answers, evidence = excluded.evidence,
        result = excluded.result, level = excluded.level, from_col = excluded.from_col, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by`),
      touch: db.prepare('UPDATE assessments SET updated_at = ?, updated_by = ? WHERE id = ?'),
    };
  }

  // -- reading

  find(id: string): AssessmentRecord | undefined {
    const r = this.s.get.get(id) as AssessmentRow | undefined;
    return r && toAssessment(r, this.s.columns.all(id) as ColumnRow[]);
  }

  async get(id: string) {
    return this.find(id);
  }

  async list(filter: AssessmentFilter = {}) {
    const where: string[] = [];
    if (filter.taxCode !== undefined) where.push('a.tax_code = @taxCode');
    if (filter.consultantId !== undefined) where.push('a.consultant_id = @consultantId');
    if (filter.status !== undefined) where.push('a.status = @status');
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
      consultantEmployers: consultant?.employers,
    };
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

  async create(input: { taxCode: string; index: Stamp }, actor: Actor) {
    const id = newId('asm');
    return this.w.write(actor, {
      action: 'assessment.create',
      target: `assessment:${id}`,
      load: () => this.find(id),
      write: (at) => {
        this.from.enterprise(input.taxCode);
        const { id: indexId, version, hash } = input.index;
        this.s.insert.run(id, input.taxCode, indexId, version, hash, at, actor.name, at, actor.name);
      },
    });
  }

  async assignConsultant(id: string, consultantId: string | null, actor: Actor) {
    return this.change(id, 'assessment.assign', actor, (at, before) => {
      const employers = consultantId === null ? undefined : this.from.mustConsultant(consultantId).employers;
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
          this.s.upsertColumn.run({
            id,
            col: column,
            answers: JSON.stringify(input.answers),
            evidence: JSON.stringify(input.evidence),
            result: JSON.stringify(input.result),
            level: input.result.level,
            from: input.from,
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
      this.move(id, step, at, actor, t.reviewedAs);
    });
  }

  async certify(id: string, issuedOn: string, actor: Actor, validUntil: string | null = null) {
    return this.w.tx((at) => {
      let number = '';
      const assessment = this.change(
        id,
        'assessment.certify',
        actor,
        (at, before) => {
          const enterprise = this.from.enterprise(before.taxCode);
          refuse(check('certify', this.stepRecord(before, enterprise)));
          this.move(id, 'certify', at, actor);
          number = this.from.insertCertificate(at, actor, before, enterprise, issuedOn, validUntil);
        },
        at,
      );
      return { assessment, certificate: this.from.certificateIssued(at, actor, number) };
    });
  }
}
