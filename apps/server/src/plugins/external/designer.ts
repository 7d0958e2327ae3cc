// The designer's build (apps/designer/dist) at /, when it has been built. Only files that exist are routes here;
// other browser paths fall back to index.html in the not-found handler (plugins/app/not-found.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { designerDist } from '../../lib/paths.js';
import type { AppOptions } from '../../app.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The designer's build folder when it is served, else null. */
    designerRoot: string | null;
  }
}

export default fp<AppOptions>(
  async (fastify, opts) => {
    const root = opts.designerDist ?? designerDist;
    const served = existsSync(join(root, 'index.html'));
    fastify.decorate('designerRoot', served ? root : null);
    if (!served) {
      fastify.log.info({ root }, 'designer build not found; / is not served (build it with pnpm build)');
      return;
    }
    await fastify.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      decorateReply: true,
    });
  },
  { name: 'designer' },
);
