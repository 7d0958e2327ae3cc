// Writes N random NDJSON inputs for the large index (Appendix II): one {"ref", "answers"} object a line.
// Each line picks a base level per pillar and answers around it (so every level occurs), leaves ~4% of criteria
// absent and ~4% null. Seeded: the same N gives the same file.
//   node bench/ndjson-generate.mjs <lines> <out-file>
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';

const lines = Number(process.argv[2] ?? 200_000);
const file = process.argv[3];
if (!file || !Number.isSafeInteger(lines) || lines < 0) {
  console.error('usage: node bench/ndjson-generate.mjs <lines> <out-file>');
  process.exit(2);
}
const def = JSON.parse(readFileSync(new URL('../indices/large/1.0.0.json', import.meta.url), 'utf8'));
const pillars = def.pillars.map((p) => p.components.flatMap((c) => c.criteria.map((k) => k.id)));

let seed = 0x1970;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};

const out = createWriteStream(file);
let buffer = '';
for (let i = 0; i < lines; i++) {
  const answers = {};
  for (const ids of pillars) {
    const base = Math.floor(rand() * 6);
    for (const id of ids) {
      const r = rand();
      if (r < 0.04) continue;
      answers[id] = r < 0.08 ? null : Math.max(0, Math.min(5, base + Math.floor(rand() * 3) - 1));
    }
  }
  buffer += JSON.stringify({ ref: `e${i}`, answers }) + '\n';
  if (buffer.length > 1 << 20) {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  }
}
out.end(buffer);
await once(out, 'finish');
