// Small pieces shared by the node kinds: issue badge, level badge, diff class names.
import type { Issue } from '@dbi/schema';
import { useLang, useT } from '../context.js';
import { issueMessage } from '../issue-text.js';
import type { DiffStatus } from '../types.js';

export function nodeClass(
  kind: string,
  data: { issues: readonly Issue[]; diff?: DiffStatus; ghost?: boolean },
  selected: boolean | undefined,
  extra = '',
): string {
  let c = `dbi-node dbi-node--${kind}`;
  if (data.diff) c += ` dbi-diff--${data.diff}`;
  if (data.ghost) c += ' is-ghost';
  if (data.issues.length) c += ' has-issues';
  if (selected) c += ' is-selected';
  return extra ? `${c} ${extra}` : c;
}

export function IssueBadge({ issues }: { issues: readonly Issue[] }) {
  const t = useT();
  const lang = useLang();
  if (!issues.length) return null;
  return (
    <span
      className="dbi-badge dbi-badge--error"
      title={issues.map((i) => `${issueMessage(lang, i)} — ${i.path}`).join('\n')}
      aria-label={t('issues.count', { n: issues.length })}
    >
      ⚠ {issues.length}
    </span>
  );
}

export function LevelBadge({ level }: { level: number }) {
  const t = useT();
  return <span className={`dbi-badge dbi-level dbi-level-${Math.min(level, 5)}`}>{t('level.n', { n: level })}</span>;
}

export function DiffTag({ status }: { status?: DiffStatus | undefined }) {
  const t = useT();
  if (!status) return null;
  return <span className={`dbi-badge dbi-badge--diff dbi-badge--${status}`}>{t(`diff.${status}`)}</span>;
}
