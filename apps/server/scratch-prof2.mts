import { buildServer } from './src/index.ts';
import { nationalIndices } from '@dbi/indices';
const dir = '/tmp/prof/db2-' + Date.now();
const KEY = 'bench-bootstrap-key-0123456789abcdef';
const app = await buildServer({ dbFile: dir + '/dbi.sqlite', bootstrapKey: KEY, designerDist: '/nonexistent' }, { logger: false });
const def: any = nationalIndices.find((d) => d.id === 'large');
let s = 7; const next = () => (s = (s * 1103515245 + 12345) % 2147483648); const answers: any = {};
for (const p of def.pillars) for (const c of p.components) for (const k of c.criteria) answers[k.id] = next() % 6;
const one = JSON.stringify({ answers });
const h = { authorization: 'Bearer ' + KEY, 'content-type': 'application/json' };
for (let r = 0; r < 4; r++) {
  let t0 = performance.now();
  for (let i = 0; i < 5000; i++) await app.inject({ method: 'POST', url: '/api/v1/indices/large/versions/1.0.0/score', headers: h, payload: one });
  const a = (performance.now() - t0) / 5;
  t0 = performance.now();
  for (let i = 0; i < 5000; i++) await app.inject({ method: 'GET', url: '/api/v1/health' });
  const b = (performance.now() - t0) / 5;
  console.log(`score ${a.toFixed(1)} µs/op, health ${b.toFixed(1)} µs/op`);
}
await app.close();
