// The assessment service the routes share (decorated as fastify.assessments by plugins/app/assessments.ts): choosing
// and loading pinned versions, classifying size facts, and the group rescorer handed to storage. All scoring is the
// engine's (classify, score, scoreGroup); nothing is re-computed here. Which classifier sizes an enterprise and which
// aggregate rolls up a group are configuration (AssessmentSettings), not ids written here: a revised classifier is a
// new published version, or a new id named in the configuration.
import {
  classify,
  EngineError,
  score,
  scoreGroup,
  type Compiled,
  type CompiledAggregate,
  type CompiledScorecard,
} from '@dbi/engine';
import {
  compareVersions,
  criteriaOf,
  formatIndexRef,
  parseIndexRef,
  type AggregateDefinition,
  type EnterpriseBody,
  type Issue,
  type ProblemError,
} from '@dbi/schema';
import {
  StorageError,
  type Classification,
  type EnterpriseRecord,
  type GroupRescorer,
  type IndexRecord,
  type NewEnterprise,
  type Stamp,
  type Storage,
  type VersionMeta,
} from '@dbi/storage';
import { checkEnterpriseFacts } from '../lib/national/reference.js';
import { HttpProblem, invalidInput, issuesToErrors } from '../lib/problems.js';
import type { RegistryService } from './registry.js';

/** Which registered indices the assessment side uses (server configuration; see config.ts for the defaults). */
export interface AssessmentSettings {
  /** The classifier that gives an enterprise its size and index (Appendix IV): its newest published version. */
  sizeClassifier: string;
  /** The aggregate a group is rolled up with when the request names none (Appendix III). */
  groupIndex: string;
  /** The levels listed in every distribution of the rankings and the provincial index (Mức 0 … Mức 5). */
  levels: readonly number[];
  /** Open drafts an enterprise may have at once (DBI_MAX_OPEN_DRAFTS): parallel drafts do not pile up. */
  maxOpenDrafts?: number;
}

/** A group could not be scored: the engine's issues, pointers into the group input (`/units/…`). */
export class GroupScoringError extends Error {
  constructor(readonly issues: Issue[]) {
    super(`the group cannot be scored: ${issues[0]?.path ?? ''} ${issues[0]?.message ?? ''}`);
    this.name = 'GroupScoringError';
  }
}

const UNIT_FIELDS: Record<string, string> = {
  id: 'taxCode',
  relation: 'relation',
  headcount: 'headcount',
  index: 'assessmentId',
  answers: 'assessmentId',
};

/** Engine pointers into the group input → pointers into the members of the request body. */
export function memberErrors(issues: readonly Issue[]): ProblemError[] {
  return issuesToErrors(issues, 'body').map((e) => {
    const m = /^\/units(?:\/(\d+)(?:\/([^/]+))?)?/.exec(e.pointer);
    if (!m) return e;
    const field = m[2] ? `/${UNIT_FIELDS[m[2]] ?? m[2]}` : '';
    return { ...e, pointer: m[1] === undefined ? '/members' : `/members/${m[1]}${field}` };
  });
}

/** 400 naming the `index` field of a request body. */
export const badIndex = (detail: string, code: string) =>
  invalidInput([{ pointer: '/index', detail, code, in: 'body' }]);

export class AssessmentService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: RegistryService,
    readonly settings: AssessmentSettings,
  ) {}

  /** The newest published (not deprecated) version of an index, or undefined. */
  async newestPublished(id: string): Promise<VersionMeta | undefined> {
    const index = (await this.storage.indices.list()).find((i) => i.id === id);
    const published = (index?.versions ?? []).filter((v) => v.status === 'published');
    return published.sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  }

  /** The version of an index in force on `date` (default: today, UTC), as a version's bookkeeping, or undefined. */
  async inForce(
    id: string,
    date = new Date().toISOString().slice(0, 10),
  ): Promise<{ version: string; hash: string } | undefined> {
    const f = await this.storage.revisions.inForce(id, date);
    return f && { version: f.version, hash: f.hash };
  }

  /**
   * The published version a request names in `/index` (`id@version`, already a reference by the route schema) with
   * its index; 400 at `/index` when it is not registered or not published. `what` names what is pinned to it.
   */
  async requestedVersion(requested: string, what: string): Promise<{ stamp: Stamp; index: IndexRecord }> {
    const ref = parseIndexRef(requested)!;
    const index = await this.storage.indices.get(ref.id);
    const meta = index && (await this.storage.indices.getVersionMeta(ref.id, ref.version));
    if (!index || !meta) throw badIndex(`${requested} is not a registered index version`, 'unknown-index');
    if (meta.status !== 'published')
      throw badIndex(`${requested} is ${meta.status}; ${what} are pinned to published versions`, 'not-published');
    return { stamp: { id: ref.id, version: ref.version, hash: meta.hash }, index };
  }

  /** A published version's compiled form (public: no key needed to read published versions). */
  async compiled(id: string, version: string): Promise<Compiled> {
    return (await this.registry.compiled(null, id, version)).compiled;
  }

  /** The pinned scorecard of an assessment, checked against the hash it was pinned with. */
  async scorecard(stamp: Stamp): Promise<CompiledScorecard> {
    const c = await this.compiled(stamp.id, stamp.version);
    if (c.kind !== 'scorecard' || c.stamp.hash !== stamp.hash) {
      throw new StorageError('conflict', `${formatIndexRef(stamp)} no longer has the content it was pinned with`);
    }
    return c;
  }

  /**
   * Classifies size facts with the `size` classifier in force today (else the newest published; Appendix IV). Problems come back with
   * pointers into the request body, whose field names are the classifier's inputs.
   */
  async classify(facts: {
    sector: string;
    employees: number;
    revenueVnd?: number | null;
    capitalVnd?: number | null;
    hasSubsidiaries?: boolean;
  }): Promise<Classification> {
    const id = this.settings.sizeClassifier;
    // The classifier in force today, as assessments take the index version in force on the day they start.
    const v = (await this.inForce(id)) ?? (await this.newestPublished(id));
    if (!v) throw new HttpProblem('unavailable', `no published size classifier (${id}) is registered`);
    const c = await this.compiled(id, v.version);
    if (c.kind !== 'classifier')
      throw new HttpProblem('unavailable', `${formatIndexRef({ id, version: v.version })} is not a classifier`);
    const input = {
      sector: facts.sector,
      employees: facts.employees,
      revenueVnd: facts.revenueVnd ?? null,
      capitalVnd: facts.capitalVnd ?? null,
      hasSubsidiaries: facts.hasSubsidiaries ?? false,
    };
    try {
      const r = classify(c, input) as unknown as Record<string, unknown> & { classifier: Stamp };
      return { size: String(r.size), index: String(r.index), classifier: r.classifier };
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      throw new HttpProblem(
        'invalid-input',
        `the size facts cannot be classified: ${err.message}`,
        issuesToErrors(err.issues, 'body'),
      );
    }
  }

  /**
   * An enterprise to register from a request body Ajv has checked (EnterpriseBody): absent figures become null, and
   * it is classified. The one way a registration becomes a record — POST /enterprises and each row of an import.
   */
  async newEnterprise(body: EnterpriseBody): Promise<NewEnterprise> {
    // The check digit, the province (a former-63 one mapped to its unit) and the industry, each a 400 naming it.
    const { taxCode, ...facts } = checkEnterpriseFacts(body, body.taxCode);
    return {
      taxCode,
      ...facts,
      revenueVnd: facts.revenueVnd ?? null,
      capitalVnd: facts.capitalVnd ?? null,
      hasSubsidiaries: facts.hasSubsidiaries ?? false,
      classification: await this.classify(facts),
    };
  }

  /** Index values the classifier can give: the only values an override may take. */
  async indexChoices(): Promise<string[]> {
    return this.classifierValues('index');
  }

  /** The size classes the classifier can give (micro, small, …): the values rankings filter by. */
  async sizeChoices(): Promise<string[]> {
    return this.classifierValues('size');
  }

  private async classifierValues(output: string): Promise<string[]> {
    const id = this.settings.sizeClassifier;
    const v = await this.newestPublished(id);
    const c = v && (await this.compiled(id, v.version));
    if (!c || c.kind !== 'classifier') return [];
    return c.definition.outputs.find((o) => o.name === output)?.values ?? [];
  }

  /**
   * Index ids an enterprise's own assessment may use: its index, or for a group (an aggregate) the indices its
   * parent unit is scored with (Appendix III: the parent company is assessed like any large enterprise).
   */
  async assessedIndexIds(enterprise: EnterpriseRecord): Promise<string[]> {
    const v = await this.newestPublished(enterprise.index);
    if (!v) return [enterprise.index];
    const c = await this.compiled(enterprise.index, v.version);
    if (c.kind !== 'aggregate') return [enterprise.index];
    return [...new Set(c.definition.members.parentIndices.map((r) => parseIndexRef(r)?.id ?? r))];
  }

  /**
   * A rescorer for group roll-ups, synchronous as storage needs it: every published group index is compiled
   * beforehand with the member indices it allows.
   */
  async rescorer(): Promise<GroupRescorer> {
    const groups = new Map<string, CompiledAggregate>();
    const members = new Map<string, Compiled>();
    for (const index of await this.storage.indices.list()) {
      if (index.kind !== 'aggregate') continue;
      for (const v of index.versions) {
        if (v.status === 'draft') continue;
        const c = await this.compiled(index.id, v.version);
        if (c.kind !== 'aggregate') continue;
        groups.set(c.ref, c);
        const def: AggregateDefinition = c.definition;
        for (const ref of new Set([...def.members.indices, ...def.members.parentIndices])) {
          if (members.has(ref)) continue;
          const parsed = parseIndexRef(ref);
          if (!parsed) continue;
          try {
            members.set(ref, await this.compiled(parsed.id, parsed.version));
          } catch (err) {
            if (!(err instanceof HttpProblem)) throw err;
          }
        }
      }
    }
    return (group) => {
      const c = groups.get(formatIndexRef(group.index));
      if (!c || c.stamp.hash !== group.index.hash)
        throw new StorageError('conflict', `group index ${formatIndexRef(group.index)} is not available for rescoring`);
      const input = {
        units: group.members.map((m) => ({
          id: m.taxCode,
          relation: m.relation,
          headcount: m.headcount,
          index: formatIndexRef(m.index),
          answers: m.answers,
        })),
      };
      try {
        return scoreGroup(c, input, { resolve: (ref) => members.get(ref) });
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        throw new GroupScoringError(err.issues);
      }
    };
  }

  /** Scores a column's answers on the pinned version; problems point into the request body (`/answers/…`). */
  scoreAnswers(c: CompiledScorecard, answers: unknown) {
    return score(c, { answers });
  }
}

/** Criterion ids of a scorecard, in definition order. */
export function criterionIds(c: CompiledScorecard): Set<string> {
  const ids = new Set<string>();
  for (const p of c.definition.pillars) for (const cr of criteriaOf(p)) ids.add(cr.id);
  return ids;
}
