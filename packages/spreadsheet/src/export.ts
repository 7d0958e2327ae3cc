// Definition → XLSX workbook laid out like the Decision's tables. What people read and edit is in the tables; the
// hidden `dbi-data` sheet keeps the whole definition as canonical JSON for what no table shows (applies rules,
// help texts, decisions, profile facts, layout…). Import takes every field a table shows from the table.
import ExcelJS from 'exceljs';
import {
  answerScale,
  canonicalJson,
  maxOfCriterion,
  ruleText,
  type Criterion,
  type Definition,
  type LevelRule,
  type Pillar,
  type ScorecardDefinition,
} from '@dbi/schema';
import {
  CRITERIA_COLUMNS,
  DATA_CHUNK,
  INDEX_COLUMNS,
  INDEX_FIELDS,
  LEVEL_COLUMNS,
  RULE_COLUMNS,
  SHEETS,
  type Column,
} from './layout.js';

type Row = Record<string, string | number | undefined>;

function sheet(wb: ExcelJS.Workbook, name: string, columns: readonly Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  return ws;
}

function add(ws: ExcelJS.Worksheet, row: Row, style?: Partial<ExcelJS.Font>): void {
  const r = ws.addRow(row);
  r.alignment = { wrapText: true, vertical: 'top' };
  if (style) r.font = style;
}

function get(obj: unknown, path: string): unknown {
  let x = obj;
  for (const k of path.split('.')) x = x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined;
  return x;
}

function criterionRows(ws: ExcelJS.Worksheet, def: ScorecardDefinition, k: Criterion, pillar: string, comp?: string) {
  let max: number | undefined;
  try {
    max = maxOfCriterion(k, answerScale(def));
  } catch {
    max = undefined; // a draft may be incomplete; the cell stays empty
  }
  const base: Row = { pillar, component: comp, criterion: k.id, vi: k.text.vi, en: k.text.en, max, type: k.type };
  switch (k.type) {
    case undefined:
    case 'level':
      add(ws, { ...base, points: k.weight });
      return;
    case 'boolean':
      add(ws, { ...base, points: k.points });
      return;
    case 'number':
      add(ws, { ...base, min: k.min, maxValue: k.max });
      for (const b of k.bands) add(ws, { upTo: b.upTo, points: b.points });
      return;
    case 'choice':
    case 'multi':
      add(ws, { ...base, cap: k.type === 'multi' ? k.cap : undefined });
      for (const o of k.options)
        add(ws, {
          option: o.id,
          vi: o.text.vi,
          en: o.text.en,
          points: o.points,
          na: o.notApplicable ? 'x' : undefined,
        });
  }
}

function pillarRows(ws: ExcelJS.Worksheet, def: Definition, p: Pillar | { id: string; name: Pillar['name'] }) {
  const pl = p as Pillar;
  add(ws, { pillar: p.id, vi: p.name.vi, en: p.name.en, max: pl.max, weight: pl.weight }, { bold: true });
  if (def.kind !== 'scorecard') return;
  for (const c of pl.components ?? []) {
    add(ws, { pillar: p.id, component: c.id, vi: c.name.vi, en: c.name.en, max: c.max }, { italic: true });
    for (const k of c.criteria) criterionRows(ws, def, k, p.id, c.id);
  }
  for (const k of pl.criteria ?? []) criterionRows(ws, def, k, p.id);
}

function ruleRows(ws: ExcelJS.Worksheet, scope: string, rules: readonly LevelRule[]) {
  for (const r of rules)
    add(ws, {
      scope,
      level: r.level,
      readable: ruleText(r.when),
      when: JSON.stringify(r.when),
      vi: r.text?.vi,
      en: r.text?.en,
    });
}

/** The workbook of one definition (any kind; scorecards and aggregates get their tables). */
export async function exportWorkbook(def: Definition): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DBI';

  const index = sheet(wb, SHEETS.index, INDEX_COLUMNS);
  for (const f of INDEX_FIELDS) {
    const v = get(def, f.key);
    add(index, { label: f.label, key: f.key, value: typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : (v as string) });
  }

  if (def.kind !== 'classifier') {
    const levels = sheet(wb, SHEETS.levels, LEVEL_COLUMNS);
    const scales: Array<[string, ScorecardDefinition['levels'] | undefined]> = [
      ['levels', def.levels],
      ['scale', def.kind === 'scorecard' ? def.scale : undefined],
    ];
    for (const [scope, list] of scales)
      for (const l of list ?? [])
        add(levels, {
          scope,
          level: l.level,
          nameVi: l.name.vi,
          nameEn: l.name.en,
          descVi: l.description?.vi,
          descEn: l.description?.en,
        });

    const criteria = sheet(wb, SHEETS.criteria, CRITERIA_COLUMNS);
    for (const p of def.pillars) pillarRows(criteria, def, p);

    const rules = sheet(wb, SHEETS.rules, RULE_COLUMNS);
    if (def.rules.pillar) ruleRows(rules, 'pillar', def.rules.pillar);
    ruleRows(rules, 'overall', def.rules.overall);
    if (def.kind === 'scorecard') for (const p of def.pillars) if (p.rules) ruleRows(rules, `pillar ${p.id}`, p.rules);
  }

  // The whole definition, for what no table shows. Hidden, not protected: nothing in it is secret.
  const data = wb.addWorksheet(SHEETS.data, { state: 'hidden' });
  const json = canonicalJson(def);
  for (let i = 0; i < json.length; i += DATA_CHUNK) data.addRow([json.slice(i, i + DATA_CHUNK)]);

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
