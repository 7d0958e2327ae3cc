// The node kinds, one file each, registered once at module scope (React Flow re-mounts every node when this
// object changes identity).
import type { NodeTypes } from '@xyflow/react';
import { IndexNode } from './nodes/index-node.js';
import { PillarNode } from './nodes/pillar-node.js';
import { ComponentNode } from './nodes/component-node.js';
import { CriterionNode } from './nodes/criterion-node.js';
import type { DesignerNode } from './to-flow.js';

export const nodeTypes = {
  index: IndexNode,
  pillar: PillarNode,
  component: ComponentNode,
  criterion: CriterionNode,
} satisfies Record<DesignerNode['type'] & string, unknown> satisfies NodeTypes;
