// Does any national read hold the server? (issue 13: "at 900,000 enterprises and 1,000,000 assessments no request
// takes the server down or holds /health above 100 ms".) The built server runs on a national database that
// `bench/national.ts` generated; for `seconds`, callers repeat the heaviest reads the API allows — the largest pages
// (first and deep), every filter of rankings, the provincial index of the largest province compared with the previous
// period, the Z-score table, coverage, the level summaries whose pillar levels are read from the standings' JSON, the
// XLSX and CSV downloads — while a separate process samples /health one request at a time on its own connection.
//
//   node --import tsx bench/national-health.ts <db: SQLite file or postgres:// URL> [seconds=60] [connections=2]
//
// `connections` is per read (14 reads). The server is apps/server/dist/server.js (`pnpm build` first), logging at warn,
// with the rate limits raised so that the load is served, not refused. The sampler is its own process so that
// reading the large answers here never delays its clock. The server's own event-loop delay is measured inside it
// (bench/loop-delay.mjs) over the same minute.
//
// Environment: BENCH_SERVER_CPUS=0 pins the server and the sampler to CPU 0 (run the bench itself under
// `taskset -c 1` and pin PostgreSQL's processes to CPU 1: the database and the load generator then stand apart as
// on their own machines); BENCH_SERVER_NODE_ARGS adds Node options to the server (e.g. --cpu-prof);
// BENCH_SERVER_STDOUT=1 shows the server's standard output (e.g. --trace-gc).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');
const serverJs = join(root, 'apps/server/dist/server.js');
const KEY = 'bench-bootstrap-key-0123456789abcdef';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

if (process.argv[2] === 'sample') await sample(process.argv[3]!, Number(process.argv[4]));
else await main();

/** The sampler: /health every 20 ms for `seconds`, one at a time; prints the latencies (ms) as JSON. */
async function sample(base: string, seconds: number): Promise<void> {
  const out: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    const r = await fetch(`${base}/health`);
    await r.arrayBuffer();
    out.push(r.ok ? performance.now() - t0 : Infinity);
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(JSON.stringify(out));
}

async function main(): Promise<void> {
  const db = process.argv[2];
  if (!db) throw new Error('name the national database: a SQLite file or a postgres:// URL');
  const seconds = Number(process.argv[3] ?? 60);
  const connections = Number(process.argv[4] ?? 2);
  const port = 20000 + Math.floor(Math.random() * 20000);
  // BENCH_SERVER_NODE_ARGS: extra Node options for the server only (e.g. --cpu-prof, to see what holds its thread).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const delayFile = join(tmpdir(), `dbi-loop-delay-${port}.json`);
  const preload = pathToFileURL(join(dirname(here), 'loop-delay.mjs')).href;
  const server = spawnOn(
    process.env.BENCH_SERVER_CPUS,
    ['--max-old-space-size=4096', '--import', preload, ...nodeArgs, serverJs],
    {
      // PostgreSQL's key secret is ./data/key-secret of the working directory: bench/, as for national.ts.
      cwd: dirname(here),
      env: {
        ...process.env,
        DBI_DB: db,
        PORT: String(port),
        HOST: '127.0.0.1',
        DBI_BOOTSTRAP_KEY: KEY,
        LOG_LEVEL: 'warn',
        DBI_RATE_PER_KEY: String(1e9),
        DBI_RATE_PER_IP: String(1e9),
        BENCH_LOOP_DELAY_FILE: delayFile,
      },
      stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}/api/v1`;
  const headers = { authorization: `Bearer ${KEY}` };
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(base + path, { headers });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${(await r.text()).slice(0, 300)}`);
    return (await r.json()) as T;
  };
  let rss = 0;
  const rssTimer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      rss = Math.max(rss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // the server has not started or has ended
    }
  }, 200);
  try {
    const started = performance.now();
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 3000 || server.exitCode !== null) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const startSeconds = (performance.now() - started) / 1000;
    // Deep cursors: 100,000 entries into the national ranking, 20,000 into Hà Nội's, by following the pages.
    const deep = async (query: string, pages: number) => {
      let next = (await get<{ next: string | null }>(`/rankings?${query}&limit=500`)).next;
      for (let i = 1; i < pages && next; i++)
        next = (await get<{ next: string | null }>(`/rankings?${query}&limit=500&after=${next}`)).next;
      return next!;
    };
    const reads = [
      '/rankings?period=2026&limit=500',
      `/rankings?period=2026&limit=500&after=${await deep('period=2026', 200)}`,
      `/rankings?period=2026&province=01&limit=500&after=${await deep('period=2026&province=01', 40)}`,
      '/rankings?period=2026&province=79&industry=G&size=micro&limit=500',
      '/rankings?period=2026&basis=appraised&industry=C&limit=500&format=xlsx',
      '/provinces/79/index?period=2026&compareTo=2025',
      '/provinces/79/index?period=2026&industry=G&compareTo=2025',
      '/provinces/index?period=2026&compareTo=2025&format=xlsx',
      '/provinces/coverage?period=2026&by=industry&format=csv',
      '/provinces/levels?period=2026&industry=C',
      '/provinces/levels?period=2026&size=micro&basis=appraised',
      '/enterprises?province=79&limit=500',
      '/assessments?period=2026&limit=500',
      // A whole province's enterprises as a file (Hồ Chí Minh's 340,000 are over the export cap of 100,000 rows).
      '/enterprises?province=44&format=xlsx',
    ];
    // Each read once alone first: its time without contention, and a check that it answers 200.
    const alone: number[] = [];
    for (const path of reads) {
      const t0 = performance.now();
      const r = await fetch(base + path, { headers });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      alone.push(performance.now() - t0);
    }
    server.kill('SIGUSR2'); // the server's event-loop delay is measured from here (bench/loop-delay.mjs)
    const sampler = spawnOn(process.env.BENCH_SERVER_CPUS, ['--import', 'tsx', here, 'sample', base, String(seconds)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const samples = collect(sampler);
    const load = await Promise.all(
      reads.map((path) => autocannon({ url: base + path, connections, duration: seconds, headers, timeout: 60 })),
    );
    const health = JSON.parse(await samples) as number[];
    const failed = health.filter((x) => !Number.isFinite(x)).length;
    const lines = [
      `backend: ${db.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}; start-up ${startSeconds.toFixed(1)} s; peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average at end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      `date: ${new Date().toISOString()}, ${seconds} s, ${connections} connection(s) per read, node ${process.version}`,
      `server and sampler on CPU(s): ${process.env.BENCH_SERVER_CPUS ?? 'any'}`,
      '',
      '| read | alone | under load: requests | p50 | p99 | non-2xx | errors |',
      '|---|---|---|---|---|---|---|',
      ...load.map(
        (r, i) =>
          `| \`${reads[i]!.replace(/after=[^&]+/, 'after=…')}\` | ${alone[i]!.toFixed(0)} ms | ${r.requests.total} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.non2xx} | ${r.errors + r.timeouts} |`,
      ),
      '',
      `/health: ${health.length} samples, p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${percentile(health, 99).toFixed(1)} ms, ` +
        `max ${Math.max(...health).toFixed(1)} ms, above 100 ms: ${health.filter((x) => x > 100).length}, failed: ${failed}`,
      `server still up at the end: ${server.exitCode === null ? 'yes' : `no (exit ${server.exitCode})`}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const delay = JSON.parse(readFileSync(delayFile, 'utf8')) as { p50: number; p99: number; max: number };
    process.stdout.write(
      `server's event-loop delay under the load (inside the server): p50 ${delay.p50.toFixed(1)} ms, ` +
        `p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms\n`,
    );
  } finally {
    clearInterval(rssTimer);
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(delayFile, { force: true });
  }
}

/** Node with `args`, pinned to `cpus` (taskset's list, e.g. "0") when given: BENCH_SERVER_CPUS puts the server and
 * the sampler on their own core(s), the database and the load generator (run the bench itself under `taskset`, and
 * pin PostgreSQL's processes) on the other(s) — as if on their own machines. */
function spawnOn(cpus: string | undefined, args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  return cpus
    ? spawn('taskset', ['-c', cpus, process.execPath, ...args], options)
    : spawn(process.execPath, args, options);
}

function collect(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`sampler exited ${code}`))));
  });
}
