import type { Meta, StoryObj } from '@storybook/react-vite';
import { IndexCanvas } from './index-canvas.js';
import { WithDesigner, canvasStyle } from '../testing/story.js';
import { group, large, sme } from '../testing/fixtures.js';
import { largeRevision } from '../testing/revisions.js';
import { syntheticScorecard } from '../testing/synthetic.js';
import { findPath, nodeKey } from '../tree.js';
import { setWeight } from '../edit.js';

const meta = {
  title: 'Canvas/IndexCanvas',
  component: IndexCanvas,
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof IndexCanvas>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Sme: Story = {
  render: () => (
    <WithDesigner definition={sme} style={canvasStyle}>
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const Large: Story = {
  render: () => (
    <WithDesigner definition={large} style={canvasStyle}>
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const LargeEnglish: Story = {
  render: () => (
    <WithDesigner definition={large} options={{ lang: 'en' }} style={canvasStyle}>
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const LargeCollapsed: Story = {
  render: () => (
    <WithDesigner definition={large} options={{ collapsed: ['1', '2', '4', '5', '6'] }} style={canvasStyle}>
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const LargeReadOnly: Story = {
  render: () => (
    <WithDesigner definition={large} options={{ readOnly: true }} style={canvasStyle}>
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const LargeSimulating: Story = {
  render: () => (
    <WithDesigner
      definition={large}
      style={canvasStyle}
      setup={(s) => s.getState().actions.preset({ kind: 'level', level: 3 })}
    >
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const LargeWithIssues: Story = {
  render: () => (
    <WithDesigner
      definition={() => {
        const d = large();
        return setWeight(d, findPath(d, 'criterion', '3.2.5')!, 2);
      }}
      style={canvasStyle}
      setup={(s) => s.getState().actions.focus(nodeKey('criterion', '3.2.5'))}
    >
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const LargeDiff: Story = {
  render: () => {
    const { base, head } = largeRevision();
    return (
      <WithDesigner definition={() => head} style={canvasStyle} setup={(s) => s.getState().actions.compareWith(base)}>
        <IndexCanvas />
      </WithDesigner>
    );
  },
};

export const Synthetic2000: Story = {
  name: 'Synthetic 2,000 criteria',
  render: () => (
    <WithDesigner definition={() => syntheticScorecard(large(), 2000)} options={{ collapsed: [] }} style={canvasStyle}>
      <IndexCanvas />
    </WithDesigner>
  ),
};

export const Group: Story = {
  render: () => (
    <WithDesigner definition={group} style={canvasStyle}>
      <IndexCanvas />
    </WithDesigner>
  ),
};

/** The diff view scrolled to the removed criterion 1.3.3 (shown as a ghost where it was). */
export const LargeDiffFocused: Story = {
  render: () => {
    const { base, head } = largeRevision();
    return (
      <WithDesigner
        definition={() => head}
        style={canvasStyle}
        setup={(s) => {
          s.getState().actions.compareWith(base);
          s.getState().actions.focus('ghost:criterion:1.3.3');
        }}
      >
        <IndexCanvas />
      </WithDesigner>
    );
  },
};
