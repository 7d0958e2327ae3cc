// The dashboards' filters, shared by every screen (period, comparison period, province, industry, size, breakdown,
// top-N), the export links that download exactly what a table shows, and small readers of reference names.
import { useEffect, useState } from 'react';
import { currentProvince, currentProvinces, industrySection, industrySections } from '@dbi/reference';
import { API_BASE } from '@dbi/web-client';
import { queryString, type DashQuery, type PeriodItem } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { Lang } from '../../strings.ts';

export interface Filters {
  /** '' = the server's current period */
  period: string;
  compareTo: string;
  /** '' = the whole country (Ministry); a department's is always its own */
  province: string;
  industry: string;
  size: string;
  by: '' | 'industry' | 'size';
  limit: number;
}

export const EMPTY_FILTERS: Filters = {
  period: '',
  compareTo: '',
  province: '',
  industry: '',
  size: '',
  by: '',
  limit: 20,
};

export type FilterField = 'period' | 'compareTo' | 'province' | 'industry' | 'size' | 'by' | 'limit';

export const TOP_CHOICES = [10, 20, 50, 100, 500];

export const provinceName = (code: string, lang: Lang) => currentProvince(code)?.name[lang] ?? code;
export const industryName = (code: string | null, lang: Lang) =>
  code === null ? '—' : `${code} · ${industrySection(code)?.name[lang] ?? ''}`;

/** The size classes the published size classifier gives (micro, small, …), read from its definition. */
export function useSizes(): string[] {
  const { api } = useSession();
  const [sizes, setSizes] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const { indices } = await api.listIndices();
      for (const i of indices.filter((x) => x.kind === 'classifier')) {
        const v = i.versions.filter((x) => x.status === 'published').at(-1);
        if (!v) continue;
        const def = (await api.getVersion(i.id, v.version)).definition as {
          outputs?: { name: string; values?: string[] }[];
        };
        const size = def.outputs?.find((o) => o.name === 'size')?.values;
        if (size?.length) {
          if (live) setSizes(size);
          return;
        }
      }
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return sizes;
}

export function FilterBar({
  fields,
  filters,
  onChange,
  periods,
  sizes,
  ownProvince,
}: {
  fields: FilterField[];
  filters: Filters;
  onChange(f: Filters): void;
  periods: PeriodItem[];
  sizes: string[];
  /** A department's province: shown, not chosen. */
  ownProvince: string | null;
}) {
  const { t, lang } = useSession();
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => onChange({ ...filters, [k]: v });
  const periodOptions = periods.map((p) => (
    <option key={p.id} value={p.id}>
      {p.current ? t('currentPeriod', { name: p.name }) : p.name}
    </option>
  ));
  const has = (f: FilterField) => fields.includes(f);
  return (
    <fieldset className="dash-filters" data-testid="dash-filters">
      <legend>{t('filters')}</legend>
      {has('period') && (
        <label>
          <span>{t('filterPeriod')}</span>
          <select value={filters.period} onChange={(e) => set('period', e.target.value)} data-testid="filter-period">
            {!periods.some((p) => p.current) && <option value="">—</option>}
            {periodOptions}
          </select>
        </label>
      )}
      {has('compareTo') && (
        <label>
          <span>{t('filterCompareTo')}</span>
          <select
            value={filters.compareTo}
            onChange={(e) => set('compareTo', e.target.value)}
            data-testid="filter-compare"
          >
            <option value="">{t('noComparison')}</option>
            {periodOptions}
          </select>
        </label>
      )}
      {has('province') &&
        (ownProvince ? (
          <p className="dash-fixed">
            <span>{t('filterProvince')}</span> <strong>{provinceName(ownProvince, lang)}</strong>
          </p>
        ) : (
          <label>
            <span>{t('filterProvince')}</span>
            <select
              value={filters.province}
              onChange={(e) => set('province', e.target.value)}
              data-testid="filter-province"
            >
              <option value="">{t('allProvinces')}</option>
              {currentProvinces().map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name[lang]}
                </option>
              ))}
            </select>
          </label>
        ))}
      {has('industry') && (
        <label>
          <span>{t('filterIndustry')}</span>
          <select
            value={filters.industry}
            onChange={(e) => set('industry', e.target.value)}
            data-testid="filter-industry"
          >
            <option value="">{t('allIndustries')}</option>
            {industrySections().map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} · {s.name[lang]}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('size') && (
        <label>
          <span>{t('filterSize')}</span>
          <select value={filters.size} onChange={(e) => set('size', e.target.value)} data-testid="filter-size">
            <option value="">{t('allSizes')}</option>
            {sizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('by') && (
        <label>
          <span>{t('filterBy')}</span>
          <select
            value={filters.by}
            onChange={(e) => set('by', e.target.value as Filters['by'])}
            data-testid="filter-by"
          >
            <option value="">{t('byNone')}</option>
            <option value="industry">{t('byIndustry')}</option>
            <option value="size">{t('bySize')}</option>
          </select>
        </label>
      )}
      {has('limit') && (
        <label>
          <span>{t('filterTop')}</span>
          <select
            value={filters.limit}
            onChange={(e) => set('limit', Number.parseInt(e.target.value, 10))}
            data-testid="filter-top"
          >
            {TOP_CHOICES.map((n) => (
              <option key={n} value={n}>
                {t('topN', { n })}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/**
 * Links to the server's export of a table with the same filters (CSV and XLSX; the session cookie goes along), its
 * headers in the portal's chosen language.
 */
export function ExportLinks({ table, path, query }: { table: string; path: string; query: DashQuery }) {
  const { t, lang } = useSession();
  return (
    <p className="dash-exports" data-testid={`export-${path.split('/').pop()}`}>
      <span className="muted">{t('download')}:</span>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          className="button"
          href={`${API_BASE}${path}${queryString({ ...query, format, lang })}`}
          download
          aria-label={t('downloadAs', { table, format: format.toUpperCase() })}
          data-testid={`download-${format}`}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </p>
  );
}
