// Real server processes for the process and several-instances tests: src/server.ts through tsx (reading the
// workspace packages from source) on a free port, with its output kept for the test's messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { serverRoot } from '../src/lib/paths.js';

export const KEY = 'process-test-bootstrap-key-0123456789';
export const children: ChildProcess[] = [];

/** SIGKILLs every process still running (afterEach/afterAll). */
export function killAll(): void {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

export interface Running {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts src/server.ts (through tsx, reading the workspace packages from source) on a free port. */
export function start(dbFile: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@dbi/source', 'src/server.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      DBI_DB: dbFile,
      PORT: '0',
      HOST: '127.0.0.1',
      DBI_BOOTSTRAP_KEY: KEY,
      FASTIFY_AUTOLOAD_TYPESCRIPT: '1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
        resolve({ child, base: m[1]!, output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}
