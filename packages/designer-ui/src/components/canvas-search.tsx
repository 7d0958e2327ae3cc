// Search box: type an id (3.2.5) or words of a text; Enter or a click jumps to the node (expanding its pillar).
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { searchNodes } from '../search.js';
import { useDesignerActions, useDesignerState, useLang, useT } from '../context.js';

export function CanvasSearch() {
  const t = useT();
  const lang = useLang();
  const actions = useDesignerActions();
  const definition = useDesignerState((s) => s.definition);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const hits = useMemo(() => searchNodes(definition, query, lang, 8), [definition, query, lang]);

  const go = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    actions.focus(hit.key);
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      go(active);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Escape') setOpen(false);
  };

  return (
    <div className="dbi-search">
      <input
        type="search"
        className="dbi-input"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={open && query.trim() !== ''}
        aria-controls={listId}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKey}
      />
      {open && query.trim() !== '' && (
        <ul className="dbi-search__list" id={listId} role="listbox">
          {hits.length === 0 && <li className="dbi-search__none">{t('search.none')}</li>}
          {hits.map((hit, i) => (
            <li
              key={hit.key}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                go(i);
              }}
            >
              <span className="dbi-node__id">{hit.id}</span> <span className="dbi-search__label">{hit.label}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
