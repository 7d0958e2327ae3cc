// Opens the storage, imports the national indices (and the bundled examples) into an empty registry, makes the first key when there is
// none, and closes the database last on shutdown (after the server has stopped taking requests).
import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fp from 'fastify-plugin';
import { bundledIndices } from '@dbi/indices';
import { ensureBootstrapKey, importNationalIndices, openStorage, type Storage } from '@dbi/storage';
import type { AppOptions } from '../../app.js';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
  }
}

/** Where a generated first key is written, beside the database (mode 600). */
export const bootstrapKeyFile = (dbFile: string) => join(dirname(dbFile), 'bootstrap-key.txt');

export default fp<AppOptions>(
  async (fastify, opts) => {
    const storage = opts.storage ?? openStorage(opts.dbFile);
    fastify.decorate('storage', storage);
    fastify.addHook('onClose', async () => {
      await storage.close();
    });

    const imported = await importNationalIndices(storage, bundledIndices);
    if (imported > 0)
      fastify.log.info({ imported }, 'imported the national indices and examples as published versions');

    const boot = await ensureBootstrapKey(storage, opts.bootstrapKey);
    if (boot?.generated) {
      const file = bootstrapKeyFile(opts.dbFile);
      writeFileSync(file, `${boot.key}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      fastify.log.warn(
        { keyId: boot.info.id, file, key: boot.key },
        'created the first ministry-publisher key (shown once; also written to the file). Create other keys with: pnpm -s dbi admin create-key',
      );
    } else if (boot) {
      fastify.log.info({ keyId: boot.info.id }, 'registered DBI_BOOTSTRAP_KEY as the first ministry-publisher key');
    }
  },
  { name: 'storage' },
);
