import type { Meta, StoryObj } from '@storybook/react-vite';
import { RadarChart } from './radar-chart.js';

const meta = {
  title: 'Panels/RadarChart',
  component: RadarChart,
  args: {
    max: 5,
    title: 'Pillar levels',
    axes: [
      { id: '1', label: '1', value: 4 },
      { id: '2', label: '2', value: 3 },
      { id: '3', label: '3', value: 5 },
      { id: '4', label: '4', value: 2 },
      { id: '5', label: '5', value: 3 },
      { id: '6', label: '6', value: 1 },
    ],
  },
} satisfies Meta<typeof RadarChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SixPillars: Story = {};
export const AllZero: Story = {
  args: { axes: ['1', '2', '3', '4', '5', '6'].map((id) => ({ id, label: id, value: 0 })) },
};
export const Large: Story = { args: { size: 420 } };
