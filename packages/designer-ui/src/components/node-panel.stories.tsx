import type { Meta, StoryObj } from '@storybook/react-vite';
import { NodePanel } from './node-panel.js';
import { WithDesigner, panelStyle } from '../testing/story.js';
import { large, sme } from '../testing/fixtures.js';
import { findPath, nodeKey, INDEX_KEY } from '../tree.js';
import { setWeight } from '../edit.js';

const meta = {
  title: 'Panels/NodePanel',
  component: NodePanel,
} satisfies Meta<typeof NodePanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Criterion: Story = {
  render: () => (
    <WithDesigner
      definition={large}
      style={panelStyle}
      setup={(s) => s.getState().actions.select(nodeKey('criterion', '3.2.5'))}
    >
      <NodePanel />
    </WithDesigner>
  ),
};

export const CriterionWeightFive: Story = {
  render: () => (
    <WithDesigner
      definition={sme}
      style={panelStyle}
      setup={(s) =>
        s
          .getState()
          .actions.select(
            nodeKey('criterion', sme().pillars[0]!.components[0]!.criteria.find((k) => k.weight === 5)?.id ?? '1.1.1'),
          )
      }
    >
      <NodePanel />
    </WithDesigner>
  ),
};

export const CriterionWithIssue: Story = {
  render: () => (
    <WithDesigner
      definition={() => {
        const d = large();
        return setWeight(d, findPath(d, 'criterion', '3.2.5')!, 2);
      }}
      style={panelStyle}
      setup={(s) => s.getState().actions.select(nodeKey('component', '3.2'))}
    >
      <NodePanel />
    </WithDesigner>
  ),
};

export const Component: Story = {
  render: () => (
    <WithDesigner
      definition={large}
      style={panelStyle}
      setup={(s) => s.getState().actions.select(nodeKey('component', '3.2'))}
    >
      <NodePanel />
    </WithDesigner>
  ),
};

export const Pillar: Story = {
  render: () => (
    <WithDesigner
      definition={large}
      style={panelStyle}
      setup={(s) => s.getState().actions.select(nodeKey('pillar', '3'))}
    >
      <NodePanel />
    </WithDesigner>
  ),
};

export const IndexNode: Story = {
  render: () => (
    <WithDesigner definition={large} style={panelStyle} setup={(s) => s.getState().actions.select(INDEX_KEY)}>
      <NodePanel />
    </WithDesigner>
  ),
};

export const ReadOnly: Story = {
  render: () => (
    <WithDesigner
      definition={large}
      options={{ readOnly: true }}
      style={panelStyle}
      setup={(s) => s.getState().actions.select(nodeKey('criterion', '3.2.5'))}
    >
      <NodePanel />
    </WithDesigner>
  ),
};

export const Nothing: Story = {
  render: () => (
    <WithDesigner definition={large} style={panelStyle}>
      <NodePanel />
    </WithDesigner>
  ),
};
