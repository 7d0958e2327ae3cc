import { defineConfig } from 'vitest/config';

// Every package's tests read sibling packages from source through the @dbi/source export condition.
// Vitest's Node environment ignores plain resolve.conditions, so ssr.resolve.conditions is set too.
export const conditions = ['@dbi/source'];

export default defineConfig({
  resolve: { conditions: [...conditions, 'module', 'browser', 'development|production'] },
  // Not 'import': Vitest hands these to Node as --conditions for external packages too, and there 'import' makes a
  // CommonJS require() pick a package's ESM entry (pg requiring pg-pool then breaks).
  ssr: { resolve: { conditions: [...conditions, 'node', 'default'] } },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    // Guards against a hang, not speed claims: CI runs every package's tests at once on two cores.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
