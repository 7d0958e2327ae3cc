// The self-assessment form generated from a pinned definition: profile facts first (they decide what applies), then
// one section per pillar with its progress, each criterion by its answer type. Beside it, the live result computed
// by @dbi/engine in the browser (the same `score` the server runs) and "what to improve first" (`improvements`).
// Autosave: the answers are written to the assessment API a moment after the last change.
import { score, EngineError, type CompiledScorecard } from '@dbi/engine';
import type { ScoreAnswerValue, ScoreResult } from '@dbi/schema';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { useSession } from '../session.tsx';
import { AnswerField } from './answer-field.tsx';
import { useImprovements } from './use-improvements.ts';
import { formModel, toAnswers, toProfile, toValues, type FormModel, type FormValues } from './model.ts';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed' };

interface Props {
  compiled: CompiledScorecard;
  answers?: Record<string, unknown>;
  profile?: Record<string, unknown>;
  /** Read-only (the file is no longer a draft, or the reader may not write it). */
  readOnly?: boolean;
  /** Called with the answers a moment after each change (autosave); absent in the preview. */
  onSave?(answers: Record<string, ScoreAnswerValue>): Promise<void>;
  /** Submitting: absent in the preview. */
  onSubmit?(): Promise<void>;
  saveState?: SaveState;
  /** More under each criterion's question (evidence notes). */
  extra?: (criterionId: string) => ReactNode;
}

const AUTOSAVE_MS = 800;

export function AssessmentForm({
  compiled,
  answers,
  profile,
  readOnly = false,
  onSave,
  onSubmit,
  saveState,
  extra,
}: Props) {
  const def = compiled.definition;
  const model = useMemo(() => formModel(def), [def]);
  const defaultValues = useMemo(() => toValues(model, answers, profile), [model]); // eslint-disable-line react-hooks/exhaustive-deps
  const { register, control, watch, getValues } = useForm<FormValues>({ defaultValues, mode: 'onChange' });
  const [submitOpen, setSubmitOpen] = useState(false);

  // Autosave a moment after the last change; the newest answers win.
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  useEffect(() => {
    if (readOnly) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = watch(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void saveRef.current?.(toAnswers(model, getValues())), AUTOSAVE_MS);
    });
    return () => {
      clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [watch, getValues, model, readOnly]);

  return (
    <div className="form-layout">
      <form className="assessment-form" onSubmit={(e) => e.preventDefault()} noValidate data-testid="assessment-form">
        {model.profile.length > 0 && <ProfileSection model={model} register={register} disabled={readOnly} />}
        {model.sections.map((s) => (
          <PillarSection
            key={s.pillar.id}
            section={s}
            model={model}
            compiled={compiled}
            register={register}
            control={control}
            disabled={readOnly}
            extra={extra}
          />
        ))}
      </form>
      <LiveResult
        model={model}
        compiled={compiled}
        control={control}
        saveState={saveState}
        readOnly={readOnly}
        onSubmitClick={onSubmit ? () => setSubmitOpen(true) : undefined}
      />
      {submitOpen && onSubmit && (
        <SubmitDialog
          model={model}
          compiled={compiled}
          values={getValues()}
          onCancel={() => setSubmitOpen(false)}
          onConfirm={async () => {
            await saveRef.current?.(toAnswers(model, getValues()));
            await onSubmit();
            setSubmitOpen(false);
          }}
        />
      )}
    </div>
  );
}

function ProfileSection({
  model,
  register,
  disabled,
}: {
  model: FormModel;
  register: UseFormRegister<FormValues>;
  disabled: boolean;
}) {
  const { t, tx } = useSession();
  return (
    <section className="pillar-section" aria-labelledby="profile-h">
      <h2 id="profile-h">{t('profileTitle')}</h2>
      <p className="muted">{t('profileHelp')}</p>
      <fieldset disabled={disabled} className="profile-facts">
        {model.profile.map(({ name, fact }) => (
          <label key={name} className="profile-fact" data-testid={`profile-${fact.name}`}>
            <span>
              {tx(fact.text)}
              {fact.required ? ' *' : ''}
            </span>
            {fact.type === 'string' && fact.values ? (
              <select {...register(name)}>
                <option value="">{t('choose')}</option>
                {fact.values.map((v) => (
                  <option key={v.value} value={v.value}>
                    {tx(v.text)}
                  </option>
                ))}
              </select>
            ) : fact.type === 'boolean' ? (
              <select {...register(name)}>
                <option value="">{t('choose')}</option>
                <option value="yes">{t('yes')}</option>
                <option value="no">{t('no')}</option>
              </select>
            ) : (
              <input type="text" inputMode={fact.type === 'integer' ? 'numeric' : 'text'} {...register(name)} />
            )}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function PillarSection({
  section,
  model,
  compiled,
  register,
  control,
  disabled,
  extra,
}: {
  section: FormModel['sections'][number];
  model: FormModel;
  compiled: CompiledScorecard;
  register: UseFormRegister<FormValues>;
  control: Control<FormValues>;
  disabled: boolean;
  extra: ((criterionId: string) => ReactNode) | undefined;
}) {
  const { t, tx } = useSession();
  const headingId = `pillar-${section.pillar.id}-h`;
  return (
    <section className="pillar-section" aria-labelledby={headingId} data-testid={`pillar-${section.pillar.id}`}>
      <h2 id={headingId}>
        {t('pillar')} {section.pillar.id}. {tx(section.pillar.name)}
      </h2>
      <PillarProgress section={section} model={model} control={control} />
      {section.fields.map((f, i) => {
        const firstOfComponent = f.component && section.fields[i - 1]?.component !== f.component;
        return (
          <div key={f.name}>
            {firstOfComponent && (
              <h3 className="component-heading">
                {f.component!.id}. {tx(f.component!.name)}
              </h3>
            )}
            <AnswerField
              field={f}
              def={compiled.definition}
              register={register}
              control={control}
              disabled={disabled}
              extra={extra}
            />
          </div>
        );
      })}
    </section>
  );
}

function PillarProgress({
  section,
  model,
  control,
}: {
  section: FormModel['sections'][number];
  model: FormModel;
  control: Control<FormValues>;
}) {
  const { t } = useSession();
  const names = useMemo(() => section.fields.map((f) => f.name), [section]);
  const values = useWatch({ control, name: names });
  const answers = toAnswers(model, Object.fromEntries(names.map((n, i) => [n, values[i]!])));
  const answered = section.fields.filter((f) => answers[f.criterion.id] !== null).length;
  const total = section.fields.length;
  return (
    <div className="progress" data-testid={`progress-${section.pillar.id}`}>
      <progress max={total} value={answered} aria-label={t('progress', { answered, total })} />
      <span>{t('progress', { answered, total })}</span>
    </div>
  );
}

/** The engine's score of the current values, or the engine's own complaint (e.g. a required profile fact). */
function useScore(model: FormModel, compiled: CompiledScorecard, values: FormValues) {
  return useMemo(() => {
    const input = { profile: toProfile(model, values), answers: toAnswers(model, values) };
    const noProfile = model.profile.length === 0;
    try {
      return { input, result: score(compiled, noProfile ? { answers: input.answers } : input), issues: [] as string[] };
    } catch (e) {
      if (e instanceof EngineError) return { input, result: null, issues: e.issues.map((i) => i.message) };
      throw e;
    }
  }, [model, compiled, values]);
}

function LiveResult({
  model,
  compiled,
  control,
  saveState,
  readOnly,
  onSubmitClick,
}: {
  model: FormModel;
  compiled: CompiledScorecard;
  control: Control<FormValues>;
  saveState: SaveState | undefined;
  readOnly: boolean;
  onSubmitClick: (() => void) | undefined;
}) {
  const { t, tx, lang } = useSession();
  const values = useWatch({ control }) as FormValues;
  const { result, issues } = useScore(model, compiled, values);
  const levelName = (n: number) => tx(compiled.definition.levels.find((l) => l.level === n)?.name);
  return (
    <aside className="live-result" aria-labelledby="live-h" data-testid="live-result">
      <h2 id="live-h">{t('liveResult')}</h2>
      {saveState && (
        <p className="save-state" data-testid="save-state" aria-live="polite">
          {saveState.kind === 'saving'
            ? t('saving')
            : saveState.kind === 'saved'
              ? t('autosaved', { time: saveState.at.toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB') })
              : saveState.kind === 'failed'
                ? t('saveFailed')
                : ''}
        </p>
      )}
      {result ? (
        <>
          <p className="overall" data-testid="overall">
            <span className="level-badge">{result.level}</span> {t('overall')}: {levelName(result.level)} ·{' '}
            {t('pointsOf', { points: result.total, max: result.max })}
            {result.score ? ` · ${result.score}` : ''}
          </p>
          <table className="pillar-table">
            <thead>
              <tr>
                <th scope="col">{t('pillar')}</th>
                <th scope="col">{t('points')}</th>
                <th scope="col">{t('level')}</th>
              </tr>
            </thead>
            <tbody>
              {result.pillars.map((p) => (
                <tr key={p.id} data-testid={`live-pillar-${p.id}`}>
                  <th scope="row">
                    <a href={`#pillar-${p.id}-h`}>
                      {p.id}. {tx(compiled.definition.pillars.find((x) => x.id === p.id)?.name)}
                    </a>
                  </th>
                  <td>
                    {p.points}/{p.max}
                    {p.score ? ` (${p.score})` : ''}
                  </td>
                  <td>
                    {p.level} · {levelName(p.level)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Improve model={model} compiled={compiled} values={values} result={result} />
        </>
      ) : (
        <ul className="field-error" role="alert">
          {issues.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
      {onSubmitClick && !readOnly && (
        <button type="button" className="primary" onClick={onSubmitClick} data-testid="submit">
          {t('submit')}
        </button>
      )}
    </aside>
  );
}

function Improve({
  model,
  compiled,
  values,
  result,
}: {
  model: FormModel;
  compiled: CompiledScorecard;
  values: FormValues;
  result: ScoreResult;
}) {
  const { t, tx } = useSession();
  // Trying every better answer costs hundreds of scorings: done in a worker so typing stays responsive.
  const input = useMemo(() => {
    const i = { profile: toProfile(model, values), answers: toAnswers(model, values) };
    return model.profile.length ? i : { answers: i.answers };
  }, [model, values]);
  const advice = useImprovements(compiled, result ? input : null);
  if (!advice) return null;
  const answerText = (id: string, a: ScoreAnswerValue) => {
    const c = model.byId.get(id)?.criterion;
    if (!c) return String(a);
    if (c.type === 'choice') return tx(c.options.find((o) => o.id === a)?.text);
    if (c.type === 'multi' && Array.isArray(a))
      return a.map((x) => tx(c.options.find((o) => o.id === x)?.text)).join(', ');
    if (c.type === 'boolean') return a ? t('yes') : t('no');
    if (c.type === undefined || c.type === 'level') {
      const l = compiled.definition.scale ?? compiled.definition.levels;
      return `${String(a)} · ${tx(l.find((x) => x.level === a)?.name)}`;
    }
    return String(a);
  };
  return (
    <section className="improve" aria-labelledby="improve-h" data-testid="improve">
      <h3 id="improve-h">{t('improveTitle')}</h3>
      <p className="muted">{t('improveIntro')}</p>
      <ul>
        {advice.map((p) => {
          const best = p.steps.filter((s) => s.gain === p.steps[0]?.gain).slice(0, 3);
          return (
            <li key={p.pillar} data-testid={`improve-${p.pillar}`}>
              <strong>
                {t('pillar')} {p.pillar}
              </strong>
              {p.next === null ? (
                <span> — {t('improveTop')}</span>
              ) : best.length === 0 ? (
                <span> — {t('improveNone')}</span>
              ) : (
                <ul>
                  {best.map((s) => (
                    <li key={s.criterion}>
                      <a href={`#c-${s.criterion}`}>
                        {t('improveStep', {
                          id: s.criterion,
                          answer: answerText(s.criterion, s.answer),
                          gain: s.gain,
                          level: s.level,
                        })}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SubmitDialog({
  model,
  compiled,
  values,
  onCancel,
  onConfirm,
}: {
  model: FormModel;
  compiled: CompiledScorecard;
  values: FormValues;
  onCancel(): void;
  onConfirm(): Promise<void>;
}) {
  const { t, tx, showError } = useSession();
  const { result } = useScore(model, compiled, values);
  const missing = result?.missing ?? model.fields.map((f) => f.criterion.id);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="submit-h" onCancel={onCancel} data-testid="submit-dialog">
      <h2 id="submit-h">{t('submitTitle')}</h2>
      {missing.length ? (
        <>
          <p>{t('submitMissing', { n: missing.length })}</p>
          <ul className="missing-list" data-testid="missing-list">
            {missing.map((id) => (
              <li key={id}>
                <a
                  href={`#c-${id}`}
                  onClick={() => {
                    ref.current?.close();
                    onCancel();
                  }}
                >
                  {id} — {tx(model.byId.get(id)?.criterion.text)}
                </a>
              </li>
            ))}
          </ul>
          <label className="confirm">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
            {t('submitMissingConfirm')}
          </label>
        </>
      ) : (
        <p>{t('submitComplete')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="submit-confirm"
          disabled={busy || (missing.length > 0 && !confirmed)}
          onClick={() => {
            setBusy(true);
            onConfirm().catch((e: unknown) => {
              setBusy(false);
              showError(e);
            });
          }}
        >
          {t('submitConfirm')}
        </button>
      </div>
    </dialog>
  );
}
