import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ComponentFlowNode } from '../to-flow.js';
import { useLang, useT } from '../context.js';
import { DiffTag, IssueBadge, nodeClass } from './badges.js';

/** A component: its name and the points its criteria add up to. */
export const ComponentNode = memo(function ComponentNode({ data, selected }: NodeProps<ComponentFlowNode>) {
  const lang = useLang();
  const t = useT();
  return (
    <div className={nodeClass('component', data, selected)}>
      <div className="dbi-node__head">
        <span className="dbi-node__id">{data.id}</span>
        <span className="dbi-node__meta">
          {t('count.criteria', { n: data.criteria })} · {t('points.max', { n: data.max })}
        </span>
        <DiffTag status={data.diff} />
        <IssueBadge issues={data.issues} />
      </div>
      <div className="dbi-node__title dbi-clamp-2" title={data.name[lang]}>
        {data.name[lang]}
      </div>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
