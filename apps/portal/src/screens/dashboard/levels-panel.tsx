// Level distribution and pillar mean levels (GET /provinces/levels) of the whole country or one province, as bar
// charts (recharts) with the same figures in tables beside them; with a comparison period, both periods side by side.
// The mean levels are the server's exact decimal strings: the labels show them as given, and they are read as numbers
// only to draw the bars' lengths.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { queryString, type DashQuery, type LevelFigures } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { ExportLinks, type Filters } from './filters.tsx';
import { useLoad } from './use-load.ts';

const NOW = '#0b3d6e';
const BEFORE = '#b35900';

export function LevelsPanel({ filters }: { filters: Filters }) {
  const { api, t } = useSession();
  const query: DashQuery = {
    period: filters.period,
    compareTo: filters.compareTo,
    province: filters.province,
    industry: filters.industry,
    size: filters.size,
  };
  const data = useLoad(`levels${queryString(query)}`, () => api.levels(query));
  const title = t('levelsTitle');
  if (data === null)
    return (
      <section className="dash-panel" data-testid="levels-panel">
        <h2>{title}</h2>
        <p aria-busy="true">{t('loading')}</p>
      </section>
    );
  const prev = data.previous;
  const nowName = t('periodValue', { period: data.period });
  const prevName = prev ? t('periodValue', { period: prev.period }) : '';
  const levelRows = data.distribution.map((d) => ({
    label: t('levelN', { n: d.level }),
    now: d.count,
    before: prev?.distribution.find((x) => x.level === d.level)?.count ?? 0,
  }));
  const pillarIds = [...new Set([...data.pillars, ...(prev?.pillars ?? [])].map((p) => p.id))];
  const mean = (f: LevelFigures | undefined, id: string) => f?.pillars.find((p) => p.id === id)?.meanLevel ?? null;
  const pillarRows = pillarIds.map((id) => {
    const a = mean(data, id);
    const b = mean(prev, id);
    return {
      label: t('pillarN', { id }),
      // Bar lengths only; the labels are the server's strings.
      now: a ? Number(a.display) : 0,
      nowText: a?.display ?? '—',
      before: b ? Number(b.display) : 0,
      beforeText: b?.display ?? '—',
    };
  });
  const top = data.distribution.at(-1)?.level ?? 5;
  const ticks = data.distribution.map((d) => d.level);
  return (
    <section className="dash-panel" aria-labelledby="levels-title" data-testid="levels-panel">
      <h2 id="levels-title">{title}</h2>
      <p className="muted">{t('levelsIntro', { n: data.enterprises })}</p>
      <ExportLinks table={title} path="/provinces/levels" query={query} />
      <div className="dash-charts">
        <figure className="chart" data-testid="levels-chart">
          <figcaption>{title}</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={levelRows} margin={{ top: 20, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              {prev && <Legend />}
              <Bar dataKey="now" name={nowName} fill={NOW} isAnimationActive={false}>
                <LabelList dataKey="now" position="top" />
              </Bar>
              {prev && (
                <Bar dataKey="before" name={prevName} fill={BEFORE} isAnimationActive={false}>
                  <LabelList dataKey="before" position="top" />
                </Bar>
              )}
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" data-testid="pillars-chart">
          <figcaption>{t('pillarMeans')}</figcaption>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={pillarRows} margin={{ top: 20, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" />
              <YAxis domain={[0, top]} ticks={ticks} allowDecimals={false} />
              {prev && <Legend />}
              {/* Two labels per pillar would overlap: with a comparison the table below carries the figures. */}
              <Bar dataKey="now" name={nowName} fill={NOW} isAnimationActive={false}>
                {!prev && <LabelList dataKey="nowText" position="top" />}
              </Bar>
              {prev && <Bar dataKey="before" name={prevName} fill={BEFORE} isAnimationActive={false} />}
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
        <table className="list-table num-table" data-testid="levels-table">
          <thead>
            <tr>
              <th scope="col">{t('level')}</th>
              <th scope="col">{nowName}</th>
              {prev && <th scope="col">{prevName}</th>}
            </tr>
          </thead>
          <tbody>
            {levelRows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.now}</td>
                {prev && <td>{r.before}</td>}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('meanLevel')}</th>
              <td>{data.meanLevel?.display ?? '—'}</td>
              {prev && <td>{prev.meanLevel?.display ?? '—'}</td>}
            </tr>
          </tbody>
        </table>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('pillarMeans')}>
        <table className="list-table num-table" data-testid="pillars-table">
          <thead>
            <tr>
              <th scope="col">{t('pillar')}</th>
              <th scope="col">{nowName}</th>
              {prev && <th scope="col">{prevName}</th>}
            </tr>
          </thead>
          <tbody>
            {pillarRows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.nowText}</td>
                {prev && <td>{r.beforeText}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
