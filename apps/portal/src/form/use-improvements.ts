// Asks the improvements worker for advice on the newest answers. At most one request is in flight: answers that
// change meanwhile replace the pending one, so a fast typist never builds a queue.
import type { CompiledScorecard, PillarImprovement } from '@dbi/engine';
import { useEffect, useRef, useState } from 'react';
import type { FromWorker, ToWorker } from './improve-worker.ts';

type Input = Extract<ToWorker, { kind: 'run' }>['input'];

export function useImprovements(compiled: CompiledScorecard, input: Input | null): PillarImprovement[] | null {
  const [advice, setAdvice] = useState<PillarImprovement[] | null>(null);
  const worker = useRef<{ w: Worker; busy: boolean; pending: Input | null; seq: number } | null>(null);

  useEffect(() => {
    const w = new Worker(new URL('./improve-worker.ts', import.meta.url), { type: 'module' });
    const state = { w, busy: false, pending: null as Input | null, seq: 0 };
    worker.current = state;
    w.postMessage({ kind: 'init', definition: compiled.definition, hash: compiled.stamp.hash } satisfies ToWorker);
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.seq === state.seq) setAdvice(e.data.advice);
      state.busy = false;
      if (state.pending) send(state, state.pending);
    };
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [compiled]);

  useEffect(() => {
    const state = worker.current;
    if (!state || !input) return;
    if (state.busy) state.pending = input;
    else send(state, input);
  }, [input]);

  return advice;
}

function send(state: { w: Worker; busy: boolean; pending: Input | null; seq: number }, input: Input) {
  state.pending = null;
  state.busy = true;
  state.seq += 1;
  state.w.postMessage({ kind: 'run', seq: state.seq, input } satisfies ToWorker);
}
