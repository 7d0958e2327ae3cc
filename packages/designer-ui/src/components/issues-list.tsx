// The validator's issues, each with the node it concerns; a click jumps to that node.
import { useMemo } from 'react';
import type { Issue } from '@dbi/schema';
import { useDesignerActions, useDesignerState, useT } from '../context.js';
import { buildTree, INDEX_KEY, keyForPointer } from '../tree.js';

/** Issues given as props (used inside the node panel). */
export function IssueItems({ issues, onPick }: { issues: readonly Issue[]; onPick?: (issue: Issue) => void }) {
  const t = useT();
  const actions = useDesignerActions();
  const readOnly = useDesignerState((s) => s.readOnly);
  return (
    <ul className="dbi-issues" role="list">
      {issues.map((issue, i) => (
        <li key={i} className="dbi-issue">
          <button
            type="button"
            className="dbi-issue__main"
            onClick={onPick ? () => onPick(issue) : undefined}
            disabled={!onPick}
          >
            <span className="dbi-issue__message">{issue.message}</span>
            <code className="dbi-issue__path">{issue.path}</code>
          </button>
          {issue.code === 'max-mismatch' && !readOnly && (
            <button type="button" className="dbi-btn dbi-btn--small" onClick={() => actions.syncMaxima()}>
              {t('issues.fixMaxima')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function IssuesList() {
  const t = useT();
  const actions = useDesignerActions();
  const issues = useDesignerState((s) => s.issues);
  const definition = useDesignerState((s) => s.definition);
  const tree = useMemo(() => buildTree(definition), [definition]);
  const groups = useMemo(() => {
    const out = new Map<string, Issue[]>();
    for (const issue of issues) {
      const key = keyForPointer(tree, issue.path);
      out.set(key, [...(out.get(key) ?? []), issue]);
    }
    return [...out];
  }, [issues, tree]);

  return (
    <div className="dbi-panel dbi-issues-panel">
      <div className={`dbi-status ${issues.length ? 'is-error' : 'is-ok'}`} role="status">
        {issues.length ? t('issues.blocking', { n: issues.length }) : t('issues.none')}
      </div>
      {groups.map(([key, list]) => {
        const node = tree.byKey.get(key);
        return (
          <section key={key} className="dbi-issue-group">
            <h4>
              <button type="button" className="dbi-link" onClick={() => actions.focus(key)}>
                {node ? `${t(`kind.${node.kind}`)} ${key === INDEX_KEY ? definition.id : node.id}` : key}
              </button>
            </h4>
            <IssueItems issues={list} onPick={() => actions.focus(key)} />
          </section>
        );
      })}
    </div>
  );
}
