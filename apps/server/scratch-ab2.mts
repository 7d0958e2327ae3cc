// scratch A/B ladder (deleted after use)
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { nationalIndices } from '@dbi/indices';
import { compile, run } from '@dbi/engine';
import { hashApiKey } from '@dbi/storage';
import { buildServer } from './src/index.ts';
const KEY = 'bench-bootstrap-key-0123456789abcdef';
const def: any = nationalIndices.find((d) => d.id === 'large');
let s = 7; const next = () => (s = (s * 1103515245 + 12345) % 2147483648); const answers: any = {};
for (const p of def.pillars) for (const c of p.components) for (const k of c.criteria) answers[k.id] = next() % 6;
const input = JSON.stringify({ answers });
const c = compile(def);
const pre = JSON.stringify(run(c, JSON.parse(input)));
const names = ['bare', 'logger', 'hook', 'engine', 'dbi'];
const mode = process.argv[2]; const base = Number(process.argv[3]);
if (mode === 'client') {
  const res: Record<string, number[]> = {};
  for (let round = 0; round < 2; round++) for (const [i, m] of names.entries()) {
    const r = await autocannon({ url: `http://127.0.0.1:${base + i}/api/v1/indices/large/versions/1.0.0/score`, method: 'POST', connections: 10, duration: 5, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + KEY }, body: input });
    (res[m] ??= []).push(Math.round(r.requests.average));
  }
  console.log(res); process.exit(0);
}
const pino = { level: 'warn' };
for (const [i, m] of names.entries()) {
  if (m === 'dbi') { const app = await buildServer({ dbFile: '/tmp/prof/ab2-' + Date.now() + '/db.sqlite', bootstrapKey: KEY, designerDist: '/nonexistent' }, { logger: pino }); await app.listen({ port: base + i, host: '127.0.0.1' }); continue; }
  const app = Fastify({ logger: m === 'bare' ? false : pino });
  if (m === 'hook' || m === 'engine') { const known = hashApiKey(KEY); app.addHook('onRequest', async (req) => { if (hashApiKey(String(req.headers.authorization).slice(7)) !== known) throw new Error('x'); }); }
  app.post('/api/v1/indices/:id/versions/:version/score', async (req, reply) => reply.type('application/json; charset=utf-8').send(m === 'engine' ? JSON.stringify(run(c, req.body)) : pre));
  await app.listen({ port: base + i, host: '127.0.0.1' });
}
console.log('ready');
