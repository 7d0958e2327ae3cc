// @dbi/designer-ui — the index designer's reusable parts. This entry point is what apps compose (the store, the
// workspace and its panels, the toolbar pieces) and the extension points (node specifications, strings, the pure
// functions an app needs to feed the store). Fixtures for tests and benchmarks: `@dbi/designer-ui/testing`.
// Styles: `import '@dbi/designer-ui/style.css'`.

// Vocabulary
export type { Lang, NodeKind, DiffStatus, DiffMark, DiffView } from './types.js';
export { t } from './i18n.js';
export type { MessageKey } from './i18n.js';

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

// What an app computes to feed the store: canvas keys, diff marks, the saved layout hint
export { nodeKey, INDEX_KEY } from './tree.js';
export { diffMarks, diffView } from './diff.js';
export { withLayout } from './edit.js';

// Canvas and node kinds (a kind is a specification; see nodes/specifications.ts)
export { IndexCanvas } from './components/index-canvas.js';
export type { IndexCanvasProps } from './components/index-canvas.js';
export { nodeSpecifications, nodeTypes } from './nodes/specifications.js';
export type { DesignerNode, DesignerNodeData } from './nodes/specifications.js';
export type { NodeSpecification, NodeContext, CommonNodeData, NodeSize } from './nodes/specification.js';
export { toFlow } from './to-flow.js';
export type { Flow, ToFlowOptions } from './to-flow.js';

// Panels and toolbar
export { DesignerWorkspace } from './components/workspace.js';
export type { DesignerWorkspaceProps, WorkspaceTab } from './components/workspace.js';
export { NodePanel } from './components/node-panel.js';
export { RulesTable } from './components/rules/rules-table.js';
export type { RulesTableProps } from './components/rules/rules-table.js';
export { RulesEditor } from './components/rules/rules-editor.js';
export { IssuesList } from './components/issues-list.js';
export { SimulationPanel } from './components/simulation-panel.js';
export { DiffPanel } from './components/diff-panel.js';
export { DiffList } from './components/diff-list.js';
export type { DiffListProps } from './components/diff-list.js';
export { LanguageSwitch, UndoRedo, PublishStatus } from './components/toolbar.js';

// Revisions: the crosswalk panel and the impact report
export { CrosswalkPanel } from './components/crosswalk-panel.js';
export type { CrosswalkPanelProps } from './components/crosswalk-panel.js';
export { ImpactReportView } from './components/impact-report.js';
