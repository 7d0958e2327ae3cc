// Group roll-ups on SQLite (Appendix III): a parent enterprise and its member units, each linked through an assessment
// of that same unit. The stored result is rescored, through the rescorer the caller supplies (the engine's
// scoreGroup), inside the transaction of every change of a member's result or of the member list — so a stored group
// result is never older than its members.
import type { Statement } from 'better-sqlite3';
import type { GroupResult, Relation } from '@dbi/schema';
import { newId, recordHash, type Actor, type Stamp } from '../common.js';
import { certifiedGroup, checkGroupMembers, groupExists, groupSnapshot, PARENT_GROUPS_SQL } from './checks.js';
import type { SqliteWriter } from '../sqlite/tx.js';
import type {
  AssessmentRecord,
  GroupMember,
  GroupRecord,
  GroupRepository,
  GroupRescorer,
  GroupSnapshot,
} from './types.js';

export interface GroupRow {
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

export interface MemberRow {
  tax_code: string;
  relation: Relation;
  headcount: number;
  assessment_id: string;
}

export const toGroup = (g: GroupRow, members: readonly MemberRow[]): GroupRecord => ({
  id: g.id,
  parentTaxCode: g.parent_tax_code,
  index: { id: g.index_id, version: g.index_version, hash: g.index_hash },
  members: members.map((m) => ({
    taxCode: m.tax_code,
    relation: m.relation,
    headcount: m.headcount,
    assessmentId: m.assessment_id,
  })),
  result: JSON.parse(g.result) as GroupResult,
  level: g.level,
  computedAt: g.computed_at,
  createdAt: g.created_at,
  createdBy: g.created_by,
  updatedAt: g.updated_at,
  updatedBy: g.updated_by,
});

/** What groups need of the other repositories: reading assessments and checking that an enterprise exists. */
export interface GroupSources {
  assessment: (id: string) => AssessmentRecord | undefined;
  mustEnterprise: (taxCode: string) => unknown;
}

export class SqliteGroupRepository implements GroupRepository {
  private readonly s: Record<
    | 'get'
    | 'members'
    | 'ofAssessment'
    | 'insert'
    | 'updateResult'
    | 'clearMembers'
    | 'insertMember'
    | 'byParent'
    | 'all',
    Statement
  >;

  constructor(
    private readonly w: SqliteWriter,
    private readonly from: GroupSources,
  ) {
    const db = w.db;
    this.s = {
      get: db.prepare('SELECT * FROM enterprise_groups WHERE id = ?'),
      members: db.prepare('SELECT * FROM group_members WHERE group_id = ? ORDER BY position'),
      ofAssessment: db.prepare('SELECT DISTINCT group_id FROM group_members WHERE assessment_id = ? ORDER BY group_id'),
      insert:
        db.prepare(`INSERT INTO enterprise_groups (id, parent_tax_code, index_id, index_version, index_hash, result, level, computed_at,
        created_at, created_by, updated_at, updated_by) VALUES (@id, @parent, @indexId, @indexVersion, @indexHash, @result, @level, @at, @at, @by, @at, @by)`),
      updateResult: db.prepare(
        'UPDATE enterprise_groups SET result = ?, level = ?, computed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ),
      clearMembers: db.prepare('DELETE FROM group_members WHERE group_id = ?'),
      insertMember: db.prepare(
        'INSERT INTO group_members (group_id, position, tax_code, relation, headcount, assessment_id) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      byParent: db.prepare('SELECT id FROM enterprise_groups WHERE parent_tax_code = ? ORDER BY created_at, id'),
      all: db.prepare('SELECT id FROM enterprise_groups ORDER BY created_at, id'),
    };
  }

  private find(id: string): GroupRecord | undefined {
    const g = this.s.get.get(id) as GroupRow | undefined;
    return g && toGroup(g, this.s.members.all(id) as MemberRow[]);
  }

  private snapshot(id: string, parentTaxCode: string, index: Stamp, members: readonly GroupMember[]): GroupSnapshot {
    return groupSnapshot(id, parentTaxCode, index, members, this.from.assessment);
  }

  private checkMembers(members: readonly GroupMember[]) {
    checkGroupMembers(members, this.from.assessment);
  }

  private writeMembers(id: string, members: readonly GroupMember[]) {
    this.s.clearMembers.run(id);
    members.forEach((m, i) => this.s.insertMember.run(id, i, m.taxCode, m.relation, m.headcount, m.assessmentId));
  }

  private writeResult(id: string, result: GroupResult, at: string, actor: Actor) {
    this.s.updateResult.run(JSON.stringify(result), result.level, at, at, actor.name, id);
  }

  /** Rescores every group that includes the assessment; call inside the transaction of the write that changed it. */
  rescoreIncluding(assessmentId: string, actor: Actor, at: string, rescore: GroupRescorer): void {
    for (const { group_id: id } of this.s.ofAssessment.all(assessmentId) as { group_id: string }[]) {
      this.w.step(at, actor, {
        action: 'group.rescore',
        target: `group:${id}`,
        load: () => this.find(id),
        write: (at, before) => {
          const g = before!;
          this.writeResult(id, rescore(this.snapshot(id, g.parentTaxCode, g.index, g.members)), at, actor);
        },
        hash: (g) => recordHash(g.result),
      });
    }
  }

  /** The group an assessment certifies as its parent unit (checks.ts PARENT_GROUPS_SQL), if any. */
  parentGroupOf(a: Pick<AssessmentRecord, 'id' | 'taxCode'>): GroupRecord | undefined {
    const rows = this.w.db.prepare(PARENT_GROUPS_SQL(() => '?')).all(a.id, a.taxCode) as { id: string }[];
    return certifiedGroup(rows.map((r) => this.find(r.id)!));
  }

  async get(id: string) {
    return this.find(id);
  }

  async list(filter: { parentTaxCode?: string; assessmentId?: string } = {}) {
    let ids: string[];
    if (filter.assessmentId !== undefined)
      ids = (this.s.ofAssessment.all(filter.assessmentId) as { group_id: string }[]).map((r) => r.group_id);
    else if (filter.parentTaxCode !== undefined)
      ids = (this.s.byParent.all(filter.parentTaxCode) as { id: string }[]).map((r) => r.id);
    else ids = (this.s.all.all() as { id: string }[]).map((r) => r.id);
    const groups = ids.map((id) => this.find(id)!);
    return filter.parentTaxCode === undefined ? groups : groups.filter((g) => g.parentTaxCode === filter.parentTaxCode);
  }

  async create(
    input: { parentTaxCode: string; index: Stamp; members: GroupMember[] },
    actor: Actor,
    rescore: GroupRescorer,
  ) {
    const id = newId('grp');
    return this.w.write(actor, {
      action: 'group.create',
      target: `group:${id}`,
      load: () => this.find(id),
      write: (at) => {
        this.from.mustEnterprise(input.parentTaxCode);
        this.checkMembers(input.members);
        const result = rescore(this.snapshot(id, input.parentTaxCode, input.index, input.members));
        this.s.insert.run({
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
      },
    });
  }

  async setMembers(id: string, members: GroupMember[], actor: Actor, rescore: GroupRescorer) {
    return this.w.write(actor, {
      action: 'group.members',
      target: `group:${id}`,
      load: () => this.find(id),
      write: (at, before) => {
        const g = groupExists(before, id);
        this.checkMembers(members);
        const result = rescore(this.snapshot(id, g.parentTaxCode, g.index, members));
        this.writeMembers(id, members);
        this.writeResult(id, result, at, actor);
      },
    });
  }
}
