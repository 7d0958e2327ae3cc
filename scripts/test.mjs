#!/usr/bin/env node
// The README's test command: builds every package, runs every package's tests through Turborepo (all of them,
// even after a failure), then prints the one summary line CI reads ("N passed, N failed").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

for (const dir of ['apps', 'packages']
  .flatMap((d) => (existsSync(d) ? readdirSync(d).map((n) => join(d, n)) : []))
  .concat(['indices'])) {
  rmSync(join(dir, '.vitest-report.json'), { force: true }); // a stale report must never count
}
const turbo = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', 'test', '--continue', '--output-logs=errors-only', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
const summary = spawnSync(process.execPath, ['scripts/test-summary.mjs'], { stdio: 'inherit' });
process.exit(turbo.status !== 0 ? turbo.status || 1 : (summary.status ?? 1));
