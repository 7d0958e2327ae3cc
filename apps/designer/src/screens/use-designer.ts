// Loads stored versions and keeps a designer store per opened version, following the session's language.
import { useEffect, useState } from 'react';
import type { Definition, VersionRecord } from '@dbi/schema';
import { createDesignerStore, type DesignerOptions, type DesignerStore } from '@dbi/designer-ui';
import { useSession } from '../session.tsx';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; value: T };

/** Loads once per `deps` (and again on `retry`); answers that are no longer wanted are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, (value: T) => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (error: unknown) => live && setLoaded({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return [loaded, (value: T) => setLoaded({ state: 'ready', value })];
}

/** A designer store for a definition; the session's language is pushed into it. */
export function useDesignerStoreFor(definition: Definition | null, options: DesignerOptions): DesignerStore | null {
  const { lang } = useSession();
  const [store, setStore] = useState<DesignerStore | null>(null);
  useEffect(() => {
    setStore(definition ? createDesignerStore(definition, { ...options, lang }) : null);
    // A new store only for a new definition object; options are read at creation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition]);
  useEffect(() => {
    if (store && store.getState().lang !== lang) store.getState().actions.setLang(lang);
  }, [store, lang]);
  return store;
}

export const isEditable = (record: VersionRecord) => record.status === 'draft';

/**
 * Marks the canvas as drawn, for the benchmark and the browser test: after the canvas has placed its first view,
 * wait for a frame in which every node React Flow renders has been measured (unmeasured nodes are
 * `visibility: hidden`), then mark on the frame after it, once that state has been painted.
 */
export function markCanvasReady(ref: string): void {
  const check = () => {
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
    const pending = nodes.length === 0 || [...nodes].some((n) => n.style.visibility === 'hidden');
    if (pending) return requestAnimationFrame(check);
    requestAnimationFrame(() => {
      performance.mark('dbi:canvas-ready', { detail: { ref, nodes: nodes.length } });
      document.body.dataset.canvasReady = ref;
    });
  };
  delete document.body.dataset.canvasReady;
  requestAnimationFrame(check);
}
