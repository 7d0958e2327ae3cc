// First start: the national indices become published versions of an empty registry.
import { contentHash, validateDefinition, type Definition } from '@dbi/schema';
import { SYSTEM_ACTOR, type Storage } from './types.js';

/**
 * Imports the given definitions as published national indices when the registry is empty (atomically: all or
 * none). Refuses definitions that do not validate, so a broken data file stops the start instead of being served.
 * Returns how many were imported (0 when the registry already had indices).
 */
export async function importNationalIndices(storage: Storage, definitions: readonly Definition[]): Promise<number> {
  if ((await storage.indices.count()) > 0) return 0;
  const versions = definitions.map((def) => {
    const checked = validateDefinition(def);
    if (!checked.ok) {
      const first = checked.issues[0]!;
      throw new Error(`national index ${def.id}@${def.version} is invalid: ${first.path} ${first.message}`);
    }
    return {
      id: def.id,
      version: def.version,
      kind: def.kind,
      definitionJson: JSON.stringify(def),
      hash: contentHash(def),
      derivedFrom: def.derivedFrom ?? null,
      // Examples of the language (`example: true`) are imported beside the national indices but not as national.
      national: (def as { example?: boolean }).example !== true,
    };
  });
  return storage.indices.importPublished(versions, SYSTEM_ACTOR);
}
