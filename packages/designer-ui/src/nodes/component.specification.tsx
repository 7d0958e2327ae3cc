// A component: its name and the points its criteria add up to.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Component, Text } from '@dbi/schema';
import { useLang, useT } from '../context.js';
import { DiffTag, IssueBadge, nodeClass } from './badges.js';
import type { CommonNodeData, NodeSpecification } from './specification.js';

type Own = {
  kind: 'component';
  name: Text;
  max: number;
  criteria: number;
};
export type ComponentNodeData = CommonNodeData & Own;
export type ComponentFlowNode = Node<ComponentNodeData, 'component'>;

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

export const componentSpecification: NodeSpecification<'component', Component, Own> = {
  kind: 'component',
  size: { width: 260, height: 76 },
  handles: { target: true, source: true },
  movable: true,
  component: ComponentNode,
  data: (c, ctx) => ({
    kind: 'component',
    name: c.name,
    max: c.criteria.reduce((u, k) => u + ctx.maxOf(k), 0),
    criteria: c.criteria.length,
  }),
};
