// The assessment side's lists as tables (columns with Vietnamese and English headers) for ?format=csv|xlsx
// (lib/exchange). One definition per list; the enterprise import reads the same headers back.
import type { Static } from 'typebox';
import {
  formatIndexRef,
  type Coverage,
  type LevelSummary,
  type ProvinceIndex,
  type ProvincesIndex,
  type RankingItem,
} from '@dbi/schema';
import type { AssessmentRecord, CertificateRecord, EnterpriseRecord } from '@dbi/storage';
import { decimalCell, type Column, type Rows, type Table } from '../exchange/index.js';

const col = <R>(key: string, vi: string, en: string, value: Column<R>['value']): Column<R> => ({
  key,
  header: { vi, en },
  value,
});
const stamp = (s: { id: string; version: string }) => formatIndexRef(s);

/** The enterprise facts an import reads, in this order, under these headers (or their keys). */
export const ENTERPRISE_FACT_COLUMNS: ReadonlyArray<Column<EnterpriseRecord>> = [
  col('taxCode', 'Mã số thuế', 'Tax code', (e) => e.taxCode),
  col('name', 'Tên doanh nghiệp', 'Enterprise name', (e) => e.name),
  col('province', 'Mã tỉnh', 'Province code', (e) => e.province),
  col('industry', 'Ngành (VSIC cấp 1)', 'Industry (VSIC section)', (e) => e.industry),
  col('sector', 'Lĩnh vực', 'Sector', (e) => e.sector),
  col('employees', 'Số lao động', 'Employees', (e) => e.employees),
  col('revenueVnd', 'Doanh thu (đồng)', 'Revenue (VND)', (e) => e.revenueVnd),
  col('capitalVnd', 'Tổng nguồn vốn (đồng)', 'Capital (VND)', (e) => e.capitalVnd),
  col('hasSubsidiaries', 'Có công ty con', 'Has subsidiaries', (e) => e.hasSubsidiaries),
];

export const enterpriseTable = (rows: Rows<EnterpriseRecord>): Table<EnterpriseRecord> => ({
  name: 'enterprises',
  columns: [
    ...ENTERPRISE_FACT_COLUMNS,
    col('size', 'Quy mô', 'Size', (e) => e.classification.size),
    col('index', 'Bộ chỉ số áp dụng', 'Index used', (e) => e.index),
    col('classifier', 'Phân loại theo', 'Classified by', (e) => stamp(e.classification.classifier)),
    col('override', 'Lý do điều chỉnh bộ chỉ số', 'Index override reason', (e) => e.override?.reason ?? null),
    col('createdAt', 'Ngày đăng ký', 'Registered at', (e) => e.createdAt),
    col('updatedAt', 'Cập nhật lần cuối', 'Last updated', (e) => e.updatedAt),
  ],
  rows,
});

const COLUMN_HEADERS = {
  self: ['Mức DN tự đánh giá', 'Self-assessment level'],
  consultant: ['Mức tư vấn đánh giá', 'Consultant level'],
  department: ['Mức Sở đánh giá', 'Department level'],
  ministry: ['Mức Bộ đánh giá', 'Ministry level'],
} as const;

export const assessmentTable = (rows: Rows<AssessmentRecord>): Table<AssessmentRecord> => ({
  name: 'assessments',
  columns: [
    col('id', 'Mã đánh giá', 'Assessment id', (a) => a.id),
    col('taxCode', 'Mã số thuế', 'Tax code', (a) => a.taxCode),
    col('index', 'Bộ chỉ số', 'Index', (a) => stamp(a.index)),
    col('indexHash', 'Mã băm bộ chỉ số', 'Index hash', (a) => a.index.hash),
    col('status', 'Trạng thái', 'Status', (a) => a.status),
    col('consultantId', 'Chuyên gia tư vấn', 'Consultant', (a) => a.consultantId),
    ...(Object.keys(COLUMN_HEADERS) as Array<keyof typeof COLUMN_HEADERS>).map((c) =>
      col<AssessmentRecord>(c, COLUMN_HEADERS[c][0], COLUMN_HEADERS[c][1], (a) => a.columns[c]?.result.level ?? null),
    ),
    col('certificateNumber', 'Số chứng nhận', 'Certificate number', (a) => a.certificateNumber),
    col('createdAt', 'Ngày tạo', 'Created at', (a) => a.createdAt),
    col('updatedAt', 'Cập nhật lần cuối', 'Last updated', (a) => a.updatedAt),
  ],
  rows,
});

type Entry = Static<typeof RankingItem>;

/** Ranked entries, with one level column per pillar the entries have (in the order first met). */
export function rankingTable(rows: readonly Entry[]): Table<Entry> {
  const pillars = [...new Set(rows.flatMap((r) => r.pillars.map((p) => p.id)))];
  return {
    name: 'rankings',
    columns: [
      col('rank', 'Hạng', 'Rank', (r) => r.rank),
      col('taxCode', 'Mã số thuế', 'Tax code', (r) => r.taxCode),
      col('name', 'Tên doanh nghiệp', 'Enterprise name', (r) => r.name),
      col('province', 'Mã tỉnh', 'Province code', (r) => r.province),
      col('industry', 'Ngành (VSIC cấp 1)', 'Industry (VSIC section)', (r) => r.industry),
      col('sector', 'Lĩnh vực', 'Sector', (r) => r.sector),
      col('size', 'Quy mô', 'Size', (r) => r.size),
      col('period', 'Kỳ đánh giá', 'Period', (r) => r.period),
      col('level', 'Mức', 'Level', (r) => r.level),
      col('total', 'Điểm', 'Points', (r) => r.total),
      col('max', 'Điểm tối đa', 'Maximum points', (r) => r.max),
      ...pillars.map((id) =>
        col<Entry>(`pillar-${id}`, `Mức trụ cột ${id}`, `Pillar ${id} level`, (r) => {
          const p = r.pillars.find((x) => x.id === id);
          return p ? p.level : null;
        }),
      ),
      col('index', 'Bộ chỉ số', 'Index', (r) => stamp(r.index)),
      col('status', 'Trạng thái', 'Status', (r) => r.status),
      col('certificateNumber', 'Số chứng nhận', 'Certificate number', (r) => r.certificateNumber),
      col('asOf', 'Ngày', 'As of', (r) => r.asOf),
    ],
    rows,
  };
}

type IndexRow = {
  scope: string;
  enterprises: number;
  distribution: Array<{ level: number; count: number }>;
  meanLevel: { display: string; numerator: number; denominator: number } | null;
  scale10: { display: string } | null;
};

/** The provincial index as rows: the whole province, then each pillar; counts per level, exact and shown means. */
export function provinceIndexTable(index: Static<typeof ProvinceIndex>): Table<IndexRow> {
  const rows: IndexRow[] = [
    {
      scope: 'overall',
      enterprises: index.enterprises,
      distribution: index.distribution,
      meanLevel: index.meanLevel,
      scale10: index.scale10,
    },
    ...index.pillars.map((p) => ({
      scope: `pillar ${p.id}`,
      enterprises: index.enterprises,
      distribution: p.distribution,
      meanLevel: p.meanLevel,
      scale10: null,
    })),
  ];
  const levels = index.distribution.map((d) => d.level);
  return {
    name: `province-${index.province}-index`,
    columns: [
      col('province', 'Mã tỉnh', 'Province code', () => index.province),
      col('basis', 'Cơ sở', 'Basis', () => index.basis),
      col('scope', 'Phạm vi', 'Scope', (r) => r.scope),
      col('enterprises', 'Số doanh nghiệp', 'Enterprises', (r) => r.enterprises),
      ...levels.map((level) =>
        col<IndexRow>(
          `level-${level}`,
          `Số DN mức ${level}`,
          `At level ${level}`,
          (r) => r.distribution.find((d) => d.level === level)?.count ?? 0,
        ),
      ),
      col('meanLevel', 'Mức trung bình', 'Mean level', (r) => r.meanLevel?.display ?? null),
      col('meanExact', 'Mức trung bình (phân số)', 'Mean level (fraction)', (r) =>
        r.meanLevel ? `${r.meanLevel.numerator}/${r.meanLevel.denominator}` : null,
      ),
      col('scale10', 'Thang 10', '10-point scale', (r) => r.scale10?.display ?? null),
    ],
    rows,
  };
}

export const certificateTable = (rows: readonly CertificateRecord[]): Table<CertificateRecord> => ({
  name: 'certificates',
  columns: [
    col('number', 'Số chứng nhận', 'Certificate number', (c) => c.number),
    col('taxCode', 'Mã số thuế', 'Tax code', (c) => c.taxCode),
    col('name', 'Tên doanh nghiệp', 'Enterprise name', (c) => c.enterpriseName),
    col('index', 'Bộ chỉ số', 'Index', (c) => stamp(c.index)),
    col('indexHash', 'Mã băm bộ chỉ số', 'Index hash', (c) => c.index.hash),
    col('level', 'Mức', 'Level', (c) => c.level),
    col('issuedOn', 'Ngày cấp', 'Issued on', (c) => c.issuedOn),
    col('validUntil', 'Có giá trị đến', 'Valid until', (c) => c.validUntil),
    col('status', 'Trạng thái', 'Status', (c) => c.status),
    col('supersededBy', 'Được thay thế bởi', 'Superseded by', (c) => c.supersededBy),
    col('revocationReason', 'Lý do thu hồi', 'Revocation reason', (c) => c.revocationReason),
  ],
  rows,
});

type Standing = Static<typeof ProvincesIndex>['items'][number];
type IndexAnswer = Static<typeof ProvincesIndex>;
const dec = (x: { display: string } | null) => (x ? decimalCell(x.display) : null);
const fraction = (x: { numerator: string; denominator: string } | null) =>
  x ? `${x.numerator}/${x.denominator}` : null;

/**
 * The provincial index across provinces as the JSON answer gives it: one row per province (all 34, those without
 * results with empty figures), each value the answer's display string (an exact decimal) and the mean share also as
 * its exact fraction. With compareTo, the earlier period's figures of the same province follow on the row.
 */
export function provincesIndexTable(answer: IndexAnswer): Table<Standing> {
  const before = new Map((answer.previous?.items ?? []).map((p) => [p.province, p]));
  const prev = answer.previous?.period;
  return {
    name: 'provinces-index',
    columns: [
      col('period', 'Kỳ đánh giá', 'Period', () => answer.period),
      col('basis', 'Cơ sở', 'Basis', () => answer.basis),
      col('province', 'Mã tỉnh', 'Province code', (r) => r.province),
      col('name', 'Tỉnh, thành phố', 'Province', (r) => r.name),
      col('enterprises', 'Số doanh nghiệp', 'Enterprises', (r) => r.enterprises),
      col('meanShare', 'Tỷ lệ điểm trung bình', 'Mean share', (r) => dec(r.meanShare)),
      col('meanShareExact', 'Tỷ lệ điểm trung bình (phân số)', 'Mean share (fraction)', (r) => fraction(r.meanShare)),
      col('score10', 'Điểm thang 10', '10-point score', (r) => dec(r.score10)),
      col('z', 'Điểm Z', 'Z-score', (r) => (r.z ? decimalCell(r.z.display) : null)),
      col('minMax10', 'Điểm chuẩn hóa min-max (thang 10)', 'Min-max score (10 points)', (r) => dec(r.minMax10)),
      ...(prev === undefined
        ? []
        : [
            col<Standing>('previousEnterprises', `Số doanh nghiệp kỳ ${prev}`, `Enterprises in ${prev}`, (r) =>
              before.has(r.province) ? before.get(r.province)!.enterprises : null,
            ),
            col<Standing>('previousScore10', `Điểm thang 10 kỳ ${prev}`, `10-point score in ${prev}`, (r) =>
              dec(before.get(r.province)?.score10 ?? null),
            ),
            col<Standing>('previousZ', `Điểm Z kỳ ${prev}`, `Z-score in ${prev}`, (r) => {
              const z = before.get(r.province)?.z;
              return z ? decimalCell(z.display) : null;
            }),
          ]),
    ],
    rows: answer.items,
  };
}

type CoverageItem = Static<typeof Coverage>['items'][number];

/** Coverage as the JSON answer gives it: one row per province, or per province and industry or size with ?by=. */
export function coverageTable(answer: Static<typeof Coverage>, nameOf: (code: string) => string): Table<CoverageItem> {
  const by =
    answer.by === 'industry'
      ? [col<CoverageItem>('industry', 'Ngành (VSIC cấp 1)', 'Industry (VSIC section)', (r) => r.key)]
      : answer.by === 'size'
        ? [col<CoverageItem>('size', 'Quy mô', 'Size', (r) => r.key)]
        : [];
  return {
    name: 'coverage',
    columns: [
      col('period', 'Kỳ đánh giá', 'Period', () => answer.period),
      col('province', 'Mã tỉnh', 'Province code', (r) => r.province),
      col('name', 'Tỉnh, thành phố', 'Province', (r) => nameOf(r.province)),
      ...by,
      col('registered', 'Đã đăng ký', 'Registered', (r) => r.registered),
      col('selfAssessed', 'Đã tự đánh giá', 'Self-assessed', (r) => r.selfAssessed),
      col('reviewed', 'Đã được đánh giá', 'Reviewed', (r) => r.reviewed),
      col('certified', 'Đã được chứng nhận', 'Certified', (r) => r.certified),
    ],
    rows: answer.items,
  };
}

type LevelsAnswer = Static<typeof LevelSummary>;
type LevelsRow = { scope: string; distribution: LevelsAnswer['distribution']; meanLevel: LevelsAnswer['meanLevel'] };

/** Level summaries as rows: the whole (all pillars), then each pillar; the count at each level and the mean level. */
export function levelsTable(answer: LevelsAnswer): Table<LevelsRow> {
  const rows: LevelsRow[] = [
    { scope: 'overall', distribution: answer.distribution, meanLevel: answer.meanLevel },
    ...answer.pillars.map((p) => ({ scope: `pillar ${p.id}`, distribution: p.distribution, meanLevel: p.meanLevel })),
  ];
  return {
    name: 'levels',
    columns: [
      col('period', 'Kỳ đánh giá', 'Period', () => answer.period),
      col('basis', 'Cơ sở', 'Basis', () => answer.basis),
      col('province', 'Mã tỉnh', 'Province code', () => answer.province),
      col('scope', 'Phạm vi', 'Scope', (r) => r.scope),
      col('enterprises', 'Số doanh nghiệp', 'Enterprises', () => answer.enterprises),
      ...answer.distribution.map(({ level }) =>
        col<LevelsRow>(
          `level-${level}`,
          `Số DN mức ${level}`,
          `At level ${level}`,
          (r) => r.distribution.find((d) => d.level === level)?.count ?? 0,
        ),
      ),
      col('meanLevel', 'Mức trung bình', 'Mean level', (r) => dec(r.meanLevel)),
      col('meanLevelExact', 'Mức trung bình (phân số)', 'Mean level (fraction)', (r) => fraction(r.meanLevel)),
    ],
    rows,
  };
}
