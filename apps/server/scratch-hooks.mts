import { buildServer } from './src/index.ts';
const app = await buildServer({ dbFile: '/tmp/prof/h-' + Date.now() + '/db.sqlite', bootstrapKey: 'bench-bootstrap-key-0123456789abcdef', designerDist: '/nonexistent' }, { logger: false });
const out = app.printRoutes({ includeHooks: true, commonPrefix: false });
const lines = out.split('\n'); const i = lines.findIndex((l) => l.includes('score'));
console.log(lines.slice(Math.max(0, i - 2), i + 25).join('\n'));
await app.close();
