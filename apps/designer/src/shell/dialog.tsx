// Small modal dialogs: a prompt with a checked field, and a confirmation. Keyboard: Enter confirms, Escape cancels.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useSession } from '../session.tsx';
import { ProblemView } from './problem.tsx';

export function Modal({
  title,
  children,
  onClose,
  testId,
}: {
  title: string;
  children: ReactNode;
  onClose(): void;
  testId: string;
}) {
  const titleId = useId();
  useEffect(() => {
    const on = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [onClose]);
  // On document.body, so it never inherits the styles of where it was opened (the header's white text).
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export interface Field {
  name: string;
  label: string;
  initial?: string;
  /** Returns a message when the value is not acceptable. */
  check?(value: string): string | undefined;
  secret?: boolean;
  /** The browser's autocomplete hint (password managers); off unless given. */
  autoComplete?: string;
}

/** Asks for one or more values; `onSubmit` may throw (e.g. an ApiError), which is shown inside the dialog. */
export function PromptDialog(props: {
  title: string;
  intro?: ReactNode;
  fields: Field[];
  submitLabel: string;
  testId: string;
  onSubmit(values: Record<string, string>): Promise<void> | void;
  onClose(): void;
}) {
  const { t } = useSession();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.fields.map((f) => [f.name, f.initial ?? ''])),
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const problems = Object.fromEntries(
    props.fields.map((f) => [f.name, values[f.name] ? f.check?.(values[f.name]!) : undefined]),
  );
  const ready = props.fields.every((f) => values[f.name] && !problems[f.name]);
  const submit = async () => {
    if (!ready || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await props.onSubmit(values);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose} testId={props.testId}>
      {props.intro}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {props.fields.map((f, i) => (
          <label key={f.name} className="field">
            <span>{f.label}</span>
            <input
              ref={i === 0 ? first : undefined}
              name={f.name}
              data-testid={`${props.testId}-${f.name}`}
              type={f.secret ? 'password' : 'text'}
              autoComplete={f.autoComplete ?? 'off'}
              spellCheck={false}
              value={values[f.name]}
              aria-invalid={problems[f.name] ? true : undefined}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
            {problems[f.name] && <small className="field-error">{problems[f.name]}</small>}
          </label>
        ))}
        {failure !== null && <ProblemView error={failure} />}
        <div className="modal-actions">
          <button type="button" onClick={props.onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={!ready || busy} data-testid={`${props.testId}-submit`}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function ConfirmDialog(props: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  testId: string;
  onConfirm(): Promise<void> | void;
  onClose(): void;
}) {
  const { t } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const go = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await props.onConfirm();
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };
  return (
    <Modal title={props.title} onClose={props.onClose} testId={props.testId}>
      <div className="modal-body">{props.body}</div>
      {failure !== null && <ProblemView error={failure} />}
      <div className="modal-actions">
        <button type="button" onClick={props.onClose}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void go()}
          data-testid={`${props.testId}-confirm`}
          autoFocus
        >
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
