// One criterion's question, generated from its answer type: level (the answer scale), choice (one option, possibly
// "not applicable"), multi (checkboxes), number (with its range and bands) and boolean (yes/no). Fields are
// uncontrolled inputs registered with react-hook-form, so typing re-renders only what watches the value.
import { memo, type ReactNode } from 'react';
import { useFormState, type Control, type UseFormRegister } from 'react-hook-form';
import type { Criterion, ScorecardDefinition } from '@dbi/schema';
import { answerScale } from '@dbi/schema';
import { useSession } from '../session.tsx';
import { maxPoints, readNumber, type CriterionField, type FormValues } from './model.ts';

interface Props {
  field: CriterionField;
  def: ScorecardDefinition;
  register: UseFormRegister<FormValues>;
  control: Control<FormValues>;
  disabled: boolean;
  /** More for this criterion under its question (the evidence note of a saved assessment). */
  extra?: ((criterionId: string) => ReactNode) | undefined;
}

export const AnswerField = memo(function AnswerField({ field, def, register, control, disabled, extra }: Props) {
  const { t, tx } = useSession();
  const c = field.criterion;
  const id = `c-${c.id}`;
  const helpId = `${id}-help`;
  return (
    <fieldset className="criterion" id={id} data-testid={`criterion-${c.id}`} disabled={disabled}>
      <legend>
        <span className="criterion-id">{c.id}</span> {tx(c.text)}
      </legend>
      {c.group && <p className="criterion-group muted">{tx(c.group)}</p>}
      <p className="criterion-max muted">{t('maxPoints', { n: maxPoints(def, c) })}</p>
      <Input field={field} def={def} register={register} describedBy={helpId} />
      {c.type === 'number' && <NumberError control={control} name={field.name} />}
      <Guidance id={helpId} criterion={c} def={def} component={field.component?.statement} />
      {extra?.(c.id)}
    </fieldset>
  );
});

function Input({
  field,
  def,
  register,
  describedBy,
}: {
  field: CriterionField;
  def: ScorecardDefinition;
  register: UseFormRegister<FormValues>;
  describedBy: string;
}) {
  const { t, tx } = useSession();
  const c = field.criterion;
  const name = field.name;
  const opt = (value: string, label: string, type: 'radio' | 'checkbox' = 'radio', extra = '') => (
    <label key={value} className={`option ${extra}`}>
      <input type={type} value={value} {...register(name)} aria-describedby={describedBy} />
      <span>{label}</span>
    </label>
  );
  switch (c.type) {
    case undefined:
    case 'level':
      return (
        <div className="options options-scale">
          {answerScale(def).map((l) => opt(String(l.level), `${l.level} · ${tx(l.name)}`))}
          {opt('', t('noData'), 'radio', 'option-none')}
        </div>
      );
    case 'choice':
      return (
        <div className="options">
          {c.options.map((o) =>
            opt(
              o.id,
              o.notApplicable
                ? `${tx(o.text)} (${t('notApplicableOption')})`
                : `${tx(o.text)} · ${t('pointsN', { n: o.points ?? 0 })}`,
            ),
          )}
          {opt('', t('noData'), 'radio', 'option-none')}
        </div>
      );
    case 'multi':
      return (
        <div className="options">
          {c.options.map((o) => opt(o.id, `${tx(o.text)} · ${t('pointsN', { n: o.points ?? 0 })}`, 'checkbox'))}
        </div>
      );
    case 'boolean':
      return (
        <div className="options">
          {opt('yes', `${t('yes')} · ${t('pointsN', { n: c.points })}`)}
          {opt('no', t('no'))}
          {opt('', t('noData'), 'radio', 'option-none')}
        </div>
      );
    case 'number':
      return (
        <label className="number-field">
          <span className="visually-hidden">{tx(c.text)}</span>
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            aria-describedby={describedBy}
            {...register(name, { validate: (v) => numberProblem(c, v, t) })}
          />
          {c.unit && <span className="muted">{tx(c.unit)}</span>}
        </label>
      );
  }
}

type T = ReturnType<typeof useSession>['t'];

/** The reason a typed number is refused, in the user's words (the engine would refuse the same). */
export function numberProblem(c: Criterion, v: unknown, t: T): true | string {
  if (c.type !== 'number' || typeof v !== 'string' || v.trim() === '') return true;
  const n = readNumber(v);
  if (n === null) return t('invalidNumber');
  if (c.integer && !Number.isInteger(n)) return t('notInteger');
  if (n < c.min) return t('belowMin', { min: c.min });
  if (n > c.max) return t('aboveMax', { max: c.max });
  return true;
}

function NumberError({ control, name }: { control: Control<FormValues>; name: string }) {
  const { errors } = useFormState({ control, name });
  const message = errors[name]?.message;
  return message ? (
    <p className="field-error" role="alert">
      {String(message)}
    </p>
  ) : null;
}

function Guidance({
  id,
  criterion: c,
  def,
  component,
}: {
  id: string;
  criterion: Criterion;
  def: ScorecardDefinition;
  component: { vi: string; en: string } | undefined;
}) {
  const { t, tx } = useSession();
  const isLevel = c.type === undefined || c.type === 'level';
  const described = isLevel && answerScale(def).some((l) => l.description);
  if (!c.help && !component && !described && c.type !== 'number') return <span id={id} hidden />;
  return (
    <details className="guidance" id={id}>
      <summary>{t('guidance')}</summary>
      {c.help && <p>{tx(c.help)}</p>}
      {component && <p className="muted">{tx(component)}</p>}
      {c.type === 'number' && (
        <p className="muted">
          {t('range', { min: c.min, max: c.max })}
          {c.integer ? ` · ${t('integerOnly')}` : ''} ·{' '}
          {c.bands.map((b) => t('bandUpTo', { upTo: b.upTo, points: b.points })).join('; ')}
        </p>
      )}
      {described && (
        <dl className="level-descriptions" aria-label={t('levelDescriptions')}>
          {answerScale(def).map((l) => (
            <div key={l.level}>
              <dt>
                {l.level} · {tx(l.name)}
              </dt>
              <dd>{tx(l.description)}</dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}
