// The national side of the HTTP API (issue 9 items 4 and 7, issue 13 item 5): periods, paged lists, rankings by
// industry, province, size and period, the provincial index with its Z-score, coverage, and comparisons.
import { Type, type Static } from 'typebox';
import { IsoDate, NodeId } from './definition.js';
import { IndexStamp } from './io.js';
import {
  AssessmentStatusSchema,
  ColumnNameSchema,
  IndustrySection,
  PeriodId,
  ProvinceCode,
  RankingBasis,
  SectorSchema,
  TaxCode,
} from './assessment.js';

// ------------------------------------------------------------------------------------------------------ paging

/** `?limit=` and `?after=` of every paged list (COMMON contract). */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size, default 50, at most 500' })),
  after: Type.Optional(
    Type.String({ minLength: 1, maxLength: 400, description: 'The `next` cursor of the previous page, unchanged' }),
  ),
};
export const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Cursor of the next page (pass it as ?after=), null on the last page',
});

// ----------------------------------------------------------------------------------------------------- periods

export const PeriodBody = Type.Object(
  {
    id: PeriodId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    startsOn: IsoDate,
    endsOn: IsoDate,
  },
  { additionalProperties: false },
);
export type PeriodBody = Static<typeof PeriodBody>;
export const Period = Type.Object(
  {
    id: PeriodId,
    name: Type.String(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    current: Type.Boolean({ description: 'Its dates contain today (Vietnam time): the default period' }),
    createdAt: Type.String(),
    createdBy: Type.String(),
  },
  { additionalProperties: false },
);
export const PeriodList = Type.Object({ items: Type.Array(Period), next: NextCursor }, { additionalProperties: false });

// ---------------------------------------------------------------------------------------------------- rankings

const SizeClass = Type.String({
  pattern: '^[a-z][a-z0-9-]{0,31}$',
  description: 'Size class the classifier gives (micro, small, medium, large)',
});
export const RankingPageQuery = Type.Object(
  {
    period: Type.Optional(PeriodId),
    basis: Type.Optional(RankingBasis),
    province: Type.Optional(ProvinceCode),
    industry: Type.Optional(IndustrySection),
    size: Type.Optional(SizeClass),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type RankingPageQuery = Static<typeof RankingPageQuery>;

const PillarStanding = Type.Object(
  { id: NodeId, points: Type.Integer(), max: Type.Integer(), level: Type.Integer() },
  { additionalProperties: false },
);
export const RankingItem = Type.Object(
  {
    rank: Type.Integer({ description: 'Competition rank (1, 2, 2, 4) among all entries of the filter' }),
    taxCode: TaxCode,
    name: Type.String(),
    province: ProvinceCode,
    industry: Type.Union([IndustrySection, Type.Null()]),
    sector: SectorSchema,
    size: Type.String(),
    period: PeriodId,
    level: Type.Integer(),
    total: Type.Integer(),
    max: Type.Integer(),
    pillars: Type.Array(PillarStanding),
    index: IndexStamp,
    status: AssessmentStatusSchema,
    group: Type.Union([Type.String(), Type.Null()], {
      description: 'The group whose roll-up this parent enterprise stands with, or null',
    }),
    certificateNumber: Type.Union([Type.String(), Type.Null()]),
    asOf: IsoDate,
  },
  { additionalProperties: false },
);
export const RankingPage = Type.Object(
  {
    basis: RankingBasis,
    period: PeriodId,
    count: Type.Integer({ description: 'Entries of the filter (all pages)' }),
    items: Type.Array(RankingItem),
    next: NextCursor,
  },
  { additionalProperties: false },
);

// ------------------------------------------------------------------------------------------ provincial index

/** An exact fraction; numerator and denominator as decimal strings (they can exceed 2^53). */
export const ExactFraction = Type.Object(
  {
    numerator: Type.String({ pattern: '^-?[0-9]+$' }),
    denominator: Type.String({ pattern: '^[1-9][0-9]*$' }),
    display: Type.String({ description: 'Rounded half away from zero to 4 decimals' }),
  },
  { additionalProperties: false },
);
const NullableExact = Type.Union([ExactFraction, Type.Null()]);
const LevelCounts = Type.Array(
  Type.Object({ level: Type.Integer(), count: Type.Integer() }, { additionalProperties: false }),
  { description: 'Enterprises at each level of the scale (0 when none)' },
);
export const ProvinceStanding = Type.Object(
  {
    province: ProvinceCode,
    name: Type.String(),
    enterprises: Type.Integer(),
    meanShare: NullableExact,
    score10: NullableExact,
    z: Type.Union([
      Type.Object(
        {
          display: Type.String({ description: 'zₚ rounded half away from zero to 4 decimals' }),
          squared: ExactFraction,
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    minMax10: NullableExact,
  },
  { additionalProperties: false },
);
const National = {
  provincesWithResults: Type.Integer(),
  mean: Type.Union([ExactFraction, Type.Null()], { description: 'μ: the mean of the province means' }),
  variance: Type.Union([ExactFraction, Type.Null()], { description: 'V: population variance of the province means' }),
  sigma: Type.Union([Type.String(), Type.Null()], { description: '√V rounded half away from zero to 6 decimals' }),
};
const IndexFilters = {
  industry: Type.Optional(IndustrySection),
  size: Type.Optional(SizeClass),
};
export const ProvincesIndexQuery = Type.Object(
  {
    period: Type.Optional(PeriodId),
    basis: Type.Optional(RankingBasis),
    compareTo: Type.Optional(Type.Union([PeriodId], { description: 'Another period to compare with' })),
    ...IndexFilters,
  },
  { additionalProperties: false },
);
export const ProvincesIndex = Type.Object(
  {
    period: PeriodId,
    basis: RankingBasis,
    industry: Type.Union([IndustrySection, Type.Null()]),
    size: Type.Union([Type.String(), Type.Null()]),
    method: Type.String(),
    ...National,
    items: Type.Array(ProvinceStanding),
    previous: Type.Optional(
      Type.Object(
        { period: PeriodId, ...National, items: Type.Array(ProvinceStanding) },
        { additionalProperties: false, description: 'The same table for compareTo' },
      ),
    ),
  },
  { additionalProperties: false },
);
const OneProvince = {
  enterprises: Type.Integer(),
  distribution: LevelCounts,
  meanLevel: NullableExact,
  standing: ProvinceStanding,
  pillars: Type.Array(
    Type.Object({ id: NodeId, distribution: LevelCounts, meanLevel: NullableExact }, { additionalProperties: false }),
  ),
};
export const ProvinceIndexResult = Type.Object(
  {
    province: ProvinceCode,
    name: Type.String(),
    period: PeriodId,
    basis: RankingBasis,
    industry: Type.Union([IndustrySection, Type.Null()]),
    size: Type.Union([Type.String(), Type.Null()]),
    method: Type.String(),
    ...OneProvince,
    national: Type.Object(National, { additionalProperties: false }),
    previous: Type.Optional(
      Type.Object({ period: PeriodId, ...OneProvince }, { additionalProperties: false, description: 'For compareTo' }),
    ),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------------- coverage

export const CoverageQuery = Type.Object(
  {
    period: Type.Optional(PeriodId),
    province: Type.Optional(ProvinceCode),
    by: Type.Optional(Type.Union([Type.Literal('industry'), Type.Literal('size')])),
  },
  { additionalProperties: false },
);
export const Coverage = Type.Object(
  {
    period: PeriodId,
    by: Type.Union([Type.Literal('industry'), Type.Literal('size'), Type.Null()]),
    items: Type.Array(
      Type.Object(
        {
          province: Type.String(),
          key: Type.Union([Type.String(), Type.Null()], { description: 'The industry or size class, or null' }),
          registered: Type.Integer({ description: 'Registered enterprises (their current facts)' }),
          selfAssessed: Type.Integer({ description: '… with an assessment of the period submitted or further' }),
          reviewed: Type.Integer({ description: '… reviewed by a consultant or department, or further' }),
          certified: Type.Integer({ description: '… with a valid certificate of the period' }),
        },
        { additionalProperties: false },
      ),
    ),
    next: NextCursor,
  },
  { additionalProperties: false },
);

// ------------------------------------------------------------------------------------------------ comparisons

export const ComparisonQuery = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 100, description: 'The earlier assessment id' }),
    to: Type.String({ minLength: 1, maxLength: 100, description: 'The later assessment id' }),
  },
  { additionalProperties: false },
);
const Side = Type.Object(
  {
    id: Type.String(),
    period: PeriodId,
    index: IndexStamp,
    status: AssessmentStatusSchema,
    column: ColumnNameSchema,
    level: Type.Integer(),
    total: Type.Integer(),
    max: Type.Integer(),
  },
  { additionalProperties: false },
);
const Change = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('same'), Type.Literal('only-one')]);
export const AssessmentComparison = Type.Object(
  {
    taxCode: TaxCode,
    sameIndexVersion: Type.Boolean(),
    from: Side,
    to: Side,
    overall: Type.Object(
      { levelChange: Type.Integer(), pointsChange: Type.Integer(), change: Change },
      { additionalProperties: false },
    ),
    pillars: Type.Array(
      Type.Object(
        {
          id: NodeId,
          from: Type.Union([PillarStanding, Type.Null()]),
          to: Type.Union([PillarStanding, Type.Null()]),
          change: Change,
        },
        { additionalProperties: false },
      ),
    ),
    criteria: Type.Array(
      Type.Object(
        {
          id: NodeId,
          from: Type.Unknown({ description: 'The answer in the earlier assessment (absent: null)' }),
          to: Type.Unknown({ description: 'The answer in the later assessment (absent: null)' }),
          changed: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

// ------------------------------------------------------------------------------------------- level summaries

export const LevelsQuery = Type.Object(
  {
    period: Type.Optional(PeriodId),
    basis: Type.Optional(RankingBasis),
    province: Type.Optional(ProvinceCode),
    compareTo: Type.Optional(Type.Union([PeriodId], { description: 'Another period to compare with' })),
    ...IndexFilters,
  },
  { additionalProperties: false },
);
const LevelsOf = {
  enterprises: Type.Integer(),
  distribution: LevelCounts,
  meanLevel: NullableExact,
  pillars: OneProvince.pillars,
};
/** Level distribution and pillar mean levels of the whole country, or of one province, per period. */
export const LevelSummary = Type.Object(
  {
    period: PeriodId,
    basis: RankingBasis,
    province: Type.Union([ProvinceCode, Type.Null()], { description: 'The province, or null: every province' }),
    industry: Type.Union([IndustrySection, Type.Null()]),
    size: Type.Union([Type.String(), Type.Null()]),
    ...LevelsOf,
    previous: Type.Optional(
      Type.Object({ period: PeriodId, ...LevelsOf }, { additionalProperties: false, description: 'For compareTo' }),
    ),
  },
  { additionalProperties: false },
);
