import type { Meta, StoryObj } from '@storybook/react-vite';
import { DiffLegend } from './diff-legend.js';
import { LangProvider } from '../context.js';

const meta = {
  title: 'Diff/DiffLegend',
  component: DiffLegend,
} satisfies Meta<typeof DiffLegend>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Plain: Story = {};
export const WithCounts: Story = { args: { counts: { added: 1, removed: 1, moved: 1, changed: 4 } } };
export const English: Story = {
  args: { counts: { added: 2, removed: 0, moved: 3, changed: 1 } },
  render: (args) => (
    <LangProvider lang="en">
      <DiffLegend {...args} />
    </LangProvider>
  ),
};
