// The definitions a command can use: the national indices and the bundled examples, plus any --definition files
// (sector variants).
// Member indices of a group resolve through the same registry.
import { EngineError, compile, createRegistry, type Compiled } from '@dbi/engine';
import { exampleIndices, nationalIndices } from '@dbi/indices';
import { compareVersions, contentHash, parseIndexRef, validateDefinition, type Definition } from '@dbi/schema';
import { CliError, EXIT, inputError, usageError } from './errors.js';
import { readJson } from './read.js';

export type Registry = ReturnType<typeof createRegistry>;

export async function loadRegistry(files: readonly string[]): Promise<Registry> {
  const defs = new Map<string, { def: Definition; from: string }>();
  for (const d of nationalIndices) defs.set(`${d.id}@${d.version}`, { def: d, from: 'the national indices' });
  for (const d of exampleIndices) defs.set(`${d.id}@${d.version}`, { def: d, from: 'the bundled examples' });
  for (const file of files) {
    const json = await readJson(file);
    const checked = validateDefinition(json);
    if (!checked.ok) throw inputError(`${file}: not a valid definition`, checked.issues);
    const def = checked.value;
    try {
      compile(def); // cached per object; reports the engine's own checks against this file rather than a list position
    } catch (e) {
      if (e instanceof EngineError) throw inputError(`${file}: not a valid definition`, e.issues);
      throw e;
    }
    const ref = `${def.id}@${def.version}`;
    const prior = defs.get(ref);
    if (prior) {
      // The same content twice is harmless; two contents under one id@version would make results ambiguous.
      if (contentHash(prior.def) === contentHash(def)) continue;
      throw inputError(
        `${file}: ${ref} is already defined by ${prior.from} with different content; give the variant its own id or version`,
      );
    }
    defs.set(ref, { def, from: file });
  }
  return createRegistry([...defs.values()].map((d) => d.def));
}

/** Every available index version, ordered by id then version. */
export const listRefs = (r: Registry) =>
  r
    .list()
    .map((c) => c.stamp)
    .sort((a, b) => (a.id === b.id ? compareVersions(a.version, b.version) : a.id < b.id ? -1 : 1));

/** Resolves `<index>@<version>`: a malformed reference is a usage error, an unknown one lists what exists. */
export function resolveRef(registry: Registry, text: string): Compiled {
  const parsed = parseIndexRef(text);
  const all = listRefs(registry);
  if (!parsed) {
    const versions = all.filter((s) => s.id === text).map((s) => `${s.id}@${s.version}`);
    throw usageError(
      `"${text}" is not an index reference: expected <index>@<version>, e.g. ${versions[0] ?? 'large@1.0.0'}` +
        (versions.length ? ` (available: ${versions.join(', ')})` : ''),
    );
  }
  const found = registry.get(text);
  if (found) return found;
  const same = all.filter((s) => s.id === parsed.id);
  throw new CliError(
    same.length
      ? `unknown index version ${text}; available versions of ${parsed.id}: ${same.map((s) => s.version).join(', ')}`
      : `unknown index ${text}; available: ${all.map((s) => `${s.id}@${s.version}`).join(', ')}`,
    EXIT.input,
  );
}
