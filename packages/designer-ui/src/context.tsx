// React access to a designer store: one provider per designer instance, separate hooks for state and actions.
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignerActions, DesignerState, DesignerStore } from './store.js';
import { t, type MessageKey } from './i18n.js';
import type { Lang } from './types.js';

const StoreContext = createContext<DesignerStore | null>(null);
const LangContext = createContext<Lang>('vi');

export function DesignerProvider({ store, children }: { store: DesignerStore; children: ReactNode }) {
  const lang = useStore(store, (s) => s.lang);
  return (
    <StoreContext.Provider value={store}>
      <LangContext.Provider value={lang}>{children}</LangContext.Provider>
    </StoreContext.Provider>
  );
}

/** Only the language, for components that also work outside a designer (legends, charts). */
export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useDesignerStore(): DesignerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('designer components must be inside <DesignerProvider store={…}>');
  return store;
}

/**
 * Reads state with a selector. Selectors that build new objects or arrays must be wrapped in zustand's
 * `useShallow`, or they re-render on every change.
 */
export function useDesignerState<T>(selector: (s: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}

/** The actions; their identity never changes. */
export function useDesignerActions(): DesignerActions {
  return useStore(useDesignerStore(), (s) => s.actions);
}

export function useLang(): Lang {
  return useContext(LangContext);
}

/** `t` bound to the current language. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useLang();
  return useCallback((key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params), [lang]);
}
