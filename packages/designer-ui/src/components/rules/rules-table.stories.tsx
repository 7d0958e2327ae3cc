import type { Meta, StoryObj } from '@storybook/react-vite';
import { RulesTable } from './rules-table.js';
import { RulesEditor } from './rules-editor.js';
import { WithDesigner } from '../../testing/story.js';
import { group, large, sme } from '../../testing/fixtures.js';
import { setRule } from '../../edit.js';

const meta = {
  title: 'Panels/RulesTable',
  component: RulesTable,
  args: { place: { scope: 'pillar' } },
} satisfies Meta<typeof RulesTable>;
export default meta;
type Story = StoryObj<typeof meta>;

const wide = { maxWidth: 1100, background: '#fff' };

export const PillarBands: Story = {
  render: () => (
    <WithDesigner definition={large} style={wide}>
      <RulesTable place={{ scope: 'pillar' }} />
    </WithDesigner>
  ),
};

export const OverallThresholds: Story = {
  render: () => (
    <WithDesigner definition={large} style={wide}>
      <RulesTable place={{ scope: 'overall' }} />
    </WithDesigner>
  ),
};

export const SmeAll: Story = {
  render: () => (
    <WithDesigner definition={sme} style={wide}>
      <RulesEditor />
    </WithDesigner>
  ),
};

export const GroupRules: Story = {
  render: () => (
    <WithDesigner definition={group} style={wide}>
      <RulesEditor />
    </WithDesigner>
  ),
};

export const GroupEnglish: Story = {
  render: () => (
    <WithDesigner definition={group} options={{ lang: 'en' }} style={wide}>
      <RulesEditor />
    </WithDesigner>
  ),
};

export const CustomRuleWithIssue: Story = {
  render: () => (
    <WithDesigner
      definition={() => {
        const d = large();
        // `/` is not allowed (fractions): the validator pins the issue on this row.
        return setRule(d, { scope: 'pillar' }, 0, {
          level: 5,
          when: { '>': [{ '/': [{ var: 'points' }, { var: 'max' }] }, 0.8] },
        });
      }}
      style={wide}
    >
      <RulesTable place={{ scope: 'pillar' }} />
    </WithDesigner>
  ),
};

export const ReadOnly: Story = {
  render: () => (
    <WithDesigner definition={large} options={{ readOnly: true }} style={wide}>
      <RulesEditor showRaw={false} />
    </WithDesigner>
  ),
};
