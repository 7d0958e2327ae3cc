// No import cycles: between files inside a package (a cycle makes load order matter and blocks splitting a
// module), nor between packages (turbo and the dependency direction need a graph without loops).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles } from './cycles.js';
import { files, importsOf, repo, resolveRelative } from './sources.js';

/**
 * Cycles known to exist and being removed. Each entry must still be found (a stale one fails too, so it is deleted
 * as soon as its cycle is gone).
 */
const KNOWN: string[][] = [];

const packageDirs = [
  ...new Set(
    files.map((f) =>
      f.startsWith('indices/') || f.startsWith('bench/') ? f.split('/')[0]! : f.split('/').slice(0, 2).join('/'),
    ),
  ),
].sort();
const packageOf = (f: string) => packageDirs.find((d) => f.startsWith(`${d}/`))!;

describe('import cycles', () => {
  it('finds a cycle in a graph made for it, and none in a chain', () => {
    const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
    expect(findCycles(g({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [] }))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(g({ a: ['a'] }))).toEqual([['a', 'a']]);
    expect(findCycles(g({ a: ['b'], b: ['c'], c: [], x: ['y'], y: ['x'] }))).toEqual([['x', 'y', 'x']]);
    expect(findCycles(g({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('none between files inside a package (type-only imports count too)', () => {
    const graph = new Map<string, string[]>();
    for (const f of files) {
      const targets = importsOf(join(repo, f))
        .map((spec) => resolveRelative(f, spec))
        .filter((t): t is string => t !== undefined && packageOf(t) === packageOf(f));
      graph.set(f, targets);
    }
    // The graph really reads imports (a known edge), so an empty result means no cycles rather than no data.
    expect(graph.get('packages/storage/src/national.ts')).toContain('packages/storage/src/common.ts');
    const cycles = findCycles(graph).map((c) => c.join(' → '));
    const known = KNOWN.map((c) => c.join(' → '));
    expect(
      known.filter((k) => !cycles.includes(k)),
      'known cycles no longer found: delete them from KNOWN',
    ).toEqual([]);
    expect(cycles.filter((c) => !known.includes(c))).toEqual([]);
  });

  it('none between packages, by package.json (dependencies and devDependencies) or by imports', () => {
    const nameOf = new Map<string, string>();
    const deps = new Map<string, Set<string>>();
    for (const dir of packageDirs) {
      const pkg = JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      nameOf.set(dir, pkg.name);
      deps.set(pkg.name, new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })));
    }
    for (const f of files) {
      const own = deps.get(nameOf.get(packageOf(f))!)!;
      for (const spec of importsOf(join(repo, f))) {
        const m = /^(@dbi\/[^/]+)/.exec(spec);
        if (m) own.add(m[1]!);
      }
    }
    const graph = new Map([...deps].map(([name, d]) => [name, [...d].filter((x) => deps.has(x))]));
    expect(graph.get('@dbi/engine')).toEqual(['@dbi/schema']);
    expect(findCycles(graph)).toEqual([]);
  });
});
