// Story helpers: each story gets its own designer store, so stories never share edits.
import { useState, type CSSProperties, type ReactNode } from 'react';
import type { Definition } from '@dbi/schema';
import { createDesignerStore, type DesignerOptions, type DesignerStore } from '../store.js';
import { DesignerProvider } from '../context.js';

export function WithDesigner({
  definition,
  options,
  children,
  setup,
  style,
}: {
  definition: () => Definition;
  options?: DesignerOptions;
  children: ReactNode;
  /** Runs once on the new store (select a node, enter answers, …). */
  setup?: (store: DesignerStore) => void;
  style?: CSSProperties;
}) {
  const [store] = useState(() => {
    const s = createDesignerStore(definition(), options);
    setup?.(s);
    return s;
  });
  return (
    <DesignerProvider store={store}>
      <div style={style}>{children}</div>
    </DesignerProvider>
  );
}

export const panelStyle: CSSProperties = { maxWidth: 520, border: '1px solid #d7dce3', background: '#fff' };
export const canvasStyle: CSSProperties = { height: '100vh' };
