// The provincial index across provinces (GET /provinces/index): each province's mean share, 10-point score, Z-score
// and min-max score as the server gives them (exact decimal strings), the national μ and σ, and the method in the
// server's own words. With a comparison period, that period's 10-point score and Z-score beside each province.
import { useState } from 'react';
import { queryString, type DashQuery, type ProvinceStanding } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { ExportLinks, provinceName, type Filters } from './filters.tsx';
import { useLoad } from './use-load.ts';

export function ProvincesPanel({ filters, ownProvince }: { filters: Filters; ownProvince: string | null }) {
  const { api, t, lang } = useSession();
  const [showEmpty, setShowEmpty] = useState(false);
  const query: DashQuery = {
    period: filters.period,
    compareTo: filters.compareTo,
    industry: filters.industry,
    size: filters.size,
  };
  const data = useLoad(`provinces${queryString(query)}`, () => api.provincesIndex(query));
  const title = t('provincesTitle');
  if (data === null)
    return (
      <section className="dash-panel" data-testid="provinces-panel">
        <h2>{title}</h2>
        <p aria-busy="true">{t('loading')}</p>
      </section>
    );
  const prev = data.previous;
  const before = new Map<string, ProvinceStanding>((prev?.items ?? []).map((p) => [p.province, p]));
  const rows = data.items.filter(
    (p) =>
      showEmpty || p.enterprises > 0 || (before.get(p.province)?.enterprises ?? 0) > 0 || p.province === ownProvince,
  );
  return (
    <section className="dash-panel" aria-labelledby="provinces-title" data-testid="provinces-panel">
      <h2 id="provinces-title">{title}</h2>
      <p className="muted">{t('provincesIntro')}</p>
      <p data-testid="national-figures">
        {t('nationalFigures', {
          n: data.provincesWithResults,
          mean: data.mean?.display ?? '—',
          sigma: data.sigma ?? '—',
        })}
      </p>
      <details className="method" open>
        <summary>{t('method')}</summary>
        <p data-testid="index-method">{data.method}</p>
      </details>
      <ExportLinks table={title} path="/provinces/index" query={query} />
      <label className="check">
        <input
          type="checkbox"
          checked={showEmpty}
          onChange={(e) => setShowEmpty(e.target.checked)}
          data-testid="show-empty"
        />{' '}
        {t('showEmptyProvinces')}
      </label>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
        <table className="list-table num-table" data-testid="provinces-table">
          <caption className="visually-hidden">
            {title} · {t('periodValue', { period: data.period })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('province')}</th>
              <th scope="col">{t('enterprisesAtLevel')}</th>
              <th scope="col">{t('meanShare')}</th>
              <th scope="col">{t('score10')}</th>
              <th scope="col">{t('zScore')}</th>
              <th scope="col">{t('minMax10')}</th>
              {prev && (
                <>
                  <th scope="col">
                    {t('enterprisesAtLevel')} · {prev.period}
                  </th>
                  <th scope="col">
                    {t('score10')} · {prev.period}
                  </th>
                  <th scope="col">
                    {t('zScore')} · {prev.period}
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const b = before.get(p.province);
              const own = p.province === ownProvince;
              return (
                <tr key={p.province} className={own ? 'own' : undefined} data-testid={`province-${p.province}`}>
                  <th scope="row">
                    {provinceName(p.province, lang)}
                    {own && <small className="muted"> · {t('yourProvince')}</small>}
                  </th>
                  <td>{p.enterprises}</td>
                  <td>{p.meanShare?.display ?? '—'}</td>
                  <td>{p.score10?.display ?? '—'}</td>
                  <td>{p.z?.display ?? '—'}</td>
                  <td>{p.minMax10?.display ?? '—'}</td>
                  {prev && (
                    <>
                      <td>{b?.enterprises ?? 0}</td>
                      <td>{b?.score10?.display ?? '—'}</td>
                      <td>{b?.z?.display ?? '—'}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
