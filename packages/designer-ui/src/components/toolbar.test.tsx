// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { LanguageSwitch, PublishStatus, UndoRedo } from './toolbar.js';
import { NodePanel } from './node-panel.js';
import { DesignerProvider } from '../context.js';
import { createDesignerStore } from '../store.js';
import { large } from '../testing/fixtures.js';

afterEach(cleanup);

describe('toolbar', () => {
  it('switches language, undoes and redoes, and shows whether the draft can be published', () => {
    const original = large();
    const store = createDesignerStore(original);
    render(
      <DesignerProvider store={store}>
        <LanguageSwitch />
        <UndoRedo />
        <PublishStatus />
      </DesignerProvider>,
    );
    const undo = () => screen.getByRole('button', { name: /Hoàn tác|Undo/ }) as HTMLButtonElement;
    expect(undo().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'EN' }));
    expect(store.getState().lang).toBe('en');
    expect(screen.getByRole('status').textContent).toBe('No issues: the draft is valid and can be published.');
    fireEvent.click(screen.getByRole('button', { name: 'VI' }));
    expect(screen.getByRole('status').textContent).toBe('Không có lỗi: bản nháp hợp lệ và có thể công bố.');

    act(() => store.getState().actions.setWeight('criterion:1.1.1', 2));
    expect(screen.getByRole('status').textContent).toBe('Còn 3 lỗi: chưa thể công bố.');
    fireEvent.click(undo());
    expect(store.getState().definition).toBe(original);
    fireEvent.click(screen.getByRole('button', { name: /Làm lại/ }));
    expect(store.getState().past).toHaveLength(1);
    // Keyboard: Ctrl+Z outside text fields.
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(store.getState().definition).toBe(original);
  });

  it('Ctrl+Z in a designer field undoes the whole word typed there, not one keystroke', () => {
    const original = large();
    const store = createDesignerStore(original, { lang: 'en' });
    store.getState().actions.select('criterion:3.2.5');
    const view = render(
      <DesignerProvider store={store}>
        <UndoRedo />
        <NodePanel />
        <input name="elsewhere" />
      </DesignerProvider>,
    );
    const en = view.container.querySelector<HTMLTextAreaElement>('textarea[name="text-en"]')!;
    const before = en.value;
    for (const typed of [`${before} c`, `${before} cl`, `${before} clo`, `${before} cloud`])
      fireEvent.change(en, { target: { value: typed } });
    expect(en.value).toBe(`${before} cloud`);
    // Another app's field keeps the browser's own undo.
    fireEvent.keyDown(view.container.querySelector('input[name="elsewhere"]')!, { key: 'z', ctrlKey: true });
    expect(en.value).toBe(`${before} cloud`);
    fireEvent.keyDown(en, { key: 'z', ctrlKey: true });
    expect(en.value).toBe(before);
    expect(store.getState().definition).toBe(original);
    fireEvent.keyDown(en, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(en.value).toBe(`${before} cloud`);
  });
});
