// Progress of a long --ndjson batch on a real terminal: util-linux `script` runs the command on a pseudo-terminal,
// stdout redirected to a file and stderr left on the terminal. Without a terminal stderr stays empty.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDir, dbi, tempDir } from '../test/run.js';

const dir = tempDir();
const sh = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const dbiCommand = `${sh(process.execPath)} --conditions=@dbi/source --import tsx src/main.ts`;

/** Runs a shell command on a pseudo-terminal; resolves to everything the terminal showed. */
function onTerminal(command: string): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: cliDir,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
    child.stdin.end();
  });
}

const first = ['{"answers": {}}', '{"answers": {"1.1.1": 3}}'];
const second = ['not json', '{"answers": {"1.1.1": 9}}', '{"answers": {"2.1.1": 1}}'];

describe('--ndjson progress on stderr', () => {
  it('a terminal sees lines, lines/s and errors while the batch runs and at its end; stdout is unchanged', async () => {
    const out = join(dir, 'results.ndjson');
    // The second part is written only once the first part's results are out, then after a 2 s pause in which the
    // progress line (redrawn every 500 ms) can only show the first part's 2 lines.
    const feed =
      `printf '%s\\n' ${first.map(sh).join(' ')}; ` +
      `while [ ! -s ${sh(out)} ]; do sleep 0.1; done; sleep 2; ` +
      `printf '%s\\n' ${second.map(sh).join(' ')}`;
    const r = await onTerminal(`(${feed}) | ${dbiCommand} score sme@1.0.0 --ndjson > ${sh(out)}`);
    expect(r.code).toBe(1); // two lines failed: invalid JSON, level 9 above the highest level 5
    const screen = r.screen.replaceAll('\x1b[K', '<erase to end of line>');
    expect(screen).toMatch(/\r2 lines, [\d,]+ lines\/s, 0 errors<erase to end of line>(?!\r?\n)/);
    expect(screen).toMatch(/\r5 lines, [\d,]+ lines\/s, 2 errors<erase to end of line>\r?\n$/);
    const piped = await dbi(['score', 'sme@1.0.0', '--ndjson'], [...first, ...second].join('\n') + '\n');
    expect(piped.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
    expect(piped.stdout.trimEnd().split('\n')).toHaveLength(5);
  });
});
