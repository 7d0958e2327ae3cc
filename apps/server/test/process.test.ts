// The real server process: killed with SIGKILL in the middle of a stream of writes, every write it acknowledged is
// there after a restart and the database is intact; on SIGTERM it shuts down cleanly (server, then database).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@dbi/storage';
import { afterEach, describe, expect, it } from 'vitest';
import { serverRoot } from '../src/lib/paths.js';
import { children, KEY, killAll, start } from './processes.js';

const dirs: string[] = [];
afterEach(() => {
  killAll();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

describe('the server process', () => {
  it('refuses a DBI_DB that is neither a file path nor a postgres:// URL, creating nothing', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@dbi/source', 'src/server.ts'], {
      cwd: serverRoot,
      env: { ...process.env, DBI_DB: 'mysql://user@host:3306/dbi', PORT: '0', FASTIFY_AUTOLOAD_TYPESCRIPT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(out).toContain('DBI_DB: the database "mysql:…" is not supported');
    expect(out).toContain('postgres://');
    expect(existsSync(join(serverRoot, 'mysql:'))).toBe(false);
  });

  it('keeps every acknowledged write through a SIGKILL mid-stream, and the database stays intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbi-crash-'));
    dirs.push(dir);
    const dbFile = join(dir, 'dbi.sqlite');
    const first = await start(dbFile);

    // A stream of audited writes (new drafts), 6 in flight at a time, until the process is killed under it.
    const acknowledged = new Map<string, string>(); // version → hash
    let n = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const version = `2.0.${n++}`;
        try {
          const r = await fetch(`${first.base}/api/v1/indices/sme/versions`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ from: '1.0.0', version }),
          });
          if (r.status === 201) acknowledged.set(version, ((await r.json()) as { hash: string }).hash);
          else if (!killed) throw new Error(`write ${version} answered ${r.status}: ${await r.text()}`);
        } catch (err) {
          if (!killed) throw err;
        }
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.allSettled(writers);
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(n).toBeGreaterThan(acknowledged.size); // some writes were in flight when it died

    const second = await start(dbFile);
    for (const [version, hash] of acknowledged) {
      const r = await fetch(`${second.base}/api/v1/indices/sme/versions/${version}`, { headers });
      expect(r.status, version).toBe(200);
      expect(((await r.json()) as { hash: string }).hash).toBe(hash);
    }
    // Each stored draft has exactly its audit entry: no write without its record, no record without its write.
    const index = (await (await fetch(`${second.base}/api/v1/indices/sme`, { headers })).json()) as {
      versions: { version: string }[];
    };
    const stored = index.versions.map((v) => v.version).filter((v) => v.startsWith('2.0.'));
    const audit = (await (
      await fetch(`${second.base}/api/v1/audit?action=version.create&limit=1000`, { headers })
    ).json()) as { entries: { target: string }[] };
    expect(audit.entries.map((e) => e.target).sort()).toEqual(stored.map((v) => `sme@${v}`).sort());
    expect(stored.length).toBeGreaterThanOrEqual(acknowledged.size);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    const storage = openSqliteStorage(dbFile);
    expect(await storage.integrityCheck()).toEqual(['ok']);
    await storage.close();
  });

  it('shuts down gracefully on SIGTERM and SIGINT: exit 0, the database closed cleanly', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'dbi-term-'));
      dirs.push(dir);
      const dbFile = join(dir, 'data', 'dbi.sqlite');
      const s = await start(dbFile);
      expect((await fetch(`${s.base}/api/v1/health`)).status).toBe(200);
      s.child.kill(signal);
      expect(await s.exited).toEqual({ code: 0, signal: null });
      expect(s.output()).toContain('shutting down');
      // The last connection to close checkpoints the WAL and removes it.
      expect(existsSync(`${dbFile}-wal`)).toBe(false);
    }
  });

  it('writes a generated first key to <db folder>/bootstrap-key.txt (mode 600) when none is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbi-boot-'));
    dirs.push(dir);
    const dbFile = join(dir, 'db', 'dbi.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@dbi/source', 'src/server.ts'], {
      cwd: serverRoot,
      env: { ...process.env, DBI_DB: dbFile, PORT: '0', DBI_BOOTSTRAP_KEY: '', FASTIFY_AUTOLOAD_TYPESCRIPT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise((r) => child.on('exit', r));
    while (!/Server listening at (http:\/\/\S+)/.test(out)) await new Promise((r) => setTimeout(r, 20));
    const base = /Server listening at (http:\/\/[^"\s]+)/.exec(out)![1]!;
    const { readFileSync, statSync } = await import('node:fs');
    const file = join(dir, 'db', 'bootstrap-key.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8').trim();
    expect(out).toContain(key); // logged once, for the person starting it
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ role: 'ministry-publisher', name: 'bootstrap' });
    child.kill('SIGTERM');
    await exited;
  });
});
