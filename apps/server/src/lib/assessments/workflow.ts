// What the assessment routes ask of the workflow besides `check`: the record as the rules see it, a column write
// merged per criterion (or replaced, when the body says so) with its adjustment reasons, and what a submission is
// missing. The rules themselves are @dbi/schema's assessment-rules.ts; nothing here decides who may do what.
import {
  adjustmentsWithoutReason,
  consultantTies,
  criteriaOf,
  escapePointer,
  unansweredByPillar,
  type Answers,
  type ColumnBody,
  type ColumnName,
  type ProblemError,
  type StepRecord,
} from '@dbi/schema';
import type { CompiledScorecard } from '@dbi/engine';
import type { AssessmentRecord, EnterpriseRecord, Storage } from '@dbi/storage';

/** The record as the assessment rules see it (storage asks the same rules again inside its transaction). */
export async function stepRecordOf(storage: Storage, a: AssessmentRecord, e: EnterpriseRecord): Promise<StepRecord> {
  const c = a.consultantId === null ? undefined : await storage.consultants.get(a.consultantId);
  return {
    id: a.id,
    taxCode: a.taxCode,
    province: e.province,
    status: a.status,
    consultantId: a.consultantId,
    columns: a.columns,
    consultantEmployers: c && consultantTies(c),
    relatedUnits: await storage.assessments.relatedUnits(a.taxCode),
    reviewedAs: a.reviewedAs,
    requested: a.requested,
  };
}

export interface BuiltColumn {
  answers: Answers;
  evidence: Record<string, string>;
  reasons: Record<string, string>;
  from: ColumnName | null;
}

/**
 * The column a write makes. `merge` (the default) changes only the criteria the body names, on top of the column as
 * written — or, for a first write with `from`, on top of that column; `replace` makes the column exactly the body
 * (on top of `from` when named). Reasons are kept only where the column still differs from the column it was built
 * from. Returns the column, or the errors (`/from` empty, `/reasons/<id>` missing) with their pointers.
 */
export function buildColumn(
  a: AssessmentRecord,
  column: ColumnName,
  body: ColumnBody,
): { column: BuiltColumn; errors: ProblemError[] } {
  const current = a.columns[column];
  const replace = body.mode === 'replace';
  const from = body.from ?? (replace ? null : (current?.from ?? null));
  const base = from === null ? undefined : a.columns[from];
  if (from !== null && !base)
    return {
      column: { answers: {}, evidence: {}, reasons: {}, from },
      errors: [
        {
          pointer: '/from',
          detail: `the ${from} column of assessment ${a.id} is empty`,
          code: 'empty-column',
          in: 'body',
        },
      ],
    };
  // What the write starts from: the column as written (merge), else the `from` column, else nothing.
  const start = !replace && current ? current : base ? { ...base, reasons: {} } : undefined;
  // The body's criteria first, so problems are reported in the order the caller sent them.
  const answers: Answers = { ...body.answers, ...(start?.answers ?? {}), ...body.answers };
  const evidence = { ...(start?.evidence ?? {}), ...(body.evidence ?? {}) };
  const offered = { ...(!replace && current ? current.reasons : {}), ...(body.reasons ?? {}) };
  if (!base || column === 'self') return { column: { answers, evidence, reasons: {}, from }, errors: [] };
  const missing = adjustmentsWithoutReason(answers, base.answers, offered);
  const changed = new Set(adjustmentsWithoutReason(answers, base.answers, {}));
  const reasons = Object.fromEntries(Object.entries(offered).filter(([id]) => changed.has(id)));
  const show = (v: unknown) => (v === undefined || v === null ? 'no answer' : JSON.stringify(v));
  return {
    column: { answers, evidence, reasons, from },
    errors: missing.map((id) => ({
      pointer: `/reasons/${escapePointer(id)}`,
      detail: `criterion ${id} is ${show(answers[id])} here but ${show(base.answers[id])} in the ${from} column; say why it was adjusted`,
      code: 'reason-required',
      in: 'body' as const,
    })),
  };
}

/** The criteria of each pillar of the pinned version without an answer in `answers`. */
export function unanswered(compiled: CompiledScorecard, answers: Readonly<Record<string, unknown>>) {
  const pillars = compiled.definition.pillars.map((p) => ({ id: p.id, criteria: criteriaOf(p).map((c) => c.id) }));
  const missing = unansweredByPillar(pillars, answers);
  const total = pillars.reduce((n, p) => n + p.criteria.length, 0);
  const left = missing.reduce((n, p) => n + p.criteria.length, 0);
  return { unanswered: missing, total, answered: total - left };
}
