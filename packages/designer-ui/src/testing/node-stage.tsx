// Renders a few canvas nodes on a small static React Flow stage, for the node stories.
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { nodeTypes } from '../nodes/specifications.js';
import type { DesignerNode } from '../to-flow.js';

export function NodeStage({ nodes, height = 160 }: { nodes: DesignerNode[]; height?: number }) {
  // Each node starts where the previous ones end (their widths plus a gap); computed without reassigning in render.
  const starts = nodes.map((_, i) => nodes.slice(0, i).reduce((x, m) => x + (m.width ?? 300) + 24, 0));
  const placed = nodes.map((n, i) => ({ ...n, position: { x: starts[i]!, y: 0 } }));
  return (
    <div style={{ height, width: '100%', background: '#f6f7f9' }}>
      <ReactFlowProvider>
        <ReactFlow
          nodes={placed}
          edges={[]}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
          nodesDraggable={false}
          panOnDrag={false}
          zoomOnScroll={false}
        />
      </ReactFlowProvider>
    </div>
  );
}
