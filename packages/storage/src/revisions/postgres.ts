// Revisions on PostgreSQL (migration 0003 applied): the same behaviour as revisions/sqlite.ts.
import type { Actor, Stamp } from '../common.js';
import type { Sql } from '../postgres/database.js';
import type { PgWriter } from '../postgres/tx.js';
import { toAssessment, type AssessmentRow, type ColumnRow } from '../assessments/assessments.js';
import {
  checkMove,
  FORCE_SELECT,
  IMPACT_SQL,
  MOVE_SELECT,
  pickInForce,
  toForce,
  toImpactRows,
  toMove,
  type ForceRow,
  type ImpactSqlRow,
  type MoveRow,
} from './shared.js';
import type { ImpactFilter, MoveInput, MoveRecord, RevisionRepository } from './types.js';

async function load(q: Sql, id: string) {
  const r = await q.one<AssessmentRow>(
    'SELECT a.*, c.number AS certificate_number FROM assessments a LEFT JOIN certificates c ON c.assessment_id = a.id WHERE a.id = $1',
    [id],
  );
  if (!r) return undefined;
  const cols = await q.rows<ColumnRow>('SELECT * FROM assessment_columns WHERE assessment_id = $1 ORDER BY col', [id]);
  return toAssessment(r, cols);
}

export class PgRevisionRepository implements RevisionRepository {
  constructor(private readonly w: PgWriter) {}

  private forceRows(indexId: string) {
    return this.w.q.rows<ForceRow>(
      `${FORCE_SELECT} WHERE f.index_id = $1 ORDER BY f.entered_on, f.version COLLATE "C"`,
      [indexId],
    );
  }

  async force(indexId: string) {
    return (await this.forceRows(indexId)).map(toForce);
  }

  async inForce(indexId: string, date: string) {
    return pickInForce(await this.forceRows(indexId), date);
  }

  async impactRows(base: Stamp, filter: ImpactFilter = {}) {
    const { text, params } = IMPACT_SQL((n) => `$${n}`, filter);
    return toImpactRows(await this.w.q.rows<ImpactSqlRow>(text, [base.id, base.version, base.hash, ...params]));
  }

  async moveAssessment(id: string, move: MoveInput, actor: Actor): Promise<MoveRecord> {
    return this.w.tx(async (q, at) => {
      let seq = 0;
      await this.w.step(q, at, actor, {
        action: 'assessment.move',
        target: `assessment:${id}`,
        load: (q) => load(q, id),
        write: async (q) => {
          const current = await q.one<AssessmentRow>('SELECT * FROM assessments WHERE id = $1', [id]);
          const target = await q.one<{ status: string; hash: string }>(
            'SELECT status, hash FROM index_versions WHERE index_id = $1 AND version = $2',
            [move.to.id, move.to.version],
          );
          const groups = (
            await q.rows<{ group_id: string }>('SELECT DISTINCT group_id FROM group_members WHERE assessment_id = $1', [
              id,
            ])
          ).map((g) => g.group_id);
          checkMove(id, current, move, target, groups);
          await q.run(
            'UPDATE assessments SET index_version = $1, index_hash = $2, updated_at = $3, updated_by = $4 WHERE id = $5',
            [move.to.version, move.to.hash, at, actor.name, id],
          );
          if (move.column)
            await q.run(
              `UPDATE assessment_columns SET answers = $1, evidence = $2, result = $3, level = $4, updated_at = $5,
               updated_by = $6 WHERE assessment_id = $7 AND col = 'self'`,
              [
                JSON.stringify(move.column.answers),
                JSON.stringify(move.column.evidence),
                JSON.stringify(move.column.result),
                move.column.result.level,
                at,
                actor.name,
                id,
              ],
            );
          const n = await q.one<{ n: number }>(
            'SELECT coalesce(max(seq), 0)::int AS n FROM assessment_moves WHERE assessment_id = $1',
            [id],
          );
          seq = n!.n + 1;
          await q.run('INSERT INTO assessment_moves VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
            id,
            seq,
            move.from.version,
            move.from.hash,
            move.to.version,
            move.to.hash,
            JSON.stringify(move.carried),
            JSON.stringify(move.notCarried),
            at,
            actor.name,
          ]);
        },
      });
      return toMove((await q.one<MoveRow>(`${MOVE_SELECT} WHERE m.assessment_id = $1 AND m.seq = $2`, [id, seq]))!);
    });
  }

  async moves(assessmentId: string) {
    return (
      await this.w.q.rows<MoveRow>(`${MOVE_SELECT} WHERE m.assessment_id = $1 ORDER BY m.seq`, [assessmentId])
    ).map(toMove);
  }
}
