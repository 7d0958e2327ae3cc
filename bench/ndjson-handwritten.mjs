// A hand-written batch scorer of the Decision's large index (Appendix II), the yardstick for `dbi score
// large@1.0.0 --ndjson`: reads NDJSON line by line, JSON.parse, checks each answer, scores with the Decision's
// numbers typed in (Table 1 counts, Table 2 bands, section 2.2 thresholds), JSON.stringify, buffered writes.
// Same output as the CLI for valid lines (the runner checks that), so both do the same parsing and printing.
//   node bench/ndjson-handwritten.mjs <content-hash> <engine-version> [FILE] > out.ndjson
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const [hash, engine, file] = process.argv.slice(2);
const STAMP = { id: 'large', version: '1.0.0', hash };

// Criteria per component, per pillar (Appendix II section III); ids are pillar.component.criterion.
const COMPONENTS = [
  [9, 8, 3, 5],
  [4, 3, 3, 3, 3, 8],
  [5, 7, 4, 4, 9],
  [4, 6, 4, 8],
  [6, 8, 8],
  [7, 7, 3],
];
const IDS = [];
const PILLAR_OF = new Map();
COMPONENTS.forEach((comps, p) =>
  comps.forEach((n, c) => {
    for (let k = 1; k <= n; k++) {
      const id = `${p + 1}.${c + 1}.${k}`;
      PILLAR_OF.set(id, p);
      IDS.push(id);
    }
  }),
);
const MAX = COMPONENTS.map((comps) => comps.reduce((a, n) => a + n, 0) * 5); // 125, 120, 145, 110, 110, 85

// Table 2: above 80% → 5, above 60% → 4, above 40% → 3, above 20% → 2, from 10% → 1 (integers only).
const pillarLevel = (points, max) => {
  const p = points * 100;
  return p > max * 80 ? 5 : p > max * 60 ? 4 : p > max * 40 ? 3 : p > max * 20 ? 2 : p >= max * 10 ? 1 : 0;
};
// Section 2.2 (the missing level-3 threshold is Table 1's 278).
const overallLevel = (total, levels) => {
  const atLeast = (k) => levels.filter((l) => l >= k).length;
  if (total > 556 && atLeast(5) === 6) return 5;
  if (total > 417 && atLeast(4) >= 5) return 4;
  if (total > 278 && atLeast(3) >= 4) return 3;
  if (total > 139 && atLeast(2) >= 4) return 2;
  if (total > 40 && atLeast(1) >= 4) return 1;
  return 0;
};

function score(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('/: must be an object');
  const answers = input.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers))
    throw new Error('/answers: must be an object');
  for (const k of Object.keys(input)) if (k !== 'ref' && k !== 'answers') throw new Error(`/${k}: not allowed`);
  for (const k of Object.keys(answers)) {
    const v = answers[k];
    if (!PILLAR_OF.has(k)) throw new Error(`/answers/${k}: unknown criterion`);
    if (v !== null && !(Number.isInteger(v) && v >= 0 && v <= 5)) throw new Error(`/answers/${k}: level 0..5 or null`);
  }
  const points = [0, 0, 0, 0, 0, 0];
  const missing = [];
  for (const id of IDS) {
    const v = answers[id];
    if (v === undefined || v === null) missing.push(id);
    else points[PILLAR_OF.get(id)] += v;
  }
  const levels = points.map((p, i) => pillarLevel(p, MAX[i]));
  const total = points.reduce((a, b) => a + b, 0);
  const result = {};
  if (typeof input.ref === 'string') result.ref = input.ref;
  result.index = STAMP;
  result.engine = engine;
  result.total = total;
  result.max = 695;
  result.level = overallLevel(total, levels);
  result.pillars = points.map((p, i) => ({ id: String(i + 1), points: p, max: MAX[i], level: levels[i] }));
  result.missing = missing;
  return result;
}

const input = file ? createReadStream(file, { highWaterMark: 256 * 1024 }) : process.stdin;
const decoder = new StringDecoder('utf8');
let pending = '';
let lineNo = 0;
let buffer = '';
const handle = (line) => {
  lineNo++;
  try {
    buffer += JSON.stringify(score(JSON.parse(line))) + '\n';
  } catch (e) {
    buffer += JSON.stringify({ line: lineNo, error: { message: e.message } }) + '\n';
  }
};
const flush = async () => {
  if (buffer === '') return;
  const chunk = buffer;
  buffer = '';
  if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
};
for await (const chunk of input) {
  const text = pending + decoder.write(chunk);
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    handle(text.slice(start, nl));
    start = nl + 1;
  }
  pending = text.slice(start);
  await flush();
}
if (pending + decoder.end() !== '') handle(pending);
await flush();
