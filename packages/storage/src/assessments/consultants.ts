// Consultants on SQLite, with the enterprises that employ them: an employer that would make the consultant dependent
// on an enterprise of one of its open assignments is refused (§III.2), here and by migration 0002's trigger.
import type { Statement } from 'better-sqlite3';
import { ASSIGNABLE } from '@dbi/schema';
import type { Actor } from '../common.js';
import { sqlList, type SqliteWriter } from '../sqlite/tx.js';
import { checkEmployers, checkNewConsultant, consultantExists } from './checks.js';
import type { ConsultantFacts, ConsultantRecord, ConsultantRepository } from './types.js';

export interface ConsultantRow {
  id: string;
  name: string;
  organisation: string;
  organisation_tax_code?: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** A consultant record from its row and its employers (the organisation's tax code only when recorded). */
export const toConsultant = (r: ConsultantRow, employers: string[]): ConsultantRecord => ({
  id: r.id,
  name: r.name,
  organisation: r.organisation,
  employers,
  ...(r.organisation_tax_code ? { organisationTaxCode: r.organisation_tax_code } : {}),
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export class SqliteConsultantRepository implements ConsultantRepository {
  private readonly s: Record<
    'get' | 'list' | 'employers' | 'insert' | 'update' | 'addEmployer' | 'clearEmployers' | 'openAssignments',
    Statement
  >;
  constructor(private readonly w: SqliteWriter) {
    const db = w.db;
    this.s = {
      get: db.prepare('SELECT * FROM consultants WHERE id = ?'),
      list: db.prepare('SELECT * FROM consultants ORDER BY id'),
      employers: db.prepare('SELECT tax_code FROM consultant_employers WHERE consultant_id = ? ORDER BY tax_code'),
      insert: db.prepare(
        'INSERT INTO consultants (id, name, organisation, created_at, created_by, updated_at, updated_by, organisation_tax_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      update: db.prepare(
        'UPDATE consultants SET name = ?, organisation = ?, updated_at = ?, updated_by = ?, organisation_tax_code = ? WHERE id = ?',
      ),
      addEmployer: db.prepare('INSERT INTO consultant_employers (consultant_id, tax_code) VALUES (?, ?)'),
      clearEmployers: db.prepare('DELETE FROM consultant_employers WHERE consultant_id = ?'),
      openAssignments: db.prepare(
        `SELECT id, tax_code FROM assessments WHERE consultant_id = ? AND status IN (${sqlList(ASSIGNABLE)}) ORDER BY id`,
      ),
    };
  }

  find(id: string): ConsultantRecord | undefined {
    const r = this.s.get.get(id) as ConsultantRow | undefined;
    if (!r) return undefined;
    const employers = (this.s.employers.all(id) as { tax_code: string }[]).map((e) => e.tax_code);
    return toConsultant(r, employers);
  }

  must(id: string): ConsultantRecord {
    return consultantExists(this.find(id), id);
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

  private change(id: string, action: string, actor: Actor, write: (at: string, before?: ConsultantRecord) => void) {
    return this.w.write(actor, { action, target: `consultant:${id}`, load: () => this.find(id), write });
  }

  async create(c: ConsultantFacts & { id: string }, actor: Actor) {
    return this.change(c.id, 'consultant.create', actor, (at, before) => {
      checkNewConsultant(before, c.id);
      this.s.insert.run(c.id, c.name, c.organisation, at, actor.name, at, actor.name, c.organisationTaxCode ?? null);
      this.setEmployers(c.id, c.employers);
    });
  }

  async update(id: string, facts: ConsultantFacts, actor: Actor) {
    return this.change(id, 'consultant.update', actor, (at, before) => {
      consultantExists(before, id);
      checkEmployers(id, facts, this.s.openAssignments.all(id) as { id: string; tax_code: string }[]);
      this.s.update.run(facts.name, facts.organisation, at, actor.name, facts.organisationTaxCode ?? null, id);
      this.setEmployers(id, facts.employers);
    });
  }
}
