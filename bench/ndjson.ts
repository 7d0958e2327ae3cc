// The `--ndjson` batch path of the BUILT `dbi` command against a hand-written batch scorer (ndjson-handwritten.mjs)
// on the same file of large-index inputs: wall time per run (rounds interleaved, median and best), lines/s, the
// ratio, and peak RSS — also for a 1,000,000-line batch, to show memory stays flat whatever the batch size.
// Both write their results to a file; the runner first checks the two outputs are byte-identical.
//
//   cd /work/main && pnpm turbo run build --filter=@dbi/cli...     (or tsc -p tsconfig.build.json in schema, engine, cli)
//   node --import tsx bench/ndjson.ts [lines=200000] [rounds=5] [bigLines=1000000]
// Data goes to $TMPDIR/dbi-bench (generated once per size, never committed).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'apps/cli/dist/main.js');
const handwritten = join(root, 'bench/ndjson-handwritten.mjs');
const generator = join(root, 'bench/ndjson-generate.mjs');
const LINES = Number(process.argv[2] ?? 200_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const BIG = Number(process.argv[4] ?? 1_000_000);
const data = join(tmpdir(), 'dbi-bench');
const TIME = '/usr/bin/time';

if (!existsSync(cli)) {
  console.error(`${cli} is missing: build first (cd ${root} && pnpm turbo run build --filter=@dbi/cli...)`);
  process.exit(1);
}
if (!existsSync(TIME)) {
  console.error(`${TIME} (GNU time) is needed for peak RSS`);
  process.exit(1);
}
mkdirSync(data, { recursive: true });

function input(lines: number): string {
  const file = join(data, `large-${lines}.ndjson`);
  if (!existsSync(file)) {
    console.error(`generating ${lines} lines → ${file}`);
    execFileSync(process.execPath, [generator, String(lines), file], { stdio: 'inherit' });
  }
  return file;
}

const hash = execFileSync(process.execPath, [cli, 'list'], { encoding: 'utf8' })
  .split('\n')
  .map((l) => l.split(/ +/))
  .find((cols) => cols[0] === 'large@1.0.0')![2]!;
const engineVersion = /\(engine ([^)]+)\)/.exec(
  execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }),
)![1]!;

interface Measure {
  seconds: number;
  rssKb: number;
}

/** Runs `node args… > out` under GNU time; wall seconds and peak RSS of the node process. */
function measure(args: string[], out: string): Measure {
  const r = spawnSync('sh', ['-c', `"$0" -f '%e %M' "$@" > "${out}"`, TIME, process.execPath, ...args], {
    encoding: 'utf8',
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) (\d+)$/.exec(last);
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`failed: node ${args.join(' ')}\n${r.stderr}`);
  return { seconds: Number(m[1]), rssKb: Number(m[2]) };
}

const runs = {
  cli: (file: string, out: string) => measure([cli, 'score', 'large@1.0.0', '--ndjson', file], out),
  handwritten: (file: string, out: string) => measure([handwritten, hash, engineVersion, file], out),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

// 1. Same output, byte for byte.
const file = input(LINES);
const outCli = join(data, 'out-cli.ndjson');
const outHw = join(data, 'out-handwritten.ndjson');
runs.cli(file, outCli);
runs.handwritten(file, outHw);
if (!readFileSync(outCli).equals(readFileSync(outHw))) {
  console.error(`outputs differ: compare ${outCli} and ${outHw}`);
  process.exit(1);
}
console.error(`outputs identical (${LINES} lines, ${(statSync(file).size / 2 ** 20).toFixed(0)} MB in)`);

// 2. Interleaved rounds.
const times: Record<keyof typeof runs, Measure[]> = { cli: [], handwritten: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const k of (r % 2 ? ['handwritten', 'cli'] : ['cli', 'handwritten']) as (keyof typeof runs)[]) {
    times[k].push(runs[k](file, k === 'cli' ? outCli : outHw));
    console.error(`round ${r + 1} ${k}: ${times[k].at(-1)!.seconds.toFixed(2)} s`);
  }
}
const startup = median(
  [0, 1, 2].map(() => measure([cli, 'score', 'large@1.0.0', '--ndjson', '/dev/null'], '/dev/null').seconds),
);

// 3. Memory on a big batch.
let big: Record<keyof typeof runs, Measure> | undefined;
if (BIG > 0) {
  const bigFile = input(BIG);
  big = { cli: runs.cli(bigFile, outCli), handwritten: runs.handwritten(bigFile, outHw) };
}

const row = (k: keyof typeof runs) => {
  const med = median(times[k].map((t) => t.seconds));
  const best = Math.min(...times[k].map((t) => t.seconds));
  return { med, best, rss: Math.max(...times[k].map((t) => t.rssKb)) };
};
const c = row('cli');
const h = row('handwritten');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`
| batch of ${LINES.toLocaleString('en')} large-index lines | median | best | lines/s (median) | peak RSS |
|---|---|---|---|---|
| \`dbi score large@1.0.0 --ndjson\` (built) | ${c.med.toFixed(2)} s | ${c.best.toFixed(2)} s | ${Math.round(LINES / c.med).toLocaleString('en')} | ${mb(c.rss)} |
| hand-written batch scorer | ${h.med.toFixed(2)} s | ${h.best.toFixed(2)} s | ${Math.round(LINES / h.med).toLocaleString('en')} | ${mb(h.rss)} |

- Ratio CLI / hand-written: **${(c.med / h.med).toFixed(2)}×** median, ${(c.best / h.best).toFixed(2)}× best (target ≤ 1.5×).
- CLI start-up (empty batch): ${startup.toFixed(2)} s, included in the CLI's times above.${
  big
    ? `
- ${BIG.toLocaleString('en')} lines: CLI ${big.cli.seconds.toFixed(1)} s, peak RSS ${mb(big.cli.rssKb)}; hand-written ${big.handwritten.seconds.toFixed(1)} s, peak RSS ${mb(big.handwritten.rssKb)} (vs ${mb(c.rss)} / ${mb(h.rss)} at ${LINES.toLocaleString('en')} lines).`
    : ''
}
- Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.
- Rounds: ${ROUNDS}, interleaved. Command: \`node --import tsx bench/ndjson.ts ${LINES} ${ROUNDS} ${BIG}\`.`);
