// Renders a few canvas nodes on a small static React Flow stage, for the node stories.
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { nodeTypes } from '../nodes/specifications.js';
import type { DesignerNode } from '../to-flow.js';

export function NodeStage({ nodes, height = 160 }: { nodes: DesignerNode[]; height?: number }) {
  let x = 0;
  const placed = nodes.map((n) => {
    const out = { ...n, position: { x, y: 0 } };
    x += (n.width ?? 300) + 24;
    return out;
  });
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
