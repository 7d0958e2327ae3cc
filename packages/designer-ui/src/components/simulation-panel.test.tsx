// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Definition } from '@dbi/schema';
import { SimulationPanel } from './simulation-panel.js';
import { DesignerProvider } from '../context.js';
import { createDesignerStore } from '../store.js';
import { group, large } from '../testing/fixtures.js';

afterEach(cleanup);

function setup(def: Definition = large()) {
  const store = createDesignerStore(def);
  const view = render(
    <DesignerProvider store={store}>
      <SimulationPanel />
    </DesignerProvider>,
  );
  return { store, view };
}

describe('SimulationPanel', () => {
  it('a preset shows at once the points and level per pillar and overall, a radar and the trace', () => {
    const { view } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Tất cả mức 4' }));
    // Every large criterion at level 4: 556 of 695, each pillar at 80% (level 4), overall level 4 (Appendix II).
    expect(screen.getByTestId('sim-total').textContent).toBe('556');
    const rows = [...view.container.querySelectorAll('tr[data-pillar]')].map((r) => r.textContent);
    expect(rows[0]).toBe('1Trải nghiệm số cho khách hàng100/125Mức 4');
    expect(rows).toHaveLength(6);
    expect(view.container.querySelector('.dbi-sim__overall .dbi-level')!.textContent).toBe('Mức 4');
    expect(view.container.querySelectorAll('.dbi-radar circle')).toHaveLength(6);
    expect(view.container.querySelector('.dbi-sim__trace')!.textContent).toContain('overall');
  });

  it('answers by hand re-score instantly', () => {
    const { store, view } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Tất cả mức 1' }));
    expect(screen.getByTestId('sim-total').textContent).toBe('139');
    fireEvent.change(view.container.querySelector('select[name="answer-1.1.1"]')!, { target: { value: '5' } });
    expect(screen.getByTestId('sim-total').textContent).toBe('143');
    fireEvent.change(view.container.querySelector('select[name="answer-1.1.2"]')!, { target: { value: '' } });
    expect(screen.getByTestId('sim-total').textContent).toBe('142');
    expect(store.getState().answers['1.1.2']).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Xoá hết' }));
    expect(screen.getByTestId('sim-total').textContent).toBe('0');
  });

  it('says why it cannot simulate', () => {
    const def = large();
    def.pillars[0]!.components[0]!.criteria[0]!.weight = -1;
    setup(def);
    expect(screen.getByRole('status').textContent).toMatch(/Bản nháp còn lỗi: sửa \d+ lỗi/);
    cleanup();
    setup(group());
    expect(screen.getByText(/Mô phỏng áp dụng cho bộ chỉ số chấm điểm/)).toBeTruthy();
  });
});
