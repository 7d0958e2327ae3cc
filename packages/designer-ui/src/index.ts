// @dbi/designer-ui — the index designer's reusable parts: pure mapping and edit functions, a store per designer,
// the React Flow canvas with its node kinds, and the side panels. Styles: `import '@dbi/designer-ui/style.css'`.

// Vocabulary
export type { Lang, NodeKind, NodePath, DiffStatus, DiffMark, DiffView } from './types.js';
export { LANGS, DIFF_STATUSES } from './types.js';
export { t, messages } from './i18n.js';
export type { MessageKey } from './i18n.js';

// Pure functions: definition ↔ tree ↔ canvas, edits, rule shapes, search, simulation, diff marks
export {
  buildTree,
  nodeKey,
  keyAt,
  keyForPointer,
  issuesByNode,
  findPath,
  nodeAt,
  pointerOf,
  parsePointer,
  pillarKeyOf,
  INDEX_KEY,
} from './tree.js';
export type { DefinitionTree, TreeNode, NodeAt } from './tree.js';
export { toFlow, reconcileNodes, isGhostKey } from './to-flow.js';
export type {
  Flow,
  ToFlowOptions,
  DesignerNode,
  DesignerNodeData,
  IndexFlowNode,
  PillarFlowNode,
  ComponentFlowNode,
  CriterionFlowNode,
  IndexNodeData,
  PillarNodeData,
  ComponentNodeData,
  CriterionNodeData,
} from './to-flow.js';
export { pathOfKey, dropMove } from './from-flow.js';
export { layoutTree, NODE_SIZE } from './layout.js';
export type { LayoutTree, LayoutNode, Point } from './layout.js';
export {
  EditError,
  setText,
  setId,
  setWeight,
  addCriterion,
  addComponent,
  removeNode,
  moveNode,
  reorderNode,
  getRules,
  setRules,
  setRule,
  rulePlacePointer,
  syncMaxima,
  sumMax,
  withLayout,
  freshId,
  TEXT_FIELDS,
} from './edit.js';
export type { TextField, Placed, RulePlace } from './edit.js';
export {
  parseRule,
  printRule,
  parseAtom,
  printAtom,
  atomsOf,
  withAtoms,
  ratioValue,
  setRatioValue,
  parseDecimal,
  formatFraction,
  OPS,
} from './rule-shapes.js';
export type { RuleShape, Atom, RatioAtom, ConstAtom, VarsAtom, Op, Fraction } from './rule-shapes.js';
export { searchNodes, fold } from './search.js';
export type { SearchHit } from './search.js';
export { simulate, presetAnswers, criterionIds } from './simulate.js';
export type { Simulation, Preset } from './simulate.js';
export { diffMarks, diffView, diffCounts, changeKey } from './diff.js';
export { syntheticScorecard } from './synthetic.js';

// Store and React access
export { createDesignerStore } from './store.js';
export type { DesignerStore, DesignerState, DesignerActions, DesignerOptions } from './store.js';
export {
  DesignerProvider,
  LangProvider,
  useDesignerStore,
  useDesignerState,
  useDesignerActions,
  useLang,
  useT,
} from './context.js';

// Canvas and node kinds
export { nodeTypes } from './node-types.js';
export { IndexNode } from './nodes/index-node.js';
export { PillarNode } from './nodes/pillar-node.js';
export { ComponentNode } from './nodes/component-node.js';
export { CriterionNode } from './nodes/criterion-node.js';
export { IndexCanvas } from './components/index-canvas.js';
export type { IndexCanvasProps } from './components/index-canvas.js';
export { CanvasSearch } from './components/canvas-search.js';

// Panels
export { NodePanel } from './components/node-panel.js';
export { RulesTable, RulesEditor, RawJson, templateRule } from './components/rules-table.js';
export type { RulesTableProps } from './components/rules-table.js';
export { IssuesList, IssueItems } from './components/issues-list.js';
export { SimulationPanel, SimResult, Trace } from './components/simulation-panel.js';
export { RadarChart } from './components/radar-chart.js';
export type { RadarChartProps, RadarAxis } from './components/radar-chart.js';
export { DiffLegend } from './components/diff-legend.js';
export { DiffList } from './components/diff-list.js';
export type { DiffListProps } from './components/diff-list.js';
export { DiffPanel } from './components/diff-panel.js';
export { LanguageSwitch, UndoRedo, PublishStatus } from './components/toolbar.js';
export { DesignerWorkspace } from './components/workspace.js';
export type { DesignerWorkspaceProps, WorkspaceTab } from './components/workspace.js';
export { Field, TextPair, NumberField, parseNumber } from './components/fields.js';
