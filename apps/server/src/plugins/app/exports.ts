// The export worker pool (lib/exchange/export.ts), one per app and destroyed with it.
import fp from 'fastify-plugin';
import { createExportPool, type ExportPool } from '../../lib/exchange/export.js';

declare module 'fastify' {
  interface FastifyInstance {
    exportPool: ExportPool;
  }
}

export default fp(
  async (fastify) => {
    const pool = createExportPool();
    fastify.decorate('exportPool', pool);
    fastify.addHook('onClose', async () => pool.destroy());
  },
  { name: 'exports' },
);
