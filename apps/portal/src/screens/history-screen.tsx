// An enterprise's assessments compared pillar by pillar: a radar chart (recharts) with one outline per assessment,
// and the same numbers as a table (the chart's accessible equivalent).
import { useEffect, useState } from 'react';
import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
} from 'recharts';
import type { Assessment } from '../api.ts';
import { useSession } from '../session.tsx';
import type { StringKey } from '../strings.ts';
import { latestResult } from './assessments-screen.tsx';

const COLOURS = ['#0b3d6e', '#b35900', '#1b7a3a', '#7a1f5c', '#5b5b00', '#00627a'];

export function HistoryScreen() {
  const { api, t, account, showError } = useSession();
  const [list, setList] = useState<Assessment[] | null>(null);
  useEffect(() => {
    if (account) api.assessments().then((r) => setList(r.items), showError);
  }, [api, account, showError]);
  if (account === null) return <p>{t('notSignedIn')}</p>;
  if (list === null) return <p aria-busy="true">{t('loading')}</p>;
  const scored = list
    .map((a) => ({ a, latest: latestResult(a) }))
    .filter((x): x is { a: Assessment; latest: NonNullable<ReturnType<typeof latestResult>> } => x.latest !== null);
  const pillarIds = [...new Set(scored.flatMap((x) => x.latest.result.pillars.map((p) => p.id)))];
  const label = (x: (typeof scored)[number], i: number) =>
    `${i + 1}. ${x.a.period ?? x.a.index.id + '@' + x.a.index.version} (${t(`status_${x.a.status}` as StringKey)})`;
  const data = pillarIds.map((id) => {
    const row: Record<string, string | number> = { pillar: `${t('pillar')} ${id}` };
    scored.forEach((x, i) => {
      row[`s${i}`] = x.latest.result.pillars.find((p) => p.id === id)?.level ?? 0;
    });
    return row;
  });
  const top = Math.max(5, ...scored.flatMap((x) => x.latest.result.pillars.map((p) => p.level)));
  return (
    <div className="page" data-testid="history-screen">
      <h1>{t('historyTitle')}</h1>
      <p>{t('historyIntro')}</p>
      {scored.length === 0 ? (
        <p>{t('historyEmpty')}</p>
      ) : (
        <>
          <div className="chart" role="figure" aria-label={t('historyIntro')} data-testid="radar">
            <ResponsiveContainer width="100%" height={360}>
              <RadarChart data={data} outerRadius="70%">
                <PolarGrid />
                <PolarAngleAxis dataKey="pillar" />
                <PolarRadiusAxis domain={[0, top]} tickCount={top + 1} />
                {scored.map((x, i) => (
                  <Radar
                    key={x.a.id}
                    name={label(x, i)}
                    dataKey={`s${i}`}
                    stroke={COLOURS[i % COLOURS.length]}
                    fill={COLOURS[i % COLOURS.length]}
                    fillOpacity={0.15}
                    isAnimationActive={false}
                  />
                ))}
                <Legend />
                <Tooltip />
              </RadarChart>
            </ResponsiveContainer>
          </div>
          <h2>{t('historyTable')}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('historyTable')}>
            <table className="list-table" data-testid="history-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  {pillarIds.map((id) => (
                    <th key={id} scope="col">
                      {t('pillar')} {id}
                    </th>
                  ))}
                  <th scope="col">{t('overall')}</th>
                </tr>
              </thead>
              <tbody>
                {scored.map((x, i) => (
                  <tr key={x.a.id}>
                    <th scope="row">{label(x, i)}</th>
                    {pillarIds.map((id) => (
                      <td key={id}>{x.latest.result.pillars.find((p) => p.id === id)?.level ?? '—'}</td>
                    ))}
                    <td>{x.latest.result.level}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
