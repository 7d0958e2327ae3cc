// Real parts for browser tests and the designer benchmark: the API server as a child process on a free port with
// its own SQLite file, and Debian's Chromium driven by playwright-core with a fresh profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const designerDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = join(designerDir, '..', '..');
export const serverDir = join(repoDir, 'apps', 'server');
export const artifactsDir = join(designerDir, 'test-artifacts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const STARTUP_MS = 180_000;

export interface RunningServer {
  url: string;
  key: string;
  dbFile: string;
  /** Everything the server printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the API server the way `pnpm start` does (its built `dist/server.js`), or from source through tsx when
 * the build is missing or DBI_SERVER_FROM_SOURCE=1. The bootstrap key becomes a ministry-publisher key.
 */
export async function startServer(opts: { key?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dbi-designer-'));
  const dbFile = join(dir, 'dbi.sqlite');
  const key = opts.key ?? `dbi-test-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const built = join(serverDir, 'dist', 'server.js');
  const fromSource = process.env.DBI_SERVER_FROM_SOURCE === '1' || !existsSync(built);
  const [cmd, args] = fromSource
    ? [process.execPath, ['--import', 'tsx', '--conditions=@dbi/source', join(serverDir, 'src', 'server.ts')]]
    : [process.execPath, [built]];
  // @fastify/autoload loads .ts route files only when told that a TypeScript loader is present.
  const loaderEnv: Record<string, string> = fromSource ? { FASTIFY_AUTOLOAD_TYPESCRIPT: '1' } : {};
  const child: ChildProcess = spawn(cmd, args, {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DBI_DB: dbFile,
      DBI_BOOTSTRAP_KEY: key,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...loaderEnv,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // Start-up takes ~2 s alone; CI runs every package's tests at once on two cores, where it has taken over a minute.
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/v1/health within ${STARTUP_MS / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    key,
    dbFile,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunningBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<RunningBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'dbi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The API as a test sees it: JSON in, JSON (or a thrown problem) out. */
export async function api<T = unknown>(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Person {
  email: string;
  password: string;
}

/**
 * A person's account made the way an administrator makes one (POST /api/v1/accounts with the bootstrap key), its
 * one-time password already changed to `password`, so a browser signs in with e-mail and password only.
 */
export async function createPerson(
  server: RunningServer,
  email = 'bo@example.gov.vn',
  role = 'ministry-publisher',
  password = 'mật khẩu của Bộ 2026',
): Promise<Person> {
  const made = await api<{ oneTimePassword: string }>(server, 'POST', '/accounts', {
    email,
    name: 'Vụ Chuyển đổi số',
    role,
  });
  const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: made.oneTimePassword }),
  });
  if (!signIn.ok) throw new Error(`sign-in → ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const changed = await fetch(`${server.url}/api/v1/auth/password`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ oldPassword: made.oneTimePassword, newPassword: password }),
  });
  if (!changed.ok) throw new Error(`password change → ${changed.status}: ${await changed.text()}`);
  await fetch(`${server.url}/api/v1/auth/sign-out`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
  return { email, password };
}

/** What the page keeps in localStorage: never a key, a session or a password. */
export const storedValues = (page: Page): Promise<Record<string, string>> =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k) ?? ''])));
