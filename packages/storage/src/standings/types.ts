// Periods (the Ministry's campaigns), standings (each appraised assessment's result with the facts of its enterprise,
// kept by migration 0003's triggers) and the queries rankings, the provincial index and coverage are computed from.
// Every read is bounded: a page of at most `limit` rows found by keyset (sort key or primary key), or an aggregate
// computed by the database over indexed columns. The arithmetic over the aggregates is the server's (exact).
import type { Actor } from '../common.js';
import type { AssessmentRecord, EnterpriseRecord, RankingRow } from '../assessments/types.js';

export interface PeriodRecord {
  id: string;
  name: string;
  /** YYYY-MM-DD, inclusive */
  startsOn: string;
  /** YYYY-MM-DD, inclusive */
  endsOn: string;
  createdAt: string;
  createdBy: string;
}

export interface PeriodRepository {
  /** All periods, newest start first (a handful: one per campaign). */
  list(): Promise<PeriodRecord[]>;
  get(id: string): Promise<PeriodRecord | undefined>;
  /** The period whose dates contain `day` (the latest-starting one if several), or undefined. */
  containing(day: string): Promise<PeriodRecord | undefined>;
  /** Conflict when the id exists. */
  create(period: Omit<PeriodRecord, 'createdAt' | 'createdBy'>, actor: Actor): Promise<PeriodRecord>;
}

export type Basis = 'certified' | 'appraised';

export interface StandingFilter {
  basis: Basis;
  period: string;
  province?: string;
  industry?: string;
  size?: string;
}

/** A standing as ranked: a ranking row with its period, industry, group and the key it is ordered by. */
export type StandingRow = RankingRow & {
  period: string;
  industry: string | null;
  groupId: string | null;
  sortKey: string;
};

export interface StandingPage {
  rows: StandingRow[];
  /** Rows of the filter ordered before the page's first row, and those of them strictly better (not tied). */
  before: number;
  better: number;
}

/** Per province and maximum: the number of standings and the sum of their points (for exact means of total/max). */
export interface ProvinceSums {
  province: string;
  max: number;
  count: number;
  total: number;
}

export interface CoverageRow {
  province: string;
  /** The industry or size class when coverage is broken down by one, else null. */
  key: string | null;
  registered: number;
  /** Enterprises with an assessment of the period submitted (self-assessed) or further. */
  selfAssessed: number;
  /** … reviewed by a consultant or department, or further. */
  reviewed: number;
  /** … with a valid certificate of the period. */
  certified: number;
}

export interface StandingsSource {
  /** At most `limit` standings after `after` (a sort key), in ranking order. */
  page(filter: StandingFilter, limit: number, after?: string): Promise<StandingPage>;
  count(filter: StandingFilter): Promise<number>;
  /** Number of standings at each level (levels with none are absent). */
  levels(filter: StandingFilter): Promise<Array<{ level: number; count: number }>>;
  /** Per pillar id: the number of standings at each pillar level. */
  pillarLevels(filter: StandingFilter): Promise<Array<{ id: string; level: number; count: number }>>;
  /** Per province (all provinces, or the filter's): counts and point sums grouped by maximum. */
  provinceSums(filter: StandingFilter): Promise<ProvinceSums[]>;
  coverage(query: { period: string; province?: string; by?: 'industry' | 'size' }): Promise<CoverageRow[]>;
}

/** Keyset pages of the big lists: at most `limit` records after the cursor's key, in key order. */
export interface ListPages {
  enterprises(
    filter: { province?: string; taxCodes?: readonly string[] },
    limit: number,
    after?: string,
  ): Promise<EnterpriseRecord[]>;
  /** Ordered by id (the `asm_` ids are random: a stable order, not a chronology). */
  assessments(
    filter: { taxCode?: string; consultantId?: string; province?: string; status?: string; period?: string },
    limit: number,
    after?: string,
  ): Promise<AssessmentRecord[]>;
  /** Consultant ids in id order (the records: `consultants.get`). */
  consultantIds(limit: number, after?: string): Promise<string[]>;
  /** Group ids in id order, of one parent or of the parents in one province (the records: `groups.get`). */
  groupIds(filter: { parentTaxCode?: string; province?: string }, limit: number, after?: string): Promise<string[]>;
}

export interface NationalRepositories {
  readonly periods: PeriodRepository;
  readonly standings: StandingsSource;
  readonly pages: ListPages;
}
