// The crosswalk of a revision, edited beside the canvas: how each criterion of the version it derives from carries to
// this one (same, renamed, merged, split, dropped, new). "Suggest" fills it where ids and texts match; every edit
// goes through the store (undo/redo, live validation), and the checks against the base are @dbi/schema's.
import { useMemo } from 'react';
import {
  checkCrosswalk,
  CROSSWALK_KINDS,
  type CrosswalkEntry,
  type CrosswalkKind,
  type ScorecardDefinition,
} from '@dbi/schema';
import { useDesignerActions, useDesignerState, useLang } from '../context.js';
import {
  addEntry,
  crosswalkCounts,
  parseIds,
  removeCrosswalk,
  removeEntry,
  setEntry,
  suggestInto,
} from '../crosswalk-edit.js';
import type { Lang } from '../types.js';

const WORDS = {
  vi: {
    title: 'Bảng chuyển đổi từ {ref}',
    none: 'Chưa có bảng chuyển đổi: câu trả lời sẽ được chuyển theo gợi ý (cùng mã, cùng nội dung).',
    suggest: 'Gợi ý theo mã và nội dung',
    remove: 'Bỏ bảng chuyển đổi',
    add: 'Thêm dòng',
    kind: 'Loại',
    from: 'Từ tiêu chí',
    to: 'Sang tiêu chí',
    combine: 'Gộp theo',
    delete: 'Xóa',
    ok: 'Bảng chuyển đổi khớp với {ref}.',
    same: 'giữ nguyên',
    renamed: 'đổi mã',
    merged: 'gộp',
    split: 'tách',
    dropped: 'bỏ',
    new: 'mới',
    noBase: 'Phiên bản này không kế thừa phiên bản nào.',
  },
  en: {
    title: 'Crosswalk from {ref}',
    none: 'No crosswalk yet: answers carry by the suggestion (same id, same text).',
    suggest: 'Suggest from ids and texts',
    remove: 'Remove the crosswalk',
    add: 'Add a row',
    kind: 'Kind',
    from: 'From criteria',
    to: 'To criteria',
    combine: 'Combine by',
    delete: 'Delete',
    ok: 'The crosswalk matches {ref}.',
    same: 'same',
    renamed: 'renamed',
    merged: 'merged',
    split: 'split',
    dropped: 'dropped',
    new: 'new',
    noBase: 'This version does not derive from another.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export interface CrosswalkPanelProps {
  /** The version this one derives from (loaded by the app), or null while loading / when there is none. */
  base: ScorecardDefinition | null;
}

export function CrosswalkPanel({ base }: CrosswalkPanelProps) {
  const lang = useLang();
  const w = WORDS[lang];
  const definition = useDesignerState((s) => s.definition);
  const readOnly = useDesignerState((s) => s.readOnly);
  const storeIssues = useDesignerState((s) => s.issues);
  const actions = useDesignerActions();
  const cw = definition.kind === 'scorecard' ? definition.crosswalk : undefined;
  const ref = base ? `${base.id}@${base.version}` : '';
  const issues = useMemo(() => {
    const own = storeIssues.filter((i) => i.path.startsWith('/crosswalk'));
    const against =
      base && definition.kind === 'scorecard' && definition.crosswalk
        ? checkCrosswalk(base, { ...definition, crosswalk: definition.crosswalk })
        : [];
    return [...own, ...against];
  }, [storeIssues, base, definition]);
  if (!base) return <div className="dbi-panel dbi-panel--empty">{w.noBase}</div>;
  const counts = crosswalkCounts(cw);
  const edit = (i: number, patch: Partial<CrosswalkEntry>, field: string) =>
    actions.apply((d) => setEntry(d, i, patch), `crosswalk:${i}:${field}`);
  return (
    <section
      className="dbi-panel dbi-crosswalk"
      data-testid="crosswalk-panel"
      aria-label={w.title.replace('{ref}', ref)}
    >
      <div className="dbi-panel__head">
        <h4>{w.title.replace('{ref}', ref)}</h4>
        {!readOnly && (
          <div className="dbi-panel__actions">
            <button
              type="button"
              className="dbi-btn"
              data-testid="crosswalk-suggest"
              onClick={() => actions.apply((d) => suggestInto(d, base))}
            >
              {w.suggest}
            </button>
            {cw && (
              <>
                <button
                  type="button"
                  className="dbi-btn"
                  onClick={() => actions.apply((d) => addEntry(d, { kind: 'new', from: [], to: [] }))}
                >
                  {w.add}
                </button>
                <button type="button" className="dbi-btn" onClick={() => actions.apply(removeCrosswalk)}>
                  {w.remove}
                </button>
              </>
            )}
          </div>
        )}
      </div>
      {!cw ? (
        <p>{w.none}</p>
      ) : (
        <>
          <p data-testid="crosswalk-summary">
            {CROSSWALK_KINDS.filter((k) => counts[k])
              .map((k) => `${w[k]}: ${counts[k]}`)
              .join(' · ')}
          </p>
          {issues.length === 0 ? (
            <p className="dbi-crosswalk__ok">{w.ok.replace('{ref}', ref)}</p>
          ) : (
            <ul className="dbi-issues" data-testid="crosswalk-issues">
              {issues.map((i, n) => (
                <li key={n} className="dbi-issue" title={i.path}>
                  <span className="dbi-issue__message">
                    {i.path.replace('/crosswalk/criteria/', '#')}: {i.message}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <table className="dbi-table dbi-crosswalk__table">
            <thead>
              <tr>
                <th>{w.kind}</th>
                <th>{w.from}</th>
                <th>{w.to}</th>
                <th>{w.combine}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {cw.criteria.map((e, i) => (
                <tr key={i} data-testid={`crosswalk-row-${i}`} className={e.kind === 'same' ? 'is-same' : undefined}>
                  <td>
                    <select
                      aria-label={w.kind}
                      value={e.kind}
                      disabled={readOnly}
                      onChange={(ev) => edit(i, { kind: ev.target.value as CrosswalkKind }, 'kind')}
                    >
                      {CROSSWALK_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {w[k]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={w.from}
                      defaultValue={e.from.join(', ')}
                      key={`f${e.from.join(',')}`}
                      disabled={readOnly || e.kind === 'new'}
                      onBlur={(ev) => edit(i, { from: parseIds(ev.target.value) }, 'from')}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={w.to}
                      defaultValue={e.to.join(', ')}
                      key={`t${e.to.join(',')}`}
                      disabled={readOnly || e.kind === 'dropped'}
                      onBlur={(ev) => edit(i, { to: parseIds(ev.target.value) }, 'to')}
                    />
                  </td>
                  <td>
                    {e.kind === 'merged' && (
                      <select
                        aria-label={w.combine}
                        value={e.combine ?? 'max'}
                        disabled={readOnly}
                        onChange={(ev) => edit(i, { combine: ev.target.value as 'min' | 'max' }, 'combine')}
                      >
                        <option value="max">max</option>
                        <option value="min">min</option>
                      </select>
                    )}
                  </td>
                  <td>
                    {!readOnly && (
                      <button
                        type="button"
                        className="dbi-btn dbi-btn--small"
                        onClick={() => actions.apply((d) => removeEntry(d, i))}
                      >
                        {w.delete}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
