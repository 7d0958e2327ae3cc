// One file as a reviewer sees it (consultant, provincial department, Ministry): the enterprise's answers and evidence
// beside every written column, the caller's own column to accept or adjust per criterion with a reason, its live
// result by the engine, and the steps the workflow rules allow the caller now (review, return, appraise, certify,
// assess directly, revoke). The server checks every step again; this screen only asks the same rules what to offer.
import { score, EngineError } from '@dbi/engine';
import { currentProvince } from '@dbi/reference';
import { adjustmentsWithoutReason, type ScoreResult, type Step } from '@dbi/schema';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Assessment, ColumnName, Enterprise } from '../../api.ts';
import { loadIndex, type LoadedIndex } from '../../definitions.ts';
import { useSession } from '../../session.tsx';
import type { StringKey } from '../../strings.ts';
import { Link } from '../home.tsx';
import { CertificatePanel } from './certificate-panel.tsx';
import { allowedSteps, baseColumn, COLUMNS, mayWrite, ownColumn } from './columns.ts';
import { colKey, ColumnsView, criteriaByPillar, type Draft } from './columns-view.tsx';

type Pending = null | { kind: 'return' } | { kind: 'revoke' };

export function ReviewScreen({ id }: { id: string }) {
  const { api, t, tx, account, showError } = useSession();
  const [a, setA] = useState<Assessment | null>(null);
  const [ent, setEnt] = useState<Enterprise | null>(null);
  const [loaded, setLoaded] = useState<LoadedIndex | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending>(null);

  useEffect(() => {
    if (!account) return;
    api.assessment(id).then((x) => {
      setA(x);
      return Promise.all([
        api.enterprise(x.taxCode).then(setEnt),
        loadIndex(api, x.index.id, x.index.version).then(setLoaded),
      ]);
    }, showError);
  }, [api, id, account, showError]);

  const own = ownColumn(account);
  const base = a && own ? baseColumn(a, own) : null;
  const editable = !!(a && ent && account && own && mayWrite(a, ent.province, account, own));
  const def = loaded?.compiled?.definition;

  // The draft of the caller's column: as written, else the column it builds on (every criterion named).
  const startDraft = useCallback(
    (x: Assessment) => {
      if (!def || !own) return;
      const from = x.columns[own] ?? (base ? x.columns[base] : undefined);
      const answers: Record<string, number | null> = {};
      for (const { criteria } of criteriaByPillar(def))
        for (const c of criteria) {
          const v = from?.answers[c.id];
          answers[c.id] = typeof v === 'number' ? v : null;
        }
      setDraft({ answers, reasons: { ...(x.columns[own]?.reasons ?? {}) } });
      setDirty(false);
    },
    [def, own, base],
  );
  useEffect(() => {
    if (a && editable && draft === null) startDraft(a);
  }, [a, editable, draft, startDraft]);

  const onAnswer = useCallback((cid: string, v: number | null) => {
    setDraft((d) => d && { ...d, answers: { ...d.answers, [cid]: v } });
    setDirty(true);
  }, []);
  const onReason = useCallback((cid: string, r: string) => {
    setDraft((d) => d && { ...d, reasons: { ...d.reasons, [cid]: r } });
    setDirty(true);
  }, []);

  const live = useMemo(() => {
    if (!draft || !loaded?.compiled) return null;
    try {
      return score(loaded.compiled, { answers: draft.answers });
    } catch (e) {
      if (e instanceof EngineError) return null;
      throw e;
    }
  }, [draft, loaded]);

  if (account === null) return <p>{t('notSignedIn')}</p>;
  if (!a || !ent || !def || !account) return <p aria-busy="true">{t('loading')}</p>;

  const baseAnswers = base ? (a.columns[base]?.answers ?? {}) : {};
  const missingReasons = draft && base ? adjustmentsWithoutReason(draft.answers, baseAnswers, draft.reasons) : [];
  const steps = dirty ? [] : allowedSteps(a, ent.province, account);
  const revocable = a.status === 'certified' && account.role === 'ministry-publisher' && !!a.certificateNumber;

  const run = async (what: () => Promise<Assessment | undefined>, message: StringKey) => {
    setBusy(true);
    setNotice(null);
    try {
      const next = await what();
      const fresh = next ?? (await api.assessment(id));
      setA(fresh);
      setDraft(null);
      setNotice(t(message));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(() => {
      const reasons = Object.fromEntries(
        Object.entries(draft!.reasons).filter(
          ([cid, r]) =>
            r.trim() && adjustmentsWithoutReason({ c: draft!.answers[cid] }, { c: baseAnswers[cid] }, {}).length,
        ),
      );
      return api.writeReview(id, own!, {
        answers: draft!.answers,
        reasons,
        mode: 'replace',
        ...(base ? { from: base } : {}),
      });
    }, 'reviewSaved');
  const take = (s: Step) => {
    if (s.startsWith('return:')) return setPending({ kind: 'return' });
    if (s === 'certify') return run(() => api.certify(id).then(() => undefined), 'certifiedNotice');
    return run(() => api.step(id, s as 'review' | 'appraise' | 'direct'), `stepDone_${s}` as StringKey);
  };

  return (
    <div className="page wide" data-testid="review-screen" data-status={a.status}>
      <p>
        <Link to={{ name: 'assessments' }}>← {t('backToQueue')}</Link>
      </p>
      <h1>{ent.name}</h1>
      <p className="muted">{tx(def.title)}</p>
      <dl className="facts review-facts">
        <dt>{t('taxCode')}</dt>
        <dd>{a.taxCode}</dd>
        <dt>{t('province')}</dt>
        <dd>
          {tx(currentProvince(ent.province)?.name)} ({ent.province})
        </dd>
        <dt>{t('certIndex')}</dt>
        <dd>
          {a.index.id}@{a.index.version}
        </dd>
        <dt>{t('period')}</dt>
        <dd>{a.period ?? '—'}</dd>
        <dt>{t('status')}</dt>
        <dd>
          <span className={`badge status-${a.status}`} data-testid="review-status">
            {t(`status_${a.status}` as StringKey)}
          </span>
          {a.requested && <span className="muted"> · {t('requestedBy', { party: t(colKey(a.requested)) })}</span>}
        </dd>
      </dl>
      {a.returned && (
        <p className="notice warn" data-testid="returned-note">
          {t('returnedNote', { reason: a.returned.reason, by: a.returned.by })}
        </p>
      )}
      {notice && (
        <p className="notice ok" role="status" data-testid="review-notice">
          {notice}
        </p>
      )}
      <ResultsTable a={a} live={editable ? live : null} own={own} />
      {a.certificateNumber && <CertificatePanel number={a.certificateNumber} />}
      <div className="toolbar review-toolbar">
        <label className="check">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />{' '}
          {t('onlyDiffering')}
        </label>
      </div>
      <ColumnsView
        a={a}
        def={def}
        own={editable ? own : null}
        base={editable ? base : null}
        draft={editable ? draft : null}
        onAnswer={onAnswer}
        onReason={onReason}
        onlyDiffering={onlyDiff}
      />
      <aside className="review-actions" aria-labelledby="actions-h" data-testid="review-actions">
        <h2 id="actions-h">{t('actions')}</h2>
        {editable && draft && (
          <>
            {missingReasons.length > 0 && (
              <p className="field-error" data-testid="missing-reasons">
                {t('reasonsMissing', { ids: missingReasons.join(', ') })}
              </p>
            )}
            <button
              type="button"
              className="primary"
              // A column not written yet can be saved as it starts (accepting every answer it builds on).
              disabled={busy || missingReasons.length > 0 || (!dirty && !!a.columns[own!])}
              onClick={save}
              data-testid="save-review"
            >
              {t('saveColumn', { column: t(colKey(own!)) })}
            </button>
            {dirty && <p className="muted small">{t('saveBeforeSteps')}</p>}
          </>
        )}
        {steps.map((s) => (
          <button
            key={s}
            type="button"
            className={s.startsWith('return:') ? undefined : 'primary'}
            disabled={busy}
            onClick={() => void take(s)}
            data-testid={`step-${s.split(':')[0]}`}
          >
            {t(`step_${s.split(':')[0]}` as StringKey)}
          </button>
        ))}
        {revocable && (
          <button
            type="button"
            disabled={busy}
            onClick={() => setPending({ kind: 'revoke' })}
            data-testid="step-revoke"
          >
            {t('step_revoke')}
          </button>
        )}
        {!editable && steps.length === 0 && !revocable && <p className="muted">{t('nothingToDo')}</p>}
        {pending && (
          <ReasonForm
            label={pending.kind === 'return' ? t('returnReason') : t('revokeReason')}
            confirm={pending.kind === 'return' ? t('step_return') : t('step_revoke')}
            busy={busy}
            onCancel={() => setPending(null)}
            onConfirm={(reason) => {
              setPending(null);
              void run(
                () =>
                  pending.kind === 'return'
                    ? api.stepWithReason(id, 'return', reason)
                    : api.revoke(a.certificateNumber!, reason).then(() => undefined),
                pending.kind === 'return' ? 'returnedNotice' : 'revokedNotice',
              );
            }}
          />
        )}
      </aside>
      <History a={a} />
    </div>
  );
}

/** Each written column's result (overall and per pillar), and the caller's draft scored live by the engine. */
export function ResultsTable({ a, live, own }: { a: Assessment; live: ScoreResult | null; own: ColumnName | null }) {
  const { t } = useSession();
  const rows: { key: string; label: string; r: ScoreResult }[] = COLUMNS.filter((c) => a.columns[c]).map((c) => ({
    key: c,
    label: t(colKey(c)),
    r: a.columns[c]!.result,
  }));
  if (live && own) rows.push({ key: 'live', label: t('liveColumn', { column: t(colKey(own)) }), r: live });
  if (!rows.length) return null;
  const pillars = rows[0]!.r.pillars.map((p) => p.id);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('resultsByColumn')}>
      <table className="list-table results-table" data-testid="results-table">
        <caption>{t('resultsByColumn')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('column')}</th>
            <th scope="col">{t('level')}</th>
            <th scope="col">{t('total')}</th>
            {pillars.map((p) => (
              <th scope="col" key={p}>
                {t('pillar')} {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, r }) => (
            <tr key={key} data-testid={`result-${key}`}>
              <th scope="row">{label}</th>
              <td>{r.level}</td>
              <td>
                {r.total}/{r.max}
              </td>
              {r.pillars.map((p) => (
                <td key={p.id}>{p.level}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReasonForm({
  label,
  confirm,
  busy,
  onCancel,
  onConfirm,
}: {
  label: string;
  confirm: string;
  busy: boolean;
  onCancel(): void;
  onConfirm(reason: string): void;
}) {
  const { t } = useSession();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const empty = !reason.trim();
  return (
    <form
      className="reason-form"
      data-testid="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!empty) onConfirm(reason.trim());
      }}
      noValidate
    >
      <label>
        <span>{label}</span>
        <textarea
          value={reason}
          rows={3}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={tried && empty}
          aria-describedby={tried && empty ? 'reason-form-error' : undefined}
          data-testid="reason-text"
        />
      </label>
      {tried && empty && (
        <p id="reason-form-error" className="field-error" role="alert">
          {t('reasonRequired')}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="reason-confirm">
          {confirm}
        </button>
      </div>
    </form>
  );
}

/** Requests, returns, withdrawals and warnings, oldest first, as the server recorded them. */
export function History({ a }: { a: Assessment }) {
  const { t, lang } = useSession();
  if (!a.history?.length) return null;
  return (
    <details className="card history-list" data-testid="history-events">
      <summary>{t('fileHistory', { n: a.history.length })}</summary>
      <ol>
        {a.history.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{new Date(e.at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}</time> ·{' '}
            {t(`event_${e.kind}` as StringKey)} ({t(`status_${e.from}` as StringKey)} →{' '}
            {t(`status_${e.to}` as StringKey)}) · {e.by}
            {e.reason ? ` · ${e.reason}` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}
