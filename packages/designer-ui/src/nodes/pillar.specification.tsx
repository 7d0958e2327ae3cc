// A pillar: collapsible group of components or criteria; weight, applicability; points and level while simulating.
import { memo, type MouseEvent } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Pillar, Text } from '@dbi/schema';
import { useDesignerActions, useLang, useT } from '../context.js';
import { pillarCriteria } from '../tree.js';
import { DiffTag, IssueBadge, LevelBadge, nodeClass } from './badges.js';
import type { CommonNodeData, NodeSpecification } from './specification.js';

type Own = {
  kind: 'pillar';
  name: Text;
  max?: number;
  components: number;
  criteria: number;
  collapsed: boolean;
  collapsible: boolean;
  /** Issues and diff marks inside a collapsed pillar, so nothing disappears from view. */
  hiddenIssues: number;
  hiddenChanges: number;
  /** The pillar has its own level rules. */
  override: boolean;
  /** Weight in the overall score, when pillars are weighted. */
  weight?: number;
  /** Carries an applicability rule. */
  conditional?: true;
  /** Does not apply under the simulated profile. */
  notApplicable?: true;
  sim?: { points: number; max: number; level: number };
};
export type PillarNodeData = CommonNodeData & Own;
export type PillarFlowNode = Node<PillarNodeData, 'pillar'>;
/** A scorecard's pillar, or a group index's pillar (a name only). */
export type PillarValue = Pillar | { id: string; name: Text; components?: undefined };

export const PillarNode = memo(function PillarNode({ data, selected }: NodeProps<PillarFlowNode>) {
  const lang = useLang();
  const t = useT();
  const actions = useDesignerActions();
  const toggle = (e: MouseEvent) => {
    e.stopPropagation();
    actions.toggleCollapsed(data.id);
  };
  return (
    <div
      className={nodeClass(
        'pillar',
        data,
        selected,
        `${data.collapsed ? 'is-collapsed' : ''}${data.notApplicable ? ' is-na' : ''}`,
      )}
    >
      <div className="dbi-node__head">
        <span className="dbi-node__kind">{t('kind.pillar')}</span>
        <span className="dbi-node__id">{data.id}</span>
        {data.max !== undefined && (
          <span className="dbi-badge dbi-badge--points" title={t('points.max', { n: data.max })}>
            {t('points.short', { n: data.max })}
          </span>
        )}
        {data.weight !== undefined && (
          <span className="dbi-badge dbi-badge--weight" title={t('field.pillarWeight')}>
            {t('weight.pillar', { n: data.weight })}
          </span>
        )}
        {data.conditional && <span className="dbi-badge dbi-badge--info">{t('applies.badge')}</span>}
        {data.override && <span className="dbi-badge dbi-badge--info">{t('rules.override')}</span>}
        <DiffTag status={data.diff} />
        <IssueBadge issues={data.issues} />
      </div>
      <div className="dbi-node__title">{data.name[lang]}</div>
      <div className="dbi-node__meta">
        {data.components ? t('count.components', { n: data.components }) : ''}
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

export const pillarSpecification: NodeSpecification<'pillar', PillarValue, Own> = {
  kind: 'pillar',
  size: { width: 260, height: 100 },
  handles: { target: true, source: true },
  movable: false,
  component: PillarNode,
  data: (p, ctx) => {
    const comps = p.components ?? [];
    const all = 'criteria' in p || comps.length ? pillarCriteria(p as Pillar) : [];
    const sim = ctx.ghost ? undefined : ctx.pillarResult(p.id);
    const weight = 'weight' in p ? p.weight : undefined;
    return {
      kind: 'pillar',
      name: p.name,
      ...(ctx.def.kind === 'scorecard' ? { max: all.reduce((u, k) => u + ctx.maxOf(k), 0) } : {}),
      ...(weight !== undefined ? { weight } : {}),
      ...('applies' in p && p.applies !== undefined ? { conditional: true } : {}),
      ...(ctx.notApplicable?.has(p.id) ? { notApplicable: true } : {}),
      components: comps.length,
      criteria: all.length,
      collapsed: ctx.collapsed,
      collapsible: all.length > 0,
      hiddenIssues: ctx.collapsed ? ctx.hiddenIssues() : 0,
      hiddenChanges: ctx.collapsed ? ctx.hiddenChanges() : 0,
      override: 'rules' in p && p.rules !== undefined,
      ...(sim ? { sim: { points: sim.points, max: sim.max, level: sim.level } } : {}),
    };
  },
};
