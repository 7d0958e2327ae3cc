// The signed-in party's assessments. An enterprise sees its facts, the index that applies to it (from the size
// classification, with the classifier's exact version) and its assessments, and starts a self-assessment; reviewers
// (consultant, provincial department, Ministry) see the files the API lets them see, filtered by status.
import { useEffect, useState } from 'react';
import type { Assessment, ColumnName, Enterprise } from '../api.ts';
import { navigate } from '../route.ts';
import { useSession } from '../session.tsx';
import type { StringKey } from '../strings.ts';
import { Link } from './home.tsx';
import { QueueScreen } from './review/queue-screen.tsx';

const COLUMNS: ColumnName[] = ['ministry', 'department', 'consultant', 'self'];

/** The newest column's result: what the file says now. */
export function latestResult(a: Assessment) {
  for (const c of COLUMNS) if (a.columns[c]) return { column: c, result: a.columns[c]!.result };
  return null;
}

/** An enterprise's own assessments; reviewers (consultant, department, Ministry) get their queue. */
export function AssessmentsScreen() {
  const { account } = useSession();
  if (account && account.role !== 'enterprise') return <QueueScreen />;
  return <PartyAssessments />;
}

function PartyAssessments() {
  const { api, t, account, showError } = useSession();
  const [list, setList] = useState<Assessment[] | null>(null);
  const [enterprises, setEnterprises] = useState<Enterprise[]>([]);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const isEnterprise = account?.role === 'enterprise';

  useEffect(() => {
    if (!account) return;
    api.assessments().then((r) => setList(r.items), showError);
    api.enterprises().then((r) => setEnterprises(r.items), showError);
  }, [api, account, showError]);

  if (account === undefined) return <p aria-busy="true">{t('loading')}</p>;
  if (account === null)
    return (
      <div className="page narrow">
        <p>{t('notSignedIn')}</p>
        <Link className="button primary" to={{ name: 'sign-in' }}>
          {t('signIn')}
        </Link>
      </div>
    );

  const shown = (list ?? []).filter((a) => !status || a.status === status);
  const start = (taxCode: string) => {
    setBusy(true);
    api.startAssessment(taxCode).then(
      (a) => navigate({ name: 'assessment', id: a.id }),
      (e: unknown) => {
        setBusy(false);
        showError(e);
      },
    );
  };
  return (
    <div className="page" data-testid="assessments-screen">
      <h1>{isEnterprise ? t('navAssessments') : t('queueTitle')}</h1>
      {isEnterprise &&
        enterprises.map((e) => (
          <section key={e.taxCode} className="card" data-testid="enterprise-card">
            <h2>{e.name}</h2>
            <dl className="facts">
              <dt>{t('taxCode')}</dt>
              <dd>{e.taxCode}</dd>
              <dt>{t('size')}</dt>
              <dd>
                {e.classification.size} · {t('sizeFacts', { employees: e.employees })}
              </dd>
              <dt>{t('indexApplies')}</dt>
              <dd>
                {e.classification.index}{' '}
                <span className="muted">
                  (
                  {t('classifiedBy', {
                    ref: `${e.classification.classifier.id}@${e.classification.classifier.version}`,
                  })}
                  )
                </span>
              </dd>
            </dl>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => start(e.taxCode)}
              data-testid="start-assessment"
            >
              {t('startAssessment')}
            </button>
          </section>
        ))}
      <div className="toolbar">
        <label>
          <span>{t('status')}</span>{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="status-filter">
            <option value="">—</option>
            {['draft', 'submitted', 'reviewed', 'appraised', 'certified'].map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : shown.length === 0 ? (
        <p>{isEnterprise ? t('noAssessments') : t('queueEmpty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('assessmentsTitle')}>
          <table className="list-table" data-testid="assessment-list">
            <thead>
              <tr>
                <th scope="col">{t('enterprise')}</th>
                <th scope="col">{t('certIndex')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('level')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => {
                const latest = latestResult(a);
                return (
                  <tr key={a.id}>
                    <td>{enterprises.find((e) => e.taxCode === a.taxCode)?.name ?? a.taxCode}</td>
                    <td>
                      {a.index.id}@{a.index.version}
                    </td>
                    <td>
                      <span className={`badge status-${a.status}`}>{t(`status_${a.status}` as StringKey)}</span>
                    </td>
                    <td>{latest ? latest.result.level : '—'}</td>
                    <td>
                      <Link to={{ name: 'assessment', id: a.id }}>{t('open')}</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
