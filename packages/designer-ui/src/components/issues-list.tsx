// The validator's issues, each with the node it concerns; a click jumps to that node.
import { useMemo } from 'react';
import type { Issue } from '@dbi/schema';
import { useDesignerActions, useDesignerState, useLang, useT } from '../context.js';
import { buildTree, INDEX_KEY, keyForPointer } from '../tree.js';
import { describeIssue, issueLine } from '../issue-text.js';

/** Issues given as props (used inside the node panel), in the editor's words; the JSON pointer only as a tooltip. */
export function IssueItems({
  issues,
  onPick,
  withNode = false,
}: {
  issues: readonly Issue[];
  onPick?: (issue: Issue) => void;
  /** Name the node in each line (the list groups by node, so by default it does not). */
  withNode?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const actions = useDesignerActions();
  const readOnly = useDesignerState((s) => s.readOnly);
  const definition = useDesignerState((s) => s.definition);
  const tree = useMemo(() => buildTree(definition), [definition]);
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
            <span className="dbi-issue__message" title={`${issue.path}: ${issue.message}`}>
              {issueLine(describeIssue(issue, tree, definition.id, lang), withNode)}
            </span>
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
