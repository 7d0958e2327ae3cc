// An impact analysis report (the API's `/impact`, the engine's `impact`) in a reader's words: how many enterprises
// change level overall and per pillar, the distributions before and after, by province and size, what could not be
// carried, and — when the report has them (Ministry roles) — the enterprises that cross a level.
import type { ImpactReportBody } from '@dbi/schema';
import { useLang } from '../context.js';
import type { Lang } from '../types.js';

const WORDS = {
  vi: {
    title: 'Tác động của {draft} so với {base}',
    assessments: '{n} bản đánh giá được chấm lại',
    unanswered: '{n} chưa có câu trả lời',
    up: 'Tăng mức',
    down: 'Giảm mức',
    same: 'Giữ mức',
    level: 'Mức',
    before: 'Trước',
    after: 'Sau',
    pillar: 'Trụ cột',
    province: 'Tỉnh/thành',
    size: 'Quy mô',
    count: 'Số DN',
    notCarried: 'Tiêu chí không chuyển được',
    crossings: 'Doanh nghiệp đổi mức (chỉ Bộ xem)',
    enterprise: 'Doanh nghiệp',
    none: 'Không có',
  },
  en: {
    title: 'Impact of {draft} against {base}',
    assessments: '{n} assessments re-scored',
    unanswered: '{n} without answers',
    up: 'Up',
    down: 'Down',
    same: 'Same',
    level: 'Level',
    before: 'Before',
    after: 'After',
    pillar: 'Pillar',
    province: 'Province',
    size: 'Size',
    count: 'Enterprises',
    notCarried: 'Criteria not carried',
    crossings: 'Enterprises crossing a level (Ministry only)',
    enterprise: 'Enterprise',
    none: 'None',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export function ImpactReportView({ report }: { report: ImpactReportBody }) {
  const w = WORDS[useLang()];
  const ref = (s: { id: string; version: string }) => `${s.id}@${s.version}`;
  const levels = [...new Set([...Object.keys(report.overall.before), ...Object.keys(report.overall.after)])].sort(
    (a, b) => Number(a) - Number(b),
  );
  const groups = (title: string, table: ImpactReportBody['byProvince'], testId: string) => (
    <table className="dbi-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{title}</th>
          <th>{w.count}</th>
          <th>{w.up}</th>
          <th>{w.down}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(table)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, g]) => (
            <tr key={k}>
              <td>{k}</td>
              <td>{g.assessments}</td>
              <td>{g.up}</td>
              <td>{g.down}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
  return (
    <section className="dbi-panel dbi-impact" data-testid="impact-report">
      <h4>{w.title.replace('{draft}', ref(report.draft)).replace('{base}', ref(report.base))}</h4>
      <p>
        <span data-testid="impact-assessments">{w.assessments.replace('{n}', String(report.assessments))}</span>
        {report.unanswered > 0 && ` · ${w.unanswered.replace('{n}', String(report.unanswered))}`}
      </p>
      <p className="dbi-impact__moves">
        <strong data-testid="impact-up">
          {w.up}: {report.overall.up}
        </strong>{' '}
        ·{' '}
        <strong data-testid="impact-down">
          {w.down}: {report.overall.down}
        </strong>{' '}
        · {w.same}: {report.overall.same}
      </p>
      <table className="dbi-table" data-testid="impact-distribution">
        <thead>
          <tr>
            <th>{w.level}</th>
            {levels.map((l) => (
              <th key={l}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{w.before}</th>
            {levels.map((l) => (
              <td key={l}>{report.overall.before[l] ?? 0}</td>
            ))}
          </tr>
          <tr>
            <th>{w.after}</th>
            {levels.map((l) => (
              <td key={l}>{report.overall.after[l] ?? 0}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="dbi-table" data-testid="impact-pillars">
        <thead>
          <tr>
            <th>{w.pillar}</th>
            <th>{w.up}</th>
            <th>{w.down}</th>
            <th>{w.same}</th>
          </tr>
        </thead>
        <tbody>
          {report.pillars.map((p) => (
            <tr key={p.id}>
              <td>{p.id}</td>
              <td>{p.up}</td>
              <td>{p.down}</td>
              <td>{p.same}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups(w.province, report.byProvince, 'impact-provinces')}
      {groups(w.size, report.bySize, 'impact-sizes')}
      <h4>{w.notCarried}</h4>
      {report.notCarried.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul data-testid="impact-not-carried">
          {report.notCarried.map((n) => (
            <li key={`${n.side}:${n.id}:${n.code}`}>
              {n.id} — {n.code} ({n.assessments})
            </li>
          ))}
        </ul>
      )}
      {report.crossings && (
        <>
          <h4>{w.crossings}</h4>
          <table className="dbi-table" data-testid="impact-crossings">
            <thead>
              <tr>
                <th>{w.enterprise}</th>
                <th>{w.province}</th>
                <th>{w.before}</th>
                <th>{w.after}</th>
              </tr>
            </thead>
            <tbody>
              {report.crossings.map((c) => (
                <tr key={c.assessmentId}>
                  <td>
                    {c.name} ({c.taxCode})
                  </td>
                  <td>{c.province}</td>
                  <td>{c.before}</td>
                  <td>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
