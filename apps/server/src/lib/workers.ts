// A small pool of worker threads (piscina: maintained by Node.js collaborators; it queues tasks, replaces a worker
// that dies, and stops idle threads, none of which we want to write again) for work that would otherwise hold the
// event loop that answers everyone else: bulk scoring (lib/scoring) and large exports (lib/exchange). A pool starts on
// first use with one thread per spare core (at least one) and is destroyed with the app.
import { availableParallelism, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

export interface WorkerPool<T, A> {
  run(task: T): Promise<A>;
  destroy(): Promise<void>;
}

/** `worker` is the worker module's URL without its extension, relative to `from` (the caller's import.meta.url). */
export function workerPool<T, A>(from: string, worker: string): WorkerPool<T, A> {
  let pool: Piscina | undefined;
  return {
    run(task) {
      if (!pool) {
        // Built: the .js beside the caller. From source (tests, tsx dev): the .ts through tsx, packages from src.
        const ts = from.endsWith('.ts');
        pool = new Piscina({
          filename: fileURLToPath(new URL(`${worker}${ts ? '.ts' : '.js'}`, from)),
          minThreads: 1,
          maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
          idleTimeout: 60_000,
          execArgv: ts ? ['--import', 'tsx', '--conditions=@dbi/source'] : [],
        });
      }
      return pool.run(task) as Promise<A>;
    },
    async destroy() {
      const p = pool;
      pool = undefined;
      await p?.destroy();
    },
  };
}

/** Called in a worker: its bulk work yields to the event loop's thread (on Linux a thread's nice value is its own,
 * so this lowers only the calling thread) and /health, single scores and every other request keep the CPU first. */
export function lowerThreadPriority(): void {
  try {
    setPriority(10);
  } catch {
    // not permitted or not supported here: the worker runs at the process's priority
  }
}

/** A worker's answer bytes, moved (not copied) to the main thread: a buffer of its own, since Buffer.from may share
 * Node's pool. */
export function movedBytes(buf: Buffer): Uint8Array {
  const own = new Uint8Array(buf.byteLength);
  own.set(buf);
  return Piscina.move(own) as unknown as Uint8Array;
}
