#!/usr/bin/env node
// Sums every package's Vitest JSON report into the single line CI reads: "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['apps', 'packages']
  .flatMap((d) => (existsSync(d) ? readdirSync(d).map((n) => join(d, n)) : []))
  .concat(['indices']);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of roots) {
  if (!existsSync(join(dir, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  const file = join(dir, '.vitest-report.json');
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // A suite that fails to load has no failed tests of its own; count it so it can never pass silently.
  failed += (r.numFailedTests ?? 0) || (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${dir}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
if (missing.length) {
  console.log(`no test report from: ${missing.join(', ')}`);
  failed += missing.length;
}
console.log(skipped ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
