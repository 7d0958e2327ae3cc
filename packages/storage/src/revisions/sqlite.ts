// Revisions on SQLite (migration 0003 applied).
import type { Database } from 'better-sqlite3';
import type { Actor } from '../common.js';
import { AuditWriter } from '../sqlite/audit.js';
import { SqliteWriter } from '../sqlite/tx.js';
import { ASSESSMENT_SELECT, toAssessment, type AssessmentRow, type ColumnRow } from '../assessments/assessments.js';
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
import type { Stamp } from '../common.js';

export class SqliteRevisionRepository implements RevisionRepository {
  private readonly w: SqliteWriter;
  constructor(private readonly db: Database) {
    this.w = new SqliteWriter(db, new AuditWriter(db), 'conflict');
  }

  private forceRows(indexId: string): ForceRow[] {
    return this.db
      .prepare(`${FORCE_SELECT} WHERE f.index_id = ? ORDER BY f.entered_on, f.version`)
      .all(indexId) as ForceRow[];
  }

  async force(indexId: string) {
    return this.forceRows(indexId).map(toForce);
  }

  async inForce(indexId: string, date: string) {
    return pickInForce(this.forceRows(indexId), date);
  }

  async impactRows(base: Stamp, filter: ImpactFilter = {}) {
    const { text, params } = IMPACT_SQL(() => '?', filter);
    return toImpactRows(this.db.prepare(text).all(base.id, base.version, base.hash, ...params) as ImpactSqlRow[]);
  }

  async moveAssessment(id: string, move: MoveInput, actor: Actor): Promise<MoveRecord> {
    const db = this.db;
    const load = () => {
      const r = db.prepare(`${ASSESSMENT_SELECT} WHERE a.id = ?`).get(id) as AssessmentRow | undefined;
      return (
        r &&
        toAssessment(r, db.prepare('SELECT * FROM assessment_columns WHERE assessment_id = ?').all(id) as ColumnRow[])
      );
    };
    return this.w.tx((at) => {
      let seq = 0;
      this.w.step(at, actor, {
        action: 'assessment.move',
        target: `assessment:${id}`,
        load,
        write: () => {
          const current = db.prepare('SELECT * FROM assessments WHERE id = ?').get(id) as AssessmentRow | undefined;
          const target = db
            .prepare('SELECT status, hash FROM index_versions WHERE index_id = ? AND version = ?')
            .get(move.to.id, move.to.version) as { status: string; hash: string } | undefined;
          const groups = (
            db.prepare('SELECT DISTINCT group_id FROM group_members WHERE assessment_id = ?').all(id) as {
              group_id: string;
            }[]
          ).map((g) => g.group_id);
          checkMove(id, current, move, target, groups);
          db.prepare(
            'UPDATE assessments SET index_version = ?, index_hash = ?, updated_at = ?, updated_by = ? WHERE id = ?',
          ).run(move.to.version, move.to.hash, at, actor.name, id);
          if (move.column)
            db.prepare(
              `UPDATE assessment_columns SET answers = ?, evidence = ?, result = ?, level = ?, updated_at = ?, updated_by = ?
               WHERE assessment_id = ? AND col = 'self'`,
            ).run(
              JSON.stringify(move.column.answers),
              JSON.stringify(move.column.evidence),
              JSON.stringify(move.column.result),
              move.column.result.level,
              at,
              actor.name,
              id,
            );
          seq =
            (
              db.prepare('SELECT coalesce(max(seq), 0) AS n FROM assessment_moves WHERE assessment_id = ?').get(id) as {
                n: number;
              }
            ).n + 1;
          db.prepare(`INSERT INTO assessment_moves VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
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
          );
        },
      });
      return toMove(db.prepare(`${MOVE_SELECT} WHERE m.assessment_id = ? AND m.seq = ?`).get(id, seq) as MoveRow);
    });
  }

  async moves(assessmentId: string) {
    return (
      this.db.prepare(`${MOVE_SELECT} WHERE m.assessment_id = ? ORDER BY m.seq`).all(assessmentId) as MoveRow[]
    ).map(toMove);
  }
}
