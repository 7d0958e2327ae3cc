import { memo, type MouseEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { PillarFlowNode } from '../to-flow.js';
import { useDesignerActions, useLang, useT } from '../context.js';
import { DiffTag, IssueBadge, LevelBadge, nodeClass } from './badges.js';

/** A pillar: collapsible group of components; points and level while simulating. */
export const PillarNode = memo(function PillarNode({ data, selected }: NodeProps<PillarFlowNode>) {
  const lang = useLang();
  const t = useT();
  const actions = useDesignerActions();
  const toggle = (e: MouseEvent) => {
    e.stopPropagation();
    actions.toggleCollapsed(data.id);
  };
  return (
    <div className={nodeClass('pillar', data, selected, data.collapsed ? 'is-collapsed' : '')}>
      <div className="dbi-node__head">
        <span className="dbi-node__kind">{t('kind.pillar')}</span>
        <span className="dbi-node__id">{data.id}</span>
        {data.max !== undefined && (
          <span className="dbi-badge dbi-badge--points" title={t('points.max', { n: data.max })}>
            {t('points.short', { n: data.max })}
          </span>
        )}
        {data.override && <span className="dbi-badge dbi-badge--info">{t('rules.override')}</span>}
        <DiffTag status={data.diff} />
        <IssueBadge issues={data.issues} />
      </div>
      <div className="dbi-node__title">{data.name[lang]}</div>
      <div className="dbi-node__meta">
        {data.components! ? t('count.components!', { n: data.components! }) : ''}
        {data.criteria ? ` · ${t('count.criteria', { n: data.criteria })}` : ''}
      </div>
      <div className="dbi-node__foot">
        {data.sim && (
          <>
            <LevelBadge level={data.sim.level} />
            <span className="dbi-node__muted">{t('points.of', { points: data.sim.points, max: data.sim.max })}</span>
          </>
        )}
        {data.hiddenIssues > 0 && (
          <span className="dbi-badge dbi-badge--error">{t('issues.hidden', { n: data.hiddenIssues })}</span>
        )}
        {data.hiddenChanges > 0 && (
          <span className="dbi-badge dbi-badge--changed">{t('changes.hidden', { n: data.hiddenChanges })}</span>
        )}
        {data.collapsible && (
          <button type="button" className="dbi-node__toggle nodrag" onClick={toggle} aria-expanded={!data.collapsed}>
            {data.collapsed ? `▸ ${t('expand')}` : `▾ ${t('collapse')}`}
          </button>
        )}
      </div>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
