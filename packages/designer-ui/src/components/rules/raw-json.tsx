// A json-logic value as editable JSON text, for rules the sentence editor does not recognise.
import { useEffect, useState } from 'react';
import { useT } from '../../context.js';

/** The raw `when`: edits apply as soon as the text is valid JSON; the validator then checks it as a rule. */
export function RawJson({
  value,
  onChange,
  readOnly,
  label,
}: {
  value: unknown;
  onChange: (v: unknown) => void;
  readOnly: boolean;
  label: string;
}) {
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((cur) => {
      try {
        if (JSON.stringify(JSON.parse(cur)) === JSON.stringify(value)) return cur;
      } catch {
        // the field holds unfinished text; the outside value wins
      }
      setError(null);
      return JSON.stringify(value);
    });
  }, [value]);
  return (
    <>
      <textarea
        className={`dbi-input dbi-input--code${error ? ' is-invalid' : ''}`}
        aria-label={label}
        spellCheck={false}
        rows={Math.min(8, Math.max(2, Math.ceil(text.length / 34)))}
        value={text}
        readOnly={readOnly}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setError(null);
            onChange(parsed);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
      {error && <div className="dbi-rule-issue">{t('rules.invalidJson', { message: error })}</div>}
    </>
  );
}
