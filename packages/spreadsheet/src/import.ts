// XLSX workbook → definition, with every problem named by sheet and cell. The tables are the source for every field
// they show (an edit there is what is imported); the hidden `dbi-data` sheet supplies only what no table shows,
// matched by node id, so added, removed and re-ordered rows are honoured. The result is then checked exactly as the
// designer checks a draft (`definitionIssues`: the schema's validators, then the engine's), each issue mapped back
// from its JSON pointer to the cell it came from.
import ExcelJS from 'exceljs';
import { definitionIssues } from '@dbi/engine';
import {
  answerScale,
  maxOfCriterion,
  ruleText,
  type Criterion,
  type Definition,
  type Issue,
  type Level,
  type ScorecardDefinition,
} from '@dbi/schema';
import {
  columnLetter,
  columnOf,
  CRITERIA_COLUMNS,
  INDEX_COLUMNS,
  INDEX_FIELDS,
  LEVEL_COLUMNS,
  RULE_COLUMNS,
  SHEETS,
  YES,
  type Column,
} from './layout.js';

/** One problem in the workbook: where (sheet and cell, e.g. `C12`) and why, in Vietnamese and English. */
export interface CellError {
  sheet: string;
  cell: string;
  /** The definition field it concerns, when there is one (JSON pointer). */
  pointer?: string;
  code: string;
  reason: { vi: string; en: string };
}

/** What the place the workbook is imported into requires (e.g. the index named in the URL), checked at its cell. */
export interface Expected {
  id?: string;
  kind?: string;
}

export type ImportResult = { ok: true; definition: Definition } | { ok: false; errors: CellError[] };

type Obj = Record<string, unknown>;
type Value = string | number | boolean | undefined;
interface Where {
  sheet: string;
  cell: string;
}

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A cell's value as the person sees it: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
function read(cell: ExcelJS.Cell): Value {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return read({ value: v.richText.map((r) => r.text).join('') } as ExcelJS.Cell);
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as { result?: unknown }).result;
    return r === undefined || r === null || typeof r === 'object' ? undefined : (r as Value);
  }
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('error' in v) return String(v.error);
  return undefined;
}

/** Workbook → definition, or every problem found with its cell. Never throws on bad input. */
export async function importWorkbook(bytes: Uint8Array, expected: Expected = {}): Promise<ImportResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      errors: [
        {
          sheet: '',
          cell: '',
          code: 'not-xlsx',
          reason: {
            vi: 'Tệp không phải là bảng tính Excel (.xlsx) đọc được',
            en: 'The file is not a readable Excel (.xlsx) workbook',
          },
        },
      ],
    };
  }
  try {
    return new Importer(wb, expected).run();
  } catch (e) {
    // Hostile content (e.g. a rule nested thousands deep) must give a report, not a crash.
    if (e instanceof RangeError)
      return {
        ok: false,
        errors: [
          {
            sheet: '',
            cell: '',
            code: 'too-deep',
            reason: { vi: 'Nội dung lồng nhau quá sâu', en: 'The content is nested too deeply' },
          },
        ],
      };
    throw e;
  }
}

class Importer {
  readonly errors: CellError[] = [];
  /** JSON pointer → the cell it was read from, to place the validators' issues. */
  readonly cells = new Map<string, Where>();

  constructor(
    readonly wb: ExcelJS.Workbook,
    readonly expected: Expected,
  ) {}

  fail(where: Where, code: string, vi: string, en: string, pointer?: string): void {
    this.errors.push({ ...where, ...(pointer !== undefined ? { pointer } : {}), code, reason: { vi, en } });
  }

  at(ws: ExcelJS.Worksheet, row: number, columns: readonly Column[], key: string): Where {
    return { sheet: ws.name, cell: `${columnLetter(columnOf(columns, key))}${row}` };
  }

  /** The sheet, with its header row checked against the layout, or undefined (reported) when missing or moved. */
  sheet(name: string, columns: readonly Column[], required: boolean): ExcelJS.Worksheet | undefined {
    const ws = this.wb.getWorksheet(name);
    if (!ws) {
      if (required)
        this.fail(
          { sheet: name, cell: '' },
          'missing-sheet',
          `Thiếu trang tính "${name}"`,
          `Sheet "${name}" is missing`,
        );
      return undefined;
    }
    let ok = true;
    columns.forEach((c, i) => {
      const got = read(ws.getRow(1).getCell(i + 1));
      if (got !== c.header) {
        ok = false;
        this.fail(
          { sheet: name, cell: `${columnLetter(i + 1)}1` },
          'header',
          `Tiêu đề cột phải là "${c.header}" (không thêm, bớt hay đổi chỗ cột)`,
          `The column header must be "${c.header}" (columns may not be added, removed or moved)`,
        );
      }
    });
    return ok ? ws : undefined;
  }

  text(v: Value): string | undefined {
    return v === undefined ? undefined : typeof v === 'string' ? v : String(v);
  }

  /** A number cell: numbers as they are, numeric text converted, anything else reported. */
  num(v: Value, where: Where, pointer: string): number | undefined {
    this.cells.set(pointer, where);
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    const n = typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      this.fail(where, 'not-a-number', `"${String(v)}" không phải là số`, `"${String(v)}" is not a number`, pointer);
      return undefined;
    }
    return n;
  }

  /** A {vi, en} pair from two cells: absent when both are empty. */
  pair(vi: Value, en: Value, wvi: Where, wen: Where, pointer: string): { vi: string; en: string } | undefined {
    this.cells.set(`${pointer}/vi`, wvi);
    this.cells.set(`${pointer}/en`, wen);
    if (vi === undefined && en === undefined) return undefined;
    return { vi: this.text(vi) ?? '', en: this.text(en) ?? '' };
  }

  run(): ImportResult {
    const base = this.base();
    const def: Obj = { ...base };
    this.index(def);
    const kind = def.kind;
    if (kind === 'scorecard' || kind === 'aggregate') {
      this.levels(def);
      this.criteria(def, base);
      this.rules(def, base);
    }
    // Validated even when cells were refused, so one report names every cell; a cell already reported (its value
    // could not be read) is not reported again for the hole that left.
    const issues = definitionIssues(def);
    for (const key of ['id', 'kind'] as const) {
      const want = this.expected[key];
      if (want !== undefined && def[key] !== want)
        issues.unshift({
          path: `/${key}`,
          code: `${key}-mismatch`,
          message: `must be ${JSON.stringify(want)}: the workbook is imported into ${this.expected.id ?? 'an index'} (${this.expected.kind ?? ''})`,
        });
    }
    if (kind === 'scorecard' && issues.length === 0 && this.errors.length === 0)
      this.computedMaxima(def as ScorecardDefinition, base);
    const reported = new Set(this.errors.map((e) => `${e.sheet}!${e.cell}`));
    for (const issue of issues) this.place(issue, reported);
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true, definition: def as Definition };
  }

  /** What no table shows: the hidden data sheet's definition (a workbook made by hand may have none). */
  base(): Obj {
    const ws = this.wb.getWorksheet(SHEETS.data);
    if (!ws) return {};
    let json = '';
    ws.eachRow((row) => {
      json += this.text(read(row.getCell(1))) ?? '';
    });
    try {
      const parsed: unknown = JSON.parse(json);
      if (isObj(parsed)) return parsed;
    } catch {
      // reported below
    }
    this.fail(
      { sheet: SHEETS.data, cell: 'A1' },
      'data-sheet',
      'Trang dữ liệu ẩn "dbi-data" đã bị sửa và không còn đọc được; hãy xóa trang này hoặc xuất lại bảng tính',
      'The hidden "dbi-data" sheet was altered and can no longer be read; delete that sheet or export the workbook again',
    );
    return {};
  }

  index(def: Obj): void {
    const ws = this.sheet(SHEETS.index, INDEX_COLUMNS, true);
    for (const f of INDEX_FIELDS) deletePath(def, f.key);
    if (!ws) return;
    const seen = new Set<string>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const key = this.text(read(row.getCell(columnOf(INDEX_COLUMNS, 'key'))));
      const value = read(row.getCell(columnOf(INDEX_COLUMNS, 'value')));
      if (key === undefined) {
        if (value !== undefined)
          this.fail(
            this.at(ws, r, INDEX_COLUMNS, 'key'),
            'no-key',
            'Hàng có giá trị nhưng thiếu khóa',
            'The row has a value but no key',
          );
        continue;
      }
      const field = INDEX_FIELDS.find((f) => f.key === key);
      const where = this.at(ws, r, INDEX_COLUMNS, 'value');
      const pointer = `/${key.split('.').join('/')}`;
      if (!field || seen.has(key)) {
        this.fail(
          this.at(ws, r, INDEX_COLUMNS, 'key'),
          field ? 'duplicate-key' : 'unknown-key',
          field ? `Khóa "${key}" xuất hiện hai lần` : `Khóa "${key}" không có trong định nghĩa chỉ số`,
          field ? `The key "${key}" appears twice` : `"${key}" is not a field of an index definition`,
        );
        continue;
      }
      seen.add(key);
      this.cells.set(pointer, where);
      if (value === undefined) continue;
      if (field.type === 'integer') setPath(def, key, this.num(value, where, pointer));
      else if (field.type === 'boolean') {
        const yes = typeof value === 'boolean' ? value : YES.has(String(value));
        const no = value === false || ['FALSE', 'false', 'no', 'không'].includes(String(value));
        if (!yes && !no) this.fail(where, 'not-boolean', 'Ghi TRUE hoặc FALSE', 'Write TRUE or FALSE', pointer);
        else setPath(def, key, yes);
      } else setPath(def, key, this.text(value));
    }
    for (const parent of ['title', 'description', 'instrument.title', 'instrument.issuer', 'instrument', 'source'])
      pruneEmpty(def, parent);
  }

  levels(def: Obj): void {
    const ws = this.sheet(SHEETS.levels, LEVEL_COLUMNS, true);
    delete def.scale;
    def.levels = [];
    if (!ws) return;
    const lists: Record<string, Obj[]> = { levels: [], scale: [] };
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cell = (k: string) => read(row.getCell(columnOf(LEVEL_COLUMNS, k)));
      const w = (k: string) => this.at(ws, r, LEVEL_COLUMNS, k);
      if (LEVEL_COLUMNS.every((c) => cell(c.key) === undefined)) continue;
      const scope = this.text(cell('scope'));
      const list = scope === undefined ? undefined : lists[scope];
      if (!list) {
        this.fail(
          w('scope'),
          'scope',
          'Ghi "levels" (mức kết quả) hoặc "scale" (thang trả lời)',
          'Write "levels" (result levels) or "scale" (answer scale)',
        );
        continue;
      }
      const p = `/${scope}/${list.length}`;
      const l: Obj = { level: this.num(cell('level'), w('level'), `${p}/level`) };
      l.name = this.pair(cell('nameVi'), cell('nameEn'), w('nameVi'), w('nameEn'), `${p}/name`);
      const d = this.pair(cell('descVi'), cell('descEn'), w('descVi'), w('descEn'), `${p}/description`);
      if (d) l.description = d;
      this.cells.set(p, w('level'));
      list.push(l);
    }
    def.levels = lists.levels;
    if (lists.scale!.length) def.scale = lists.scale;
  }

  criteria(def: Obj, base: Obj): void {
    const ws = this.sheet(SHEETS.criteria, CRITERIA_COLUMNS, true);
    const baseNodes = nodesById(base);
    const scorecard = def.kind === 'scorecard';
    const pillars: Obj[] = [];
    def.pillars = pillars;
    if (!ws) return;
    const pillarById = new Map<string, { node: Obj; p: string }>();
    const compById = new Map<string, { node: Obj; p: string; pillar: string }>();
    let current: { node: Obj; p: string; row: number } | undefined;
    const ALLOWED: Record<string, string[]> = {
      pillar: ['pillar', 'vi', 'en', 'max', 'weight'],
      component: ['pillar', 'component', 'vi', 'en', 'max'],
      criterion: ['pillar', 'component', 'criterion', 'vi', 'en', 'type', 'points', 'min', 'maxValue', 'cap', 'max'],
      option: ['option', 'vi', 'en', 'points', 'na'],
      band: ['upTo', 'points'],
    };
    const NAMES: Record<string, [string, string]> = {
      pillar: ['trụ cột', 'pillar'],
      component: ['thành phần', 'component'],
      criterion: ['tiêu chí', 'criterion'],
      option: ['phương án', 'option'],
      band: ['khoảng điểm', 'band'],
    };
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cell = (k: string) => read(row.getCell(columnOf(CRITERIA_COLUMNS, k)));
      const w = (k: string) => this.at(ws, r, CRITERIA_COLUMNS, k);
      const id = (k: string) => this.text(cell(k));
      const kind = id('criterion')
        ? 'criterion'
        : id('component')
          ? 'component'
          : id('pillar')
            ? 'pillar'
            : id('option')
              ? 'option'
              : cell('upTo') !== undefined
                ? 'band'
                : undefined;
      if (!kind) {
        const stray = CRITERIA_COLUMNS.find((c) => cell(c.key) !== undefined);
        if (stray)
          this.fail(
            w('pillar'),
            'no-id',
            'Hàng có nội dung nhưng không có mã (trụ cột, thành phần, tiêu chí hay phương án)',
            'The row has content but no id (pillar, component, criterion or option)',
          );
        continue;
      }
      for (const c of CRITERIA_COLUMNS)
        if (!ALLOWED[kind]!.includes(c.key) && cell(c.key) !== undefined)
          this.fail(
            w(c.key),
            'unused-cell',
            `Ô này không dùng cho hàng ${NAMES[kind]![0]}; hãy xóa giá trị`,
            `This cell is not used on a ${NAMES[kind]![1]} row; clear it`,
          );
      if (!scorecard && kind !== 'pillar') {
        this.fail(
          w('pillar'),
          'not-scorecard',
          'Chỉ số nhóm chỉ có các hàng trụ cột',
          'A group index has pillar rows only',
        );
        continue;
      }
      if (kind === 'pillar') {
        const pid = id('pillar')!;
        const p = `/pillars/${pillars.length}`;
        const node: Obj = { id: pid };
        this.cells.set(p, w('pillar'));
        this.cells.set(`${p}/id`, w('pillar'));
        node.name = this.pair(cell('vi'), cell('en'), w('vi'), w('en'), `${p}/name`);
        if (scorecard) {
          const max = this.num(cell('max'), w('max'), `${p}/max`);
          if (max !== undefined) node.max = max;
          const weight = this.num(cell('weight'), w('weight'), `${p}/weight`);
          if (weight !== undefined) node.weight = weight;
          const b = baseNodes.get(pid);
          if (b && 'applies' in b) node.applies = b.applies;
        }
        pillars.push(node);
        pillarById.set(pid, { node, p });
        current = undefined;
        continue;
      }
      if (kind === 'component' || kind === 'criterion') {
        const pillar = pillarById.get(id('pillar') ?? '');
        if (!pillar) {
          this.fail(
            w('pillar'),
            'unknown-pillar',
            `Trụ cột "${id('pillar') ?? ''}" chưa được khai báo ở hàng trên`,
            `Pillar "${id('pillar') ?? ''}" is not declared on a row above`,
          );
          current = undefined;
          continue;
        }
        if (kind === 'component') {
          const cid = id('component')!;
          const list = (pillar.node.components ??= []) as Obj[];
          const p = `${pillar.p}/components/${list.length}`;
          const node: Obj = { id: cid };
          this.cells.set(p, w('component'));
          this.cells.set(`${p}/id`, w('component'));
          node.name = this.pair(cell('vi'), cell('en'), w('vi'), w('en'), `${p}/name`);
          const max = this.num(cell('max'), w('max'), `${p}/max`);
          if (max !== undefined) node.max = max;
          const b = baseNodes.get(cid);
          for (const k of ['statement', 'applies']) if (b && k in b) node[k] = b[k];
          list.push(node);
          compById.set(cid, { node, p, pillar: id('pillar')! });
          current = undefined;
          continue;
        }
        // criterion
        let parent: { node: Obj; p: string } = pillar;
        const compId = id('component');
        if (compId !== undefined) {
          const comp = compById.get(compId);
          if (!comp || comp.pillar !== id('pillar')) {
            this.fail(
              w('component'),
              'unknown-component',
              `Thành phần "${compId}" của trụ cột "${id('pillar')!}" chưa được khai báo ở hàng trên`,
              `Component "${compId}" of pillar "${id('pillar')!}" is not declared on a row above`,
            );
            current = undefined;
            continue;
          }
          parent = comp;
        }
        const list = (parent.node.criteria ??= []) as Obj[];
        const p = `${parent.p}/criteria/${list.length}`;
        const kid = id('criterion')!;
        const type = this.text(cell('type'));
        const node: Obj = { id: kid };
        this.cells.set(p, w('criterion'));
        this.cells.set(`${p}/id`, w('criterion'));
        this.cells.set(`${p}/type`, w('type'));
        if (type !== undefined) node.type = type;
        node.text = this.pair(cell('vi'), cell('en'), w('vi'), w('en'), `${p}/text`);
        const pts = (ptr: string) => this.num(cell('points'), w('points'), ptr);
        if (type === undefined || type === 'level') node.weight = pts(`${p}/weight`);
        else if (type === 'boolean') node.points = pts(`${p}/points`);
        else if (type === 'number') {
          node.min = this.num(cell('min'), w('min'), `${p}/min`);
          node.max = this.num(cell('maxValue'), w('maxValue'), `${p}/max`);
          node.bands = [];
          this.cells.set(`${p}/bands`, w('criterion'));
        } else if (type === 'choice' || type === 'multi') {
          node.options = [];
          this.cells.set(`${p}/options`, w('criterion'));
          if (type === 'multi') {
            const cap = this.num(cell('cap'), w('cap'), `${p}/cap`);
            if (cap !== undefined) node.cap = cap;
          }
        }
        for (const [k, on] of [
          ['points', type !== undefined && type !== 'level' && type !== 'boolean'],
          ['min', type !== 'number'],
          ['maxValue', type !== 'number'],
          ['cap', type !== 'multi'],
        ] as const)
          if (on && cell(k) !== undefined)
            this.fail(
              w(k),
              'unused-cell',
              `Ô này không dùng cho câu hỏi loại "${type ?? 'level'}"; hãy xóa giá trị`,
              `This cell is not used by a "${type ?? 'level'}" question; clear it`,
            );
        const b = baseNodes.get(kid);
        for (const k of ['group', 'help', 'applies', ...(type === 'number' ? ['integer', 'unit'] : [])])
          if (b && k in b) node[k] = b[k];
        list.push(node);
        current = { node, p, row: r };
        this.maxCells.set(p, { where: w('max'), value: cell('max'), before: b as Criterion | undefined });
        continue;
      }
      // option or band: belongs to the criterion above
      const owner = current?.node;
      const listKey = kind === 'option' ? 'options' : 'bands';
      if (!owner || !Array.isArray(owner[listKey])) {
        this.fail(
          w(kind === 'option' ? 'option' : 'upTo'),
          `stray-${kind}`,
          kind === 'option'
            ? 'Hàng phương án phải nằm ngay dưới một tiêu chí loại "choice" hoặc "multi"'
            : 'Hàng khoảng điểm phải nằm ngay dưới một tiêu chí loại "number"',
          kind === 'option'
            ? 'An option row must follow a criterion of type "choice" or "multi"'
            : 'A band row must follow a criterion of type "number"',
        );
        continue;
      }
      const list = owner[listKey] as Obj[];
      const p = `${current!.p}/${listKey}/${list.length}`;
      if (kind === 'option') {
        const o: Obj = { id: id('option') };
        this.cells.set(p, w('option'));
        this.cells.set(`${p}/id`, w('option'));
        o.text = this.pair(cell('vi'), cell('en'), w('vi'), w('en'), `${p}/text`);
        const points = this.num(cell('points'), w('points'), `${p}/points`);
        if (points !== undefined) o.points = points;
        const na = cell('na');
        this.cells.set(`${p}/notApplicable`, w('na'));
        if (na !== undefined) {
          if (na === true || YES.has(String(na))) o.notApplicable = true;
          else if (!(na === false || String(na) === 'FALSE'))
            this.fail(
              w('na'),
              'not-boolean',
              'Ghi "x" nếu phương án này là "không áp dụng", hoặc để trống',
              'Write "x" when this option means "not applicable", or leave it empty',
            );
        }
        list.push(o);
      } else {
        this.cells.set(p, w('upTo'));
        list.push({
          upTo: this.num(cell('upTo'), w('upTo'), `${p}/upTo`),
          points: this.num(cell('points'), w('points'), `${p}/points`),
        });
      }
    }
  }

  /** Criterion rows' "Max points" as written, checked against the maximum computed from the row's points. */
  readonly maxCells = new Map<string, { where: Where; value: Value; before: Criterion | undefined }>();

  /** A stale maximum (the one exported, before the points were edited) is fine; a different number was typed in. */
  computedMaxima(def: ScorecardDefinition, base: Obj): void {
    const scale = answerScale(def);
    let baseScale: readonly Level[] | undefined;
    try {
      baseScale = answerScale(base as unknown as ScorecardDefinition);
    } catch {
      baseScale = undefined;
    }
    const exported = (k: Criterion | undefined) => {
      try {
        return k && baseScale ? maxOfCriterion(k, baseScale) : undefined;
      } catch {
        return undefined;
      }
    };
    def.pillars.forEach((pl, i) => {
      const visit = (list: readonly Criterion[], p: string) =>
        list.forEach((k, j) => {
          const m = this.maxCells.get(`${p}/criteria/${j}`);
          if (!m || m.value === undefined) return;
          const want = maxOfCriterion(k, scale);
          if (Number(m.value) !== want && Number(m.value) !== exported(m.before))
            this.fail(
              m.where,
              'computed-max',
              `Điểm tối đa của tiêu chí được tính từ điểm (${want}); hãy sửa cột điểm hoặc phương án, không sửa ô này`,
              `A criterion's maximum is computed from its points (${want}); change the points or options, not this cell`,
              `${p}/criteria/${j}`,
            );
        });
      pl.components?.forEach((c, j) => visit(c.criteria, `/pillars/${i}/components/${j}`));
      if (pl.criteria) visit(pl.criteria, `/pillars/${i}`);
    });
  }

  rules(def: Obj, base: Obj): void {
    const ws = this.sheet(SHEETS.rules, RULE_COLUMNS, true);
    const rules: Record<string, Obj[]> = { overall: [] };
    const baseRules = isObj(base.rules) ? base.rules : {};
    if (def.kind === 'scorecard' || 'pillar' in baseRules) rules.pillar = [];
    const pillars = def.pillars as Obj[];
    const basePillars = new Map(
      (Array.isArray(base.pillars) ? (base.pillars as Obj[]) : []).filter(isObj).map((p) => [p.id, p]),
    );
    const own = new Map<string, Obj[]>();
    if (def.kind === 'scorecard')
      for (const p of pillars)
        if (basePillars.get(p.id)?.rules !== undefined) own.set(p.id as string, (p.rules = []) as Obj[]);
    def.rules = rules;
    if (!ws) return;
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cell = (k: string) => read(row.getCell(columnOf(RULE_COLUMNS, k)));
      const w = (k: string) => this.at(ws, r, RULE_COLUMNS, k);
      if (RULE_COLUMNS.every((c) => cell(c.key) === undefined)) continue;
      const scope = this.text(cell('scope')) ?? '';
      let list: Obj[] | undefined;
      let p: string;
      const m = /^pillar\s+(\S+)$/.exec(scope);
      if (m && def.kind === 'scorecard') {
        const i = pillars.findIndex((x) => x.id === m[1]);
        if (i < 0) {
          this.fail(
            w('scope'),
            'unknown-pillar',
            `Không có trụ cột "${m[1]!}" trong trang tiêu chí`,
            `There is no pillar "${m[1]!}" on the criteria sheet`,
          );
          continue;
        }
        list = own.get(m[1]!) ?? ((pillars[i]!.rules = []) as Obj[]);
        own.set(m[1]!, list);
        p = `/pillars/${i}/rules/${list.length}`;
      } else {
        if (scope === 'pillar') rules.pillar ??= [];
        list = scope === 'pillar' || scope === 'overall' ? rules[scope] : undefined;
        if (!list) {
          this.fail(
            w('scope'),
            'scope',
            'Ghi "pillar", "overall" hoặc "pillar <mã trụ cột>"',
            'Write "pillar", "overall" or "pillar <pillar id>"',
          );
          continue;
        }
        p = `/rules/${scope}/${list.length}`;
      }
      this.cells.set(p, w('level'));
      const rule: Obj = { level: this.num(cell('level'), w('level'), `${p}/level`) };
      const raw = cell('when');
      this.cells.set(`${p}/when`, w('when'));
      let when: unknown;
      if (raw === undefined)
        this.fail(
          w('when'),
          'required',
          'Thiếu điều kiện (json-logic)',
          'The condition (json-logic) is missing',
          `${p}/when`,
        );
      else if (typeof raw !== 'string') when = raw;
      else {
        try {
          when = JSON.parse(raw);
        } catch {
          this.fail(
            w('when'),
            'json',
            'Điều kiện không phải là JSON hợp lệ',
            'The condition is not valid JSON',
            `${p}/when`,
          );
        }
      }
      rule.when = when;
      const readable = this.text(cell('readable'));
      if (when !== undefined && readable !== undefined && readable !== ruleText(when))
        this.fail(
          w('readable'),
          'readable-rule',
          `Cột này được viết lại từ điều kiện json-logic (${ruleText(when)}); hãy sửa ở cột bên cạnh, hoặc xóa ô này`,
          `This column is written from the json-logic condition (${ruleText(when)}); edit the next column instead, or clear this cell`,
          `${p}/when`,
        );
      const t = this.pair(cell('vi'), cell('en'), w('vi'), w('en'), `${p}/text`);
      if (t) rule.text = t;
      list.push(rule);
    }
  }

  /** A validator's issue, placed at the cell its pointer came from (or the nearest enclosing one). */
  place(issue: Issue, reported: ReadonlySet<string>): void {
    let p = issue.path === '/' ? '' : issue.path;
    let where: Where | undefined;
    while (!(where = this.cells.get(p)) && p !== '') p = p.slice(0, p.lastIndexOf('/'));
    where ??= { sheet: SHEETS.index, cell: 'A1' };
    if (reported.has(`${where.sheet}!${where.cell}`)) return;
    const { vi, en } = reason(issue);
    this.fail(where, issue.code, vi, en, issue.path);
  }
}

/** Pillars, components and criteria of a definition by id (ids are unique across the tree). */
function nodesById(def: Obj): Map<unknown, Obj> {
  const out = new Map<unknown, Obj>();
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const n of list)
      if (isObj(n)) {
        out.set(n.id, n);
        walk(n.components);
        walk(n.criteria);
      }
  };
  walk(def.pillars);
  return out;
}

function setPath(obj: Obj, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (isObj(o[k]) ? o[k] : (o[k] = {})) as Obj;
  o[keys.at(-1)!] = value;
}

function deletePath(obj: Obj, path: string): void {
  const keys = path.split('.');
  let o: unknown = obj;
  for (const k of keys.slice(0, -1)) o = isObj(o) ? o[k] : undefined;
  if (isObj(o)) delete o[keys.at(-1)!];
}

function pruneEmpty(obj: Obj, path: string): void {
  const keys = path.split('.');
  let o: unknown = obj;
  for (const k of keys.slice(0, -1)) o = isObj(o) ? o[k] : undefined;
  const last = keys.at(-1)!;
  if (isObj(o) && isObj(o[last]) && Object.keys(o[last]).length === 0) delete o[last];
}

/** The validators speak English; the reason in Vietnamese for the common cases, else the English kept beside it. */
function reason(issue: Issue): { vi: string; en: string } {
  const en = issue.message;
  const VI: Record<string, string> = {
    'schema-required': 'Bắt buộc, đang để trống',
    'schema-minLength': 'Đang để trống hoặc quá ngắn',
    'schema-maxLength': 'Quá dài',
    'schema-type': 'Sai kiểu giá trị',
    'schema-pattern': 'Không đúng định dạng',
    'schema-minimum': 'Nhỏ hơn giá trị cho phép',
    'schema-maximum': 'Lớn hơn giá trị cho phép',
    'schema-minItems': 'Thiếu mục (danh sách quá ngắn)',
    'schema-enum': `Giá trị không được phép (${en})`,
    'schema-additionalProperties': 'Trường không được phép',
    'id-mismatch': `Mã chỉ số phải là ${en.split(':')[0]!.replace('must be ', '')}: bảng tính được nhập vào chỉ số đó`,
    'kind-mismatch': `Loại chỉ số phải là ${en.split(':')[0]!.replace('must be ', '')}, như chỉ số được nhập vào`,
  };
  return { vi: VI[issue.code] ?? `Không hợp lệ: ${en}`, en };
}
