// The designer is a static single-page app: `vite build` writes dist/, which the API server serves at `/designer/`
// (the portal has `/`).
// Workspace packages resolve to their TypeScript sources through the @dbi/source export condition, so the app
// never waits for (or goes stale against) a sibling's dist/.
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.DBI_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/designer/',
  plugins: [react()],
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
          if (/\/node_modules\/(@xyflow|d3-[a-z-]+|@dagrejs|classcat|zustand)\//.test(id)) return 'canvas';
          return 'vendor';
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: true } },
  },
  preview: { proxy: { '/api': { target: api, changeOrigin: true } } },
});
