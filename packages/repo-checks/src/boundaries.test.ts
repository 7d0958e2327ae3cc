import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { files, importsOf, isTestOrTool, repo } from './sources.js';

/** [module pattern, the only place (regex on the repo-relative path) allowed to import it at run time] */
const OWNED: Array<[RegExp, RegExp, string]> = [
  [/^json-logic-js$/, /^packages\/engine\//, 'json-logic-js belongs to packages/engine'],
  [/^better-sqlite3$/, /^packages\/storage\//, 'better-sqlite3 belongs to packages/storage'],
  [/^pg(-[a-z-]+)?$/, /^packages\/storage\//, 'the PostgreSQL driver (pg) belongs to packages/storage'],
  [/^@xyflow\/react/, /^packages\/designer-ui\//, '@xyflow/react belongs to packages/designer-ui'],
  [/^@node-rs\/argon2$/, /^packages\/storage\/src\/accounts\//, 'password hashing belongs to storage/accounts'],
  // Definitions as spreadsheets belong to packages/spreadsheet; list exports (CSV/XLSX of any list route) to the
  // server's one exchange module.
  [
    /^exceljs$/,
    /^(packages\/spreadsheet|apps\/server\/src\/lib\/exchange)\//,
    'exceljs belongs to packages/spreadsheet (definitions) and the server exchange module (lists)',
  ],
];

describe('package boundaries', () => {
  it('finds the workspace sources', () => {
    expect(files.some((f) => f.startsWith('packages/schema/src/'))).toBe(true);
  });

  it('third-party engines are imported only by the package that owns them', () => {
    const bad: string[] = [];
    for (const f of files) {
      if (isTestOrTool(f)) continue;
      for (const spec of importsOf(join(repo, f))) {
        for (const [mod, owner, why] of OWNED) if (mod.test(spec) && !owner.test(f)) bad.push(`${f}: ${spec} (${why})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('schema, engine and reference stay isomorphic: no node:* imports outside tests', () => {
    expect(files.some((f) => f.startsWith('packages/reference/src/'))).toBe(true);
    const bad = files
      .filter(
        (f) =>
          /^packages\/(schema|engine|reference)\/src\//.test(f) && !isTestOrTool(f) && !f.endsWith('generate-json.ts'),
      )
      .flatMap((f) =>
        importsOf(join(repo, f))
          .filter((s) => s.startsWith('node:') || ['fs', 'path', 'crypto', 'os'].includes(s))
          .map((s) => `${f}: ${s}`),
      );
    expect(bad).toEqual([]);
  });

  it('nothing imports from apps/*, and there are no deep imports into another package', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(join(repo, f))) {
        if (/(^|\/)apps\//.test(spec) || /^@dbi\/[^/]+\/(src|dist)\//.test(spec)) bad.push(`${f}: ${spec}`);
        if (spec.startsWith('.') && f.startsWith('packages/')) {
          const target = relative(repo, join(repo, dirname(f), spec));
          const pkg = f.split('/').slice(0, 2).join('/');
          if (!target.startsWith(pkg + '/') && !target.startsWith('indices/') && !target.startsWith('vitest.shared'))
            bad.push(`${f}: ${spec} leaves ${pkg}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('dependency direction: schema and reference depend on no workspace package; engine and storage only on schema', () => {
    const deps = (dir: string) => {
      const pkg = JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      return Object.keys(pkg.dependencies ?? {})
        .filter((d) => d.startsWith('@dbi/'))
        .sort();
    };
    expect(deps('packages/schema')).toEqual([]);
    expect(deps('packages/reference')).toEqual([]);
    expect(deps('packages/engine')).toEqual(['@dbi/schema']);
    expect(deps('packages/storage')).toEqual(['@dbi/schema']);
    expect(deps('packages/spreadsheet')).toEqual(['@dbi/engine', '@dbi/schema']);
    // The browser apps' shared client knows the API's shapes and nothing else.
    expect(deps('packages/web-client')).toEqual(['@dbi/schema']);
    for (const dir of [
      'packages/schema',
      'packages/engine',
      'packages/storage',
      'packages/designer-ui',
      'packages/reference',
      'packages/spreadsheet',
      'packages/web-client',
    ]) {
      expect(deps(dir).some((d) => ['@dbi/server', '@dbi/cli', '@dbi/designer'].includes(d))).toBe(false);
    }
  });
});
