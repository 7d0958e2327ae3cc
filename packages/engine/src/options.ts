// The options every evaluator takes; a leaf module so the scorers can share them without importing each other.
import type { Compiled } from './compile.js';

/** Finds a compiled member index by `id@version` (a registry's `resolve`). */
export type Resolver = (ref: string) => Compiled | undefined;

export interface RunOptions {
  /** Add the trace: which rule decided each level, and the values it saw. */
  explain?: boolean;
  /** Needed by aggregate definitions to find their members' indices. */
  resolve?: Resolver;
}
