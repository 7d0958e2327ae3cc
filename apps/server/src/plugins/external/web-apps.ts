// The two web apps' builds, when they have been built: the portal (apps/portal/dist) at / and the index designer
// (apps/designer/dist) at /designer/. Only files that exist are routes here; other page paths fall back to the
// app's index.html in the not-found handler (plugins/app/not-found.ts), so client-side routes survive a reload.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { designerDist, portalDist } from '../../lib/paths.js';
import type { AppOptions } from '../../app.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The designer's build folder when it is served (at DESIGNER_PREFIX), else null. */
    designerRoot: string | null;
    /** The portal's build folder when it is served (at /), else null. */
    portalRoot: string | null;
  }
}

/** Where the designer lives; its Vite `base` is the same path. */
export const DESIGNER_PREFIX = '/designer/';

/** True for the designer's own pages and files. */
export function isDesignerPath(path: string): boolean {
  return path === DESIGNER_PREFIX.slice(0, -1) || path.startsWith(DESIGNER_PREFIX);
}

export default fp<AppOptions>(
  async (fastify, opts) => {
    const built = (root: string) => (existsSync(join(root, 'index.html')) ? root : null);
    const designer = built(opts.designerDist ?? designerDist);
    const portal = built(opts.portalDist ?? portalDist);
    fastify.decorate('designerRoot', designer);
    fastify.decorate('portalRoot', portal);
    if (!designer) fastify.log.info('designer build not found; /designer/ is not served (build it with pnpm build)');
    if (!portal) fastify.log.info('portal build not found; / is not served (build it with pnpm build)');
    // reply.sendFile (used by the not-found fallback) is decorated once, by the first registration.
    if (designer) {
      await fastify.register(fastifyStatic, {
        root: designer,
        prefix: DESIGNER_PREFIX,
        wildcard: false,
        index: ['index.html'],
        decorateReply: true,
      });
    }
    if (portal) {
      await fastify.register(fastifyStatic, {
        root: portal,
        prefix: '/',
        wildcard: false,
        index: ['index.html'],
        decorateReply: designer === null,
      });
    }
  },
  { name: 'web-apps' },
);
