// One assessment: the self-assessment form generated from the version it is pinned to. The enterprise edits it while
// it is a draft (autosaved into the `self` column) and submits it; everyone else who may read it sees it read-only.
import type { ScoreAnswerValue } from '@dbi/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Assessment } from '../api.ts';
import { loadIndex, type LoadedIndex } from '../definitions.ts';
import { AssessmentForm, type SaveState } from '../form/assessment-form.tsx';
import { useSession } from '../session.tsx';
import type { StringKey } from '../strings.ts';
import { EvidenceField, RequestPanel, ReturnedNotice, ReviewOutcome } from './review/enterprise-panels.tsx';
import { ReviewScreen } from './review/review-screen.tsx';

/** The enterprise's own file; reviewers (consultant, department, Ministry) get the review screen. */
export function AssessmentScreen({ id }: { id: string }) {
  const { account } = useSession();
  if (account && account.role !== 'enterprise') return <ReviewScreen id={id} />;
  return <EnterpriseAssessment id={id} />;
}

function EnterpriseAssessment({ id }: { id: string }) {
  const { api, t, tx, account, showError } = useSession();
  const [a, setA] = useState<Assessment | null>(null);
  const [loaded, setLoaded] = useState<LoadedIndex | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!account) return;
    api.assessment(id).then((x) => {
      setA(x);
      return loadIndex(api, x.index.id, x.index.version).then(setLoaded);
    }, showError);
  }, [api, id, account, showError]);

  const onSave = useCallback(
    async (answers: Record<string, ScoreAnswerValue>) => {
      setSave({ kind: 'saving' });
      // Stored columns take levels (integers) or null; the pinned national indices ask nothing else.
      const levels: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(answers)) levels[k] = typeof v === 'number' ? v : null;
      try {
        setA(await api.writeColumn(id, 'self', levels));
        setSave({ kind: 'saved', at: new Date() });
      } catch (e) {
        setSave({ kind: 'failed' });
        showError(e);
      }
    },
    [api, id, showError],
  );
  const onSubmit = useCallback(async () => {
    // The form's dialog listed what is unanswered and, if anything was, the person ticked "submit anyway".
    setA(await api.submit(id, true));
    setNotice(t('submitted'));
  }, [api, id, t]);

  // Evidence notes merge per criterion into the self column: only the criterion named changes.
  const evidenceRef = useRef<Record<string, string>>({});
  evidenceRef.current = a?.columns.self?.evidence ?? {};
  const editableRef = useRef(false);
  const onEvidence = useCallback(
    async (criterionId: string, text: string) => {
      try {
        setA(await api.writeColumn(id, 'self', {}, { [criterionId]: text }));
      } catch (e) {
        showError(e);
        throw e;
      }
    },
    [api, id, showError],
  );
  const evidence = useCallback(
    (criterionId: string) =>
      a?.columns.self || editableRef.current ? (
        <EvidenceField
          criterionId={criterionId}
          initial={evidenceRef.current[criterionId] ?? ''}
          disabled={!editableRef.current}
          onSave={onEvidence}
        />
      ) : null,
    // Rebuilt when the file opens or changes state, not on every save (139 fields would re-render).
    [a?.id, a?.status, onEvidence], // eslint-disable-line react-hooks/exhaustive-deps
  );

  if (account === null) return <p>{t('notSignedIn')}</p>;
  if (!a || !loaded?.compiled) return <p aria-busy="true">{t('loading')}</p>;
  const editable = a.status === 'draft' && account?.role === 'enterprise';
  editableRef.current = editable;
  const self = a.columns.self;
  return (
    <div className="page wide" data-testid="assessment-screen" data-status={a.status}>
      <h1>
        {t('formTitle')} · {tx(loaded.definition.title)}
      </h1>
      <p className="muted">
        {a.taxCode} · {a.index.id}@{a.index.version} ·{' '}
        <span className={`badge status-${a.status}`} data-testid="assessment-status">
          {t(`status_${a.status}` as StringKey)}
        </span>
      </p>
      {notice && (
        <p className="notice ok" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {!editable && <p className="notice">{t('readOnlyForm', { status: t(`status_${a.status}` as StringKey) })}</p>}
      <ReturnedNotice a={a} />
      {account?.role === 'enterprise' && <RequestPanel a={a} onChange={setA} />}
      <ReviewOutcome a={a} def={loaded.compiled.definition} />
      <AssessmentForm
        key={`${a.id}:${editable}`}
        compiled={loaded.compiled}
        answers={self?.answers}
        readOnly={!editable}
        onSave={editable ? onSave : undefined}
        onSubmit={editable ? onSubmit : undefined}
        saveState={editable ? save : undefined}
        extra={evidence}
      />
    </div>
  );
}
