// The root node: title, version, size of the index; the overall result while simulating.
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Definition, Text } from '@dbi/schema';
import { useLang, useT } from '../context.js';
import { pillarCriteria, pillarsOf } from '../tree.js';
import { DiffTag, IssueBadge, LevelBadge, nodeClass } from './badges.js';
import type { CommonNodeData, NodeSpecification } from './specification.js';

type Own = {
  kind: 'index';
  version: string;
  defKind: Definition['kind'];
  title: Text;
  /** The index@version this one was derived from (lineage of variants and revisions). */
  derivedFrom?: string;
  /** Sum of the criteria's maxima (scorecards). */
  max?: number;
  pillars: number;
  criteria: number;
  /** Profile facts declared (v2). */
  profile?: number;
  levelCount: number;
  sim?: { total: number; max: number; level: number; levelName?: Text };
};
export type IndexNodeData = CommonNodeData & Own;
export type IndexFlowNode = Node<IndexNodeData, 'index'>;

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

export const indexSpecification: NodeSpecification<'index', Definition, Own> = {
  kind: 'index',
  size: { width: 260, height: 128 },
  handles: { target: false, source: true },
  movable: false,
  component: IndexNode,
  data: (d, ctx) => {
    const all = d.kind === 'scorecard' ? d.pillars.flatMap((x) => pillarCriteria(x)) : [];
    const criteria = all.length;
    const max = d.kind === 'scorecard' ? all.reduce((u, k) => u + ctx.maxOf(k), 0) : undefined;
    const r = ctx.result;
    return {
      kind: 'index',
      version: d.version,
      defKind: d.kind,
      title: d.title,
      ...(d.derivedFrom ? { derivedFrom: d.derivedFrom } : {}),
      ...(max === undefined ? {} : { max }),
      pillars: pillarsOf(d).length,
      ...(d.kind === 'scorecard' && d.profile ? { profile: d.profile.length } : {}),
      levelCount: d.kind === 'classifier' ? 0 : d.levels.length,
      criteria,
      ...(r
        ? {
            sim: {
              total: r.total,
              max: r.max,
              level: r.level,
              ...(ctx.levels[r.level] ? { levelName: ctx.levels[r.level]!.name } : {}),
            },
          }
        : {}),
    };
  },
};
