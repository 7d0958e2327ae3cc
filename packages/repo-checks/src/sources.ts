// The workspace's own source files and the imports they make, read as text: what the repository checks look at.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SKIP = new Set(['node_modules', 'dist', 'storybook-static', '.turbo', 'test-artifacts', 'json']);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT =
  /(?:^|[^\w.])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

/** Every module specifier a file imports or re-exports (type-only imports included). */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!).filter(Boolean);
}

/** Repo-relative paths of every source file in the workspace's packages. */
export const files = ['apps', 'packages', 'indices', 'bench']
  .flatMap((d) => sources(join(repo, d)))
  .map((f) => relative(repo, f));

export const isTestOrTool = (f: string) =>
  /\.(test|stories|bench)\.tsx?$/.test(f) || f.startsWith('bench/') || /\/(test|e2e|\.storybook)\//.test(f);

/**
 * The repo-relative source file a relative specifier names (`./x.js` is `./x.ts` or `./x.tsx` in source, `./dir`
 * is `./dir/index.ts`), or undefined for anything else (JSON, CSS, packages).
 */
export function resolveRelative(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = join(dirname(from), spec);
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find(
    (c) => /\.(ts|tsx|js|mjs)$/.test(c) && existsSync(join(repo, c)) && statSync(join(repo, c)).isFile(),
  );
}
