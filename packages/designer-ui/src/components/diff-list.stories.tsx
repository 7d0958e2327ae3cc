import type { Meta, StoryObj } from '@storybook/react-vite';
import { diffDefinitions } from '@dbi/schema';
import { DiffList } from './diff-list.js';
import { DiffPanel } from './diff-panel.js';
import { LangProvider } from '../context.js';
import { WithDesigner } from '../testing/story.js';
import { largeRevision } from '../testing/revisions.js';
import { large } from '../testing/fixtures.js';

const { base, head } = largeRevision();

const meta = {
  title: 'Diff/DiffList',
  component: DiffList,
  args: { diff: diffDefinitions(base, head) },
} satisfies Meta<typeof DiffList>;
export default meta;
type Story = StoryObj<typeof meta>;

const style = { maxWidth: 560 };

export const LargeRevision: Story = {
  render: (args) => (
    <div style={style}>
      <DiffList {...args} />
    </div>
  ),
};

export const English: Story = {
  render: (args) => (
    <LangProvider lang="en">
      <div style={style}>
        <DiffList {...args} />
      </div>
    </LangProvider>
  ),
};

export const Identical: Story = {
  args: { diff: diffDefinitions(large(), large()) },
};

export const ConnectedPanel: Story = {
  render: () => (
    <WithDesigner
      definition={() => largeRevision().head}
      style={style}
      setup={(s) => s.getState().actions.compareWith(largeRevision().base)}
    >
      <DiffPanel />
    </WithDesigner>
  ),
};
