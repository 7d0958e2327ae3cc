// Form pieces for the panels: a vi/en text pair and a number field that keeps what the user types until it is a
// number (validation of the value itself is the schema's job, not the field's).
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Text } from '@dbi/schema';
import { useT } from '../context.js';
import { LANGS, type Lang } from '../types.js';

export function Field({
  label,
  hint,
  children,
  htmlFor,
  error,
}: {
  label: string;
  hint?: string | undefined;
  children: ReactNode;
  htmlFor?: string;
  /** Shown under the field in the error colour (instead of the hint). */
  error?: string | undefined;
}) {
  return (
    <div className={`dbi-field${error ? ' has-error' : ''}`}>
      <label className="dbi-field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {error ? <div className="dbi-field__error">{error}</div> : hint && <div className="dbi-field__hint">{hint}</div>}
    </div>
  );
}

export function TextPair({
  label,
  value,
  onChange,
  readOnly,
  multiline,
  name,
  errors,
}: {
  label: string;
  value: Text | undefined;
  onChange: (lang: Lang, text: string) => void;
  readOnly?: boolean;
  multiline?: boolean;
  /** What is wrong with each language's text (shown under it, the field marked invalid). */
  errors?: Partial<Record<Lang, string>>;
  /** Test and accessibility hook: inputs are named `${name}-vi`, `${name}-en`. */
  name: string;
}) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="dbi-textpair">
      <legend className="dbi-field__label">{label}</legend>
      {LANGS.map((lang) => {
        const error = errors?.[lang];
        const current = value?.[lang] ?? '';
        const common = {
          id: `${id}-${lang}`,
          name: `${name}-${lang}`,
          className: `dbi-input${error ? ' is-invalid' : ''}`,
          value: current,
          readOnly,
          'aria-label': `${label} (${t(`lang.${lang}`)})`,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-${lang}-error` : undefined,
          onChange: (e: { target: { value: string } }) => onChange(lang, e.target.value),
          // Leading and trailing spaces never mean anything in a definition's text; dropping them when the field is
          // left makes a text of spaces an empty one, which the schema refuses.
          onBlur: () => {
            if (!readOnly && current !== current.trim()) onChange(lang, current.trim());
          },
        };
        return (
          <div className="dbi-textpair__row" key={lang}>
            <span className="dbi-textpair__lang">{lang.toUpperCase()}</span>
            <div className="dbi-textpair__input">
              {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
              {error && (
                <div className="dbi-field__error" id={`${id}-${lang}-error`}>
                  {error}
                </div>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Parses what a person types as a number: `1`, `-2`, `1.5`, `1,5`. */
export function parseNumber(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

export function NumberField({
  label,
  value,
  onChange,
  readOnly,
  name,
  hint,
  error,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  readOnly?: boolean;
  name: string;
  hint?: string;
  /** What the validator says is wrong with the value. */
  error?: string | undefined;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => {
    // Follow outside changes (undo, another field) unless the text already means this value.
    setText((cur) => (parseNumber(cur) === value ? cur : String(value)));
  }, [value]);
  const parsed = parseNumber(text);
  const bad = parsed === undefined ? t('field.weight.invalid') : error;
  return (
    <Field label={label} htmlFor={id} hint={hint} error={bad}>
      <input
        id={id}
        name={name}
        aria-invalid={bad ? true : undefined}
        className={`dbi-input dbi-input--number${bad ? ' is-invalid' : ''}`}
        inputMode="decimal"
        value={text}
        readOnly={readOnly}
        onChange={(e) => {
          setText(e.target.value);
          const n = parseNumber(e.target.value);
          if (n !== undefined) onChange(n);
        }}
      />
    </Field>
  );
}
