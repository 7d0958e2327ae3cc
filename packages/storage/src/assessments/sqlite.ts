// The assessment repositories on SQLite. Like the registry: each write is one IMMEDIATE transaction that re-checks
// its conditions, writes, and appends its audit entry; the triggers of migration 2 are the last word. Group
// roll-ups are rescored inside the transaction of the member write that changes them, through the rescorer the
// caller supplies (the engine's scoreGroup), so a stored group result is never older than its members.
import { randomBytes } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson, sha256Hex, type Answers, type GroupResult, type Relation, type ScoreResult } from '@dbi/schema';
import { StorageError, type Actor } from '../types.js';
import { AuditWriter } from '../sqlite/audit-log.js';
import { translateSqliteError } from '../sqlite/errors.js';
import {
  COLUMN_STATUS,
  dependentEmployer,
  effectiveColumn,
  type AssessmentFilter,
  type AssessmentRecord,
  type AssessmentRepositories,
  type AssessmentRepository,
  type AssessmentStatus,
  type CertificateRecord,
  type CertificateRepository,
  type Classification,
  type ColumnInput,
  type ColumnName,
  type ColumnRecord,
  type ConsultantFacts,
  type ConsultantRecord,
  type ConsultantRepository,
  type EnterpriseFacts,
  type EnterpriseFilter,
  type EnterpriseRecord,
  type EnterpriseRepository,
  type GroupMember,
  type GroupRecord,
  type GroupRepository,
  type GroupRescorer,
  type GroupSnapshot,
  type NewEnterprise,
  type RankingQuery,
  type RankingRow,
  type Sector,
  type Stamp,
  type Transition,
} from './types.js';

/** The content hash of a stored record, for the audit log's before/after. */
export const recordHash = (record: unknown): string => sha256Hex(canonicalJson(record));

const now = () => new Date().toISOString();
const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

/** One IMMEDIATE transaction; SQLite refusals become StorageErrors (a trigger's refusal is a conflict here: every
 * trigger of migration 2 guards a state rule, which the repositories check first with a precise message). */
function transaction<T>(db: Database, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (err) {
    const e = translateSqliteError(err);
    if (e instanceof StorageError && e.code === 'immutable' && !(err instanceof StorageError))
      throw new StorageError('conflict', e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------- enterprises

interface EnterpriseRow {
  tax_code: string;
  name: string;
  province: string;
  sector: Sector;
  employees: number;
  revenue_vnd: number | null;
  capital_vnd: number | null;
  has_subsidiaries: number;
  size: string;
  classified_index: string;
  classifier_id: string;
  classifier_version: string;
  classifier_hash: string;
  override_index: string | null;
  override_reason: string | null;
  override_by: string | null;
  override_at: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

const toEnterprise = (r: EnterpriseRow): EnterpriseRecord => ({
  taxCode: r.tax_code,
  name: r.name,
  province: r.province,
  sector: r.sector,
  employees: r.employees,
  revenueVnd: r.revenue_vnd,
  capitalVnd: r.capital_vnd,
  hasSubsidiaries: r.has_subsidiaries === 1,
  classification: {
    size: r.size,
    index: r.classified_index,
    classifier: { id: r.classifier_id, version: r.classifier_version, hash: r.classifier_hash },
  },
  override:
    r.override_index === null
      ? null
      : { index: r.override_index, reason: r.override_reason!, by: r.override_by!, at: r.override_at! },
  index: r.override_index ?? r.classified_index,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

class SqliteEnterpriseRepository implements EnterpriseRepository {
  private readonly s: Record<'get' | 'list' | 'listProvince' | 'insert' | 'update' | 'override', Statement>;
  constructor(
    private readonly db: Database,
    private readonly audit: AuditWriter,
  ) {
    this.s = {
      get: db.prepare('SELECT * FROM enterprises WHERE tax_code = ?'),
      list: db.prepare('SELECT * FROM enterprises ORDER BY tax_code'),
      listProvince: db.prepare('SELECT * FROM enterprises WHERE province = ? ORDER BY tax_code'),
      insert:
        db.prepare(`INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries,
        size, classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by)
        VALUES (@taxCode, @name, @province, @sector, @employees, @revenueVnd, @capitalVnd, @hasSubsidiaries, @size, @index,
        @classifierId, @classifierVersion, @classifierHash, @at, @by, @at, @by)`),
      update:
        db.prepare(`UPDATE enterprises SET name = @name, province = @province, sector = @sector, employees = @employees,
        revenue_vnd = @revenueVnd, capital_vnd = @capitalVnd, has_subsidiaries = @hasSubsidiaries, size = @size,
        classified_index = @index, classifier_id = @classifierId, classifier_version = @classifierVersion,
        classifier_hash = @classifierHash, updated_at = @at, updated_by = @by WHERE tax_code = @taxCode`),
      override:
        db.prepare(`UPDATE enterprises SET override_index = ?, override_reason = ?, override_by = ?, override_at = ?,
        updated_at = ?, updated_by = ? WHERE tax_code = ?`),
    };
  }

  find(taxCode: string): EnterpriseRecord | undefined {
    const r = this.s.get.get(taxCode) as EnterpriseRow | undefined;
    return r && toEnterprise(r);
  }

  must(taxCode: string): EnterpriseRecord {
    const e = this.find(taxCode);
    if (!e) throw new StorageError('not-found', `enterprise ${taxCode} is not registered`);
    return e;
  }

  async get(taxCode: string) {
    return this.find(taxCode);
  }

  async list(filter: EnterpriseFilter = {}) {
    const rows = (
      filter.province === undefined ? this.s.list.all() : this.s.listProvince.all(filter.province)
    ) as EnterpriseRow[];
    return rows.map(toEnterprise);
  }

  private params(taxCode: string, facts: EnterpriseFacts, c: Classification, actor: Actor, at: string) {
    return {
      taxCode,
      name: facts.name,
      province: facts.province,
      sector: facts.sector,
      employees: facts.employees,
      revenueVnd: facts.revenueVnd,
      capitalVnd: facts.capitalVnd,
      hasSubsidiaries: facts.hasSubsidiaries ? 1 : 0,
      size: c.size,
      index: c.index,
      classifierId: c.classifier.id,
      classifierVersion: c.classifier.version,
      classifierHash: c.classifier.hash,
      at,
      by: actor.name,
    };
  }

  async create(e: NewEnterprise, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      if (this.find(e.taxCode)) throw new StorageError('conflict', `enterprise ${e.taxCode} is already registered`);
      this.s.insert.run(this.params(e.taxCode, e, e.classification, actor, at));
      const after = this.must(e.taxCode);
      this.audit.append(
        actor,
        { action: 'enterprise.create', target: `enterprise:${e.taxCode}`, afterHash: recordHash(after) },
        at,
      );
      return after;
    });
  }

  async update(taxCode: string, facts: EnterpriseFacts, c: Classification, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.must(taxCode);
      this.s.update.run(this.params(taxCode, facts, c, actor, at));
      const after = this.must(taxCode);
      this.audit.append(
        actor,
        {
          action: 'enterprise.update',
          target: `enterprise:${taxCode}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      return after;
    });
  }

  async setOverride(taxCode: string, override: { index: string; reason: string } | null, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.must(taxCode);
      if (override) this.s.override.run(override.index, override.reason, actor.name, at, at, actor.name, taxCode);
      else this.s.override.run(null, null, null, null, at, actor.name, taxCode);
      const after = this.must(taxCode);
      this.audit.append(
        actor,
        {
          action: override ? 'enterprise.override' : 'enterprise.override-clear',
          target: `enterprise:${taxCode}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      return after;
    });
  }
}

// ---------------------------------------------------------------------------------------------------- consultants

interface ConsultantRow {
  id: string;
  name: string;
  organisation: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

class SqliteConsultantRepository implements ConsultantRepository {
  private readonly s: Record<
    'get' | 'list' | 'employers' | 'insert' | 'update' | 'addEmployer' | 'clearEmployers' | 'openAssignments',
    Statement
  >;
  constructor(
    private readonly db: Database,
    private readonly audit: AuditWriter,
  ) {
    this.s = {
      get: db.prepare('SELECT * FROM consultants WHERE id = ?'),
      list: db.prepare('SELECT * FROM consultants ORDER BY id'),
      employers: db.prepare('SELECT tax_code FROM consultant_employers WHERE consultant_id = ? ORDER BY tax_code'),
      insert: db.prepare(
        'INSERT INTO consultants (id, name, organisation, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare(
        'UPDATE consultants SET name = ?, organisation = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ),
      addEmployer: db.prepare('INSERT INTO consultant_employers (consultant_id, tax_code) VALUES (?, ?)'),
      clearEmployers: db.prepare('DELETE FROM consultant_employers WHERE consultant_id = ?'),
      openAssignments: db.prepare(
        `SELECT id, tax_code FROM assessments WHERE consultant_id = ? AND status IN ('draft', 'submitted') ORDER BY id`,
      ),
    };
  }

  find(id: string): ConsultantRecord | undefined {
    const r = this.s.get.get(id) as ConsultantRow | undefined;
    if (!r) return undefined;
    const employers = (this.s.employers.all(id) as { tax_code: string }[]).map((e) => e.tax_code);
    return {
      id: r.id,
      name: r.name,
      organisation: r.organisation,
      employers,
      createdAt: r.created_at,
      createdBy: r.created_by,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    };
  }

  must(id: string): ConsultantRecord {
    const c = this.find(id);
    if (!c) throw new StorageError('not-found', `consultant ${id} is not registered`);
    return c;
  }

  async get(id: string) {
    return this.find(id);
  }

  async list() {
    return (this.s.list.all() as ConsultantRow[]).map((r) => this.must(r.id));
  }

  private setEmployers(id: string, employers: readonly string[]) {
    this.s.clearEmployers.run(id);
    for (const e of new Set(employers)) this.s.addEmployer.run(id, e);
  }

  async create(c: ConsultantFacts & { id: string }, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      if (this.find(c.id)) throw new StorageError('conflict', `consultant ${c.id} is already registered`);
      this.s.insert.run(c.id, c.name, c.organisation, at, actor.name, at, actor.name);
      this.setEmployers(c.id, c.employers);
      const after = this.must(c.id);
      this.audit.append(
        actor,
        { action: 'consultant.create', target: `consultant:${c.id}`, afterHash: recordHash(after) },
        at,
      );
      return after;
    });
  }

  async update(id: string, facts: ConsultantFacts, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.must(id);
      for (const a of this.s.openAssignments.all(id) as { id: string; tax_code: string }[]) {
        const employer = dependentEmployer(facts, a.tax_code);
        if (employer) {
          throw new StorageError(
            'conflict',
            `independence: consultant ${id} is assigned to open assessment ${a.id} of enterprise ${a.tax_code}, so employer ${employer} cannot be recorded; unassign the consultant first`,
          );
        }
      }
      this.s.update.run(facts.name, facts.organisation, at, actor.name, id);
      this.setEmployers(id, facts.employers);
      const after = this.must(id);
      this.audit.append(
        actor,
        {
          action: 'consultant.update',
          target: `consultant:${id}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      return after;
    });
  }
}

// ---------------------------------------------------------------------------------------------------- assessments

interface AssessmentRow {
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

interface ColumnRow {
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

interface CertificateRow {
  number: string;
  assessment_id: string;
  tax_code: string;
  enterprise_name: string;
  level: number;
  total: number;
  max: number;
  pillars: string;
  index_id: string;
  index_version: string;
  index_hash: string;
  issued_on: string;
  issued_at: string;
  issued_by: string;
  status: 'valid' | 'revoked';
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

const toCertificate = (r: CertificateRow): CertificateRecord => ({
  number: r.number,
  assessmentId: r.assessment_id,
  taxCode: r.tax_code,
  enterpriseName: r.enterprise_name,
  level: r.level,
  total: r.total,
  max: r.max,
  pillars: JSON.parse(r.pillars) as CertificateRecord['pillars'],
  index: { id: r.index_id, version: r.index_version, hash: r.index_hash },
  issuedOn: r.issued_on,
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  status: r.status,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  revocationReason: r.revocation_reason,
});

const STEP_COLUMNS = {
  submitted: ['submitted_at', 'submitted_by'],
  reviewed: ['reviewed_at', 'reviewed_by'],
  appraised: ['appraised_at', 'appraised_by'],
  certified: ['certified_at', 'certified_by'],
} as const;

const NEXT: Readonly<Record<AssessmentStatus, AssessmentStatus | null>> = {
  draft: 'submitted',
  submitted: 'reviewed',
  reviewed: 'appraised',
  appraised: 'certified',
  certified: null,
};

const ASSESSMENT_SELECT = `SELECT a.*, c.number AS certificate_number FROM assessments a LEFT JOIN certificates c ON c.assessment_id = a.id`;

class SqliteAssessmentStore {
  private readonly s: Record<
    | 'get'
    | 'columns'
    | 'insert'
    | 'assign'
    | 'upsertColumn'
    | 'touch'
    | 'certificate'
    | 'certificateOf'
    | 'countYear'
    | 'insertCertificate'
    | 'revoke'
    | 'group'
    | 'groupMembers'
    | 'groupsOfAssessment'
    | 'insertGroup'
    | 'updateGroupResult'
    | 'clearMembers'
    | 'insertMember'
    | 'groupsByParent'
    | 'allGroups',
    Statement
  >;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditWriter,
    private readonly enterprises: SqliteEnterpriseRepository,
    private readonly consultants: SqliteConsultantRepository,
  ) {
    this.s = {
      get: db.prepare(`${ASSESSMENT_SELECT} WHERE a.id = ?`),
      columns: db.prepare('SELECT * FROM assessment_columns WHERE assessment_id = ?'),
      insert:
        db.prepare(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
        updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`),
      assign: db.prepare(
        "UPDATE assessments SET consultant_id = ?, updated_at = ?, updated_by = ? WHERE id = ? AND status IN ('draft', 'submitted')",
      ),
      upsertColumn:
        db.prepare(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, from_col, updated_at, updated_by)
        VALUES (@id, @col, @answers, @evidence, @result, @level, @from, @at, @by)
        ON CONFLICT (assessment_id, col) DO UPDATE SET answers = excluded.answers, evidence = excluded.evidence,
        result = excluded.result, level = excluded.level, from_col = excluded.from_col, updated_at = excluded.updated_at,
        updated_by = excluded.updated_by`),
      touch: db.prepare('UPDATE assessments SET updated_at = ?, updated_by = ? WHERE id = ?'),
      certificate: db.prepare('SELECT * FROM certificates WHERE number = ?'),
      certificateOf: db.prepare('SELECT * FROM certificates WHERE assessment_id = ?'),
      countYear: db.prepare('SELECT count(*) AS n FROM certificates WHERE number LIKE ?'),
      insertCertificate:
        db.prepare(`INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars,
        index_id, index_version, index_hash, issued_on, issued_at, issued_by, status)
        VALUES (@number, @assessmentId, @taxCode, @enterpriseName, @level, @total, @max, @pillars, @indexId, @indexVersion, @indexHash,
        @issuedOn, @issuedAt, @issuedBy, 'valid')`),
      revoke:
        db.prepare(`UPDATE certificates SET status = 'revoked', revoked_at = ?, revoked_by = ?, revocation_reason = ?
        WHERE number = ? AND status = 'valid'`),
      group: db.prepare('SELECT * FROM enterprise_groups WHERE id = ?'),
      groupMembers: db.prepare('SELECT * FROM group_members WHERE group_id = ? ORDER BY position'),
      groupsOfAssessment: db.prepare(
        'SELECT DISTINCT group_id FROM group_members WHERE assessment_id = ? ORDER BY group_id',
      ),
      insertGroup:
        db.prepare(`INSERT INTO enterprise_groups (id, parent_tax_code, index_id, index_version, index_hash, result, level, computed_at,
        created_at, created_by, updated_at, updated_by) VALUES (@id, @parent, @indexId, @indexVersion, @indexHash, @result, @level, @at, @at, @by, @at, @by)`),
      updateGroupResult: db.prepare(
        'UPDATE enterprise_groups SET result = ?, level = ?, computed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ),
      clearMembers: db.prepare('DELETE FROM group_members WHERE group_id = ?'),
      insertMember: db.prepare(
        'INSERT INTO group_members (group_id, position, tax_code, relation, headcount, assessment_id) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      groupsByParent: db.prepare('SELECT id FROM enterprise_groups WHERE parent_tax_code = ? ORDER BY created_at, id'),
      allGroups: db.prepare('SELECT id FROM enterprise_groups ORDER BY created_at, id'),
    };
  }

  // -- reading

  private find(id: string): AssessmentRecord | undefined {
    const r = this.s.get.get(id) as AssessmentRow | undefined;
    if (!r) return undefined;
    const columns: AssessmentRecord['columns'] = {};
    for (const c of this.s.columns.all(id) as ColumnRow[]) {
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

  private must(id: string): AssessmentRecord {
    const a = this.find(id);
    if (!a) throw new StorageError('not-found', `assessment ${id} does not exist`);
    return a;
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
    const ids = this.db.prepare(sql).all(filter) as { id: string }[];
    return ids.map((r) => this.must(r.id));
  }

  // -- writing

  async create(input: { taxCode: string; index: Stamp }, actor: Actor) {
    const at = now();
    const id = newId('asm');
    return transaction(this.db, () => {
      this.enterprises.must(input.taxCode);
      this.s.insert.run(
        id,
        input.taxCode,
        input.index.id,
        input.index.version,
        input.index.hash,
        at,
        actor.name,
        at,
        actor.name,
      );
      const after = this.must(id);
      this.audit.append(
        actor,
        { action: 'assessment.create', target: `assessment:${id}`, afterHash: recordHash(after) },
        at,
      );
      return after;
    });
  }

  async assignConsultant(id: string, consultantId: string | null, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.must(id);
      if (before.status !== 'draft' && before.status !== 'submitted') {
        throw new StorageError(
          'conflict',
          `assessment ${id} is ${before.status}; the consultant is assigned only while it is draft or submitted`,
        );
      }
      if (before.columns.consultant && consultantId !== before.consultantId) {
        throw new StorageError(
          'conflict',
          `consultant ${before.consultantId} has already written the consultant column of assessment ${id}; the assignment can no longer change`,
        );
      }
      if (consultantId !== null) {
        const employer = dependentEmployer(this.consultants.must(consultantId), before.taxCode);
        if (employer)
          throw new StorageError(
            'conflict',
            `independence: consultant ${consultantId} is employed by ${employer}, which is (part of) enterprise ${before.taxCode}`,
          );
      }
      this.s.assign.run(consultantId, at, actor.name, id);
      const after = this.must(id);
      this.audit.append(
        actor,
        {
          action: 'assessment.assign',
          target: `assessment:${id}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      return after;
    });
  }

  async writeColumn(id: string, column: ColumnName, input: ColumnInput, actor: Actor, rescore: GroupRescorer) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.must(id);
      const needed = COLUMN_STATUS[column];
      if (before.status !== needed) {
        throw new StorageError(
          'conflict',
          `the ${column} column is written while the assessment is ${needed}; assessment ${id} is ${before.status}`,
        );
      }
      if (column === 'consultant') {
        if (before.consultantId === null)
          throw new StorageError('conflict', `assessment ${id} has no consultant assigned`);
        const employer = dependentEmployer(this.consultants.must(before.consultantId), before.taxCode);
        if (employer)
          throw new StorageError(
            'conflict',
            `independence: consultant ${before.consultantId} is employed by ${employer}, which is (part of) enterprise ${before.taxCode}`,
          );
      }
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
      const after = this.must(id);
      this.audit.append(
        actor,
        {
          action: `assessment.column.${column}`,
          target: `assessment:${id}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      for (const g of this.s.groupsOfAssessment.all(id) as { group_id: string }[])
        this.rescoreGroup(g.group_id, actor, at, rescore);
      return after;
    });
  }

  async transition(id: string, step: Transition, actor: Actor) {
    const at = now();
    if (NEXT[step.from] !== step.to || step.to === 'certified') {
      throw new StorageError('invalid', `${step.from} → ${step.to} is not a step of the workflow here`);
    }
    return transaction(this.db, () => {
      const before = this.must(id);
      if (before.status !== step.from) {
        throw new StorageError(
          'conflict',
          `assessment ${id} is ${before.status}, not ${step.from}; it cannot move to ${step.to}`,
        );
      }
      const [atCol, byCol] = STEP_COLUMNS[step.to as keyof typeof STEP_COLUMNS];
      const reviewed = step.to === 'reviewed' ? ', reviewed_as = @reviewedAs' : '';
      this.db
        .prepare(
          `UPDATE assessments SET status = @to, ${atCol} = @at, ${byCol} = @by, updated_at = @at, updated_by = @by${reviewed}
          WHERE id = @id AND status = @from`,
        )
        .run({
          id,
          from: step.from,
          to: step.to,
          at,
          by: actor.name,
          ...(reviewed ? { reviewedAs: step.reviewedAs ?? null } : {}),
        });
      const after = this.must(id);
      this.audit.append(
        actor,
        {
          action: `assessment.${verb(step.to)}`,
          target: `assessment:${id}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      return after;
    });
  }

  async certify(id: string, issuedOn: string, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.must(id);
      if (before.status !== 'appraised')
        throw new StorageError(
          'conflict',
          `assessment ${id} is ${before.status}, not appraised; it cannot be certified`,
        );
      const ministry = before.columns.ministry;
      if (!ministry) throw new StorageError('conflict', `assessment ${id} has no ministry column`);
      const enterprise = this.enterprises.must(before.taxCode);
      this.db
        .prepare(
          `UPDATE assessments SET status = 'certified', certified_at = ?, certified_by = ?, updated_at = ?, updated_by = ?
          WHERE id = ? AND status = 'appraised'`,
        )
        .run(at, actor.name, at, actor.name, id);
      // DBI-<year>-<n>: numbered in issue order within the year of issue.
      const year = issuedOn.slice(0, 4);
      const n = (this.s.countYear.get(`DBI-${year}-%`) as { n: number }).n + 1;
      const number = `DBI-${year}-${String(n).padStart(6, '0')}`;
      const r = ministry.result;
      this.s.insertCertificate.run({
        number,
        assessmentId: id,
        taxCode: enterprise.taxCode,
        enterpriseName: enterprise.name,
        level: r.level,
        total: r.total,
        max: r.max,
        pillars: JSON.stringify(r.pillars.map((p) => ({ id: p.id, points: p.points, max: p.max, level: p.level }))),
        indexId: before.index.id,
        indexVersion: before.index.version,
        indexHash: before.index.hash,
        issuedOn,
        issuedAt: at,
        issuedBy: actor.name,
      });
      const after = this.must(id);
      const certificate = toCertificate(this.s.certificate.get(number) as CertificateRow);
      this.audit.append(
        actor,
        {
          action: 'assessment.certify',
          target: `assessment:${id}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      this.audit.append(
        actor,
        { action: 'certificate.issue', target: `certificate:${number}`, afterHash: recordHash(certificate) },
        at,
      );
      return { assessment: after, certificate };
    });
  }

  // -- certificates

  private findCertificate(number: string): CertificateRecord | undefined {
    const r = this.s.certificate.get(number) as CertificateRow | undefined;
    return r && toCertificate(r);
  }

  async getCertificate(number: string) {
    return this.findCertificate(number);
  }

  async revoke(number: string, reason: string, actor: Actor) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.findCertificate(number);
      if (!before) throw new StorageError('not-found', `certificate ${number} does not exist`);
      if (before.status === 'revoked')
        throw new StorageError('conflict', `certificate ${number} was already revoked on ${before.revokedAt}`);
      this.s.revoke.run(at, actor.name, reason, number);
      const after = this.findCertificate(number)!;
      this.audit.append(
        actor,
        {
          action: 'certificate.revoke',
          target: `certificate:${number}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      return after;
    });
  }

  // -- groups

  private findGroup(id: string): GroupRecord | undefined {
    const g = this.s.group.get(id) as
      | {
          id: string;
          parent_tax_code: string;
          index_id: string;
          index_version: string;
          index_hash: string;
          result: string;
          level: number;
          computed_at: string;
          created_at: string;
          created_by: string;
          updated_at: string;
          updated_by: string;
        }
      | undefined;
    if (!g) return undefined;
    return {
      id: g.id,
      parentTaxCode: g.parent_tax_code,
      index: { id: g.index_id, version: g.index_version, hash: g.index_hash },
      members: this.members(id),
      result: JSON.parse(g.result) as GroupResult,
      level: g.level,
      computedAt: g.computed_at,
      createdAt: g.created_at,
      createdBy: g.created_by,
      updatedAt: g.updated_at,
      updatedBy: g.updated_by,
    };
  }

  private members(groupId: string): GroupMember[] {
    return (
      this.s.groupMembers.all(groupId) as {
        tax_code: string;
        relation: Relation;
        headcount: number;
        assessment_id: string;
      }[]
    ).map((m) => ({
      taxCode: m.tax_code,
      relation: m.relation,
      headcount: m.headcount,
      assessmentId: m.assessment_id,
    }));
  }

  private snapshot(id: string, parentTaxCode: string, index: Stamp, members: readonly GroupMember[]): GroupSnapshot {
    return {
      id,
      parentTaxCode,
      index,
      members: members.map((m) => {
        const a = this.must(m.assessmentId);
        const column = effectiveColumn(a.columns);
        return { ...m, index: a.index, column, answers: column ? a.columns[column]!.answers : {} };
      }),
    };
  }

  private checkMembers(members: readonly GroupMember[]) {
    const seen = new Set<string>();
    members.forEach((m, i) => {
      if (seen.has(m.taxCode)) throw new StorageError('invalid', `member ${i}: unit ${m.taxCode} is listed twice`);
      seen.add(m.taxCode);
      const a = this.find(m.assessmentId);
      if (!a) throw new StorageError('not-found', `member ${i}: assessment ${m.assessmentId} does not exist`);
      if (a.taxCode !== m.taxCode)
        throw new StorageError(
          'invalid',
          `member ${i}: assessment ${m.assessmentId} belongs to ${a.taxCode}, not ${m.taxCode}`,
        );
    });
  }

  private writeMembers(id: string, members: readonly GroupMember[]) {
    this.s.clearMembers.run(id);
    members.forEach((m, i) => this.s.insertMember.run(id, i, m.taxCode, m.relation, m.headcount, m.assessmentId));
  }

  private rescoreGroup(id: string, actor: Actor, at: string, rescore: GroupRescorer) {
    const before = this.findGroup(id)!;
    const result = rescore(this.snapshot(id, before.parentTaxCode, before.index, before.members));
    this.s.updateGroupResult.run(JSON.stringify(result), result.level, at, at, actor.name, id);
    const after = this.findGroup(id)!;
    this.audit.append(
      actor,
      {
        action: 'group.rescore',
        target: `group:${id}`,
        beforeHash: recordHash(before.result),
        afterHash: recordHash(after.result),
      },
      at,
    );
  }

  async getGroup(id: string) {
    return this.findGroup(id);
  }

  async listGroups(filter: { parentTaxCode?: string; assessmentId?: string } = {}) {
    let ids: string[];
    if (filter.assessmentId !== undefined)
      ids = (this.s.groupsOfAssessment.all(filter.assessmentId) as { group_id: string }[]).map((r) => r.group_id);
    else if (filter.parentTaxCode !== undefined)
      ids = (this.s.groupsByParent.all(filter.parentTaxCode) as { id: string }[]).map((r) => r.id);
    else ids = (this.s.allGroups.all() as { id: string }[]).map((r) => r.id);
    const groups = ids.map((id) => this.findGroup(id)!);
    return filter.parentTaxCode === undefined ? groups : groups.filter((g) => g.parentTaxCode === filter.parentTaxCode);
  }

  async createGroup(
    input: { parentTaxCode: string; index: Stamp; members: GroupMember[] },
    actor: Actor,
    rescore: GroupRescorer,
  ) {
    const at = now();
    const id = newId('grp');
    return transaction(this.db, () => {
      this.enterprises.must(input.parentTaxCode);
      this.checkMembers(input.members);
      const result = rescore(this.snapshot(id, input.parentTaxCode, input.index, input.members));
      this.s.insertGroup.run({
        id,
        parent: input.parentTaxCode,
        indexId: input.index.id,
        indexVersion: input.index.version,
        indexHash: input.index.hash,
        result: JSON.stringify(result),
        level: result.level,
        at,
        by: actor.name,
      });
      this.writeMembers(id, input.members);
      const after = this.findGroup(id)!;
      this.audit.append(actor, { action: 'group.create', target: `group:${id}`, afterHash: recordHash(after) }, at);
      return after;
    });
  }

  async setMembers(id: string, members: GroupMember[], actor: Actor, rescore: GroupRescorer) {
    const at = now();
    return transaction(this.db, () => {
      const before = this.findGroup(id);
      if (!before) throw new StorageError('not-found', `group ${id} does not exist`);
      this.checkMembers(members);
      const result = rescore(this.snapshot(id, before.parentTaxCode, before.index, members));
      this.writeMembers(id, members);
      this.s.updateGroupResult.run(JSON.stringify(result), result.level, at, at, actor.name, id);
      const after = this.findGroup(id)!;
      this.audit.append(
        actor,
        {
          action: 'group.members',
          target: `group:${id}`,
          beforeHash: recordHash(before),
          afterHash: recordHash(after),
        },
        at,
      );
      return after;
    });
  }

  // -- rankings

  async rows(q: RankingQuery): Promise<RankingRow[]> {
    // The latest qualifying assessment per enterprise; a revoked certificate disqualifies its assessment.
    const where = [
      q.basis === 'certified'
        ? `c.status = 'valid'`
        : `a.status IN ('appraised', 'certified') AND (c.status IS NULL OR c.status = 'valid')`,
    ];
    if (q.province !== undefined) where.push('e.province = @province');
    if (q.sector !== undefined) where.push('e.sector = @sector');
    if (q.size !== undefined) where.push('e.size = @size');
    const sql = `
      SELECT * FROM (
        SELECT a.id, a.tax_code, e.name, e.province, e.sector, e.size, a.index_id, a.index_version, a.index_hash, a.status,
               m.result, c.number, coalesce(c.issued_on, substr(a.appraised_at, 1, 10)) AS as_of,
               row_number() OVER (PARTITION BY a.tax_code ORDER BY a.appraised_at DESC, a.id DESC) AS rn
        FROM assessments a
        JOIN enterprises e ON e.tax_code = a.tax_code
        JOIN assessment_columns m ON m.assessment_id = a.id AND m.col = 'ministry'
        LEFT JOIN certificates c ON c.assessment_id = a.id
        WHERE ${where.join(' AND ')}
      ) WHERE rn = 1 ORDER BY tax_code`;
    const rows = this.db.prepare(sql).all({ province: q.province, sector: q.sector, size: q.size }) as Array<{
      id: string;
      tax_code: string;
      name: string;
      province: string;
      sector: Sector;
      size: string;
      index_id: string;
      index_version: string;
      index_hash: string;
      status: AssessmentStatus;
      result: string;
      number: string | null;
      as_of: string;
    }>;
    return rows.map((r) => {
      const result = JSON.parse(r.result) as ScoreResult;
      return {
        assessmentId: r.id,
        taxCode: r.tax_code,
        name: r.name,
        province: r.province,
        sector: r.sector,
        size: r.size,
        index: { id: r.index_id, version: r.index_version, hash: r.index_hash },
        status: r.status,
        level: result.level,
        total: result.total,
        max: result.max,
        pillars: result.pillars.map((p) => ({ id: p.id, points: p.points, max: p.max, level: p.level })),
        certificateNumber: r.number,
        asOf: r.as_of,
      };
    });
  }
}

const verb = (to: AssessmentStatus) =>
  ({ draft: 'create', submitted: 'submit', reviewed: 'review', appraised: 'appraise', certified: 'certify' })[to];

/** The assessment repositories over an open SQLite connection (migration 2 applied). */
export function createSqliteAssessmentRepositories(db: Database): AssessmentRepositories {
  const audit = new AuditWriter(db);
  const enterprises = new SqliteEnterpriseRepository(db, audit);
  const consultants = new SqliteConsultantRepository(db, audit);
  const store = new SqliteAssessmentStore(db, audit, enterprises, consultants);
  const certificates: CertificateRepository = {
    get: (n) => store.getCertificate(n),
    revoke: (n, r, a) => store.revoke(n, r, a),
  };
  const groups: GroupRepository = {
    get: (id) => store.getGroup(id),
    list: (f) => store.listGroups(f),
    create: (i, a, r) => store.createGroup(i, a, r),
    setMembers: (id, m, a, r) => store.setMembers(id, m, a, r),
  };
  const assessments: AssessmentRepository = {
    get: (id) => store.get(id),
    list: (f) => store.list(f),
    create: (i, a) => store.create(i, a),
    assignConsultant: (id, c, a) => store.assignConsultant(id, c, a),
    writeColumn: (id, col, i, a, r) => store.writeColumn(id, col, i, a, r),
    transition: (id, s, a) => store.transition(id, s, a),
    certify: (id, d, a) => store.certify(id, d, a),
  };
  return { enterprises, consultants, assessments, certificates, groups, rankings: { rows: (q) => store.rows(q) } };
}
