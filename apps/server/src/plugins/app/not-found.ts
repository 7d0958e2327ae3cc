// What answers when no route matches: problem+json 404 for the API (and anything that is not a page request);
// for other GET paths the index.html of the web app that owns them (the designer under /designer/, the portal
// elsewhere), so their client-side routes survive a reload.
import fp from 'fastify-plugin';
import { isDesignerPath } from '../external/web-apps.js';
import { sendProblem } from './errors.js';

export default fp(
  async (fastify) => {
    fastify.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !path.startsWith('/api/') &&
        path !== '/api' &&
        !path.startsWith('/docs') &&
        // A missing build file (a stale hashed asset) is a 404, not the page: a script answered with HTML fails
        // with a confusing MIME error in the browser.
        !/^(\/designer)?\/assets\//.test(path);
      const root = !isPage ? null : isDesignerPath(path) ? fastify.designerRoot : fastify.portalRoot;
      if (root !== null) return reply.type('text/html; charset=utf-8').sendFile('index.html', root);
      return sendProblem(request, reply, {
        type: 'not-found',
        status: 404,
        detail: `no route ${request.method} ${path}`,
      });
    });
  },
  { name: 'not-found', dependencies: ['errors', 'web-apps'] },
);
