// The reader threads' shared parts (sqlite/reader.ts, postgres/reader.ts): a piscina pool started on first use from
// the worker module beside the caller, and the lower priority such a thread takes so the event loop keeps the CPU.
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

/** `worker` is the module's path without extension, relative to `from` (the caller's import.meta.url): built, the
 * .js beside it; from source (tests, tsx), the .ts through tsx. */
export function readerThreads(
  from: string,
  worker: string,
  options: { maxThreads: number; concurrentTasksPerWorker?: number; idleTimeout: number },
): Piscina {
  const ts = from.endsWith('.ts');
  return new Piscina({
    filename: fileURLToPath(new URL(`${worker}${ts ? '.ts' : '.js'}`, from)),
    minThreads: 1,
    ...options,
    execArgv: ts ? ['--import', 'tsx', '--conditions=@dbi/source'] : [],
  });
}

/** Called in a reader thread: long reads yield the CPU to the event loop's thread (on Linux a thread's nice value is
 * its own, so this lowers only the calling thread). */
export function lowerThreadPriority(): void {
  try {
    setPriority(10);
  } catch {
    // not permitted or not supported here: the thread runs at the process's priority
  }
}
