// A criterion: id, text in the current language, badges for its maximum points and weight.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { AnswerType, Criterion, ScoreAnswerValue, Text } from '@dbi/schema';
import { useLang, useT } from '../context.js';
import { DiffTag, IssueBadge, nodeClass } from './badges.js';
import type { CommonNodeData, NodeSpecification } from './specification.js';

type Own = {
  kind: 'criterion';
  text: Text;
  group?: Text;
  answerType: AnswerType;
  /** Level criteria: points per answer level. */
  weight?: number;
  max: number;
  answer?: ScoreAnswerValue;
  /** Carries an applicability rule. */
  conditional?: true;
  /** Does not apply under the simulated profile. */
  notApplicable?: true;
};
export type CriterionNodeData = CommonNodeData & Own;
export type CriterionFlowNode = Node<CriterionNodeData, 'criterion'>;

export const CriterionNode = memo(function CriterionNode({ data, selected }: NodeProps<CriterionFlowNode>) {
  const lang = useLang();
  const t = useT();
  const text = data.text[lang];
  return (
    <div className={nodeClass('criterion', data, selected, data.notApplicable ? 'is-na' : '')}>
      <div className="dbi-node__head">
        <span className="dbi-node__id">{data.id}</span>
        <span className="dbi-badge dbi-badge--points" title={t('max.title')}>
          {t('points.short', { n: data.max })}
        </span>
        {data.weight !== undefined ? (
          <span className="dbi-badge dbi-badge--weight" title={t('weight.title', { n: data.weight })}>
            {t('weight.short', { n: data.weight })}
          </span>
        ) : (
          <span className="dbi-badge dbi-badge--weight">{t(`type.${data.answerType}`)}</span>
        )}
        {data.conditional && <span className="dbi-badge dbi-badge--info">{t('applies.badge')}</span>}
        {data.answer !== undefined && (
          <span className="dbi-badge dbi-badge--answer">
            {data.answer === null
              ? t('sim.blank')
              : typeof data.answer === 'number' && data.weight !== undefined
                ? t('level.n', { n: data.answer })
                : Array.isArray(data.answer)
                  ? data.answer.join(', ')
                  : typeof data.answer === 'boolean'
                    ? t(data.answer ? 'yes' : 'no')
                    : String(data.answer)}
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
      answerType: k.type ?? 'level',
      ...(k.type === undefined || k.type === 'level' ? { weight: k.weight } : {}),
      max: ctx.maxOf(k),
      ...(answer !== undefined ? { answer } : {}),
      ...(k.applies !== undefined ? { conditional: true } : {}),
      ...(ctx.notApplicable?.has(k.id) ? { notApplicable: true } : {}),
    };
  },
};
