// The designer is a static single-page app: `vite build` writes dist/, which the API server serves at `/`.
// Workspace packages resolve to their TypeScript sources through the @dbi/source export condition, so the app
// never waits for (or goes stale against) a sibling's dist/.
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.DBI_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@dbi/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The engine, schema (Ajv) and React Flow together exceed Vite's 500 kB warning; one chunk per vendor keeps
    // caching useful without hiding real regressions behind a larger limit.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: true } },
  },
  preview: { proxy: { '/api': { target: api, changeOrigin: true } } },
});
