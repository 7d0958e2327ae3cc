// The dashboards of a provincial department (its province) and the Ministry (the whole country, or one province):
// coverage, level distribution and pillar means, rankings with top-N lists, the provincial index across provinces,
// comparison between two periods, and the enterprise list import. Every figure is the server's (exact decimal
// strings shown as given); every table links to the server's CSV and XLSX export with the same filters.
import { useEffect, useState } from 'react';
import type { PeriodItem } from '../../api.ts';
import { DASH_TABS, type DashTab } from '../../route.ts';
import { useSession } from '../../session.tsx';
import type { StringKey } from '../../strings.ts';
import { Link } from '../home.tsx';
import { CoveragePanel } from './coverage-panel.tsx';
import { EMPTY_FILTERS, FilterBar, provinceName, useSizes, type FilterField, type Filters } from './filters.tsx';
import { ImportPanel } from './import-panel.tsx';
import { LevelsPanel } from './levels-panel.tsx';
import { ProvincesPanel } from './provinces-panel.tsx';
import { RankingsPanel } from './rankings-panel.tsx';

const FIELDS: Record<DashTab, FilterField[]> = {
  coverage: ['period', 'province', 'by'],
  levels: ['period', 'compareTo', 'province', 'industry', 'size'],
  rankings: ['period', 'province', 'industry', 'size', 'limit'],
  provinces: ['period', 'compareTo', 'industry', 'size'],
  import: [],
};

export function DashboardScreen({ tab }: { tab: DashTab }) {
  const { api, t, lang, account, showError } = useSession();
  const [periods, setPeriods] = useState<PeriodItem[]>([]);
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const sizes = useSizes();
  const isMinistry = account?.role === 'ministry-editor' || account?.role === 'ministry-publisher';
  const isDepartment = account?.role === 'provincial-department' && !!account.scope;
  const ownProvince = isDepartment ? account!.scope : null;

  useEffect(() => {
    if (!isMinistry && !isDepartment) return;
    api.periods().then((r) => {
      setPeriods(r.items);
      const current = r.items.find((p) => p.current);
      if (current) setFilters((f) => (f.period ? f : { ...f, period: current.id }));
    }, showError);
  }, [api, isMinistry, isDepartment, showError]);

  if (account === undefined) return <p aria-busy="true">{t('loading')}</p>;
  if (!isMinistry && !isDepartment)
    return (
      <div className="page narrow">
        <p>{account === null ? t('notSignedIn') : t('dashNotAllowed')}</p>
        {account === null && (
          <Link className="button primary" to={{ name: 'sign-in' }}>
            {t('signIn')}
          </Link>
        )}
      </div>
    );

  // A department always looks at its own province.
  const effective: Filters = ownProvince ? { ...filters, province: ownProvince } : filters;
  return (
    <div className="page dash" data-testid="dashboard">
      <h1>{t('dashTitle')}</h1>
      <p>
        {ownProvince ? t('dashIntroProvince', { province: provinceName(ownProvince, lang) }) : t('dashIntroCountry')}
      </p>
      <nav className="dash-tabs" aria-label={t('dashTabs')}>
        <ul>
          {DASH_TABS.map((name) => (
            <li key={name}>
              <Link to={{ name: 'dashboard', tab: name }} className={name === tab ? 'current' : undefined}>
                <span aria-current={name === tab ? 'page' : undefined} data-testid={`tab-${name}`}>
                  {t(`tab_${name}` as StringKey)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {FIELDS[tab].length > 0 && (
        <FilterBar
          fields={FIELDS[tab]}
          filters={effective}
          onChange={setFilters}
          periods={periods}
          sizes={sizes}
          ownProvince={ownProvince}
        />
      )}
      {tab === 'coverage' && <CoveragePanel filters={effective} />}
      {tab === 'levels' && <LevelsPanel filters={effective} />}
      {tab === 'rankings' && <RankingsPanel filters={effective} />}
      {tab === 'provinces' && <ProvincesPanel filters={effective} ownProvince={ownProvince} />}
      {tab === 'import' && <ImportPanel />}
    </div>
  );
}
