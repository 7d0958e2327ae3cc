// What an enterprise sees of the review of its file beside its form: why it was returned and what to fix, whom to
// ask to assess it (its independent consultant or its provincial department), the reviewers' adjustments with their
// per-criterion reasons, and the certificate. Evidence notes are written per criterion inside the form.
import type { ScorecardDefinition } from '@dbi/schema';
import { useEffect, useRef, useState } from 'react';
import type { Assessment, ConsultantRecord } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { CertificatePanel } from './certificate-panel.tsx';
import { colKey, ColumnsView } from './columns-view.tsx';
import { History, ResultsTable } from './review-screen.tsx';

export function ReturnedNotice({ a }: { a: Assessment }) {
  const { t } = useSession();
  if (!a.returned || a.status !== 'draft') return null;
  return (
    <div className="notice warn returned" role="alert" data-testid="returned-notice">
      <p>
        <strong>{t('returnedTitle')}</strong>
      </p>
      <p data-testid="returned-reason">{t('returnedNote', { reason: a.returned.reason, by: a.returned.by })}</p>
      <p>{t('returnedFix')}</p>
    </div>
  );
}

/** Choose the independent consultant, and ask it or the department to assess the file (draft only). */
export function RequestPanel({ a, onChange }: { a: Assessment; onChange(a: Assessment): void }) {
  const { api, t, showError } = useSession();
  const [consultants, setConsultants] = useState<ConsultantRecord[] | null>(null);
  const [choice, setChoice] = useState(a.consultantId ?? '');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.consultants().then((r) => setConsultants(r.items), showError);
  }, [api, showError]);
  if (a.status !== 'draft' && a.status !== 'submitted') return null;
  const run = (what: () => Promise<Assessment>) => {
    setBusy(true);
    what().then(
      (x) => {
        setBusy(false);
        onChange(x);
      },
      (e: unknown) => {
        setBusy(false);
        showError(e);
      },
    );
  };
  return (
    <section className="card request-panel" aria-labelledby="req-h" data-testid="request-panel">
      <h2 id="req-h">{t('reviewersTitle')}</h2>
      <p className="muted">{t('reviewersIntro')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => api.assignConsultant(a.id, choice || null));
        }}
      >
        <label htmlFor="consultant-choice">{t('consultant')}</label>
        <select
          id="consultant-choice"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          disabled={consultants === null}
          data-testid="consultant-choice"
        >
          <option value="">{t('noConsultant')}</option>
          {(consultants ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} · {c.organisation}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || choice === (a.consultantId ?? '')} data-testid="assign-consultant">
          {t('assignConsultant')}
        </button>
      </form>
      {a.consultantId && <p data-testid="assigned-consultant">{t('assignedConsultant', { id: a.consultantId })}</p>}
      {a.status === 'draft' && (
        <div className="row-actions">
          <button
            type="button"
            disabled={busy || !a.consultantId}
            onClick={() => run(() => api.requestReview(a.id, 'consultant'))}
            data-testid="request-consultant"
          >
            {t('requestConsultant')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => api.requestReview(a.id, 'department'))}
            data-testid="request-department"
          >
            {t('requestDepartment')}
          </button>
        </div>
      )}
      {a.requested && <p className="notice ok">{t('requestedBy', { party: t(colKey(a.requested)) })}</p>}
    </section>
  );
}

/** The reviewers' columns where they differ from the enterprise's, with each reason; then the certificate. */
export function ReviewOutcome({ a, def }: { a: Assessment; def: ScorecardDefinition }) {
  const { t } = useSession();
  const reviewed = a.columns.consultant || a.columns.department || a.columns.ministry;
  return (
    <>
      {a.certificateNumber && <CertificatePanel number={a.certificateNumber} />}
      {reviewed && (
        <section className="card" aria-labelledby="adj-h" data-testid="adjustments">
          <h2 id="adj-h">{t('adjustmentsTitle')}</h2>
          <p className="muted">{t('adjustmentsIntro')}</p>
          <ResultsTable a={a} live={null} own={null} />
          <ColumnsView a={a} def={def} own={null} base={null} draft={null} onlyDiffering />
        </section>
      )}
      <History a={a} />
    </>
  );
}

/** One criterion's evidence note (text, links): saved into the self column when the field is left. */
export function EvidenceField({
  criterionId,
  initial,
  disabled,
  onSave,
}: {
  criterionId: string;
  initial: string;
  disabled: boolean;
  onSave(criterionId: string, text: string): Promise<void>;
}) {
  const { t } = useSession();
  const last = useRef(initial);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const id = `ev-${criterionId}`;
  return (
    <details className="evidence" open={!!initial || undefined} data-testid={`evidence-${criterionId}`}>
      <summary>
        {t('evidence')}
        {initial ? ' ✓' : ''}
      </summary>
      <label htmlFor={id} className="visually-hidden">
        {t('evidenceFor', { id: criterionId })}
      </label>
      <textarea
        id={id}
        rows={2}
        defaultValue={initial}
        disabled={disabled}
        maxLength={4000}
        aria-describedby={`${id}-help`}
        onBlur={(e) => {
          const text = e.target.value;
          if (text === last.current) return;
          setState('saving');
          onSave(criterionId, text).then(
            () => {
              last.current = text;
              setState('saved');
            },
            () => setState('failed'),
          );
        }}
      />
      <span id={`${id}-help`} className="muted small" aria-live="polite">
        {state === 'saving'
          ? t('saving')
          : state === 'saved'
            ? t('evidenceSaved')
            : state === 'failed'
              ? t('saveFailed')
              : t('evidenceHelp')}
      </span>
    </details>
  );
}
