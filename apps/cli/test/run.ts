// Runs the real `dbi` command as a child process (sources through tsx, sibling packages through @dbi/source),
// the way a user runs it. Shared by the CLI's test files.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Definition } from '@dbi/schema';

export const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(cliDir, '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `dbi <args…>` with optional stdin text (stdin is closed either way, never a TTY). */
export function dbi(args: readonly string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@dbi/source', '--import', 'tsx', 'src/main.ts', ...args], {
      cwd: cliDir,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {}); // the CLI may exit (usage error) before reading its stdin
    child.stdin.end(stdin ?? '');
  });
}

/** A fresh temporary folder for a test file's fixtures. */
export const tempDir = () => mkdtempSync(join(tmpdir(), 'dbi-cli-'));

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

export const national = (id: string): Definition =>
  JSON.parse(readFileSync(join(repoRoot, 'indices', id, '1.0.0.json'), 'utf8')) as Definition;

/** Criterion ids per pillar, in definition order (structure only; expected results come from the Decision). */
export function criteriaByPillar(def: Definition): Map<string, string[]> {
  if (def.kind !== 'scorecard') throw new Error(`${def.id} is not a scorecard`);
  return new Map(def.pillars.map((p) => [p.id, p.components!.flatMap((c) => c.criteria.map((k) => k.id))]));
}

/** Answers giving `levelOf(pillarId)` to every criterion of each pillar (null = no data). */
export function answers(def: Definition, levelOf: (pillar: string) => number | null): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [pillar, ids] of criteriaByPillar(def)) for (const id of ids) out[id] = levelOf(pillar);
  return out;
}

/**
 * Pillar maxima from the Decision's Tables 1 (Appendix I and II), typed in from its text.
 * SME: 65, 25, 80, 65, 50, 35 = 320. Large: 125, 120, 145, 110, 110, 85 = 695.
 */
export const MAXIMA = {
  sme: [65, 25, 80, 65, 50, 35],
  large: [125, 120, 145, 110, 110, 85],
} as const;
