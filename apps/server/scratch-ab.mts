// scratch: where does the score route's time go? (deleted after use)
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { nationalIndices } from '@dbi/indices';
import { compile, run } from '@dbi/engine';
import { ScoreResult } from '@dbi/schema';
import { openStorage, issueApiKey, hashApiKey } from '@dbi/storage';
import { inline } from './src/lib/schemas.ts';
const mode = process.argv[2];
const def: any = nationalIndices.find((d) => d.id === 'large');
let s = 7; const next = () => (s = (s * 1103515245 + 12345) % 2147483648); const answers: any = {};
for (const p of def.pillars) for (const c of p.components) for (const k of c.criteria) answers[k.id] = next() % 6;
const input = JSON.stringify({ answers });
const c = compile(def);
const pre = JSON.stringify(run(c, JSON.parse(input)));
if (mode === 'client') {
  for (const m of ['bare', 'auth', 'engine', 'engine-fjs', 'all']) {
    const port = Number(process.argv[3]) + ['bare', 'auth', 'engine', 'engine-fjs', 'all'].indexOf(m);
    const r = await autocannon({ url: `http://127.0.0.1:${port}/x`, method: 'POST', connections: 10, duration: 6, headers: { 'content-type': 'application/json', authorization: 'Bearer ' + process.argv[4] }, body: input });
    console.log(m, Math.round(r.requests.average), r.non2xx);
  }
  process.exit(0);
}
const storage = openStorage('/tmp/prof/ab-' + Date.now() + '/db.sqlite');
const { key } = await issueApiKey(storage, { name: 'x', role: 'integrator' });
const base = Number(process.argv[3]);
const modes = ['bare', 'auth', 'engine', 'engine-fjs', 'all'];
const cache = new Map<string, any>();
for (const [i, m] of modes.entries()) {
  const app = Fastify({ logger: false });
  if (m !== 'bare') app.addHook('onRequest', async (req) => { const k = String(req.headers.authorization).slice(7); const h = hashApiKey(k); const info = m === 'engine' || m === 'all' ? (cache.get(h) ?? (cache.set(h, await storage.keys.findActiveByHash(h)), cache.get(h))) : await storage.keys.findActiveByHash(h); if (!info) throw new Error('no'); (req as any).p = info; });
  const ser = m === 'engine-fjs' || m === 'all' ? null : null;
  app.post('/x', async (req, reply) => {
    if (m === 'bare' || m === 'auth') return reply.type('application/json; charset=utf-8').send(pre);
    const r = run(c, req.body);
    if (m === 'engine') return reply.type('application/json; charset=utf-8').send(JSON.stringify(r));
    const f = (globalThis as any).__f ??= reply.compileSerializationSchema(inline(ScoreResult) as any);
    return reply.type('application/json; charset=utf-8').serializer(f as any).send(r);
  });
  await app.listen({ port: base + i, host: '127.0.0.1' });
}
console.log('KEY', key);
