// What every node kind declares, in one place (the shape gorules/jdm-editor uses): its kind, its fixed size, how
// its data is built from the definition, and the component that draws it. A kind is one `*.specification.tsx`
// plus one line in `specifications.ts`; to-flow.ts loops over the table and knows no kind by name.
import type { ComponentType } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { Criterion, Definition, Issue, Level, PillarResult, ScoreAnswers, ScoreResult } from '@dbi/schema';
import type { DiffStatus, NodeKind } from '../types.js';

// Type aliases, not interfaces: React Flow's node data must be assignable to Record<string, unknown>.
/** Data every node carries, filled in by to-flow.ts. */
export type CommonNodeData = {
  key: string;
  id: string;
  issues: readonly Issue[];
  diff?: DiffStatus;
  /** Fields named by a `changed` diff mark. */
  diffFields?: readonly string[];
  /** A removed node shown from the older version during a diff. */
  ghost?: boolean;
  readOnly?: boolean;
};

/** What a specification's `data` may read besides its own value. */
export interface NodeContext {
  def: Definition;
  key: string;
  ghost: boolean;
  /** Result levels of the definition (none for classifiers). */
  levels: readonly Level[];
  /** A criterion's maximum points (schema's maxOfCriterion over the answer scale). */
  maxOf: (k: Criterion) => number;
  collapsed: boolean;
  /** Issues and diff marks under a node (counted only for collapsed nodes, where they would be hidden). */
  hiddenIssues: () => number;
  hiddenChanges: () => number;
  result?: ScoreResult | null;
  pillarResult: (id: string) => PillarResult | undefined;
  answers?: ScoreAnswers;
  /** Ids the simulation found not applicable under the profile. */
  notApplicable?: ReadonlySet<string>;
}

export interface NodeSize {
  width: number;
  height: number;
}

export interface NodeSpecification<K extends NodeKind, Value, Data extends Record<string, unknown> & { kind: K }> {
  kind: K;
  /** Fixed size (the CSS matches it), so nodes need no measuring before edges and fit-view. */
  size: NodeSize;
  /** Which sides have a handle: a target on the left, a source on the right. */
  handles: { target: boolean; source: boolean };
  /** May be dragged onto another parent when the designer is editable. */
  movable: boolean;
  data: (value: Value, ctx: NodeContext) => Data;
  component: ComponentType<NodeProps<Node<CommonNodeData & Data, K>>>;
}
