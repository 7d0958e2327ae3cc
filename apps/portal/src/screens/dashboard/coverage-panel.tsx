// Coverage per period (GET /provinces/coverage): registered, self-assessed, reviewed and certified enterprises per
// province, or per province and industry or size. A department's answer is its province's.
import { queryString, type DashQuery } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { ExportLinks, industryName, provinceName, type Filters } from './filters.tsx';
import { useLoad } from './use-load.ts';

export function CoveragePanel({ filters }: { filters: Filters }) {
  const { api, t, lang } = useSession();
  const query: DashQuery = { period: filters.period, province: filters.province, by: filters.by };
  const data = useLoad(`coverage${queryString(query)}`, () => api.coverage(query));
  const title = t('coverageTitle');
  return (
    <section className="dash-panel" aria-labelledby="coverage-title" data-testid="coverage-panel">
      <h2 id="coverage-title">{title}</h2>
      <p className="muted">{t('coverageIntro')}</p>
      <ExportLinks table={title} path="/provinces/coverage" query={query} />
      {data === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : data.items.length === 0 ? (
        <p>{t('noRows')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table className="list-table num-table" data-testid="coverage-table">
            <caption className="visually-hidden">
              {title} · {t('periodValue', { period: data.period })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('province')}</th>
                {data.by && <th scope="col">{data.by === 'industry' ? t('industry') : t('filterSize')}</th>}
                <th scope="col">{t('covRegistered')}</th>
                <th scope="col">{t('selfAssessed')}</th>
                <th scope="col">{t('reviewed')}</th>
                <th scope="col">{t('certified')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={`${r.province}/${r.key ?? ''}`}>
                  <th scope="row">{provinceName(r.province, lang)}</th>
                  {data.by && (
                    <td className="wide-cell">{data.by === 'industry' ? industryName(r.key, lang) : (r.key ?? '—')}</td>
                  )}
                  <td>{r.registered}</td>
                  <td>{r.selfAssessed}</td>
                  <td>{r.reviewed}</td>
                  <td>{r.certified}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
