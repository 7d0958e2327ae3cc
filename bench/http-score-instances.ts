// HTTP score throughput with two server instances on one PostgreSQL database (issue 13, item 6): one instance alone,
// then both at once (the load split between them as a load balancer would), each answer checked to be the same exact
// result on either instance.
//
//   node --import tsx bench/http-score-instances.ts <postgres://… an empty database or one DBI made> [seconds=10] [connections=10]
//
// The servers are the built ones (apps/server/dist/server.js — `pnpm build` first), logging at warn, with the same key
// secret and bootstrap key, on loopback; autocannon runs here. `connections` is per instance.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { largeInput } from './inputs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverJs = join(root, 'apps/server/dist/server.js');
const KEY = 'bench-bootstrap-key-0123456789abcdef';
const SECRET = 'bench-key-secret-0123456789abcdef0123456789abcdef';

const db = process.argv[2];
if (!db?.startsWith('postgres')) throw new Error('name the PostgreSQL database: postgres://…');
const seconds = Number(process.argv[3] ?? 10);
const connections = Number(process.argv[4] ?? 10);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function start(port: number, cwd: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [serverJs], {
    cwd,
    env: {
      ...process.env,
      DBI_DB: db!,
      PORT: String(port),
      HOST: '127.0.0.1',
      DBI_BOOTSTRAP_KEY: KEY,
      DBI_KEY_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      DBI_RATE_PER_KEY: String(1e9), // throughput is measured here, not the per-key rate limit
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (i > 1200 || child.exitCode !== null) throw new Error(`the server on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const body = JSON.stringify(largeInput(7));
const path = '/api/v1/indices/large/versions/1.0.0/score';
const headers = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };
const load = (port: number) =>
  autocannon({ url: `http://127.0.0.1:${port}${path}`, method: 'POST', headers, body, connections, duration: seconds });

const dir = mkdtempSync(join(tmpdir(), 'dbi-bench-instances-'));
const children: ChildProcess[] = [];
try {
  const a = await freePort();
  const b = await freePort();
  // One after the other: the first applies the migrations and imports the national indices, the second finds them.
  children.push(await start(a, dir));
  children.push(await start(b, dir));
  const answers = await Promise.all(
    [a, b].map((p) =>
      fetch(`http://127.0.0.1:${p}${path}`, { method: 'POST', headers, body }).then(async (r) => {
        if (r.status !== 200) throw new Error(`port ${p} answered ${r.status}: ${await r.text()}`);
        return r.text();
      }),
    ),
  );
  if (answers[0] !== answers[1]) throw new Error('the two instances gave different results for the same input');
  const { index, level } = JSON.parse(answers[0]!) as { index: { hash: string }; level: number };
  await load(a); // warm-up: compiled definitions cached, JIT warm
  await load(b);
  const alone = await load(a);
  const both = await Promise.all([load(a), load(b)]);
  const row = (label: string, rs: autocannon.Result[]) => {
    const rps = rs.reduce((n, r) => n + r.requests.average, 0);
    const bad = rs.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
    return `| ${label} | ${Math.round(rps)} | ${rs.map((r) => r.latency.p50).join(' / ')} ms | ${rs.map((r) => r.latency.p99).join(' / ')} ms | ${bad} |`;
  };
  console.log(
    [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${new Date().toISOString()}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      `POST ${path} (139 answers, ${body.length} bytes; answer level ${level}, hash ${index.hash.slice(0, 19)}…, identical on both instances); ${connections} connections per instance, ${seconds} s`,
      '',
      '| instances | req/s (total) | p50 | p99 | errors + non-2xx |',
      '|---|---|---|---|---|',
      row('one', [alone]),
      row('two on one PostgreSQL', both),
    ].join('\n'),
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  rmSync(dir, { recursive: true, force: true });
}
