import type { Meta, StoryObj } from '@storybook/react-vite';
import { SimulationPanel } from './simulation-panel.js';
import { WithDesigner } from '../testing/story.js';
import { group, large, sme } from '../testing/fixtures.js';
import { findPath } from '../tree.js';
import { setWeight } from '../edit.js';

const meta = {
  title: 'Panels/SimulationPanel',
  component: SimulationPanel,
} satisfies Meta<typeof SimulationPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

const style = { maxWidth: 560, background: '#fff', border: '1px solid #d7dce3' };

export const LargeAllLevel3: Story = {
  render: () => (
    <WithDesigner
      definition={large}
      style={style}
      setup={(s) => s.getState().actions.preset({ kind: 'level', level: 3 })}
    >
      <SimulationPanel />
    </WithDesigner>
  ),
};

export const LargeRandom: Story = {
  render: () => {
    // A fixed sequence, so the story looks the same every time.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    return (
      <WithDesigner
        definition={large}
        style={style}
        setup={(s) => s.getState().actions.preset({ kind: 'random' }, random)}
      >
        <SimulationPanel />
      </WithDesigner>
    );
  },
};

export const SmeEmpty: Story = {
  render: () => (
    <WithDesigner definition={sme} options={{ lang: 'en' }} style={style}>
      <SimulationPanel />
    </WithDesigner>
  ),
};

export const InvalidDraft: Story = {
  render: () => (
    <WithDesigner
      definition={() => {
        const d = large();
        return setWeight(d, findPath(d, 'criterion', '3.2.5')!, -1);
      }}
      style={style}
    >
      <SimulationPanel />
    </WithDesigner>
  ),
};

export const GroupNotSimulated: Story = {
  render: () => (
    <WithDesigner definition={group} style={style}>
      <SimulationPanel />
    </WithDesigner>
  ),
};
