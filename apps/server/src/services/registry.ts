// The registry service the routes share (decorated as fastify.registry by plugins/app/registry.ts): loads versions
// with the caller's rights checked, and keeps compiled definitions per (id, version). A published version never
// changes (the database guarantees it), so its compiled form is cached for the life of the process; a draft's is
// re-used only while its stored hash is unchanged.
import { compile, EngineError, type Compiled, type Resolver } from '@dbi/engine';
import { formatIndexRef, parseIndexRef } from '@dbi/schema';
import type { IndexRecord, Storage, StoredVersion, VersionMeta } from '@dbi/storage';
import { canEdit, canReadVersion, type Principal } from '../lib/policy.js';
import { HttpProblem, forbidden, issuesToErrors, notFound, unauthenticated } from '../lib/problems.js';

export interface CompiledEntry {
  compiled: Compiled;
  status: VersionMeta['status'];
  hash: string;
  deprecatedAt: string | null;
}

/** Most distinct member indices one group input may name (the national group index allows two). */
const MAX_MEMBER_REFS = 64;

export class RegistryService {
  private readonly indexCache = new Map<string, IndexRecord>();
  private readonly compiledCache = new Map<string, CompiledEntry>();

  constructor(private readonly storage: Storage) {}

  /** The index, or 404. Index rows never change once created, so they are cached. */
  async index(id: string): Promise<IndexRecord> {
    let index = this.indexCache.get(id);
    if (!index) {
      index = await this.storage.indices.get(id);
      if (!index) throw notFound(`there is no index ${id}`);
      this.indexCache.set(id, index);
    }
    return index;
  }

  /** Refuses a draft to anyone but its editors: 401 without a key, 403 with one. */
  assertReadable(principal: Principal | null, index: IndexRecord, ref: string, status: VersionMeta['status']): void {
    if (canReadVersion(principal, index, status)) return;
    if (!principal) throw unauthenticated(`${ref} is a draft; drafts are visible to their editors only`);
    throw forbidden(`${ref} is a draft and your key (${principal.role}) cannot edit ${index.id}`);
  }

  /** A stored version the caller may read, with its index; 404 when either does not exist. */
  async version(
    principal: Principal | null,
    id: string,
    version: string,
  ): Promise<{ index: IndexRecord; version: StoredVersion }> {
    const index = await this.index(id);
    const v = await this.storage.indices.getVersion(id, version);
    if (!v) throw notFound(`index ${id} has no version ${version}`);
    this.assertReadable(principal, index, formatIndexRef({ id, version }), v.status);
    return { index, version: v };
  }

  /** The compiled form of a published or deprecated version already loaded, without touching storage (the score
   *  routes' fast path: such versions are readable by anyone and never change). */
  cachedPublished(id: string, version: string): CompiledEntry | undefined {
    const cached = this.compiledCache.get(formatIndexRef({ id, version }));
    return cached && cached.status !== 'draft' ? cached : undefined;
  }

  /** The compiled definition of a version the caller may score. */
  async compiled(principal: Principal | null, id: string, version: string): Promise<CompiledEntry> {
    const key = formatIndexRef({ id, version });
    const cached = this.compiledCache.get(key);
    if (cached && cached.status !== 'draft') return cached;

    const index = await this.index(id);
    const meta = await this.storage.indices.getVersionMeta(id, version);
    if (!meta) throw notFound(`index ${id} has no version ${version}`);
    this.assertReadable(principal, index, key, meta.status);
    if (cached && cached.hash === meta.hash && cached.status === meta.status) return cached;

    const stored = await this.storage.indices.getVersion(id, version);
    if (!stored) throw notFound(`index ${id} has no version ${version}`);
    let compiled: Compiled;
    try {
      compiled = compile(JSON.parse(stored.definitionJson));
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      throw new HttpProblem(
        'invalid-definition',
        `${key} cannot be used for scoring until its issues are fixed`,
        issuesToErrors(err.issues, 'definition'),
      );
    }
    const entry: CompiledEntry = {
      compiled,
      status: stored.status,
      hash: stored.hash,
      deprecatedAt: stored.deprecatedAt,
    };
    this.compiledCache.set(key, entry);
    return entry;
  }

  /** Drops what is cached about a version after a write to it. */
  forget(id: string, version: string): void {
    this.compiledCache.delete(formatIndexRef({ id, version }));
  }

  /**
   * A resolver for group inputs: member indices named by the inputs, each loaded if the caller may score it
   * (published, or a draft the caller edits). Unknown or forbidden ones resolve to undefined, which the engine
   * reports against the unit that names them.
   */
  async resolver(principal: Principal | null, inputs: readonly unknown[]): Promise<Resolver> {
    const refs = new Set<string>();
    for (const input of inputs) {
      const units = (input as { units?: unknown } | null)?.units;
      if (!Array.isArray(units)) continue;
      for (const u of units) {
        const ref = (u as { index?: unknown } | null)?.index;
        if (typeof ref === 'string' && refs.size < MAX_MEMBER_REFS) refs.add(ref);
      }
    }
    const found = new Map<string, Compiled>();
    for (const ref of refs) {
      const parsed = parseIndexRef(ref);
      if (!parsed) continue;
      try {
        found.set(ref, (await this.compiled(principal, parsed.id, parsed.version)).compiled);
      } catch (err) {
        if (!(err instanceof HttpProblem)) throw err;
      }
    }
    return (ref) => found.get(ref);
  }

  /** Whether the caller may edit this index (drafts visible in listings). */
  canEdit(principal: Principal | null, index: IndexRecord): boolean {
    return canEdit(principal, index);
  }
}
