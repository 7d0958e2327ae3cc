// The portal is a static single-page app: `vite build` writes dist/, which the API server serves at `/` (the
// designer has `/designer/`). Workspace packages resolve to their TypeScript sources through the @dbi/source
// export condition. Its page runs under the strict CSP (no 'unsafe-eval'): definitions are compiled by their
// published hash (see src/definitions.ts), so Ajv never generates code in the browser.
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.DBI_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  // The improvements worker is an ES module with its own chunks (the engine).
  worker: { format: 'es' },
  resolve: { conditions: ['@dbi/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Third-party code changes less often than ours: separate chunks stay cached across releases.
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined;
          if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (/\/node_modules\/(recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|immer|reselect)\//.test(id))
            return 'charts';
          return 'vendor';
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5174,
    proxy: { '/api': { target: api, changeOrigin: true } },
  },
  preview: { proxy: { '/api': { target: api, changeOrigin: true } } },
});
