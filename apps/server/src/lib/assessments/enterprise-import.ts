// An enterprise list read from CSV/XLSX, checked row by row with exactly what checks one registration: the
// EnterpriseBody schema (@dbi/schema's Ajv, the validator of POST /enterprises' body), who may register it
// (assessments/policy), and the classifier (AssessmentService.newEnterprise). Text cells become the body's JSON
// types first (digits → integer, true/false/có/không → boolean); anything else is left as text for the schema to
// refuse in its own words. Nothing here decides what a valid enterprise is.
import { EnterpriseBody, getAjv, toIssues, type EnterpriseImportReport } from '@dbi/schema';
import type { NewEnterprise } from '@dbi/storage';
import type { Principal } from '../policy.js';
import { HttpProblem } from '../problems.js';
import type { ReadRow } from '../exchange/index.js';
import { canManageEnterprise } from './policy.js';
import { ENTERPRISE_FACT_COLUMNS, enterpriseTable } from './tables.js';

type Problem = EnterpriseImportReport['problems'][number];

const REQUIRED = ['taxCode', 'name', 'province', 'industry', 'sector', 'employees'];
const INTEGER_COLUMNS = new Set(['employees', 'revenueVnd', 'capitalVnd']);
const TRUE = new Set(['true', '1', 'có', 'co', 'yes', 'x']);
const FALSE = new Set(['false', '0', 'không', 'khong', 'no']);

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
/** Every header a column answers to: its key and its header in either language (export → edit → import). */
const HEADER_KEYS = new Map<string, string>(
  ENTERPRISE_FACT_COLUMNS.flatMap((c) => [c.key, c.header.vi, c.header.en].map((h) => [norm(h), c.key] as const)),
);
/** Columns an enterprise export has that an import does not read (derived by the server), quietly skipped. */
const EXPORT_ONLY = new Set(
  enterpriseTable([])
    .columns.filter((c) => !ENTERPRISE_FACT_COLUMNS.includes(c))
    .flatMap((c) => [c.key, c.header.vi, c.header.en].map(norm)),
);
const HEADER_TEXT = new Map(ENTERPRISE_FACT_COLUMNS.map((c) => [c.key, c.header]));

/** The schema's refusal in Vietnamese, by the issue's code (the English is the schema's own message). */
const VI: Record<string, (en: string) => string> = {
  'schema-required': () => 'thiếu giá trị bắt buộc',
  'schema-pattern': () => 'sai định dạng',
  'schema-type': (en) =>
    en.includes('integer')
      ? 'phải là số nguyên'
      : en.includes('boolean')
        ? 'phải là có/không (true/false)'
        : 'sai kiểu dữ liệu',
  'schema-minimum': () => 'nhỏ hơn giá trị tối thiểu cho phép',
  'schema-maximum': () => 'vượt quá giá trị tối đa cho phép',
  'schema-minLength': () => 'không được để trống',
  'schema-maxLength': () => 'quá dài',
  'schema-anyOf': () => 'không thuộc các giá trị cho phép',
  'schema-enum': () => 'không thuộc các giá trị cho phép',
  'schema-const': () => 'không thuộc các giá trị cho phép',
};

const problem = (row: number, column: string | null, code: string, en: string, vi: string): Problem => {
  const h = column ? HEADER_TEXT.get(column) : undefined;
  return { row, column, code, reason: h ? { vi: `${h.vi}: ${vi}`, en: `${h.en}: ${en}` } : { vi, en } };
};

function typed(key: string, text: string): unknown {
  if (INTEGER_COLUMNS.has(key) && /^-?[0-9]+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (key === 'hasSubsidiaries') {
    if (TRUE.has(norm(text))) return true;
    if (FALSE.has(norm(text))) return false;
  }
  return text;
}

export interface CheckedImport {
  rows: number;
  problems: Problem[];
  enterprises: Array<{ row: number; enterprise: NewEnterprise }>;
}

/**
 * Checks every row (all problems are reported, not only the first). `register` is AssessmentService.newEnterprise;
 * `registered` tells whether a tax code is registered already.
 */
export async function checkEnterpriseRows(
  table: readonly ReadRow[],
  p: Principal,
  register: (body: EnterpriseBody) => Promise<NewEnterprise>,
  registered: (taxCode: string) => Promise<boolean>,
): Promise<CheckedImport> {
  const problems: Problem[] = [];
  const [head, ...data] = table;
  if (!head)
    return {
      rows: 0,
      problems: [problem(1, null, 'empty', 'the file has no header row', 'tệp không có dòng tiêu đề')],
      enterprises: [],
    };
  const keys = head.cells.map((h, i) => {
    const key = HEADER_KEYS.get(norm(h));
    if (!key && h !== '' && !EXPORT_ONLY.has(norm(h)))
      problems.push(
        problem(
          1,
          null,
          'unknown-column',
          `column ${i + 1} "${h}" is not a column of the list`,
          `cột ${i + 1} "${h}" không thuộc danh sách`,
        ),
      );
    return key;
  });
  for (const k of REQUIRED)
    if (!keys.includes(k)) {
      const h = HEADER_TEXT.get(k)!;
      problems.push(problem(1, k, 'missing-column', `the column "${h.en}" is missing`, `thiếu cột "${h.vi}"`));
    }
  if (problems.length) return { rows: data.length, problems, enterprises: [] };

  const validate = getAjv().compile(EnterpriseBody);
  const seen = new Map<string, number>();
  const enterprises: CheckedImport['enterprises'] = [];
  let rows = 0;
  for (const r of data) {
    if (r.cells.every((c) => c === '')) continue;
    rows++;
    const body: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      const text = r.cells[i] ?? '';
      if (k && text !== '') body[k] = typed(k, text);
    });
    if (!validate(body)) {
      for (const issue of toIssues(validate.errors)) {
        const column = issue.path.split('/')[1] || null;
        problems.push(
          problem(r.line, column, issue.code, issue.message, (VI[issue.code] ?? (() => 'không hợp lệ'))(issue.message)),
        );
      }
      continue;
    }
    const b = body as EnterpriseBody;
    if (!canManageEnterprise(p, b)) {
      problems.push(
        problem(
          r.line,
          'province',
          'forbidden',
          `your key (${p.role} ${p.scope ?? ''}) cannot register enterprises of province ${b.province}`.replace(
            '  ',
            ' ',
          ),
          `tài khoản của bạn không được đăng ký doanh nghiệp thuộc tỉnh ${b.province}`,
        ),
      );
      continue;
    }
    const earlier = seen.get(b.taxCode);
    if (earlier !== undefined) {
      problems.push(
        problem(
          r.line,
          'taxCode',
          'duplicate',
          `tax code ${b.taxCode} is also on row ${earlier}`,
          `mã số thuế ${b.taxCode} trùng với dòng ${earlier}`,
        ),
      );
      continue;
    }
    seen.set(b.taxCode, r.line);
    if (await registered(b.taxCode)) {
      problems.push(
        problem(
          r.line,
          'taxCode',
          'registered',
          `enterprise ${b.taxCode} is already registered`,
          `doanh nghiệp ${b.taxCode} đã được đăng ký`,
        ),
      );
      continue;
    }
    try {
      enterprises.push({ row: r.line, enterprise: await register(b) });
    } catch (err) {
      if (!(err instanceof HttpProblem) || err.status !== 400) throw err;
      const errors = err.errors ?? [{ pointer: '', detail: err.message, code: 'invalid' }];
      for (const e of errors)
        problems.push(
          problem(
            r.line,
            e.pointer.split('/')[1] || null,
            e.code,
            e.detail,
            e.code === 'at-least-one-of'
              ? 'cần ít nhất một trong hai cột Doanh thu, Tổng nguồn vốn để phân loại quy mô'
              : `không phân loại được quy mô (${e.detail})`,
          ),
        );
    }
  }
  return { rows, problems, enterprises };
}
