// Impact analysis of a revision: every stored assessment of the base version re-scored under the revision, with its
// answers carried by the crosswalk (@dbi/schema's `carrier`, the one way answers cross versions), and counted: who
// changes level overall and per pillar, up and down, the distributions before and after, by province and by size,
// which criteria could not be carried, and (for the Ministry) the enterprises that cross a level.
import { carrier, type Crosswalk, type IndexStamp, type ScoreAnswers } from '@dbi/schema';
import type { CompiledScorecard } from './compile.js';
import { EngineError } from './errors.js';
import { score } from './score.js';

/** One stored assessment as impact analysis reads it. */
export interface ImpactSubject {
  assessmentId: string;
  taxCode: string;
  name: string;
  province: string;
  size: string;
  /** The answers of its effective column, under the base version. */
  answers: ScoreAnswers;
}

/** Level → number of assessments at that level (every level of the definition, zeros included). */
export type Distribution = Record<string, number>;

export interface Movement {
  up: number;
  down: number;
  same: number;
  before: Distribution;
  after: Distribution;
}

export interface ImpactGroup extends Movement {
  assessments: number;
}

export interface Crossing {
  assessmentId: string;
  taxCode: string;
  name: string;
  province: string;
  size: string;
  before: number;
  after: number;
}

export interface ImpactReport {
  base: IndexStamp;
  draft: IndexStamp;
  /** Assessments re-scored (those with answers); `unanswered` had none and `failed` could not be scored. */
  assessments: number;
  unanswered: number;
  failed: Array<{ assessmentId: string; message: string }>;
  overall: Movement;
  /** Per pillar of the revision; `up`/`down` only for pillars the base has too (`inBase: false` otherwise). */
  pillars: Array<Movement & { id: string; inBase: boolean }>;
  byProvince: Record<string, ImpactGroup>;
  bySize: Record<string, ImpactGroup>;
  /** How many assessments lost each criterion's answer, and why (criteria of the base: side `from`). */
  notCarried: Array<{ id: string; side: 'from' | 'to'; code: string; assessments: number }>;
  /** Enterprises whose overall level changes, in input order: for the Ministry only (callers decide who sees it). */
  crossings: Crossing[];
}

const distribution = (levels: readonly { level: number }[]): Distribution =>
  Object.fromEntries(levels.map((l) => [String(l.level), 0]));

function movement(base: CompiledScorecard, draft: CompiledScorecard): Movement {
  return {
    up: 0,
    down: 0,
    same: 0,
    before: distribution(base.definition.levels),
    after: distribution(draft.definition.levels),
  };
}

function count(m: Movement, before: number | undefined, after: number | undefined): void {
  if (before !== undefined) m.before[before] = (m.before[before] ?? 0) + 1;
  if (after !== undefined) m.after[after] = (m.after[after] ?? 0) + 1;
  if (before === undefined || after === undefined) return;
  if (after > before) m.up++;
  else if (after < before) m.down++;
  else m.same++;
}

/**
 * Re-scores `subjects` (assessments pinned to `base`) under `draft`, answers carried by `crosswalk` (default: the
 * draft's own, else the one suggested from ids and texts). Pure and synchronous; the carrier is prepared once.
 */
export function impact(
  base: CompiledScorecard,
  draft: CompiledScorecard,
  subjects: Iterable<ImpactSubject>,
  crosswalk?: Crosswalk,
): ImpactReport {
  const carry = carrier(base.definition, draft.definition, crosswalk);
  const overall = movement(base, draft);
  const basePillars = new Set(base.definition.pillars.map((p) => p.id));
  const pillars = draft.definition.pillars.map((p) => ({
    id: p.id,
    inBase: basePillars.has(p.id),
    ...movement(base, draft),
  }));
  const pillarIndex = new Map(pillars.map((p, i) => [p.id, i]));
  const basePosition = pillars.map((p) => base.definition.pillars.findIndex((q) => q.id === p.id));
  const byProvince: Record<string, ImpactGroup> = {};
  const bySize: Record<string, ImpactGroup> = {};
  const lost = new Map<string, { id: string; side: 'from' | 'to'; code: string; assessments: number }>();
  const crossings: Crossing[] = [];
  const failed: ImpactReport['failed'] = [];
  let assessments = 0;
  let unanswered = 0;
  const group = (table: Record<string, ImpactGroup>, key: string) =>
    (table[key] ??= { assessments: 0, ...movement(base, draft) });

  for (const s of subjects) {
    let any = false;
    for (const k in s.answers) {
      if (s.answers[k] !== null) {
        any = true;
        break;
      }
    }
    if (!any) {
      unanswered++;
      continue;
    }
    let before, after, carried;
    try {
      before = score(base, { answers: s.answers });
      carried = carry(s.answers);
      after = score(draft, { answers: carried.answers });
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      failed.push({
        assessmentId: s.assessmentId,
        message: err.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      });
      continue;
    }
    assessments++;
    count(overall, before.level, after.level);
    const g1 = group(byProvince, s.province);
    const g2 = group(bySize, s.size);
    g1.assessments++;
    g2.assessments++;
    count(g1, before.level, after.level);
    count(g2, before.level, after.level);
    // Results list every pillar in definition order unless some do not apply (v2 profiles): then match by id.
    const whole = before.pillars.length === base.definition.pillars.length;
    const byId = whole ? undefined : new Map(before.pillars.map((p) => [p.id, p.level]));
    for (const p of after.pillars) {
      const i = pillarIndex.get(p.id);
      if (i === undefined) continue;
      const j = basePosition[i]!;
      count(pillars[i]!, byId ? byId.get(p.id) : j >= 0 ? before.pillars[j]!.level : undefined, p.level);
    }
    for (const n of carried.notCarried) {
      const key = `${n.side}\u0000${n.id}\u0000${n.code}`;
      const e = lost.get(key);
      if (e) e.assessments++;
      else lost.set(key, { id: n.id, side: n.side, code: n.code, assessments: 1 });
    }
    if (before.level !== after.level)
      crossings.push({
        assessmentId: s.assessmentId,
        taxCode: s.taxCode,
        name: s.name,
        province: s.province,
        size: s.size,
        before: before.level,
        after: after.level,
      });
  }
  return {
    base: base.stamp,
    draft: draft.stamp,
    assessments,
    unanswered,
    failed,
    overall,
    pillars,
    byProvince,
    bySize,
    notCarried: [...lost.values()],
    crossings,
  };
}
