// The store's diff (if any) as a list whose entries jump to their nodes.
import { useDesignerActions, useDesignerState, useT } from '../context.js';
import { DiffList } from './diff-list.js';

export function DiffPanel() {
  const t = useT();
  const diff = useDesignerState((s) => s.diff);
  const actions = useDesignerActions();
  if (!diff?.diff) return <div className="dbi-panel dbi-panel--empty">{t('diff.none')}</div>;
  return (
    <div className="dbi-panel">
      <DiffList diff={diff.diff} onSelect={(key) => actions.focus(key)} />
    </div>
  );
}
