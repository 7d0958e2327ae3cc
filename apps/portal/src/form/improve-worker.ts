// "What to improve first" off the main thread: trying every better answer of every criterion costs hundreds of
// scorings, which would otherwise delay the next keystroke. The worker runs the same engine on the same published
// definition (compiled by its hash, as on the page).
import { compile, improvements, type CompiledScorecard, type PillarImprovement } from '@dbi/engine';
import type { ScorecardDefinition } from '@dbi/schema';

export type ToWorker =
  | { kind: 'init'; definition: ScorecardDefinition; hash: string }
  | { kind: 'run'; seq: number; input: { profile?: Record<string, unknown>; answers: Record<string, unknown> } };
export type FromWorker = { seq: number; advice: PillarImprovement[] | null };

let compiled: CompiledScorecard | null = null;

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.kind === 'init') {
    compiled = compile(m.definition, { publishedHash: m.hash }) as CompiledScorecard;
    return;
  }
  let advice: PillarImprovement[] | null = null;
  try {
    if (compiled) advice = improvements(compiled, m.input);
  } catch {
    advice = null; // answers the engine refuses (a required profile fact missing): the page shows the engine's words
  }
  (self as unknown as Worker).postMessage({ seq: m.seq, advice } satisfies FromWorker);
};
