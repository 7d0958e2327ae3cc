import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { nationalIndices } from '@dbi/indices';
const KEY = 'bench-bootstrap-key-0123456789abcdef';
const port = 31000 + Math.floor(Math.random() * 1000);
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const srv = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'apps/server/dist/server.js'], {
  env: { ...process.env, DBI_DB: join(dir, 'db.sqlite'), PORT: String(port), HOST: '127.0.0.1', DBI_BOOTSTRAP_KEY: KEY, LOG_LEVEL: 'warn', DBI_RATE_PER_KEY: '1000000000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; ; i++) { if (await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false)) break; await new Promise((r) => setTimeout(r, 100)); }
const def: any = nationalIndices.find((d) => d.id === 'large');
const answers: Record<string, number> = {};
for (const p of def.pillars) for (const c of p.components) for (const k of c.criteria) answers[k.id] = 3;
const r = await autocannon({ url: `http://127.0.0.1:${port}/api/v1/indices/large/versions/1.0.0/score`, method: 'POST', connections: 10, duration: 8, headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ answers }) });
console.log(r.requests.total, 'requests');
srv.kill('SIGINT');
await new Promise((r) => srv.once('exit', r));
