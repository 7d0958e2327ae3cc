// Rankings (GET /rankings) by size, industry, province and period, a page of N at a time: the first page is the
// top-N list for honours. The export carries the page shown (same limit and cursor), ranks as the server gave them.
import { useState } from 'react';
import { queryString, type DashQuery } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { ExportLinks, industryName, provinceName, type Filters } from './filters.tsx';
import { useLoad } from './use-load.ts';

export function RankingsPanel({ filters }: { filters: Filters }) {
  const { api, t, lang } = useSession();
  const base: DashQuery = {
    period: filters.period,
    province: filters.province,
    industry: filters.industry,
    size: filters.size,
    limit: filters.limit,
  };
  const baseKey = queryString(base);
  // The cursors of the pages visited (the first page has none), reset when a filter changes.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: baseKey, cursors: [] });
  const cursors = pages.key === baseKey ? pages.cursors : [];
  const after = cursors.at(-1);
  const query: DashQuery = { ...base, after };
  const data = useLoad(`rankings${queryString(query)}`, () => api.rankings(query));
  const title = t('rankingsTitle');
  const from = cursors.length * filters.limit + 1;
  return (
    <section className="dash-panel" aria-labelledby="rankings-title" data-testid="rankings-panel">
      <h2 id="rankings-title">{title}</h2>
      <p className="muted">{t('honoursNote')}</p>
      <ExportLinks table={title} path="/rankings" query={query} />
      {data === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <p>{t('rankingsIntro', { count: data.count })}</p>
          {data.items.length === 0 ? (
            <p>{t('noRows')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
              <table className="list-table" data-testid="rankings-table">
                <thead>
                  <tr>
                    <th scope="col">{t('rank')}</th>
                    <th scope="col">{t('enterprise')}</th>
                    <th scope="col">{t('province')}</th>
                    <th scope="col">{t('industry')}</th>
                    <th scope="col">{t('size')}</th>
                    <th scope="col">{t('level')}</th>
                    <th scope="col">{t('rankPoints')}</th>
                    <th scope="col">{t('certificate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.taxCode}>
                      <td>{r.rank}</td>
                      <th scope="row">
                        {r.name}
                        <br />
                        <small className="muted">{r.taxCode}</small>
                      </th>
                      <td>{provinceName(r.province, lang)}</td>
                      <td className="wide-cell">{industryName(r.industry, lang)}</td>
                      <td>{r.size}</td>
                      <td>{r.level}</td>
                      <td className="nowrap">
                        {r.total}/{r.max}
                      </td>
                      <td className="nowrap">{r.certificateNumber ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="pager">
            <button
              type="button"
              disabled={cursors.length === 0}
              onClick={() => setPages({ key: baseKey, cursors: cursors.slice(0, -1) })}
              data-testid="page-previous"
            >
              {t('previousPage')}
            </button>
            {data.items.length > 0 && (
              <span>{t('pageOf', { from, to: from + data.items.length - 1, count: data.count })}</span>
            )}
            <button
              type="button"
              disabled={data.next === null}
              onClick={() => data.next && setPages({ key: baseKey, cursors: [...cursors, data.next] })}
              data-testid="page-next"
            >
              {t('nextPage')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
