import type { Meta, StoryObj } from '@storybook/react-vite';
import { LanguageSwitch, PublishStatus, UndoRedo } from './toolbar.js';
import { WithDesigner } from '../testing/story.js';
import { large } from '../testing/fixtures.js';
import { nodeKey } from '../tree.js';

const meta = {
  title: 'Panels/Toolbar',
  component: LanguageSwitch,
} satisfies Meta<typeof LanguageSwitch>;
export default meta;
type Story = StoryObj<typeof meta>;

const bar = { display: 'flex', gap: 12, alignItems: 'center', fontFamily: 'system-ui' };

export const Controls: Story = {
  render: () => (
    <WithDesigner definition={large} style={bar}>
      <LanguageSwitch />
      <UndoRedo />
      <PublishStatus />
    </WithDesigner>
  ),
};

export const AfterAnEdit: Story = {
  render: () => (
    <WithDesigner
      definition={large}
      style={bar}
      setup={(s) => s.getState().actions.setWeight(nodeKey('criterion', '3.2.5'), 2)}
    >
      <LanguageSwitch />
      <UndoRedo />
      <PublishStatus />
    </WithDesigner>
  ),
};
