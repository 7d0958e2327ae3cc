import type { Meta, StoryObj } from '@storybook/react-vite';
import { DesignerWorkspace } from './workspace.js';
import { LanguageSwitch, PublishStatus, UndoRedo } from './toolbar.js';
import { WithDesigner } from '../testing/story.js';
import { large, sme } from '../testing/fixtures.js';
import { largeRevision } from '../testing/revisions.js';

const meta = {
  title: 'Designer/Workspace',
  component: DesignerWorkspace,
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof DesignerWorkspace>;
export default meta;
type Story = StoryObj<typeof meta>;

const header = (
  <div style={{ display: 'flex', gap: 8, alignItems: 'center', padding: 10, flexWrap: 'wrap' }}>
    <LanguageSwitch />
    <UndoRedo />
    <PublishStatus />
  </div>
);

export const LargeDraft: Story = {
  render: () => (
    <WithDesigner definition={large} style={{ height: '100vh' }}>
      <DesignerWorkspace header={header} />
    </WithDesigner>
  ),
};

export const SmeSimulation: Story = {
  render: () => (
    <WithDesigner
      definition={sme}
      style={{ height: '100vh' }}
      setup={(s) => s.getState().actions.preset({ kind: 'level', level: 2 })}
    >
      <DesignerWorkspace header={header} initialTab="simulation" />
    </WithDesigner>
  ),
};

export const ComparingVersions: Story = {
  render: () => {
    const { base, head } = largeRevision();
    return (
      <WithDesigner
        definition={() => head}
        style={{ height: '100vh' }}
        setup={(s) => s.getState().actions.compareWith(base)}
      >
        <DesignerWorkspace header={header} initialTab="diff" />
      </WithDesigner>
    );
  },
};

export const PublishedReadOnly: Story = {
  render: () => (
    <WithDesigner definition={large} options={{ readOnly: true }} style={{ height: '100vh' }}>
      <DesignerWorkspace header={header} />
    </WithDesigner>
  ),
};
