// First start: the national indices become published versions of an empty registry.
import { contentHash, type Definition, type Issue } from '@dbi/schema';
import { SYSTEM_ACTOR } from './common.js';
import type { Storage } from './storage.js';

/**
 * "Can this definition be published and run?" — the caller passes `definitionIssues` from @dbi/engine. Storage may
 * depend on @dbi/schema only (packages/repo-checks), and the schema's check alone would let in a definition that
 * the engine then refuses to compile; a required parameter means no caller can import without the full check.
 */
export type DefinitionCheck = (definition: unknown) => Issue[];

/**
 * Imports the given definitions as published national indices when the registry is empty (atomically: all or
 * none). Refuses definitions `check` finds issues in, so a broken data file stops the start instead of being served.
 * Returns how many were imported (0 when the registry already had indices).
 */
export async function importNationalIndices(
  storage: Storage,
  definitions: readonly Definition[],
  check: DefinitionCheck,
): Promise<number> {
  if ((await storage.indices.count()) > 0) return 0;
  const versions = definitions.map((def) => {
    const issues = check(def);
    if (issues.length) {
      const first = issues[0]!;
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
