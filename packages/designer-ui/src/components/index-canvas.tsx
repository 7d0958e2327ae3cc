// The canvas: the definition drawn by to-flow.ts, with minimap, controls, zoom-to-fit, pillar collapse, search and
// drag-to-move. React Flow is controlled: nodes come from the store's definition; a drag only moves a node on
// screen until it is dropped on a new parent (an edit) or snaps back.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  getNodesBounds,
  useReactFlow,
  useStore as useFlowStore,
  type MiniMapNodeProps,
  type Node,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { reconcileNodes, toFlow, type DesignerNode } from '../to-flow.js';
import { nodeTypes } from '../nodes/specifications.js';
import { useDesignerActions, useDesignerState, useT } from '../context.js';
import { CanvasSearch } from './canvas-search.js';

export interface IndexCanvasProps {
  /**
   * Minimap shown at first (default false: over a canvas that is read at full size it hides the nodes beneath it;
   * 'auto' = yes unless more than DENSE nodes are drawn, where it is a grey smear and costs frames while panning).
   * A tool button toggles it; on a dense canvas it then draws pillars and components only.
   */
  minimap?: boolean | 'auto';
  /** Dotted background (default 'auto': plain once more than DENSE nodes are drawn, for the same reason). */
  background?: boolean | 'auto';
  /** Show the search box (default true). */
  search?: boolean;
  /** Draw only nodes and edges in view (default true; keeps 2,000 criteria fluid). */
  onlyRenderVisibleElements?: boolean;
  className?: string;
  style?: CSSProperties;
  /** Mouse wheel pans (default, reads like a document; pinch or Ctrl+wheel zooms) or zooms. */
  wheel?: 'pan' | 'zoom';
  /** Called once per opened definition, after its first layout has been put into view. */
  onReady?: () => void;
}

const MINIMAP_COLORS: Record<string, string> = {
  index: '#1d4ed8',
  pillar: '#2563eb',
  component: '#60a5fa',
  criterion: '#cbd5e1',
};
const minimapColor = (n: Node) => MINIMAP_COLORS[n.type ?? ''] ?? '#cbd5e1';
/** Above this many drawn nodes the canvas drops the decorations that repaint on every frame of a pan. */
export const DENSE = 600;

function MiniNode({ x, y, width, height, color }: MiniMapNodeProps) {
  return <rect x={x} y={y} width={width} height={height} fill={color} />;
}
function SparseMiniNode(props: MiniMapNodeProps) {
  return props.id.startsWith('criterion:') ? null : <MiniNode {...props} />;
}
const FIT = { padding: 0.08, maxZoom: 1 } as const;
/**
 * The zoom an index opens at: node text is 12 px at zoom 1 (badges 11 px), so at 1.1
 * everything on a node reads at 12 px or more. An index wider than the canvas opens at its top-left
 * (index, first pillar); the wheel scrolls, "fit view" shows it whole.
 */
const READABLE_ZOOM = 1.1;
/** Below this zoom node text and badges are not painted (unreadable at that size). */
const FAR_ZOOM = 0.3;
const MARGIN = 24;

function CanvasInner({
  minimap = false,
  background = 'auto',
  search = true,
  onlyRenderVisibleElements = true,
  wheel = 'pan',
  className,
  style,
  onReady,
}: IndexCanvasProps) {
  const t = useT();
  const actions = useDesignerActions();
  const { definition, collapsed, issuesByNode, diff, simulation, answers, selected, readOnly, focusRequest } =
    useDesignerState(
      useShallow((s) => ({
        definition: s.definition,
        collapsed: s.collapsed,
        issuesByNode: s.issuesByNode,
        diff: s.diff,
        simulation: s.simulation,
        answers: s.answers,
        selected: s.selected,
        readOnly: s.readOnly,
        focusRequest: s.focusRequest,
      })),
    );
  const simulating = Object.keys(answers).length > 0;
  const result = simulating && simulation.ok ? simulation.result : null;

  const flow = useMemo(
    () =>
      toFlow(definition, {
        collapsed,
        issuesByNode,
        diff,
        result,
        ...(simulating ? { answers } : {}),
        selected,
        readOnly,
      }),
    [definition, collapsed, issuesByNode, diff, result, simulating, answers, selected, readOnly],
  );
  const previous = useRef<DesignerNode[]>([]);
  const nodes = useMemo(() => (previous.current = reconcileNodes(previous.current, flow.nodes)), [flow.nodes]);

  // Positions of nodes being dragged; cleared on drop.
  const [dragged, setDragged] = useState<ReadonlyMap<string, { x: number; y: number }> | null>(null);
  const shown = useMemo(
    () => (dragged ? nodes.map((n) => (dragged.has(n.id) ? { ...n, position: dragged.get(n.id)! } : n)) : nodes),
    [nodes, dragged],
  );

  const dense = nodes.length > DENSE;
  const showBackground = background === 'auto' ? !dense : background;
  const [mapChoice, setMapChoice] = useState<boolean | null>(null);
  const showMap = mapChoice ?? (minimap === 'auto' ? !dense : minimap);

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => {
      // Selection lives in the store; React Flow's own select changes (keyboard Enter on a focused node) feed it.
      for (const c of changes) if (c.type === 'select' && c.selected) actions.select(c.id);
      const moves = changes.filter((c) => c.type === 'position' && c.position && c.dragging);
      if (!moves.length) return;
      setDragged((prev) => {
        const next = new Map(prev ?? []);
        for (const c of moves) if (c.type === 'position' && c.position) next.set(c.id, c.position);
        return next;
      });
    },
    [actions],
  );

  const flowApi = useReactFlow<DesignerNode>();
  const onNodeDragStop: OnNodeDrag<DesignerNode> = useCallback(
    (_event, node) => {
      const targets = flowApi
        .getIntersectingNodes(node, true)
        .filter((n) => n.id !== node.id && (n.type === 'component' || n.type === 'pillar' || n.type === 'criterion'));
      setDragged(null);
      for (const target of targets) if (actions.drop(node.id, target.id)) break;
    },
    [actions, flowApi],
  );

  const onNodeClick: NodeMouseHandler<DesignerNode> = useCallback((_e, node) => actions.select(node.id), [actions]);
  const onPaneClick = useCallback(() => actions.select(null), [actions]);

  // Far out, a node's words are unreadable anyway; not painting them keeps panning fluid on large variants
  // (software rendering spent most of each frame on text). The selector is a boolean: re-renders only on crossing.
  const far = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
  const paneWidth = useFlowStore((s) => s.width);
  const paneHeight = useFlowStore((s) => s.height);
  const placedFor = useRef<string | null>(null);
  // The search box and tools sit in one bar above the nodes (wrapping on a narrow canvas); the first view starts
  // below it, so nothing is hidden under it.
  const bar = useRef<HTMLDivElement>(null);
  const docKey = `${definition.id}@${definition.version}`;

  const centreOn = (key: string, duration: number): boolean => {
    const node = flow.nodes.find((n) => n.id === key);
    if (!node) return false;
    const zoom = Math.max(flowApi.getZoom(), 0.9);
    void flowApi.setCenter(node.position.x + (node.width ?? 0) / 2, node.position.y + (node.height ?? 0) / 2, {
      zoom,
      duration,
    });
    return true;
  };

  // Centre on a node when asked (search, issue list); runs after the layout that reveals it. Keyed on the request
  // alone: a new layout after an edit must not move the view. Before the first view is placed, placing handles it.
  useEffect(() => {
    if (focusRequest && placedFor.current === docKey) centreOn(focusRequest.key, 300);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the request alone, as said above
  }, [focusRequest?.nonce]);

  // First view of each opened definition: the node asked for, else everything when it is readable at once, else the
  // full width at a readable zoom from the top (the wheel then scrolls down through the tree, the minimap shows
  // where). Keyed on the opened definition, not on its content: edits never move the view.
  const empty = flow.nodes.length === 0;
  useEffect(() => {
    if (placedFor.current === docKey || paneWidth === 0 || paneHeight === 0 || empty) return;
    placedFor.current = docKey;
    if (focusRequest && centreOn(focusRequest.key, 0)) {
      onReady?.();
      return;
    }
    const b = getNodesBounds(flow.nodes);
    const top = (bar.current?.offsetHeight ?? 40) + 20;
    const zoom = READABLE_ZOOM;
    void flowApi.setViewport({
      x: Math.max(MARGIN, (paneWidth - b.width * zoom) / 2) - b.x * zoom,
      y: top - b.y * zoom,
      zoom,
    });
    onReady?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the opened definition and the pane, as said above
  }, [docKey, paneWidth, paneHeight, empty]);

  return (
    <div
      className={`dbi-canvas${readOnly ? ' is-readonly' : ''}${far ? ' is-far' : ''}${className ? ` ${className}` : ''}`}
      style={style}
    >
      <ReactFlow<DesignerNode>
        nodes={shown}
        edges={flow.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onlyRenderVisibleElements={onlyRenderVisibleElements}
        nodesDraggable={!readOnly}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        panOnScroll={wheel === 'pan'}
        zoomOnScroll={wheel === 'zoom'}
        minZoom={0.03}
        maxZoom={2}
      >
        {showBackground && <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#d4d9e1" />}
        <Controls showInteractive={false} fitViewOptions={FIT} />
        {showMap && (
          <MiniMap
            pannable
            zoomable
            nodeColor={minimapColor}
            nodeComponent={dense ? SparseMiniNode : MiniNode}
            maskColor="rgba(241,245,249,0.7)"
          />
        )}
        <Panel position="top-left" className="dbi-canvas__panel dbi-canvas__bar">
          <div ref={bar} className="dbi-canvas__bar-inner">
            {search && <CanvasSearch />}
            <div className="dbi-canvas__tools">
              {readOnly && <span className="dbi-badge dbi-badge--readonly">{t('readOnly')}</span>}
              <button type="button" className="dbi-btn dbi-btn--small" onClick={() => actions.expandAll()}>
                {t('expandAll')}
              </button>
              <button type="button" className="dbi-btn dbi-btn--small" onClick={() => actions.collapseAll()}>
                {t('collapseAll')}
              </button>
              <button type="button" className="dbi-btn dbi-btn--small" onClick={() => void flowApi.fitView(FIT)}>
                {t('fitView')}
              </button>
              <button
                type="button"
                className="dbi-btn dbi-btn--small"
                aria-pressed={showMap}
                onClick={() => setMapChoice(!showMap)}
              >
                {t('minimap')}
              </button>
            </div>
          </div>
        </Panel>
      </ReactFlow>
    </div>
  );
}

/** The index as a graph. Must be inside a `<DesignerProvider>`; give it a sized parent (it fills it). */
export function IndexCanvas(props: IndexCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}
