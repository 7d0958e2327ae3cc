// A small pool of scoring worker threads (piscina: maintained by Node.js collaborators; it queues tasks, replaces a
// worker that dies, and stops idle threads, none of which we want to write again). Bulk scoring — every batch, and a
// group input of WORKER_MIN_UNITS units or more — runs there, so one caller's largest allowed request never holds
// the event loop that answers everyone else. The pool starts on first use with one thread per spare core (at least
// one) and is destroyed with the app.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Compiled } from '@dbi/engine';
import type { Issue, ProblemError } from '@dbi/schema';

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

export function createScoringPool(): { run(task: Task): Promise<Answer>; destroy(): Promise<void> } {
  let pool: Piscina | undefined;
  return {
    run(task) {
      if (!pool) {
        const here = import.meta.url;
        // Built: worker.js beside this file. From source (tests, tsx dev): worker.ts through tsx, packages from src.
        const ts = here.endsWith('.ts');
        pool = new Piscina({
          filename: fileURLToPath(new URL(ts ? './worker.ts' : './worker.js', here)),
          minThreads: 1,
          maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
          idleTimeout: 60_000,
          execArgv: ts ? ['--import', 'tsx', '--conditions=@dbi/source'] : [],
        });
      }
      return pool.run(task) as Promise<Answer>;
    },
    async destroy() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
