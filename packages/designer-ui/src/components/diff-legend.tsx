// The colours of the diff view, with counts when given.
import { useT } from '../context.js';
import { DIFF_STATUSES, type DiffStatus } from '../types.js';

export function DiffLegend({ counts }: { counts?: Partial<Record<DiffStatus, number>> }) {
  const t = useT();
  return (
    <ul className="dbi-legend" aria-label={t('diff.title')}>
      {DIFF_STATUSES.map((s) => (
        <li key={s} className="dbi-legend__item">
          <span className={`dbi-legend__swatch dbi-diff--${s}`} aria-hidden="true" />
          {t(`diff.${s}`)}
          {counts && <span className="dbi-legend__count">{counts[s] ?? 0}</span>}
        </li>
      ))}
    </ul>
  );
}
