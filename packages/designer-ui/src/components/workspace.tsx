// A ready-made designer layout: canvas on the left, tabbed side panel on the right (properties, rules, issues,
// simulation, differences). Apps may compose the parts themselves instead.
import { useEffect, useState, type ReactNode } from 'react';
import { useDesignerState, useT } from '../context.js';
import type { MessageKey } from '../i18n.js';
import { IndexCanvas, type IndexCanvasProps } from './index-canvas.js';
import { NodePanel } from './node-panel.js';
import { RulesEditor } from './rules/rules-editor.js';
import { IssuesList } from './issues-list.js';
import { SimulationPanel } from './simulation-panel.js';
import { DiffPanel } from './diff-panel.js';

export type WorkspaceTab = 'node' | 'rules' | 'issues' | 'simulation' | 'diff';

export interface DesignerWorkspaceProps {
  canvas?: IndexCanvasProps;
  /** Shown above the tabs (e.g. version actions). */
  header?: ReactNode;
  initialTab?: WorkspaceTab;
}

export function DesignerWorkspace({ canvas, header, initialTab = 'node' }: DesignerWorkspaceProps) {
  const t = useT();
  const [tab, setTab] = useState<WorkspaceTab>(initialTab);
  const issues = useDesignerState((s) => s.issues.length);
  const selected = useDesignerState((s) => s.selected);
  const hasDiff = useDesignerState((s) => s.diff !== null);
  // Selecting a node shows its properties.
  useEffect(() => {
    if (selected) setTab((cur) => (cur === 'issues' || cur === 'diff' || cur === 'rules' ? cur : 'node'));
  }, [selected]);
  const tabs: WorkspaceTab[] = hasDiff
    ? ['node', 'rules', 'issues', 'simulation', 'diff']
    : ['node', 'rules', 'issues', 'simulation'];
  return (
    <div className="dbi-workspace">
      <IndexCanvas {...canvas} />
      <aside className="dbi-side">
        {header}
        <div className="dbi-tabs" role="tablist">
          {tabs.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={`dbi-tab${tab === k ? ' is-on' : ''}`}
              onClick={() => setTab(k)}
            >
              {t(`tab.${k}` as MessageKey)}
              {k === 'issues' && issues > 0 && <span className="dbi-badge dbi-badge--error">{issues}</span>}
            </button>
          ))}
        </div>
        <div className="dbi-side__body" role="tabpanel">
          {tab === 'node' && <NodePanel />}
          {tab === 'rules' && <RulesEditor />}
          {tab === 'issues' && <IssuesList />}
          {tab === 'simulation' && <SimulationPanel />}
          {tab === 'diff' && <DiffPanel />}
        </div>
      </aside>
    </div>
  );
}
