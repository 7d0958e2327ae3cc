// Enterprises on SQLite: facts, the classification the caller computed with the engine (stored as given, with the
// classifier's exact version and hash), and an audited index override.
import type { Statement } from 'better-sqlite3';
import type { Actor } from '../common.js';
import { checkNewEnterprise, enterpriseExists } from './checks.js';
import type { SqliteWriter } from '../sqlite/tx.js';
import type {
  Classification,
  EnterpriseFacts,
  EnterpriseFilter,
  EnterpriseRecord,
  EnterpriseRepository,
  NewEnterprise,
} from './types.js';

export interface EnterpriseRow {
  tax_code: string;
  name: string;
  province: string;
  province_former: string | null;
  industry: string | null;
  sector: EnterpriseRecord['sector'];
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

export const toEnterprise = (r: EnterpriseRow): EnterpriseRecord => ({
  taxCode: r.tax_code,
  name: r.name,
  province: r.province,
  provinceFormer: r.province_former ?? null,
  industry: r.industry ?? null,
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

export class SqliteEnterpriseRepository implements EnterpriseRepository {
  private readonly s: Record<'get' | 'list' | 'listProvince' | 'insert' | 'update' | 'override', Statement>;
  constructor(private readonly w: SqliteWriter) {
    const db = w.db;
    this.s = {
      get: db.prepare('SELECT * FROM enterprises WHERE tax_code = ?'),
      list: db.prepare('SELECT * FROM enterprises ORDER BY tax_code'),
      listProvince: db.prepare('SELECT * FROM enterprises WHERE province = ? ORDER BY tax_code'),
      insert:
        db.prepare(`INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd, has_subsidiaries,
        size, classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by, updated_at, updated_by,
        industry, province_former)
        VALUES (@taxCode, @name, @province, @sector, @employees, @revenueVnd, @capitalVnd, @hasSubsidiaries, @size, @index,
        @classifierId, @classifierVersion, @classifierHash, @at, @by, @at, @by, @industry, @provinceFormer)`),
      update:
        db.prepare(`UPDATE enterprises SET name = @name, province = @province, sector = @sector, employees = @employees,
        revenue_vnd = @revenueVnd, capital_vnd = @capitalVnd, has_subsidiaries = @hasSubsidiaries, size = @size,
        classified_index = @index, classifier_id = @classifierId, classifier_version = @classifierVersion,
        classifier_hash = @classifierHash, updated_at = @at, updated_by = @by, industry = @industry,
        province_former = @provinceFormer WHERE tax_code = @taxCode`),
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
    return enterpriseExists(this.find(taxCode), taxCode);
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
      industry: facts.industry ?? null,
      provinceFormer: facts.provinceFormer ?? null,
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

  private change(
    taxCode: string,
    action: string,
    actor: Actor,
    write: (at: string, before: EnterpriseRecord | undefined) => void,
  ) {
    return this.w.write(actor, { action, target: `enterprise:${taxCode}`, load: () => this.find(taxCode), write });
  }

  async create(e: NewEnterprise, actor: Actor) {
    return this.change(e.taxCode, 'enterprise.create', actor, (at, before) => {
      checkNewEnterprise(before, e.taxCode);
      this.s.insert.run(this.params(e.taxCode, e, e.classification, actor, at));
    });
  }

  async createMany(list: readonly NewEnterprise[], actor: Actor) {
    return this.w.tx((at) =>
      list.map((e) =>
        this.w.step(at, actor, {
          action: 'enterprise.create',
          target: `enterprise:${e.taxCode}`,
          load: () => this.find(e.taxCode),
          write: (at, before) => {
            checkNewEnterprise(before, e.taxCode);
            this.s.insert.run(this.params(e.taxCode, e, e.classification, actor, at));
          },
        }),
      ),
    );
  }

  async update(taxCode: string, facts: EnterpriseFacts, c: Classification, actor: Actor) {
    return this.change(taxCode, 'enterprise.update', actor, (at, before) => {
      enterpriseExists(before, taxCode);
      this.s.update.run(this.params(taxCode, facts, c, actor, at));
    });
  }

  async setOverride(taxCode: string, override: { index: string; reason: string } | null, actor: Actor) {
    const action = override ? 'enterprise.override' : 'enterprise.override-clear';
    return this.change(taxCode, action, actor, (at, before) => {
      enterpriseExists(before, taxCode);
      if (override) this.s.override.run(override.index, override.reason, actor.name, at, at, actor.name, taxCode);
      else this.s.override.run(null, null, null, null, at, actor.name, taxCode);
    });
  }
}
