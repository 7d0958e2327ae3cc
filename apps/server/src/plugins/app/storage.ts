// Opens the storage, imports the national indices (and the bundled examples) into an empty registry, makes the first key when there is
// none, and closes the database last on shutdown (after the server has stopped taking requests).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fp from 'fastify-plugin';
import { definitionIssues } from '@dbi/engine';
import { bundledIndices } from '@dbi/indices';
import {
  databaseTarget,
  ensureBootstrapKey,
  importNationalIndices,
  keySecretFor,
  openStorage,
  type Storage,
} from '@dbi/storage';
import type { AppOptions } from '../../app.js';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage;
    /** The HMAC key API key hashes are stored under (AppOptions.keySecret / DBI_KEY_SECRET, or its file). */
    keySecret: string;
  }
}

/** Where a generated first key is written (mode 600): beside a SQLite file; for PostgreSQL, ./data of the working
 * directory. */
export function bootstrapKeyFile(db: string): string {
  const t = databaseTarget(db);
  return t.kind === 'sqlite' ? join(dirname(t.file), 'bootstrap-key.txt') : resolve('data', 'bootstrap-key.txt');
}

export default fp<AppOptions>(
  async (fastify, opts) => {
    const keySecret = keySecretFor(databaseTarget(opts.dbFile), opts.keySecret);
    const storage = opts.storage ?? (await openStorage(opts.dbFile, opts.database ?? {}));
    fastify.decorate('storage', storage);
    fastify.decorate('keySecret', keySecret);
    fastify.addHook('onClose', async () => {
      await storage.close();
    });

    const imported = await importNationalIndices(storage, bundledIndices, definitionIssues);
    if (imported > 0)
      fastify.log.info({ imported }, 'imported the national indices and examples as published versions');

    const boot = await ensureBootstrapKey(storage, opts.bootstrapKey, keySecret);
    if (boot?.generated) {
      const file = bootstrapKeyFile(opts.dbFile);
      mkdirSync(dirname(file), { recursive: true });
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
