// Small connected controls an app shell places where it likes: language switch, undo/redo, publish readiness.
import { useEffect } from 'react';
import { useDesignerActions, useDesignerState, useT } from '../context.js';
import { LANGS } from '../types.js';

export function LanguageSwitch() {
  const t = useT();
  const lang = useDesignerState((s) => s.lang);
  const actions = useDesignerActions();
  return (
    <div className="dbi-seg" role="group" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          className={`dbi-seg__btn${l === lang ? ' is-on' : ''}`}
          aria-pressed={l === lang}
          onClick={() => actions.setLang(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

/**
 * Undo/redo buttons; with `keyboard`, also Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y) anywhere but foreign text
 * fields.
 */
export function UndoRedo({ keyboard = true }: { keyboard?: boolean }) {
  const t = useT();
  const canUndo = useDesignerState((s) => s.past.length > 0 && !s.readOnly);
  const canRedo = useDesignerState((s) => s.future.length > 0 && !s.readOnly);
  const actions = useDesignerActions();
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      // In the designer's own edit fields, Ctrl+Z is the designer's undo, not the browser's: the browser undoes a
      // controlled field keystroke by keystroke and out of step with the definition, while the store keeps typing
      // in one field as one step. Other text fields (search, an app's dialogs) keep the browser's undo.
      const designerField =
        !!target?.classList.contains('dbi-input') &&
        target.getAttribute('role') !== 'combobox' &&
        !target.closest('.dbi-search');
      if (
        target &&
        !designerField &&
        (target.tagName === 'INPUT' ||
          target.tagName === 'TEXTAREA' ||
          target.tagName === 'SELECT' ||
          target.isContentEditable)
      )
        return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        actions.undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        actions.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard, actions]);
  return (
    <div className="dbi-btn-group">
      <button type="button" className="dbi-btn dbi-btn--small" disabled={!canUndo} onClick={() => actions.undo()}>
        ↶ {t('undo')}
      </button>
      <button type="button" className="dbi-btn dbi-btn--small" disabled={!canRedo} onClick={() => actions.redo()}>
        ↷ {t('redo')}
      </button>
    </div>
  );
}

/** "n issues: cannot publish" or "valid", for a header. */
export function PublishStatus() {
  const t = useT();
  const n = useDesignerState((s) => s.issues.length);
  return (
    <span className={`dbi-badge ${n ? 'dbi-badge--error' : 'dbi-badge--ok'}`} role="status">
      {n ? t('issues.blocking', { n }) : t('issues.none')}
    </span>
  );
}
