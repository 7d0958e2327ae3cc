// The table of node kinds. Adding a kind: write `<kind>.specification.tsx` and add one line here (and the kind to
// `NodeKind` in types.ts, which makes this table fail to compile until it is added).
import type { NodeTypes } from '@xyflow/react';
import type { NodeKind } from '../types.js';
import { indexSpecification, type IndexFlowNode } from './index.specification.js';
import { pillarSpecification, type PillarFlowNode } from './pillar.specification.js';
import { componentSpecification, type ComponentFlowNode } from './component.specification.js';
import { criterionSpecification, type CriterionFlowNode } from './criterion.specification.js';
import type { NodeSize } from './specification.js';

export const nodeSpecifications = {
  index: indexSpecification,
  pillar: pillarSpecification,
  component: componentSpecification,
  criterion: criterionSpecification,
} as const satisfies { [K in NodeKind]: { kind: K } };

export type DesignerNode = IndexFlowNode | PillarFlowNode | ComponentFlowNode | CriterionFlowNode;
export type DesignerNodeData = DesignerNode['data'];

const kinds = Object.keys(nodeSpecifications) as NodeKind[];

/** Each kind's fixed size. */
export const NODE_SIZE = Object.fromEntries(kinds.map((k) => [k, nodeSpecifications[k].size])) as Record<
  NodeKind,
  NodeSize
>;

/** React Flow's component table, built once at module scope (a new identity would re-mount every node). */
export const nodeTypes = Object.fromEntries(
  kinds.map((k) => [k, nodeSpecifications[k].component]),
) as unknown as NodeTypes;
