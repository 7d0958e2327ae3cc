import type { Meta, StoryObj } from '@storybook/react-vite';
import { toFlow, type DesignerNode } from '../to-flow.js';
import { WithDesigner } from '../testing/story.js';
import { NodeStage } from '../testing/node-stage.js';
import { large, sme } from '../testing/fixtures.js';
import { simulate, presetAnswers } from '../simulate.js';
import { buildTree, issuesByNode } from '../tree.js';
import { setWeight } from '../edit.js';
import { findPath } from '../tree.js';
import { validateDefinition, type ScorecardDefinition } from '@dbi/schema';
import type { DiffStatus } from '../types.js';

/** Real nodes from the large index, as to-flow draws them. */
function pick(def: ScorecardDefinition, keys: string[], options: Parameters<typeof toFlow>[1] = {}): DesignerNode[] {
  const flow = toFlow(def, options);
  return keys.map((k) => flow.nodes.find((n) => n.id === k)!).filter(Boolean);
}

const meta = {
  title: 'Canvas/Nodes',
  parameters: { layout: 'fullscreen' },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const AllKinds: Story = {
  render: () => (
    <WithDesigner definition={large}>
      <NodeStage nodes={pick(large(), ['index', 'pillar:3', 'component:3.2', 'criterion:3.2.5'])} />
    </WithDesigner>
  ),
};

export const English: Story = {
  render: () => (
    <WithDesigner definition={large} options={{ lang: 'en' }}>
      <NodeStage nodes={pick(large(), ['index', 'pillar:3', 'component:3.2', 'criterion:3.2.5'])} />
    </WithDesigner>
  ),
};

export const Simulating: Story = {
  render: () => {
    const def = large();
    const answers = presetAnswers(def, { kind: 'level', level: 3 });
    const sim = simulate(def, answers);
    const result = sim.ok ? sim.result : null;
    return (
      <WithDesigner definition={large}>
        <NodeStage nodes={pick(def, ['index', 'pillar:3', 'criterion:3.2.5'], { result, answers })} />
      </WithDesigner>
    );
  },
};

export const CollapsedPillar: Story = {
  render: () => (
    <WithDesigner definition={sme}>
      <NodeStage nodes={pick(sme(), ['pillar:1', 'pillar:2'], { collapsed: ['1', '2'] })} />
    </WithDesigner>
  ),
};

export const WithIssues: Story = {
  render: () => {
    const base = large();
    const def = setWeight(base, findPath(base, 'criterion', '3.2.5')!, 1.5) as ScorecardDefinition;
    const checked = validateDefinition(def);
    const issues = issuesByNode(buildTree(def), checked.ok ? [] : checked.issues);
    return (
      <WithDesigner definition={large}>
        <NodeStage
          nodes={pick(def, ['index', 'pillar:3', 'component:3.2', 'criterion:3.2.5'], { issuesByNode: issues })}
        />
      </WithDesigner>
    );
  },
};

export const DiffStatuses: Story = {
  render: () => {
    const def = large();
    const statuses: DiffStatus[] = ['added', 'removed', 'moved', 'changed'];
    const ids = ['3.2.1', '3.2.2', '3.2.3', '3.2.4'];
    const nodes = pick(
      def,
      ids.map((id) => `criterion:${id}`),
    ).map((n, i) => ({ ...n, data: { ...n.data, diff: statuses[i]! } }) as DesignerNode);
    return (
      <WithDesigner definition={large}>
        <NodeStage nodes={nodes} />
      </WithDesigner>
    );
  },
};
