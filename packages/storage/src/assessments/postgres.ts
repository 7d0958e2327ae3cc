// The assessment repositories on PostgreSQL: the SQLite repositories' rows, rules and audit entries (checks.ts and
// @dbi/schema's assessment rules), over a pool. Every write is one SERIALIZABLE transaction (postgres/tx.ts) that
// reads the record, asks the rules, writes and appends its audit entry; two instances stepping the same assessment
// at once cannot both commit against the same state — the later is retried, sees the step taken and is refused.
import {
  ASSIGNABLE,
  check,
  checkAssignment,
  columnStep,
  consultantTies,
  STEPS,
  type ColumnName,
  type GroupResult,
  type Step,
  type StepRecord,
} from '@dbi/schema';
import { newId, recordHash, type Actor, type Stamp } from '../common.js';
import { appendAudit } from '../postgres/audit.js';
import type { Sql } from '../postgres/database.js';
import type { PgAuditedWrite, PgWriter } from '../postgres/tx.js';
import {
  actSet,
  checkAdjustmentReasons,
  EVENT_KIND,
  RELATED_UNITS_SQL,
  STEP_COLUMNS,
  toAssessment,
  type AssessmentRow,
  type ColumnRow,
  type EventRow,
} from './assessments.js';
import {
  CERTIFICATE_PAGE_SQL,
  certificatePageParams,
  SUPERSEDED_SQL,
  toCertificate,
  type CertificateRow,
} from './certificates.js';
import {
  assessmentExists,
  certificateFigures,
  certificateNumber,
  certificateYear,
  certifiedGroup,
  checkCertificateRevoke,
  checkEmployers,
  checkGroupMembers,
  checkNewConsultant,
  checkNewEnterprise,
  checkOpenAssessments,
  DEFAULT_PERIOD_SQL,
  OPEN_ASSESSMENTS_SQL,
  checkReason,
  consultantExists,
  enterpriseExists,
  groupExists,
  groupSnapshot,
  PARENT_GROUPS_SQL,
  refuse,
  transitionStep,
} from './checks.js';
import { sqlList } from '../sqlite/tx.js';
import { toConsultant, type ConsultantRow } from './consultants.js';
import { toEnterprise, type EnterpriseRow } from './enterprises.js';
import { toGroup, type GroupRow, type MemberRow } from './groups.js';
import type {
  ActInput,
  ActStep,
  AssessmentEventRecord,
  AssessmentFilter,
  AssessmentRecord,
  AssessmentRepositories,
  CertificateFilter,
  CertificateRecord,
  Classification,
  ColumnInput,
  CreateLimits,
  ConsultantFacts,
  ConsultantRecord,
  EnterpriseFacts,
  EnterpriseFilter,
  EnterpriseRecord,
  GroupMember,
  GroupRecord,
  GroupRescorer,
  NewEnterprise,
  Transition,
} from './types.js';

// -- reading (each takes the connection: the pool outside a transaction, the transaction's client inside)

async function enterprise(q: Sql, taxCode: string): Promise<EnterpriseRecord | undefined> {
  const r = await q.one<EnterpriseRow>('SELECT * FROM enterprises WHERE tax_code = $1', [taxCode]);
  return r && toEnterprise(r);
}

async function consultant(q: Sql, id: string): Promise<ConsultantRecord | undefined> {
  const r = await q.one<ConsultantRow>('SELECT * FROM consultants WHERE id = $1', [id]);
  if (!r) return undefined;
  const employers = await q.rows<{ tax_code: string }>(
    'SELECT tax_code FROM consultant_employers WHERE consultant_id = $1 ORDER BY tax_code',
    [id],
  );
  return toConsultant(
    r,
    employers.map((e) => e.tax_code),
  );
}

async function assessment(q: Sql, id: string): Promise<AssessmentRecord | undefined> {
  const r = await q.one<AssessmentRow>(
    'SELECT a.*, c.number AS certificate_number FROM assessments a LEFT JOIN certificates c ON c.assessment_id = a.id WHERE a.id = $1',
    [id],
  );
  if (!r) return undefined;
  // The order SQLite returns them in (primary key order), so records compare equal across backends.
  const cols = await q.rows<ColumnRow>('SELECT * FROM assessment_columns WHERE assessment_id = $1 ORDER BY col', [id]);
  const events = await q.rows<EventRow>('SELECT * FROM assessment_events WHERE assessment_id = $1 ORDER BY seq', [id]);
  return toAssessment(r, cols, events);
}

async function certificate(q: Sql, number: string): Promise<CertificateRecord | undefined> {
  const r = await q.one<CertificateRow>('SELECT * FROM certificates WHERE number = $1', [number]);
  return r && toCertificate(r);
}

async function group(q: Sql, id: string): Promise<GroupRecord | undefined> {
  const g = await q.one<GroupRow>('SELECT * FROM enterprise_groups WHERE id = $1', [id]);
  if (!g) return undefined;
  return toGroup(g, await q.rows<MemberRow>('SELECT * FROM group_members WHERE group_id = $1 ORDER BY position', [id]));
}

/** The assessments a list of members names, read once, for the pure checks that look them up by id. */
async function assessmentsOf(q: Sql, members: readonly GroupMember[]) {
  const found = new Map<string, AssessmentRecord>();
  for (const m of members) {
    const a = await assessment(q, m.assessmentId);
    if (a) found.set(a.id, a);
  }
  return (id: string) => found.get(id);
}

/** One audited write of a record identified by `target`, in its own transaction or in `open`'s. */
function audited<R>(w: PgWriter, actor: Actor, write: PgAuditedWrite<R>, open?: { q: Sql; at: string }) {
  return open ? w.step(open.q, open.at, actor, write) : w.write(actor, write);
}

// -- the repositories

export function createPgAssessmentRepositories(w: PgWriter): AssessmentRepositories {
  const enterpriseParams = (taxCode: string, f: EnterpriseFacts, c: Classification, actor: Actor, at: string) => [
    taxCode,
    f.name,
    f.province,
    f.sector,
    f.employees,
    f.revenueVnd,
    f.capitalVnd,
    f.hasSubsidiaries ? 1 : 0,
    c.size,
    c.index,
    c.classifier.id,
    c.classifier.version,
    c.classifier.hash,
    at,
    actor.name,
    f.industry ?? null,
    f.provinceFormer ?? null,
  ];

  const insertEnterprise = (q: Sql, e: NewEnterprise, actor: Actor, at: string) =>
    q.run(
      `INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries,
       size, classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by,
       industry, province_former)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $15, $16, $17)`,
      enterpriseParams(e.taxCode, e, e.classification, actor, at),
    );

  const changeEnterprise = (
    taxCode: string,
    action: string,
    actor: Actor,
    write: (q: Sql, at: string, before: EnterpriseRecord | undefined) => Promise<unknown>,
  ) =>
    w.write(actor, {
      action,
      target: `enterprise:${taxCode}`,
      load: (q) => enterprise(q, taxCode),
      write: async (q, at, before) => {
        await write(q, at, before);
      },
    });

  const enterprises = {
    get: (taxCode: string) => enterprise(w.q, taxCode),
    async list(filter: EnterpriseFilter = {}) {
      const rows =
        filter.province === undefined
          ? await w.q.rows<EnterpriseRow>('SELECT * FROM enterprises ORDER BY tax_code')
          : await w.q.rows<EnterpriseRow>('SELECT * FROM enterprises WHERE province = $1 ORDER BY tax_code', [
              filter.province,
            ]);
      return rows.map(toEnterprise);
    },
    create: (e: NewEnterprise, actor: Actor) =>
      changeEnterprise(e.taxCode, 'enterprise.create', actor, (q, at, before) => {
        checkNewEnterprise(before, e.taxCode);
        return insertEnterprise(q, e, actor, at);
      }),
    createMany: (list: readonly NewEnterprise[], actor: Actor) =>
      w.tx(async (q, at) => {
        const created: EnterpriseRecord[] = [];
        for (const e of list)
          created.push(
            await w.step(q, at, actor, {
              action: 'enterprise.create',
              target: `enterprise:${e.taxCode}`,
              load: (q) => enterprise(q, e.taxCode),
              write: async (q, at, before) => {
                checkNewEnterprise(before, e.taxCode);
                await insertEnterprise(q, e, actor, at);
              },
            }),
          );
        return created;
      }),
    update: (taxCode: string, facts: EnterpriseFacts, c: Classification, actor: Actor) =>
      changeEnterprise(taxCode, 'enterprise.update', actor, (q, at, before) => {
        enterpriseExists(before, taxCode);
        return q.run(
          `UPDATE enterprises SET name = $2, province = $3, sector = $4, employees = $5, revenue_vnd = $6,
           capital_vnd = $7, has_subsidiaries = $8, size = $9, classified_index = $10, classifier_id = $11,
           classifier_version = $12, classifier_hash = $13, updated_at = $14, updated_by = $15, industry = $16,
           province_former = $17 WHERE tax_code = $1`,
          enterpriseParams(taxCode, facts, c, actor, at),
        );
      }),
    setOverride: (taxCode: string, override: { index: string; reason: string } | null, actor: Actor) =>
      changeEnterprise(
        taxCode,
        override ? 'enterprise.override' : 'enterprise.override-clear',
        actor,
        (q, at, before) => {
          enterpriseExists(before, taxCode);
          return q.run(
            `UPDATE enterprises SET override_index = $1, override_reason = $2, override_by = $3, override_at = $4,
           updated_at = $5, updated_by = $6 WHERE tax_code = $7`,
            override
              ? [override.index, override.reason, actor.name, at, at, actor.name, taxCode]
              : [null, null, null, null, at, actor.name, taxCode],
          );
        },
      ),
  };

  const setEmployers = async (q: Sql, id: string, employers: readonly string[]) => {
    await q.run('DELETE FROM consultant_employers WHERE consultant_id = $1', [id]);
    for (const e of new Set(employers))
      await q.run('INSERT INTO consultant_employers (consultant_id, tax_code) VALUES ($1, $2)', [id, e]);
  };
  const changeConsultant = (
    id: string,
    action: string,
    actor: Actor,
    write: (q: Sql, at: string, before: ConsultantRecord | undefined) => Promise<void>,
  ) => w.write(actor, { action, target: `consultant:${id}`, load: (q) => consultant(q, id), write });

  const consultants = {
    get: (id: string) => consultant(w.q, id),
    async list() {
      const ids = await w.q.rows<{ id: string }>('SELECT id FROM consultants ORDER BY id');
      const all: ConsultantRecord[] = [];
      for (const r of ids) all.push(consultantExists(await consultant(w.q, r.id), r.id));
      return all;
    },
    create: (c: ConsultantFacts & { id: string }, actor: Actor) =>
      changeConsultant(c.id, 'consultant.create', actor, async (q, at, before) => {
        checkNewConsultant(before, c.id);
        await q.run(
          'INSERT INTO consultants (id, name, organisation, created_at, created_by, updated_at, updated_by, organisation_tax_code) VALUES ($1, $2, $3, $4, $5, $4, $5, $6)',
          [c.id, c.name, c.organisation, at, actor.name, c.organisationTaxCode ?? null],
        );
        await setEmployers(q, c.id, c.employers);
      }),
    update: (id: string, facts: ConsultantFacts, actor: Actor) =>
      changeConsultant(id, 'consultant.update', actor, async (q, at, before) => {
        consultantExists(before, id);
        checkEmployers(
          id,
          facts,
          await q.rows<{ id: string; tax_code: string }>(
            `SELECT id, tax_code FROM assessments WHERE consultant_id = $1 AND status IN (${sqlList(ASSIGNABLE)}) ORDER BY id`,
            [id],
          ),
        );
        await q.run(
          'UPDATE consultants SET name = $1, organisation = $2, updated_at = $3, updated_by = $4, organisation_tax_code = $6 WHERE id = $5',
          [facts.name, facts.organisation, at, actor.name, id, facts.organisationTaxCode ?? null],
        );
        await setEmployers(q, id, facts.employers);
      }),
  };

  /** The record as the rules see it, read inside the transaction. */
  const stepRecord = async (q: Sql, a: AssessmentRecord, e?: EnterpriseRecord): Promise<StepRecord> => {
    const ent = e ?? enterpriseExists(await enterprise(q, a.taxCode), a.taxCode);
    const c = a.consultantId === null ? undefined : await consultant(q, a.consultantId);
    return {
      id: a.id,
      taxCode: a.taxCode,
      province: ent.province,
      status: a.status,
      consultantId: a.consultantId,
      columns: a.columns,
      consultantEmployers: c && consultantTies(c),
      relatedUnits: await relatedUnits(q, a.taxCode),
      reviewedAs: a.reviewedAs,
      requested: a.requested,
    };
  };

  const relatedUnits = async (q: Sql, taxCode: string) =>
    (await q.rows<{ tax_code: string }>(RELATED_UNITS_SQL, [taxCode])).map((u) => u.tax_code);

  const event = (q: Sql, id: string, e: Omit<AssessmentEventRecord, 'at' | 'by'>, at: string, actor: Actor) =>
    q.run(
      `INSERT INTO assessment_events (assessment_id, seq, kind, from_status, to_status, party, reason, at, by)
       VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM assessment_events WHERE assessment_id = $1), $2, $3, $4, $5, $6, $7, $8)`,
      [id, e.kind, e.from, e.to, e.party, e.reason, at, actor.name],
    );

  const changeAssessment = (
    id: string,
    action: string,
    actor: Actor,
    write: (q: Sql, at: string, before: AssessmentRecord) => Promise<unknown>,
    open?: { q: Sql; at: string },
  ) =>
    audited(
      w,
      actor,
      {
        action,
        target: `assessment:${id}`,
        load: (q) => assessment(q, id),
        write: async (q, at, before) => {
          await write(q, at, assessmentExists(before, id));
        },
      },
      open,
    );

  const move = (q: Sql, id: string, step: Step, at: string, actor: Actor, reviewedAs?: 'consultant' | 'department') => {
    const { from, to } = STEPS[step];
    const [atCol, byCol] = STEP_COLUMNS[to as keyof typeof STEP_COLUMNS];
    const reviewed = to === 'reviewed';
    return q.run(
      `UPDATE assessments SET status = $1, ${atCol} = $2, ${byCol} = $3, updated_at = $2, updated_by = $3
       ${reviewed ? ', reviewed_as = $6' : ''} WHERE id = $4 AND status = $5`,
      [to, at, actor.name, id, from, ...(reviewed ? [reviewedAs ?? null] : [])],
    );
  };

  const writeGroupResult = (q: Sql, id: string, result: GroupResult, at: string, actor: Actor) =>
    q.run(
      'UPDATE enterprise_groups SET result = $1, level = $2, computed_at = $3, updated_at = $3, updated_by = $4 WHERE id = $5',
      [JSON.stringify(result), result.level, at, actor.name, id],
    );

  const writeMembers = async (q: Sql, id: string, members: readonly GroupMember[]) => {
    await q.run('DELETE FROM group_members WHERE group_id = $1', [id]);
    for (const [i, m] of members.entries())
      await q.run(
        'INSERT INTO group_members (group_id, position, tax_code, relation, headcount, assessment_id) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, i, m.taxCode, m.relation, m.headcount, m.assessmentId],
      );
  };

  const groupsIncluding = (q: Sql, assessmentId: string) =>
    q.rows<{ group_id: string }>(
      'SELECT DISTINCT group_id FROM group_members WHERE assessment_id = $1 ORDER BY group_id',
      [assessmentId],
    );

  /** Rescores every group that includes the assessment, inside the transaction of the write that changed it. */
  const rescoreIncluding = async (q: Sql, at: string, assessmentId: string, actor: Actor, rescore: GroupRescorer) => {
    for (const { group_id: id } of await groupsIncluding(q, assessmentId)) {
      await w.step(q, at, actor, {
        action: 'group.rescore',
        target: `group:${id}`,
        load: (q) => group(q, id),
        write: async (q, at, before) => {
          const g = before!;
          const lookup = await assessmentsOf(q, g.members);
          await writeGroupResult(
            q,
            id,
            rescore(groupSnapshot(id, g.parentTaxCode, g.index, g.members, lookup)),
            at,
            actor,
          );
        },
        hash: (g) => recordHash(g.result),
      });
    }
  };

  const assessments = {
    get: (id: string) => assessment(w.q, id),
    async list(filter: AssessmentFilter = {}) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.taxCode !== undefined) where.push(`a.tax_code = $${params.push(filter.taxCode)}`);
      if (filter.consultantId !== undefined) where.push(`a.consultant_id = $${params.push(filter.consultantId)}`);
      if (filter.status === 'cancelled') where.push('a.cancelled_at IS NOT NULL');
      else where.push('a.cancelled_at IS NULL');
      if (filter.status !== undefined && filter.status !== 'cancelled')
        where.push(`a.status = $${params.push(filter.status)}`);
      if (filter.province !== undefined)
        where.push(
          `a.tax_code IN (SELECT tax_code FROM enterprises WHERE province = $${params.push(filter.province)})`,
        );
      const ids = await w.q.rows<{ id: string }>(
        `SELECT a.id FROM assessments a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.created_at, a.id`,
        params,
      );
      const all: AssessmentRecord[] = [];
      for (const r of ids) all.push(assessmentExists(await assessment(w.q, r.id), r.id));
      return all;
    },
    create(input: { taxCode: string; index: Stamp; period?: string }, actor: Actor, limits: CreateLimits = {}) {
      const id = newId('asm');
      return w.write(actor, {
        action: 'assessment.create',
        target: `assessment:${id}`,
        load: (q) => assessment(q, id),
        write: async (q, at) => {
          enterpriseExists(await enterprise(q, input.taxCode), input.taxCode);
          const period =
            input.period ??
            (await q.one<{ period: string }>(DEFAULT_PERIOD_SQL, [at.slice(0, 10), at.slice(0, 4)]))!.period;
          checkOpenAssessments(
            input.taxCode,
            input.index.id,
            period,
            await q.rows<{ id: string; index_id: string; status: string; period: string }>(OPEN_ASSESSMENTS_SQL, [
              input.taxCode,
            ]),
            limits.maxOpenDrafts,
          );
          const { id: indexId, version, hash } = input.index;
          await q.run(
            `INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at, created_by,
             updated_at, updated_by, period) VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $6, $7, $8)`,
            [id, input.taxCode, indexId, version, hash, at, actor.name, input.period ?? null],
          );
        },
      });
    },
    assignConsultant: (id: string, consultantId: string | null, actor: Actor) =>
      changeAssessment(id, 'assessment.assign', actor, async (q, at, before) => {
        const employers =
          consultantId === null
            ? undefined
            : consultantTies(consultantExists(await consultant(q, consultantId), consultantId));
        refuse(checkAssignment(await stepRecord(q, before), consultantId, employers));
        await q.run(
          `UPDATE assessments SET consultant_id = $1, updated_at = $2, updated_by = $3 WHERE id = $4 AND status IN (${sqlList(ASSIGNABLE)})`,
          [consultantId, at, actor.name, id],
        );
      }),
    writeColumn: (id: string, column: ColumnName, input: ColumnInput, actor: Actor, rescore: GroupRescorer) =>
      w.tx(async (q, at) => {
        const after = await changeAssessment(
          id,
          `assessment.column.${column}`,
          actor,
          async (q, at, before) => {
            refuse(check(columnStep(column), await stepRecord(q, before)));
            checkAdjustmentReasons(before, column, input);
            await q.run(
              `INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, from_col, updated_at, updated_by, reasons)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
               ON CONFLICT (assessment_id, col) DO UPDATE SET answers = excluded.answers, evidence = excluded.evidence,
               result = excluded.result, level = excluded.level, from_col = excluded.from_col, reasons = excluded.reasons,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
              [
                id,
                column,
                JSON.stringify(input.answers),
                JSON.stringify(input.evidence),
                JSON.stringify(input.result),
                input.result.level,
                input.from,
                at,
                actor.name,
                JSON.stringify(input.reasons ?? {}),
              ],
            );
            await q.run('UPDATE assessments SET updated_at = $1, updated_by = $2 WHERE id = $3', [at, actor.name, id]);
          },
          { q, at },
        );
        await rescoreIncluding(q, at, id, actor, rescore);
        return after;
      }),
    async transition(id: string, t: Transition, actor: Actor) {
      const step = transitionStep(t);
      return changeAssessment(id, `assessment.${step}`, actor, async (q, at, before) => {
        refuse(check(step, await stepRecord(q, before), step === 'review' ? t.reviewedAs : undefined));
        if (step === 'submit' && t.incomplete)
          await event(
            q,
            id,
            { kind: 'submitted-incomplete', from: 'draft', to: 'submitted', party: 'enterprise', reason: t.incomplete },
            at,
            actor,
          );
        await move(q, id, step, at, actor, t.reviewedAs);
      });
    },
    async act(id: string, step: ActStep, input: ActInput, actor: Actor) {
      checkReason(step, input.reason);
      return changeAssessment(id, `assessment.${step}`, actor, async (q, at, before) => {
        const record = {
          ...(await stepRecord(q, before)),
          ...(step === 'request' ? { requested: input.requested } : {}),
        };
        refuse(check(step, record, input.party as Parameters<typeof check>[2]));
        const { from, to } = STEPS[step];
        const reason = input.reason?.trim() || (step === 'request' ? (input.requested ?? null) : null);
        await event(q, id, { kind: EVENT_KIND[step], from, to, party: input.party ?? null, reason }, at, actor);
        const values = { at, by: actor.name, requested: input.requested ?? null };
        const params: unknown[] = [id, from];
        const set = actSet(step, (name) => `$${params.push(values[name])}`);
        await q.run(`UPDATE assessments SET ${set} WHERE id = $1 AND status = $2`, params);
      });
    },
    relatedUnits: (taxCode: string) => relatedUnits(w.q, taxCode),
    certify: (
      id: string,
      issuedOn: string,
      actor: Actor,
      validUntil: string | null = null,
      warnings: readonly string[] = [],
    ) =>
      w.tx(async (q, at) => {
        let number = '';
        const assessmentAfter = await changeAssessment(
          id,
          'assessment.certify',
          actor,
          async (q, at, before) => {
            const e = enterpriseExists(await enterprise(q, before.taxCode), before.taxCode);
            refuse(check('certify', await stepRecord(q, before, e)));
            for (const reason of warnings)
              await event(
                q,
                id,
                { kind: 'warning', from: 'appraised', to: 'certified', party: 'publisher', reason },
                at,
                actor,
              );
            await move(q, id, 'certify', at, actor);
            const groups = [];
            for (const { id: gid } of await q.rows<{ id: string }>(
              PARENT_GROUPS_SQL((n) => `$${n}`),
              [before.id, before.taxCode],
            ))
              groups.push((await group(q, gid))!);
            const parentGroup = certifiedGroup(groups);
            const r = certificateFigures(
              before,
              parentGroup,
              parentGroup ? await assessmentsOf(q, parentGroup.members) : () => undefined,
            );
            const year = certificateYear(issuedOn);
            const n = (await q.one<{ n: string }>('SELECT dbi_certificate_number($1) AS n', [year]))!.n;
            number = certificateNumber(year, Number(n));
            await q.run(
              `INSERT INTO certificates (number, assessment_id, tax_code, enterprise_name, level, total, max, pillars,
               index_id, index_version, index_hash, issued_on, issued_at, issued_by, status, valid_until)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'valid', $15)`,
              [
                number,
                before.id,
                e.taxCode,
                e.name,
                r.level,
                r.total,
                r.max,
                JSON.stringify(r.pillars),
                r.index.id,
                r.index.version,
                r.index.hash,
                issuedOn,
                at,
                actor.name,
                validUntil,
              ],
            );
          },
          { q, at },
        );
        const cert = (await certificate(q, number))!;
        await appendAudit(
          q,
          actor,
          { action: 'certificate.issue', target: `certificate:${number}`, afterHash: recordHash(cert) },
          at,
        );
        let n = 0;
        const older = await q.rows<{ number: string }>(
          SUPERSEDED_SQL.replace(/\?/g, () => `$${++n}`),
          [cert.taxCode, cert.index.id, number],
        );
        for (const o of older)
          await w.step(q, at, actor, {
            action: 'certificate.supersede',
            target: `certificate:${o.number}`,
            load: (q) => certificate(q, o.number),
            write: async (q) => {
              await q.run('UPDATE certificates SET superseded_by = $1, superseded_at = $2 WHERE number = $3', [
                number,
                at,
                o.number,
              ]);
            },
          });
        return { assessment: assessmentAfter, certificate: cert };
      }),
  };

  const certificates = {
    get: (number: string) => certificate(w.q, number),
    async list(filter: CertificateFilter) {
      let n = 0;
      // Typed placeholders: PostgreSQL cannot infer the type of `$1 IS NULL`; COLLATE "C" is SQLite's byte order.
      const types = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint'];
      const sql = CERTIFICATE_PAGE_SQL.replace(/\?/g, () => `$${++n}::${types[n - 1]}`)
        .replace('c.issued_at > ', 'c.issued_at COLLATE "C" > ')
        .replace('c.number > ', 'c.number COLLATE "C" > ')
        .replace('ORDER BY c.issued_at, c.number', 'ORDER BY c.issued_at COLLATE "C", c.number COLLATE "C"');
      const rows = await w.q.rows<CertificateRow>(sql, certificatePageParams(filter));
      return rows.map(toCertificate);
    },
    revoke: (number: string, reason: string, actor: Actor) =>
      w.write(actor, {
        action: 'certificate.revoke',
        target: `certificate:${number}`,
        load: (q) => certificate(q, number),
        write: async (q, at, before) => {
          checkCertificateRevoke(before, number);
          await q.run(
            `UPDATE certificates SET status = 'revoked', revoked_at = $1, revoked_by = $2, revocation_reason = $3
             WHERE number = $4 AND status = 'valid'`,
            [at, actor.name, reason, number],
          );
        },
      }),
  };

  const groups = {
    get: (id: string) => group(w.q, id),
    async list(filter: { parentTaxCode?: string; assessmentId?: string } = {}) {
      let ids: string[];
      if (filter.assessmentId !== undefined)
        ids = (await groupsIncluding(w.q, filter.assessmentId)).map((r) => r.group_id);
      else if (filter.parentTaxCode !== undefined)
        ids = (
          await w.q.rows<{ id: string }>(
            'SELECT id FROM enterprise_groups WHERE parent_tax_code = $1 ORDER BY created_at, id',
            [filter.parentTaxCode],
          )
        ).map((r) => r.id);
      else
        ids = (await w.q.rows<{ id: string }>('SELECT id FROM enterprise_groups ORDER BY created_at, id')).map(
          (r) => r.id,
        );
      const all: GroupRecord[] = [];
      for (const id of ids) all.push((await group(w.q, id))!);
      return filter.parentTaxCode === undefined ? all : all.filter((g) => g.parentTaxCode === filter.parentTaxCode);
    },
    create(
      input: { parentTaxCode: string; index: Stamp; members: GroupMember[] },
      actor: Actor,
      rescore: GroupRescorer,
    ) {
      const id = newId('grp');
      return w.write(actor, {
        action: 'group.create',
        target: `group:${id}`,
        load: (q) => group(q, id),
        write: async (q, at) => {
          enterpriseExists(await enterprise(q, input.parentTaxCode), input.parentTaxCode);
          const lookup = await assessmentsOf(q, input.members);
          checkGroupMembers(input.members, lookup);
          const result = rescore(groupSnapshot(id, input.parentTaxCode, input.index, input.members, lookup));
          await q.run(
            `INSERT INTO enterprise_groups (id, parent_tax_code, index_id, index_version, index_hash, result, level, computed_at,
             created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $8, $9)`,
            [
              id,
              input.parentTaxCode,
              input.index.id,
              input.index.version,
              input.index.hash,
              JSON.stringify(result),
              result.level,
              at,
              actor.name,
            ],
          );
          await writeMembers(q, id, input.members);
        },
      });
    },
    setMembers: (id: string, members: GroupMember[], actor: Actor, rescore: GroupRescorer) =>
      w.write(actor, {
        action: 'group.members',
        target: `group:${id}`,
        load: (q) => group(q, id),
        write: async (q, at, before) => {
          const g = groupExists(before, id);
          const lookup = await assessmentsOf(q, members);
          checkGroupMembers(members, lookup);
          const result = rescore(groupSnapshot(id, g.parentTaxCode, g.index, members, lookup));
          await writeMembers(q, id, members);
          await writeGroupResult(q, id, result, at, actor);
        },
      }),
  };

  return { enterprises, consultants, assessments, certificates, groups };
}
