// Published definitions for the browser: fetched once, compiled by the engine against the hash the registry
// published them under (no Ajv code generation, so the page keeps its strict CSP), and cached for the page's life.
import { compile, type CompiledScorecard } from '@dbi/engine';
import type { Definition, VersionRecord } from '@dbi/schema';
import type { PortalApi } from './api.ts';

export interface LoadedIndex {
  record: VersionRecord;
  definition: Definition;
  /** Present for scorecards (the questionnaires an enterprise answers). */
  compiled: CompiledScorecard | null;
}

const cache = new Map<string, Promise<LoadedIndex>>();

export function loadIndex(api: PortalApi, id: string, version: string): Promise<LoadedIndex> {
  const key = `${id}@${version}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = api.getVersion(id, version).then((record) => {
      const definition = record.definition as Definition;
      const compiled =
        definition.kind === 'scorecard'
          ? (compile(definition, { publishedHash: record.hash }) as CompiledScorecard)
          : null;
      return { record, definition, compiled };
    });
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}
