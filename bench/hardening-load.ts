// Does one caller's worst case stall everyone else? 60 s of load on the score endpoint with a concurrent mix of the
// largest requests the limits allow (a 1,000-unit group, a 10,000-input batch, a 1,000-unit explained group), while
// /health is sampled on its own connection; reports /health's latency percentiles (target: p99 ≤ 100 ms).
//
//   node --import tsx bench/hardening-load.ts [seconds=60]
//
// The server is the built one (apps/server/dist/server.js — `pnpm build` first), on a fresh SQLite file, logging at
// warn, rate limits raised so that the load is not simply refused.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { nationalIndices } from '@dbi/indices';
import type { ScorecardDefinition } from '@dbi/schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverJs = join(root, 'apps/server/dist/server.js');
const KEY = 'bench-bootstrap-key-0123456789abcdef';
const seconds = Number(process.argv[2] ?? 60);

function answers(id: string, level: number): Record<string, number> {
  const def = nationalIndices.find((d) => d.id === id) as ScorecardDefinition;
  const out: Record<string, number> = {};
  for (const p of def.pillars) for (const c of p.components) for (const k of c.criteria) out[k.id] = level;
  return out;
}
const group = (n: number) => ({
  units: Array.from({ length: n }, (_, i) => ({
    id: `u${i}`,
    relation: i === 0 ? 'parent' : 'subsidiary',
    headcount: 10 + i,
    index: i === 0 ? 'large@1.0.0' : 'sme@1.0.0',
    answers: answers(i === 0 ? 'large' : 'sme', i % 6),
  })),
});

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-bench-hardening-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, [serverJs], {
    env: {
      ...process.env,
      DBI_DB: join(dir, 'dbi.sqlite'),
      PORT: String(port),
      HOST: '127.0.0.1',
      DBI_BOOTSTRAP_KEY: KEY,
      LOG_LEVEL: 'warn',
      DBI_RATE_PER_KEY: String(1e9),
      DBI_RATE_PER_IP: String(1e9),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 600) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };
    const largeBody = JSON.stringify({ answers: answers('large', 3) });
    const mix = [
      { path: '/indices/large/versions/1.0.0/score', body: largeBody },
      { path: '/indices/group/versions/1.0.0/score', body: JSON.stringify(group(1000)) },
      { path: '/indices/group/versions/1.0.0/score?explain=true', body: JSON.stringify(group(1000)) },
      {
        path: '/indices/large/versions/1.0.0/score/batch',
        body: JSON.stringify({ inputs: Array.from({ length: 10_000 }, () => ({ answers: answers('large', 2) })) }),
      },
    ];
    for (const m of mix) {
      const r = await fetch(base + m.path, { method: 'POST', headers, body: m.body });
      if (!r.ok) throw new Error(`${m.path}: ${r.status} ${(await r.text()).slice(0, 300)}`);
    }
    // /health on its own connection, one request at a time, for the whole run.
    const health: number[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) {
        const t0 = performance.now();
        await fetch(`${base}/health`);
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const load = await Promise.all(
      mix.map((m) =>
        autocannon({
          url: base + m.path,
          method: 'POST',
          connections: m.path.endsWith('/score') && m.body === largeBody ? 8 : 2,
          duration: seconds,
          headers,
          body: m.body,
          timeout: 120,
        }),
      ),
    );
    running = false;
    await sampler;
    const lines = [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average at end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      `date: ${new Date().toISOString()}, ${seconds} s, node ${process.version}`,
      ...load.map(
        (r, i) =>
          `${mix[i]!.path}: ${r.requests.total} requests (${r.requests.average}/s), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
      ),
      `/health: ${health.length} samples, p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${percentile(health, 99).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
