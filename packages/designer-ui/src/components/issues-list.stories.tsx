import type { Meta, StoryObj } from '@storybook/react-vite';
import { IssuesList } from './issues-list.js';
import { WithDesigner, panelStyle } from '../testing/story.js';
import { large } from '../testing/fixtures.js';
import { findPath } from '../tree.js';
import { setId, setText, setWeight } from '../edit.js';
import type { ScorecardDefinition } from '@dbi/schema';

const meta = {
  title: 'Panels/IssuesList',
  component: IssuesList,
} satisfies Meta<typeof IssuesList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Valid: Story = {
  render: () => (
    <WithDesigner definition={large} style={panelStyle}>
      <IssuesList />
    </WithDesigner>
  ),
};

export const SeveralIssues: Story = {
  render: () => (
    <WithDesigner
      definition={() => {
        let d: ScorecardDefinition = large();
        d = setWeight(d, findPath(d, 'criterion', '3.2.5')!, 2) as ScorecardDefinition; // maxima no longer add up
        d = setId(d, findPath(d, 'criterion', '2.1.2')!, '2.1.1') as ScorecardDefinition; // duplicate id
        return d;
      }}
      style={panelStyle}
    >
      <IssuesList />
    </WithDesigner>
  ),
};

/** Shape errors (Ajv) are reported first; meaning checks run once the shape is right. */
export const ShapeIssue: Story = {
  render: () => (
    <WithDesigner
      definition={() => {
        const d = large();
        return setText(d, findPath(d, 'criterion', '1.1.1')!, 'text', 'en', '');
      }}
      style={panelStyle}
    >
      <IssuesList />
    </WithDesigner>
  ),
};
