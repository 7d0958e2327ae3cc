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
}: {
  label: string;
  hint?: string | undefined;
  children: ReactNode;
  htmlFor?: string;
}) {
  return (
    <div className="dbi-field">
      <label className="dbi-field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint && <div className="dbi-field__hint">{hint}</div>}
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
}: {
  label: string;
  value: Text | undefined;
  onChange: (lang: Lang, text: string) => void;
  readOnly?: boolean;
  multiline?: boolean;
  /** Test and accessibility hook: inputs are named `${name}-vi`, `${name}-en`. */
  name: string;
}) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="dbi-textpair">
      <legend className="dbi-field__label">{label}</legend>
      {LANGS.map((lang) => {
        const common = {
          id: `${id}-${lang}`,
          name: `${name}-${lang}`,
          className: 'dbi-input',
          value: value?.[lang] ?? '',
          readOnly,
          'aria-label': `${label} (${t(`lang.${lang}`)})`,
          onChange: (e: { target: { value: string } }) => onChange(lang, e.target.value),
        };
        return (
          <div className="dbi-textpair__row" key={lang}>
            <span className="dbi-textpair__lang">{lang.toUpperCase()}</span>
            {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
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
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  readOnly?: boolean;
  name: string;
  hint?: string;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => {
    // Follow outside changes (undo, another field) unless the text already means this value.
    setText((cur) => (parseNumber(cur) === value ? cur : String(value)));
  }, [value]);
  const parsed = parseNumber(text);
  return (
    <Field label={label} htmlFor={id} hint={parsed === undefined ? t('field.weight.invalid') : hint}>
      <input
        id={id}
        name={name}
        className={`dbi-input dbi-input--number${parsed === undefined ? ' is-invalid' : ''}`}
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
