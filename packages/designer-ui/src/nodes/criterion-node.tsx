import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { CriterionFlowNode } from '../to-flow.js';
import { useLang, useT } from '../context.js';
import { DiffTag, IssueBadge, nodeClass } from './badges.js';

/** A criterion: id, text in the current language, badges for its maximum points and weight. */
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
