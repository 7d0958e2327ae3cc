// Bulk scoring — every batch, and a group input of WORKER_MIN_UNITS units or more — runs in worker threads
// (lib/workers.ts), so one caller's largest allowed request never holds the event loop that answers everyone else.
import type { Compiled } from '@dbi/engine';
import type { Issue, ProblemError } from '@dbi/schema';
import { workerPool, type WorkerPool } from '../workers.js';

/** Group inputs with at least this many units are scored in a worker (smaller ones cost less than the hand-off). */
export const WORKER_MIN_UNITS = 64;

export interface DefinitionText {
  ref: string;
  hash: string;
  json: string;
}

export interface Task {
  /** The request body as it arrived. */
  text: string;
  /** `one`: a single input the main thread has parsed and checked; `batch`: a whole batch body, unparsed. */
  mode: 'one' | 'batch';
  target: DefinitionText;
  /** Member indices the caller may score (group indices); absent: not resolved yet (the worker says which). */
  members?: DefinitionText[] | undefined;
  explain: boolean;
}

/** The serialized response body (moved, not copied, from the worker), or why there is none. */
export type Answer =
  | Uint8Array
  | { problem: { type: string; detail: string; errors?: ProblemError[] | undefined; headers: Record<string, string> } }
  | { validation: unknown[] }
  | { engine: { message: string; issues: Issue[] } }
  | { needs: string[] };

const texts = new WeakMap<Compiled, DefinitionText>();
/** A compiled definition as the worker receives it (its JSON made once per compiled version). */
export function definitionText(c: Compiled): DefinitionText {
  let t = texts.get(c);
  if (!t) {
    t = { ref: `${c.stamp.id}@${c.stamp.version}`, hash: c.stamp.hash, json: JSON.stringify(c.definition) };
    texts.set(c, t);
  }
  return t;
}

/** Bulk scoring's pool (lib/workers.ts): worker.ts beside this file. */
export function createScoringPool(): WorkerPool<Task, Answer> {
  return workerPool<Task, Answer>(import.meta.url, './worker');
}
