// What both backends share: row mapping and the refusals of a move, one message each.
import {
  compareVersions,
  effectiveColumn,
  inForceOn,
  type AssessmentStatus,
  type ColumnName,
  type NotCarried,
} from '@dbi/schema';
import { StorageError, type Stamp } from '../common.js';
import type { ForceRecord, ImpactRow, MoveInput, MoveRecord } from './types.js';

export interface ForceRow {
  index_id: string;
  version: string;
  hash: string;
  status: 'published' | 'deprecated';
  instrument: string;
  entered_on: string;
  left_on: string | null;
}

export const FORCE_SELECT = `SELECT f.index_id, f.version, v.hash, v.status, f.instrument, f.entered_on, f.left_on
  FROM version_force f JOIN index_versions v ON v.index_id = f.index_id AND v.version = f.version`;

export const toForce = (r: ForceRow): ForceRecord => ({
  index: r.index_id,
  version: r.version,
  hash: r.hash,
  status: r.status,
  instrument: r.instrument,
  enteredOn: r.entered_on,
  leftOn: r.left_on,
});

export const pickInForce = (rows: ForceRow[], date: string): ForceRecord | undefined =>
  inForceOn(rows.map(toForce), date);

export interface ImpactSqlRow {
  id: string;
  tax_code: string;
  name: string;
  province: string;
  size: string;
  col: ColumnName | null;
  answers: string | null;
}

/** Rows of assessments × their columns (ordered by assessment id) → one row per assessment with its effective
 * column's answers. */
export function toImpactRows(rows: readonly ImpactSqlRow[]): ImpactRow[] {
  const out: ImpactRow[] = [];
  let i = 0;
  while (i < rows.length) {
    const first = rows[i]!;
    const columns: Partial<Record<ColumnName, string>> = {};
    for (; i < rows.length && rows[i]!.id === first.id; i++) {
      const r = rows[i]!;
      if (r.col !== null && r.answers !== null) columns[r.col] = r.answers;
    }
    const col = effectiveColumn(columns);
    out.push({
      assessmentId: first.id,
      taxCode: first.tax_code,
      name: first.name,
      province: first.province,
      size: first.size,
      column: col ?? null,
      answers: col ? JSON.parse(columns[col]!) : {},
    });
  }
  return out;
}

export const IMPACT_SQL = (param: (n: number) => string, filter: { province?: string; size?: string }) => {
  const where = [`a.index_id = ${param(1)}`, `a.index_version = ${param(2)}`, `a.index_hash = ${param(3)}`];
  const params: unknown[] = [];
  let n = 4;
  if (filter.province !== undefined) {
    where.push(`e.province = ${param(n++)}`);
    params.push(filter.province);
  }
  if (filter.size !== undefined) {
    where.push(`e.size = ${param(n++)}`);
    params.push(filter.size);
  }
  return {
    text: `SELECT a.id, a.tax_code, e.name, e.province, e.size, c.col, c.answers FROM assessments a
      JOIN enterprises e ON e.tax_code = a.tax_code LEFT JOIN assessment_columns c ON c.assessment_id = a.id
      WHERE ${where.join(' AND ')} ORDER BY a.id`,
    params,
  };
};

/** Refusals of a move, read inside its transaction. */
export function checkMove(
  id: string,
  current: { index_id: string; index_version: string; index_hash: string; status: AssessmentStatus } | undefined,
  move: MoveInput,
  target: { status: string; hash: string } | undefined,
  groups: readonly string[],
): void {
  if (!current) throw new StorageError('not-found', `assessment ${id} does not exist`);
  const pin = `${current.index_id}@${current.index_version}`;
  if (current.status !== 'draft')
    throw new StorageError('conflict', `assessment ${id} is ${current.status}: only a draft moves to another version`);
  if (current.index_version !== move.from.version || current.index_hash !== move.from.hash)
    throw new StorageError(
      'stale',
      `assessment ${id} is now pinned to ${pin}, not ${move.from.id}@${move.from.version}`,
    );
  if (move.to.id !== current.index_id)
    throw new StorageError(
      'invalid',
      `assessment ${id} is of index ${current.index_id}; it cannot move to ${move.to.id}`,
    );
  if (move.to.version === current.index_version)
    throw new StorageError('invalid', `assessment ${id} is already pinned to ${pin}`);
  if (compareVersions(move.to.version, current.index_version) < 0)
    throw new StorageError(
      'invalid',
      `assessment ${id} moves only to a newer version than ${pin}, not to ${move.to.version}`,
    );
  if (!target || target.status !== 'published' || target.hash !== move.to.hash)
    throw new StorageError('invalid', `${move.to.id}@${move.to.version} is not a published version with that hash`);
  if (groups.length)
    throw new StorageError(
      'conflict',
      `assessment ${id} is a member of group ${groups.join(', ')}: take it out of the group before moving it`,
    );
}

export interface MoveRow {
  assessment_id: string;
  seq: number;
  from_version: string;
  from_hash: string;
  to_version: string;
  to_hash: string;
  carried: string;
  not_carried: string;
  moved_at: string;
  moved_by: string;
  index_id: string;
}

export const MOVE_SELECT = `SELECT m.*, a.index_id FROM assessment_moves m JOIN assessments a ON a.id = m.assessment_id`;

export const toMove = (r: MoveRow): MoveRecord => ({
  assessmentId: r.assessment_id,
  seq: Number(r.seq),
  from: { id: r.index_id, version: r.from_version, hash: r.from_hash } satisfies Stamp,
  to: { id: r.index_id, version: r.to_version, hash: r.to_hash },
  carried: JSON.parse(r.carried) as string[],
  notCarried: JSON.parse(r.not_carried) as NotCarried[],
  at: r.moved_at,
  by: r.moved_by,
});
