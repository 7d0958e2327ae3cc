import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { IndexFlowNode } from '../to-flow.js';
import { useLang, useT } from '../context.js';
import { DiffTag, IssueBadge, LevelBadge, nodeClass } from './badges.js';

/** The root: title, version, size of the index; the overall result while simulating. */
export const IndexNode = memo(function IndexNode({ data, selected }: NodeProps<IndexFlowNode>) {
  const lang = useLang();
  const t = useT();
  return (
    <div className={nodeClass('index', data, selected)}>
      <div className="dbi-node__head">
        <span className="dbi-node__kind">{t(`defkind.${data.defKind}`)}</span>
        <span className="dbi-node__ref">
          {data.id}@{data.version}
        </span>
      </div>
      <div className="dbi-node__title dbi-clamp-2" title={data.title[lang]}>
        {data.title[lang]}
      </div>
      <div className="dbi-node__meta">
        {t('count.pillars', { n: data.pillars })}
        {data.criteria ? ` · ${t('count.criteria', { n: data.criteria })}` : ''}
        {data.max !== undefined ? ` · ${t('points.max', { n: data.max })}` : ''}
      </div>
      {data.derivedFrom && (
        <div className="dbi-node__meta" title={t('derivedFrom', { ref: data.derivedFrom })}>
          ↳ {t('derivedFrom', { ref: data.derivedFrom })}
        </div>
      )}
      <div className="dbi-node__sim">
        {data.sim && (
          <>
            <LevelBadge level={data.sim.level} />
            <span>{t('points.of', { points: data.sim.total, max: data.sim.max })}</span>
            {data.sim.levelName && <span className="dbi-node__muted">{data.sim.levelName[lang]}</span>}
          </>
        )}
        <DiffTag status={data.diff} />
        <IssueBadge issues={data.issues} />
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
