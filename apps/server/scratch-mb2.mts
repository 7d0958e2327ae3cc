import Fastify from 'fastify';
import { nationalIndices } from '@dbi/indices';
import { compile, run } from '@dbi/engine';
import { ScoreResult } from '@dbi/schema';
import { openStorage, issueApiKey, hashApiKey } from '@dbi/storage';
import { inline } from './src/lib/schemas.ts';
const def: any = nationalIndices.find((d) => d.id === 'large');
let s = 7; const next = () => (s = (s * 1103515245 + 12345) % 2147483648); const answers: any = {};
for (const p of def.pillars) for (const c of p.components) for (const k of c.criteria) answers[k.id] = next() % 6;
const input = JSON.stringify({ answers });
const c = compile(def);
const storage = openStorage('/tmp/prof/mb2-' + Date.now() + '/db.sqlite');
const { key } = await issueApiKey(storage, { name: 'x', role: 'integrator' });
const app = Fastify({ logger: false }); let f: any;
app.get('/', async (_r, reply) => { f = reply.compileSerializationSchema(inline(ScoreResult) as any); return 'x'; });
await app.inject({ method: 'GET', url: '/' });
const N = 50000;
const time = async (name: string, fn: () => unknown) => { for (let i = 0; i < 5000; i++) await fn(); const t0 = performance.now(); for (let i = 0; i < N; i++) await fn(); console.log(name, ((performance.now() - t0) / N * 1000).toFixed(2), 'µs'); };
const body = JSON.parse(input); const res = run(c, body);
for (let r = 0; r < 2; r++) {
  await time('JSON.parse body', () => JSON.parse(input));
  await time('sha256', () => hashApiKey(key));
  await time('findActiveByHash', () => storage.keys.findActiveByHash('a'.repeat(64)));
  await time('engine run', () => run(c, body));
  await time('fjs serialize', () => f(res));
  await time('JSON.stringify', () => JSON.stringify(res));
}
