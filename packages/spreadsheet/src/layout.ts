// The workbook's layout, shared by export and import so the two can never disagree: sheet names, column order and
// bilingual headers. Import checks each header it relies on, so a moved or renamed column is reported, not misread.

export interface Column {
  key: string;
  header: string;
  width: number;
}

const col = (key: string, header: string, width: number): Column => ({ key, header, width });

export const SHEETS = {
  index: 'Chỉ số - Index',
  levels: 'Mức - Levels',
  criteria: 'Tiêu chí - Criteria',
  rules: 'Quy tắc - Rules',
  data: 'dbi-data',
} as const;

/** Index sheet: one metadata field per row, found by its key (column B) so rows may be reordered. */
export const INDEX_COLUMNS = [
  col('label', 'Trường / Field', 34),
  col('key', 'Khóa / Key', 26),
  col('value', 'Giá trị / Value', 90),
] as const;

/** Dotted paths of the metadata the Index sheet shows, in order, with their labels and value type. */
export const INDEX_FIELDS: ReadonlyArray<{ key: string; label: string; type: 'text' | 'integer' | 'boolean' }> = [
  { key: 'id', label: 'Mã chỉ số / Index id', type: 'text' },
  { key: 'version', label: 'Phiên bản / Version', type: 'text' },
  { key: 'kind', label: 'Loại / Kind', type: 'text' },
  { key: 'title.vi', label: 'Tên (Tiếng Việt)', type: 'text' },
  { key: 'title.en', label: 'Title (English)', type: 'text' },
  { key: 'description.vi', label: 'Mô tả (Tiếng Việt)', type: 'text' },
  { key: 'description.en', label: 'Description (English)', type: 'text' },
  { key: 'instrument.number', label: 'Số văn bản / Instrument number', type: 'text' },
  { key: 'instrument.title.vi', label: 'Trích yếu (Tiếng Việt)', type: 'text' },
  { key: 'instrument.title.en', label: 'Instrument title (English)', type: 'text' },
  { key: 'instrument.issuer.vi', label: 'Cơ quan ban hành (Tiếng Việt)', type: 'text' },
  { key: 'instrument.issuer.en', label: 'Issuer (English)', type: 'text' },
  { key: 'instrument.signed', label: 'Ngày ký / Signed (YYYY-MM-DD)', type: 'text' },
  { key: 'instrument.effective', label: 'Ngày hiệu lực / Effective (YYYY-MM-DD)', type: 'text' },
  { key: 'source.document', label: 'Văn bản nguồn / Source document', type: 'text' },
  { key: 'source.appendix', label: 'Phụ lục / Appendix', type: 'text' },
  { key: 'source.section', label: 'Mục / Section', type: 'text' },
  { key: 'derivedFrom', label: 'Dựa trên / Derived from', type: 'text' },
  { key: 'max', label: 'Tổng điểm tối đa / Maximum points', type: 'integer' },
  { key: 'example', label: 'Ví dụ minh họa / Example only', type: 'boolean' },
  { key: '$schema', label: 'Lược đồ / JSON schema', type: 'text' },
];

/** Levels sheet: the result levels (`levels`) and, when declared, the answer scale of level criteria (`scale`). */
export const LEVEL_COLUMNS = [
  col('scope', 'Thang / Scale (levels | scale)', 16),
  col('level', 'Mức / Level', 8),
  col('nameVi', 'Tên (Tiếng Việt)', 30),
  col('nameEn', 'Name (English)', 30),
  col('descVi', 'Mô tả (Tiếng Việt)', 60),
  col('descEn', 'Description (English)', 60),
] as const;

/**
 * Criteria sheet, the Decision's appendix table: a pillar row (A), a component row (A, B), a criterion row (A, B if
 * in a component, C), then the criterion's option rows (D) or number bands (I). "Max points" is declared on pillars
 * and components and computed on criteria.
 */
export const CRITERIA_COLUMNS = [
  col('pillar', 'Trụ cột / Pillar', 10),
  col('component', 'Thành phần / Component', 13),
  col('criterion', 'Tiêu chí / Criterion', 11),
  col('option', 'Phương án / Option', 11),
  col('vi', 'Nội dung (Tiếng Việt)', 60),
  col('en', 'Content (English)', 60),
  col('type', 'Loại trả lời / Answer type', 14),
  col('points', 'Điểm / Points', 9),
  col('upTo', 'Đến (khoảng) / Band up to', 12),
  col('min', 'Giá trị nhỏ nhất / Min value', 12),
  col('maxValue', 'Giá trị lớn nhất / Max value', 12),
  col('cap', 'Trần điểm / Cap', 9),
  col('max', 'Điểm tối đa / Max points', 11),
  col('weight', 'Trọng số / Weight', 10),
  col('na', 'Không áp dụng / Not applicable', 12),
] as const;

/** Rules sheet: each level rule in order; the readable condition is written from the json-logic beside it. */
export const RULE_COLUMNS = [
  col('scope', 'Phạm vi / Scope (pillar | overall | pillar <id>)', 18),
  col('level', 'Mức / Level', 8),
  col('readable', 'Điều kiện (đọc) / Condition (readable, written from the next column)', 50),
  col('when', 'Điều kiện json-logic / Condition (json-logic)', 60),
  col('vi', 'Diễn giải (Tiếng Việt)', 50),
  col('en', 'Explanation (English)', 50),
] as const;

/** Letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** 1-based column number of a key in a column list. */
export function columnOf(columns: readonly Column[], key: string): number {
  const i = columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key}`);
  return i + 1;
}

/** The machine-readable copy of the whole definition is split over cells of this many characters (Excel: 32,767). */
export const DATA_CHUNK = 30_000;

/** Marks in the "not applicable" and "example" cells that mean yes. */
export const YES = new Set(['x', 'X', 'yes', 'có', 'Có', 'TRUE', 'true']);
