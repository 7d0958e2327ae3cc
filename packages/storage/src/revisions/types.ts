// Revisions of an index, on the storage side: the dates each published version was in force (registry metadata,
// written by migration 0003's triggers at publication), the assessments a revision's impact analysis re-scores, and
// moving a draft assessment to a newer published version of its index.
import type { Answers, ColumnName, ForcePeriod, NotCarried, ScoreAnswers } from '@dbi/schema';
import type { Actor, Stamp } from '../common.js';
import type { ColumnInput } from '../assessments/types.js';

export type ForceRecord = ForcePeriod & { status: 'published' | 'deprecated' };

/** Which stored assessments an impact analysis takes (all pinned to the base when no filter is given). */
export interface ImpactFilter {
  province?: string;
  size?: string;
}

/** One stored assessment as impact analysis needs it: its enterprise's facts and the answers of its effective
 * column (ministry, else department, else consultant, else self; none: no answers). */
export interface ImpactRow {
  assessmentId: string;
  taxCode: string;
  name: string;
  province: string;
  size: string;
  column: ColumnName | null;
  answers: Answers | ScoreAnswers;
}

export interface MoveRecord {
  assessmentId: string;
  seq: number;
  from: Stamp;
  to: Stamp;
  /** Criteria of the new version that received an answer. */
  carried: string[];
  notCarried: NotCarried[];
  at: string;
  by: string;
}

export interface MoveInput {
  /** The pin the caller read (refused as stale when the assessment moved meanwhile). */
  from: Stamp;
  to: Stamp;
  /** The self column re-scored under `to` with the carried answers; null when the draft has no answers yet. */
  column: ColumnInput | null;
  carried: string[];
  notCarried: NotCarried[];
}

export interface RevisionRepository {
  /** The periods in force of an index's published versions, by entry date. */
  force(indexId: string): Promise<ForceRecord[]>;
  /** The version in force on `date` (YYYY-MM-DD), if any. */
  inForce(indexId: string, date: string): Promise<ForceRecord | undefined>;
  /** Every stored assessment pinned to `base` (id, version and hash), in id order. */
  impactRows(base: Stamp, filter?: ImpactFilter): Promise<ImpactRow[]>;
  /** Moves a draft to another published version of its index, in one audited transaction. */
  moveAssessment(id: string, move: MoveInput, actor: Actor): Promise<MoveRecord>;
  moves(assessmentId: string): Promise<MoveRecord[]>;
}
