// HTTP score endpoint under load (autocannon), side by side in one run with a bare Fastify route that returns a
// precomputed body of the same bytes; then batches of 10,000 large-index assessments per request.
//
//   node --import tsx bench/http-score.ts [seconds=10] [connections=10] [rounds=2]
//
// Both servers are separate processes on loopback; autocannon runs here. The DBI server is the built one
// (apps/server/dist/server.js — run `pnpm build` first) on a fresh SQLite file, logging at warn so per-request log
// lines are not what is measured. Rounds alternate bare / score so drift on a shared machine hits both alike.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { largeInput } from './inputs.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const serverJs = join(root, 'apps/server/dist/server.js');
const KEY = 'bench-bootstrap-key-0123456789abcdef';

const [seconds = 10, connections = 10, rounds = 2] = process.argv.slice(2).map(Number);

if (process.argv[2] === 'bare') await bare(Number(process.argv[3]), process.argv[4]!);
else await main();

/** The bare route: same method, path shape, body parsing; answers with the precomputed bytes. */
async function bare(port: number, bodyFile: string): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { readFileSync } = await import('node:fs');
  const body = readFileSync(bodyFile, 'utf8');
  const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
  app.post('/api/v1/indices/:id/versions/:version/score', async (_req, reply) =>
    reply.type('application/json; charset=utf-8').send(body),
  );
  await app.listen({ port, host: '127.0.0.1' });
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => void app.close().then(() => process.exit(0)));
  process.stdout.write(`listening ${port}\n`);
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const on = (c: Buffer) => {
      out += c.toString();
      const m = pattern.exec(out);
      if (m) {
        child.stdout!.off('data', on);
        child.stdout!.resume();
        resolve(m[1] ?? m[0]);
      }
    };
    child.stdout!.on('data', on);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** CPU time (user + system, all threads) a process has used, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(
  url: string,
  body: string,
  pid: number,
): Promise<{ rps: number; p99: number; p50: number; errors: number; non2xx: number; cpuUs: number }> {
  const run = (duration: number) =>
    autocannon({
      url,
      method: 'POST',
      connections,
      duration,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body,
    });
  await run(2); // warm-up: JIT, caches, connections
  const cpu0 = cpuMs(pid);
  const r = await run(seconds);
  // Server CPU per request: on a shared machine throughput follows the other jobs' load, CPU per request much less.
  const cpuUs = ((cpuMs(pid) - cpu0) * 1000) / Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    p50: r.latency.p50,
    errors: r.errors,
    non2xx: r.non2xx,
    cpuUs,
  };
}

async function main(): Promise<void> {
  if (!existsSync(serverJs)) throw new Error(`build first: ${serverJs} is missing (pnpm build)`);
  const dir = mkdtempSync(join(tmpdir(), 'dbi-bench-http-'));
  const children: ChildProcess[] = [];
  try {
    const dbiPort = 20000 + Math.floor(Math.random() * 20000);
    // BENCH_SERVER_NODE_ARGS: extra Node options for the DBI server only (e.g. --cpu-prof).
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const dbi = spawn(process.execPath, [...nodeArgs, serverJs], {
      env: {
        ...process.env,
        DBI_DB: join(dir, 'dbi.sqlite'),
        PORT: String(dbiPort),
        HOST: '127.0.0.1',
        DBI_BOOTSTRAP_KEY: KEY,
        LOG_LEVEL: 'warn',
        // Throughput is what is measured here, not the per-key rate limit.
        DBI_RATE_PER_KEY: String(1e9),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(dbi);
    const dbiBase = `http://127.0.0.1:${dbiPort}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${dbiBase}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 1200 || dbi.exitCode !== null) throw new Error('the DBI server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }

    const input = JSON.stringify(largeInput(7));
    const scoreUrl = `${dbiBase}/api/v1/indices/large/versions/1.0.0/score`;
    const first = await fetch(scoreUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: input,
    });
    if (first.status !== 200) throw new Error(`score answered ${first.status}: ${await first.text()}`);
    const precomputed = await first.text();
    const bodyFile = join(dir, 'body.json');
    writeFileSync(bodyFile, precomputed);

    const port = dbiPort === 39999 ? 20000 : dbiPort + 1;
    const bareChild = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), 'bare', String(port), bodyFile],
      { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(bareChild);
    await waitFor(bareChild, /listening (\d+)/);
    const bareUrl = `http://127.0.0.1:${port}/api/v1/indices/large/versions/1.0.0/score`;
    const bareBody = await (
      await fetch(bareUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: input })
    ).text();
    if (bareBody !== precomputed) throw new Error('the bare route does not return the same bytes');

    console.log(
      `machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${new Date().toISOString()}`,
    );
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `input: large@1.0.0, 139 answers (${input.length} bytes); response ${precomputed.length} bytes; ${connections} connections, ${seconds} s per run`,
    );
    const results: Record<'bare' | 'score', Array<Awaited<ReturnType<typeof load>>>> = { bare: [], score: [] };
    for (let i = 0; i < rounds; i++) {
      results.bare.push(await load(bareUrl, input, bareChild.pid!));
      results.score.push(await load(scoreUrl, input, dbi.pid!));
      const [bi, si] = [results.bare[i]!, results.score[i]!];
      console.log(
        `round ${i + 1}: bare ${bi.rps.toFixed(0)} rps p99 ${bi.p99} ms ${bi.cpuUs.toFixed(0)} µs CPU/req | score ${si.rps.toFixed(0)} rps p99 ${si.p99} ms ${si.cpuUs.toFixed(0)} µs CPU/req`,
      );
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const b = {
      rps: mean(results.bare.map((r) => r.rps)),
      p99: mean(results.bare.map((r) => r.p99)),
      p50: mean(results.bare.map((r) => r.p50)),
    };
    const s = {
      rps: mean(results.score.map((r) => r.rps)),
      p99: mean(results.score.map((r) => r.p99)),
      p50: mean(results.score.map((r) => r.p50)),
    };
    const bad = [...results.bare, ...results.score].reduce((a, r) => a + r.errors + r.non2xx, 0);
    console.log(`| route | req/s (mean of ${rounds}) | p50 ms | p99 ms |`);
    console.log(`|---|---|---|---|`);
    console.log(`| bare Fastify, precomputed body | ${b.rps.toFixed(0)} | ${b.p50.toFixed(1)} | ${b.p99.toFixed(1)} |`);
    console.log(
      `| POST …/large/versions/1.0.0/score | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} |`,
    );
    const ratios = results.score.map((r, i) => r.rps / results.bare[i]!.rps).sort((x, y) => x - y);
    console.log(
      `ratio score/bare: ${(s.rps / b.rps).toFixed(3)} of the means; per round ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)}); target ≥ 0.8; errors + non-2xx: ${bad}`,
    );

    const cpu = (xs: Array<{ cpuUs: number }>) =>
      xs.map((r) => r.cpuUs).sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    console.log(
      `server CPU per request (median of rounds): bare ${cpu(results.bare).toFixed(1)} µs, score ${cpu(results.score).toFixed(1)} µs; CPU ratio bare/score ${(cpu(results.bare) / cpu(results.score)).toFixed(3)} (the throughput ratio both would reach if each had a core to itself)`,
    );
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    // Batches: 10,000 different large-index inputs in one request, timed end to end from here (send, score, receive).
    const batch = JSON.stringify({ inputs: Array.from({ length: 10_000 }, (_, i) => largeInput(i + 1)) });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const r = await fetch(`${scoreUrl}/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: batch,
      });
      const out = (await r.json()) as { results: unknown[] };
      const ms = performance.now() - t0;
      if (r.status !== 200 || out.results.length !== 10_000) throw new Error(`batch answered ${r.status}`);
      if (i > 0) times.push(ms); // the first one warms up
    }
    times.sort((x, y) => x - y);
    console.log(
      `batch of 10,000 (${(batch.length / 2 ** 20).toFixed(1)} MiB in): median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, best ${times[0]!.toFixed(0)} ms, worst ${times[times.length - 1]!.toFixed(0)} ms over ${times.length} requests (target < 1000 ms)`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}
