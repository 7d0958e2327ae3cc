// The schema's semantic diff as a list: what was added, removed, moved and changed, each a link to its node.
import type { DefinitionDiff, DiffChange } from '@dbi/schema';
import { useLang, useT } from '../context.js';
import { changeKey, diffCounts, diffMarks } from '../diff.js';
import { DiffLegend } from './diff-legend.js';
import type { DiffStatus } from '../types.js';

const STATUS: Record<DiffChange['change'], DiffStatus> = {
  added: 'added',
  removed: 'removed',
  moved: 'moved',
  reordered: 'moved',
  reworded: 'changed',
  reweighted: 'changed',
  'max-changed': 'changed',
  changed: 'changed',
  'rules-changed': 'changed',
  'levels-changed': 'changed',
  'metadata-changed': 'changed',
};

function short(v: unknown, lang: 'vi' | 'en'): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object' && v !== null && 'vi' in v && 'en' in v)
    return String((v as Record<string, unknown>)[lang]);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function pickLang(v: unknown, lang: 'vi' | 'en'): unknown {
  return typeof v === 'object' && v !== null && lang in v ? (v as Record<string, unknown>)[lang] : v;
}

export interface DiffListProps {
  diff: DefinitionDiff;
  /** Called with the canvas key of the node a change concerns (`criterion:3.2.5`). */
  onSelect?: (key: string) => void;
}

export function DiffList({ diff, onSelect }: DiffListProps) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="dbi-difflist">
      <div className="dbi-difflist__head">
        <code>
          {diff.from.id}@{diff.from.version} → {diff.to.id}@{diff.to.version}
        </code>
      </div>
      <DiffLegend counts={diffCounts(diffMarks(diff))} />
      {diff.changes.length === 0 && <p className="dbi-node__muted">{t('diff.none')}</p>}
      <ul className="dbi-difflist__items">
        {diff.changes.map((c, i) => {
          const status = STATUS[c.change];
          const target = changeKey(c);
          const label = c.node
            ? `${t(`kind.${c.node === 'input' || c.node === 'output' || c.node === 'profile' ? 'index' : c.node === 'option' ? 'criterion' : c.node}`)} ${c.id}`
            : (c.field ?? c.change);
          let detail = '';
          const field = c.node ? `${c.field}: ` : '';
          if (c.change === 'moved') detail = t('diff.fromTo', { from: c.fromParent || '—', to: c.toParent || '—' });
          else if (c.change === 'reordered') detail = `#${(c.fromPosition ?? 0) + 1} → #${(c.toPosition ?? 0) + 1}`;
          else if (c.change === 'reworded') {
            // Show the language that changed, the current one first.
            const langs = c.languages ?? [];
            const l = langs.includes(lang) || langs.length === 0 ? lang : langs[0]!;
            detail = `${c.field} (${langs.join(', ')}): ${short(pickLang(c.before, l), lang)} → ${short(pickLang(c.after, l), lang)}`;
          } else if (
            c.change === 'added' ||
            c.change === 'removed' ||
            c.change === 'rules-changed' ||
            c.change === 'levels-changed'
          )
            detail = '';
          else detail = `${field}${short(c.before, lang)} → ${short(c.after, lang)}`;
          return (
            <li key={i} className={`dbi-difflist__item dbi-diff--${status}`} data-change={c.change}>
              <span className={`dbi-badge dbi-badge--${status}`}>{t(`diff.${status}`)}</span>{' '}
              {onSelect && target.key && c.change !== 'removed' ? (
                <button type="button" className="dbi-link" onClick={() => onSelect(target.key!)}>
                  {label}
                </button>
              ) : (
                <strong>{label}</strong>
              )}{' '}
              <span className="dbi-difflist__detail">{detail}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
