// The reviewers' queue: the files the server lets the caller see (a consultant its assignments, a department its
// province, the Ministry all), filtered by status and period on the server and by index here; each opens the review
// screen. Files waiting on the caller are listed first.
import { useEffect, useMemo, useState } from 'react';
import type { Assessment, Enterprise } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { StringKey } from '../../strings.ts';
import { effectiveColumn } from '@dbi/schema';
import { Link } from '../home.tsx';
import { colKey } from './columns-view.tsx';

/** The state each role acts on first (the Decision's order: reviewers on submitted files, the Ministry on reviewed). */
const WAITING: Record<string, string> = {
  consultant: 'submitted',
  'provincial-department': 'submitted',
  'ministry-editor': 'reviewed',
  'ministry-publisher': 'reviewed',
};

export function QueueScreen() {
  const { api, t, account, showError } = useSession();
  const waiting = account ? (WAITING[account.role] ?? '') : '';
  const [status, setStatus] = useState(waiting);
  const [period, setPeriod] = useState('');
  const [index, setIndex] = useState('');
  const [list, setList] = useState<Assessment[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [periods, setPeriods] = useState<{ id: string; name: string }[]>([]);

  // A consultant account acts as a consultant only once the Ministry recognised it (its scope is the record's id).
  const unrecognised = account?.role === 'consultant' && !account.scope;
  useEffect(() => {
    if (!account || unrecognised) return;
    api.periods().then((p) => setPeriods(p.items), showError);
    api.enterprises().then((r) => setNames(new Map(r.items.map((e: Enterprise) => [e.taxCode, e.name]))), showError);
  }, [api, account, unrecognised, showError]);
  useEffect(() => {
    if (!account || unrecognised) return;
    setList(null);
    api.assessmentPage({ status, period }).then((r) => {
      setList(r.items);
      setMore(r.next);
    }, showError);
  }, [api, account, unrecognised, status, period, showError]);

  const indices = useMemo(() => [...new Set((list ?? []).map((a) => a.index.id))].sort(), [list]);
  const shown = (list ?? []).filter((a) => !index || a.index.id === index);
  const isMinistry = account?.role === 'ministry-editor' || account?.role === 'ministry-publisher';

  if (unrecognised)
    return (
      <div className="page narrow" data-testid="queue-screen">
        <h1>{t('queueTitle')}</h1>
        <p className="notice" data-testid="not-recognised">
          {t('consultantWaiting')}
        </p>
      </div>
    );
  return (
    <div className="page" data-testid="queue-screen">
      <h1>{isMinistry ? t('appraisalQueue') : t('queueTitle')}</h1>
      <p className="muted">{t(`queueIntro_${account?.role ?? 'consultant'}` as StringKey)}</p>
      <form className="toolbar filters" onSubmit={(e) => e.preventDefault()} aria-label={t('filters')}>
        <label>
          <span>{t('status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="queue-status">
            <option value="">{t('all')}</option>
            {['draft', 'submitted', 'reviewed', 'appraised', 'certified', 'cancelled'].map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="queue-period">
            <option value="">{t('all')}</option>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('certIndex')}</span>
          <select value={index} onChange={(e) => setIndex(e.target.value)} data-testid="queue-index">
            <option value="">{t('all')}</option>
            {indices.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
      </form>
      {list === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : shown.length === 0 ? (
        <p data-testid="queue-empty">{t('queueEmpty')}</p>
      ) : (
        <ul className="queue-list" data-testid="queue-list">
          {shown.map((a) => {
            // The column that stands for the file's result now (the workflow rules' own choice).
            const col = effectiveColumn(a.columns);
            const latest = col ? { column: col, result: a.columns[col]!.result } : null;
            return (
              <li key={a.id} className="card queue-item" data-testid={`queue-${a.taxCode}`}>
                <h2>
                  <Link to={{ name: 'assessment', id: a.id }}>{names.get(a.taxCode) ?? a.taxCode}</Link>
                </h2>
                <p className="queue-meta">
                  <span className={`badge status-${a.status}`}>{t(`status_${a.status}` as StringKey)}</span> {a.taxCode}{' '}
                  · {a.index.id}@{a.index.version} · {t('period')} {a.period ?? '—'}
                  {latest && (
                    <>
                      {' '}
                      · {t(colKey(latest.column))}: {t('level')} {latest.result.level}
                    </>
                  )}
                  {a.requested && <> · {t('requestedBy', { party: t(colKey(a.requested)) })}</>}
                </p>
                {a.returned && (
                  <p className="muted small">{t('returnedNote', { reason: a.returned.reason, by: a.returned.by })}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {more && (
        <button
          type="button"
          onClick={() =>
            api.assessmentPage({ status, period, after: more }).then((r) => {
              setList((l) => [...(l ?? []), ...r.items]);
              setMore(r.next);
            }, showError)
          }
        >
          {t('showMore')}
        </button>
      )}
    </div>
  );
}
