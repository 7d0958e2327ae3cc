// A criterion: id, text in the current language, badges for its maximum points and weight.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Criterion, Text } from '@dbi/schema';
import { useLang, useT } from '../context.js';
import { DiffTag, IssueBadge, nodeClass } from './badges.js';
import type { CommonNodeData, NodeSpecification } from './specification.js';

type Own = {
  kind: 'criterion';
  text: Text;
  group?: Text;
  weight: number;
  max: number;
  answer?: number | null;
};
export type CriterionNodeData = CommonNodeData & Own;
export type CriterionFlowNode = Node<CriterionNodeData, 'criterion'>;

export const CriterionNode = memo(function CriterionNode({ data, selected }: NodeProps<CriterionFlowNode>) {
  const lang = useLang();
  const t = useT();
  const text = data.text[lang];
  return (
    <div className={nodeClass('criterion', data, selected)}>
      <div className="dbi-node__head">
        <span className="dbi-node__id">{data.id}</span>
        <span className="dbi-badge dbi-badge--points" title={t('max.title')}>
          {t('points.short', { n: data.max })}
        </span>
        <span className="dbi-badge dbi-badge--weight" title={t('weight.title', { n: data.weight })}>
          {t('weight.short', { n: data.weight })}
        </span>
        {data.answer !== undefined && (
          <span className="dbi-badge dbi-badge--answer">
            {data.answer === null ? t('sim.blank') : t('level.n', { n: data.answer })}
          </span>
        )}
        <DiffTag status={data.diff} />
        <IssueBadge issues={data.issues} />
      </div>
      <div className="dbi-node__text dbi-clamp-2" title={text}>
        {text}
      </div>
      <Handle type="target" position={Position.Left} isConnectable={false} />
    </div>
  );
});

export const criterionSpecification: NodeSpecification<'criterion', Criterion, Own> = {
  kind: 'criterion',
  size: { width: 320, height: 72 },
  handles: { target: true, source: false },
  movable: true,
  component: CriterionNode,
  data: (k, ctx) => {
    const answer = ctx.ghost ? undefined : ctx.answers?.[k.id];
    return {
      kind: 'criterion',
      text: k.text,
      ...(k.group ? { group: k.group } : {}),
      weight: k.weight,
      max: ctx.top(k.weight),
      ...(answer !== undefined ? { answer } : {}),
    };
  },
};
