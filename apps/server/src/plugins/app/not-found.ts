// What answers when no route matches: problem+json 404 for the API (and anything that is not a page request);
// the designer's index.html for other GET paths, so its client-side routes survive a reload.
import fp from 'fastify-plugin';
import { sendProblem } from './errors.js';

export default fp(
  async (fastify) => {
    fastify.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const page =
        fastify.designerRoot !== null &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        !path.startsWith('/api/') &&
        path !== '/api' &&
        !path.startsWith('/docs');
      if (page) return reply.type('text/html; charset=utf-8').sendFile('index.html');
      return sendProblem(request, reply, {
        type: 'not-found',
        status: 404,
        detail: `no route ${request.method} ${path}`,
      });
    });
  },
  { name: 'not-found', dependencies: ['errors', 'designer'] },
);
