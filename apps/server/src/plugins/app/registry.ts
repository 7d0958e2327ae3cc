// Decorates fastify.registry: the registry service (services/registry.ts) over the storage.
import fp from 'fastify-plugin';
import { RegistryService } from '../../services/registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    registry: RegistryService;
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('registry', new RegistryService(fastify.storage));
  },
  { name: 'registry', dependencies: ['storage'] },
);
