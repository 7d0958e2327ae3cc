// @vitest-environment jsdom
import type { Definition } from '@dbi/schema';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { IndexCanvas } from './index-canvas.js';
import { DesignerProvider } from '../context.js';
import { createDesignerStore, type DesignerOptions } from '../store.js';
import { large } from '../testing/fixtures.js';
import { largeRevision } from '../testing/revisions.js';

// jsdom has no layout engine: React Flow needs ResizeObserver to exist (sizes come from the nodes themselves here).
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(cleanup);

function setup(options: DesignerOptions = {}, def: Definition = large()) {
  const store = createDesignerStore(def, options);
  const view = render(
    <DesignerProvider store={store}>
      <div style={{ width: 1200, height: 800 }}>
        <IndexCanvas onlyRenderVisibleElements={false} />
      </div>
    </DesignerProvider>,
  );
  const node = (key: string) => view.container.querySelector<HTMLElement>(`.react-flow__node[data-id="${key}"]`);
  return { store, view, node };
}

describe('IndexCanvas', () => {
  it('draws every node of the large index with its badges', () => {
    const { view, node } = setup();
    expect(view.container.querySelectorAll('.react-flow__node')).toHaveLength(1 + 6 + 25 + 139);
    const k = node('criterion:3.2.5')!;
    expect(k.textContent).toContain('3.2.5');
    expect(k.textContent).toContain('Doanh nghiệp sử dụng công nghệ điện toán đám mây');
    expect(k.querySelector('.dbi-badge--points')!.textContent).toBe('5 đ');
    expect(k.querySelector('.dbi-badge--weight')!.textContent).toBe('×1');
  });

  it('collapses and expands a pillar', () => {
    const { node, store } = setup();
    fireEvent.click(node('pillar:3')!.querySelector('button.dbi-node__toggle')!);
    expect(store.getState().collapsed).toEqual(['3']);
    expect(node('criterion:3.2.5')).toBeNull();
    expect(node('pillar:3')!.textContent).toContain('Mở rộng');
    fireEvent.click(node('pillar:3')!.querySelector('button.dbi-node__toggle')!);
    expect(node('criterion:3.2.5')).not.toBeNull();
  });

  it('selects a node on click, and the search box jumps to a criterion in a collapsed pillar', () => {
    const { node, store } = setup({ collapsed: ['1', '2', '3', '4', '5', '6'] });
    expect(node('criterion:3.2.5')).toBeNull();
    fireEvent.click(node('pillar:2')!);
    expect(store.getState().selected).toBe('pillar:2');
    const box = screen.getByRole('combobox');
    fireEvent.change(box, { target: { value: 'điện toán đám mây' } });
    expect(screen.getAllByRole('option')[0]!.textContent).toContain('3.2.5');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(store.getState().selected).toBe('criterion:3.2.5');
    expect(store.getState().collapsed).not.toContain('3');
    expect(node('criterion:3.2.5')!.querySelector('.dbi-node')!.className).toContain('is-selected');
  });

  it('pins validation issues on the node they concern', () => {
    const { node, store } = setup();
    act(() => store.getState().actions.setWeight('criterion:3.2.5', 1.5));
    const badge = node('criterion:3.2.5')!.querySelector('.dbi-badge--error')!;
    expect(badge.textContent).toBe('⚠ 1');
    expect(badge.getAttribute('title')).toContain('/pillars/2/components/1/criteria/4/weight');
    act(() => store.getState().actions.undo());
    expect(node('criterion:3.2.5')!.querySelector('.dbi-badge--error')).toBeNull();
  });

  it('highlights a diff and draws removed nodes', () => {
    const { base, head } = largeRevision();
    const { node, store } = setup({}, head);
    act(() => store.getState().actions.compareWith(base));
    expect(node('criterion:3.2.5')!.querySelector('.dbi-node')!.className).toContain('dbi-diff--changed');
    expect(node('ghost:criterion:1.3.3')!.querySelector('.dbi-node')!.className).toContain('dbi-diff--removed');
    expect(node('criterion:6.3.4')!.querySelector('.dbi-node')!.className).toContain('dbi-diff--added');
  });

  it('is read-only for a published version: no dragging, a read-only badge', () => {
    const { view, node } = setup({ readOnly: true });
    expect(view.container.querySelector('.dbi-canvas.is-readonly')).not.toBeNull();
    expect(screen.getByText('Chỉ đọc (phiên bản đã công bố)')).toBeTruthy();
    expect(node('criterion:3.2.5')!.className).not.toContain('draggable');
  });
});
