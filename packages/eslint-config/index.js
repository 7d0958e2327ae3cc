// @dbi/eslint-config — the workspace's flat config, plain JS so ESLint loads it without a build step.
//
// typescript-eslint's `strict` set without type information: the type-aware sets parse every tsconfig of the
// workspace and take minutes on the 2-core machines this runs on, while `tsc` (the typecheck task) already holds
// the types. Rules turned off below would only churn the codebase's accepted style; each says why.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Generated or installed files: never linted. */
export const ignores = {
  ignores: [
    '**/node_modules/**',
    '**/dist/**',
    '**/storybook-static/**',
    '**/.turbo/**',
    '**/test-artifacts/**',
    '**/coverage/**',
    'packages/schema/json/**',
  ],
};

/** TypeScript and JavaScript sources anywhere in the workspace. */
export const base = tseslint.config(
  js.configs.recommended,
  tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Loose equality only where json-logic's semantics call for it, marked at the line (packages/engine/src/rule.ts).
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `_`-prefixed names are the codebase's way to say "deliberately unused" (e.g. `const { title: _t, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `x!` after a lookup the code has just proven (noUncheckedIndexedAccess is on) is the accepted idiom here;
      // rewriting every one as a runtime check would add branches that cannot be reached.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Fastify, TypeBox and zustand declare types by merging interfaces and namespaces; these are their APIs.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Definitions and answers are plain JSON documents: an emptied optional field is deleted so it is not saved.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    // Test helpers type HTTP response bodies as `any` so expectations read like the JSON they check; `expect`
    // does the checking.
    files: ['**/*.test.{ts,tsx}', '**/test/**', '**/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JS (scripts, index.js of the data package, this preset): Node globals, no TypeScript-only rules.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

/** No import cycles between files (type-only imports count): resolves `./x.js` to `./x.ts` as tsc does. */
export const imports = {
  plugins: { 'import-x': importX },
  settings: {
    'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
  },
  rules: {
    'import-x/no-cycle': ['error', { ignoreExternal: true }],
  },
};

/** React code: the plugin's recommended set (rules of hooks, complete effect dependencies, the compiler's checks). */
export const react = (files) => ({
  files,
  plugins: { 'react-hooks': reactHooks },
  languageOptions: { globals: { ...globals.browser } },
  rules: {
    ...reactHooks.configs.flat.recommended.rules,
    'react-hooks/exhaustive-deps': 'error',
    // The product does not build with the React Compiler: these two only say what it could not optimise.
    'react-hooks/preserve-manual-memoization': 'off',
    'react-hooks/incompatible-library': 'off',
    // Loading data in an effect and setting state when it arrives (guarded by a `live` flag) is the accepted pattern
    // of the designer's screens; the rule asks for a data library the product does not use.
    'react-hooks/set-state-in-effect': 'off',
    // Flags passing a ref object to a callback (`useCallback(() => markCanvasReady(ref), [ref])`), which reads
    // nothing during render; the real mistake (reading `ref.current` while rendering) is rare enough for review.
    'react-hooks/refs': 'off',
  },
});

/** The whole workspace: `export default workspace` from the root eslint.config.js. */
export const workspace = [
  ignores,
  ...base,
  imports,
  react(['packages/designer-ui/**/*.{ts,tsx}', 'apps/designer/**/*.{ts,tsx}', 'apps/portal/**/*.{ts,tsx}']),
];

export default workspace;
