// @vitest-environment jsdom
import type { NationalScorecard } from '../testing/fixtures.js';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { NodePanel } from './node-panel.js';
import { IssuesList } from './issues-list.js';
import { DesignerProvider } from '../context.js';
import { createDesignerStore, type DesignerOptions } from '../store.js';
import { large } from '../testing/fixtures.js';

afterEach(cleanup);

function setup(select: string, options: DesignerOptions = {}) {
  const store = createDesignerStore(large(), options);
  store.getState().actions.select(select);
  const view = render(
    <DesignerProvider store={store}>
      <NodePanel />
      <IssuesList />
    </DesignerProvider>,
  );
  return { store, view };
}
const crit = (def: unknown, id: string) =>
  (def as NationalScorecard).pillars
    .flatMap((p) => p.components)
    .flatMap((c) => c.criteria)
    .find((k) => k.id === id)!;

describe('NodePanel', () => {
  it('edits a criterion’s texts in both languages', () => {
    const { store, view } = setup('criterion:3.2.5');
    const en = view.container.querySelector<HTMLTextAreaElement>('textarea[name="text-en"]')!;
    expect(en.value).toBe('The enterprise uses cloud-computing technology');
    fireEvent.change(en, { target: { value: 'The enterprise runs on the cloud' } });
    fireEvent.change(view.container.querySelector('textarea[name="text-vi"]')!, {
      target: { value: 'Doanh nghiệp dùng điện toán đám mây' },
    });
    expect(crit(store.getState().definition, '3.2.5').text).toEqual({
      vi: 'Doanh nghiệp dùng điện toán đám mây',
      en: 'The enterprise runs on the cloud',
    });
  });

  it('shows points at each level for the weight, and a weight change raises then clears a validation issue', () => {
    const { store, view } = setup('criterion:3.2.5');
    const cells = () => [...view.container.querySelectorAll('.dbi-mini-table tbody td')].map((td) => td.textContent);
    expect(cells()).toEqual(['0', '1', '2', '3', '4', '5']);
    fireEvent.change(view.container.querySelector('input[name="weight"]')!, { target: { value: '2' } });
    expect(cells()).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(screen.getByRole('status').textContent).toMatch(/3 lỗi/);
    expect(store.getState().canPublish).toBe(false);
    // The issue list offers the one-click fix for declared maxima.
    fireEvent.click(screen.getAllByRole('button', { name: 'Cập nhật điểm tối đa đã khai báo' })[0]!);
    expect(store.getState().issues).toEqual([]);
    expect(screen.getByRole('status').textContent).toMatch(/Không có lỗi/);
  });

  it('keeps a half-typed weight in the field without sending it', () => {
    const { store, view } = setup('criterion:3.2.5');
    const input = view.container.querySelector<HTMLInputElement>('input[name="weight"]')!;
    fireEvent.change(input, { target: { value: '-' } });
    expect(input.value).toBe('-');
    expect(input.className).toMatch(/is-invalid/);
    expect(crit(store.getState().definition, '3.2.5').weight).toBe(1);
    fireEvent.change(input, { target: { value: '-1' } });
    expect(store.getState().issuesByNode['criterion:3.2.5']![0]!.path).toBe(
      '/pillars/2/components/1/criteria/4/weight',
    );
  });

  it('moves a criterion to another component and up and down', () => {
    const { store, view } = setup('criterion:3.2.5');
    fireEvent.change(view.container.querySelector('select[name="criterion-component"]')!, {
      target: { value: 'component:3.1' },
    });
    const def = store.getState().definition as NationalScorecard;
    expect(def.pillars[2]!.components[0]!.criteria.at(-1)!.id).toBe('3.2.5');
    fireEvent.click(screen.getByRole('button', { name: '↑ Lên' }));
    expect(
      (store.getState().definition as NationalScorecard).pillars[2]!.components[0]!.criteria.map((k) => k.id),
    ).toEqual(['3.1.1', '3.1.2', '3.1.3', '3.1.4', '3.2.5', '3.1.5']);
    expect((screen.getByRole('button', { name: '↓ Xuống' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('adds a criterion to a component and removes it again', () => {
    const { store } = setup('component:6.3');
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm tiêu chí' }));
    expect(store.getState().selected).toBe('criterion:6.3.4');
    // Removing asks first; cancelling keeps the criterion.
    fireEvent.click(screen.getByRole('button', { name: 'Xoá' }));
    expect(crit(store.getState().definition, '6.3.4')).toBeDefined();
    expect(screen.getByRole('alertdialog').textContent).toContain('Xoá Tiêu chí 6.3.4?');
    fireEvent.click(screen.getByRole('button', { name: 'Huỷ' }));
    expect(crit(store.getState().definition, '6.3.4')).toBeDefined();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Xoá' }));
    fireEvent.click(screen.getByRole('button', { name: 'Xoá hẳn' }));
    expect(crit(store.getState().definition, '6.3.4')).toBeUndefined();
    expect(store.getState().selected).toBe('component:6.3');
  });

  it('shows a pillar’s own-rules switch and uses it', () => {
    const { store } = setup('pillar:3');
    fireEvent.click(screen.getByRole('button', { name: 'Dùng quy tắc riêng cho trụ cột này' }));
    expect((store.getState().definition as NationalScorecard).pillars[2]!.rules).toEqual(large().rules.pillar);
    expect(store.getState().issues).toEqual([]);
  });

  it('is read-only for a published version', () => {
    const { view } = setup('criterion:3.2.5', { readOnly: true });
    expect(view.container.querySelector<HTMLTextAreaElement>('textarea[name="text-en"]')!.readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Xoá' })).toBeNull();
    expect(within(view.container).queryByText('↑ Lên')).toBeNull();
  });

  it('says what is wrong under the field it concerns, in the editor’s words, and trims spaces on leaving a text', () => {
    const { store, view } = setup('criterion:3.2.5');
    const vi = view.container.querySelector<HTMLTextAreaElement>('textarea[name="text-vi"]')!;
    fireEvent.change(vi, { target: { value: '   ' } });
    // Spaces alone are text to the schema today; leaving the field drops them, and the empty text is an issue.
    fireEvent.blur(vi);
    expect(crit(store.getState().definition, '3.2.5')!.text.vi).toBe('');
    expect(vi.getAttribute('aria-invalid')).toBe('true');
    expect(vi.className).toContain('is-invalid');
    expect(view.container.querySelector('.dbi-field__error')!.textContent).toBe('đang để trống');
    expect(view.container.querySelector('.dbi-issue__message')!.textContent).toBe(
      'Nội dung (Tiếng Việt): đang để trống',
    );
    const en = view.container.querySelector<HTMLTextAreaElement>('textarea[name="text-en"]')!;
    expect(en.getAttribute('aria-invalid')).toBeNull();
    const weight = view.container.querySelector<HTMLInputElement>('input[name="weight"]')!;
    fireEvent.change(weight, { target: { value: '-1' } });
    expect(weight.getAttribute('aria-invalid')).toBe('true');
    expect(weight.closest('.dbi-field')!.querySelector('.dbi-field__error')!.textContent).toBe('phải từ 0 trở lên');
  });

  it('speaks English when asked', () => {
    setup('criterion:3.2.5', { lang: 'en' });
    expect(screen.getByText('Points by answer level')).toBeTruthy();
  });
});
