// The HTTP API's own shapes (registry records, keys, audit entries, problems): one TypeBox object per shape gives
// the server's route schema, the OpenAPI document and the TypeScript type the storage layer and clients use.
import { Type, type Static } from 'typebox';
import { IndexId, IndexRef, Text, Version } from './definition.js';
import { ClassifyResult, GroupResult, Issue, ScoreResult } from './io.js';

/** Who may do what (issue 3 §6). Scopes: sector-ministry → index ids / id prefixes, provincial-department →
 * province code, enterprise → tax code, consultant → consultant id; ministry roles and integrator have none. */
export const RoleSchema = Type.Union(
  [
    Type.Literal('ministry-editor'),
    Type.Literal('ministry-publisher'),
    Type.Literal('sector-ministry'),
    Type.Literal('provincial-department'),
    Type.Literal('consultant'),
    Type.Literal('enterprise'),
    Type.Literal('integrator'),
  ],
  { description: 'API key role' },
);
export type Role = Static<typeof RoleSchema>;
export const ROLES: readonly Role[] = RoleSchema.anyOf.map((l) => l.const as Role);

export const VersionStatusSchema = Type.Union(
  [Type.Literal('draft'), Type.Literal('published'), Type.Literal('deprecated')],
  {
    description: 'draft (editable) → published (immutable forever) → deprecated (still immutable and scorable)',
  },
);
export type VersionStatus = Static<typeof VersionStatusSchema>;
export const VERSION_STATUSES: readonly VersionStatus[] = ['draft', 'published', 'deprecated'];

const Timestamp = Type.String({ description: 'ISO 8601 UTC timestamp' });
const Actor = Type.String({ description: 'API key name (id) that made the change, or "system"' });
const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the canonical JSON of the definition' });
const NullableString = () => Type.Union([Type.String(), Type.Null()]);

/** A version without its definition (listings). */
export const VersionSummary = Type.Object(
  {
    version: Version,
    status: VersionStatusSchema,
    hash: Hash,
    derivedFrom: Type.Union([IndexRef, Type.Null()]),
    createdAt: Timestamp,
    publishedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
);
export type VersionSummary = Static<typeof VersionSummary>;

export const IndexSummary = Type.Object(
  {
    id: IndexId,
    kind: Type.String(),
    /** Title of the newest visible version. */
    title: Type.Object({ vi: Type.String(), en: Type.String() }),
    /** National indices come from the Decision itself; variants are forks owned by a scope. */
    national: Type.Boolean(),
    derivedFrom: Type.Union([IndexRef, Type.Null()]),
    createdAt: Timestamp,
    createdBy: Actor,
    versions: Type.Array(VersionSummary),
  },
  { additionalProperties: false },
);
export type IndexSummary = Static<typeof IndexSummary>;

export const IndexList = Type.Object({ indices: Type.Array(IndexSummary) }, { additionalProperties: false });
export type IndexList = Static<typeof IndexList>;

/** One stored version with its definition. Drafts may hold definitions that do not validate yet. */
export const VersionRecord = Type.Object(
  {
    id: IndexId,
    version: Version,
    kind: Type.String(),
    status: VersionStatusSchema,
    hash: Hash,
    derivedFrom: Type.Union([IndexRef, Type.Null()]),
    createdAt: Timestamp,
    createdBy: Actor,
    updatedAt: Timestamp,
    updatedBy: Actor,
    publishedAt: Type.Union([Timestamp, Type.Null()]),
    publishedBy: Type.Union([Actor, Type.Null()]),
    deprecatedAt: Type.Union([Timestamp, Type.Null()]),
    deprecatedBy: Type.Union([Actor, Type.Null()]),
    definition: Type.Unknown({ description: 'The index definition (see definition.schema.json)' }),
  },
  { additionalProperties: false },
);
export type VersionRecord = Omit<Static<typeof VersionRecord>, 'definition'> & { definition: unknown };

/** A write's answer: the record plus the definition's current validation issues (empty when valid). */
export const VersionWriteResult = Type.Object(
  { ...VersionRecord.properties, valid: Type.Boolean(), issues: Type.Array(Issue) },
  { additionalProperties: false },
);

export const CreateDraftBody = Type.Object(
  {
    /** A version of the same index to start from (published or draft); forks into other ids use ForkBody. */
    from: Version,
    version: Version,
  },
  { additionalProperties: false },
);
export type CreateDraftBody = Static<typeof CreateDraftBody>;

export const ForkBody = Type.Object(
  { id: IndexId, from: IndexRef, version: Version },
  { additionalProperties: false, description: 'Forks a published version into a new index id (a variant)' },
);
export type ForkBody = Static<typeof ForkBody>;

export const ValidationReport = Type.Object(
  { id: IndexId, version: Version, hash: Hash, valid: Type.Boolean(), issues: Type.Array(Issue) },
  { additionalProperties: false },
);
export type ValidationReport = Static<typeof ValidationReport>;

export const MAX_BATCH = 10_000;

export const BatchBody = Type.Object(
  {
    inputs: Type.Array(Type.Unknown(), {
      minItems: 1,
      maxItems: MAX_BATCH,
      description: 'Inputs of the same kind as the single score route (enterprise, group or classify)',
    }),
  },
  { additionalProperties: false },
);

export const BatchItemError = Type.Object(
  {
    error: Type.Object(
      {
        status: Type.Integer(),
        title: Type.String(),
        detail: Type.String(),
        errors: Type.Array(
          Type.Object(
            { pointer: Type.String(), detail: Type.String(), code: Type.String() },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const AnyResult = Type.Union([ScoreResult, GroupResult, ClassifyResult]);

export const BatchResult = Type.Object(
  { results: Type.Array(Type.Union([ScoreResult, GroupResult, ClassifyResult, BatchItemError])) },
  { additionalProperties: false, description: 'One entry per input, in order' },
);

export const ProblemError = Type.Object(
  {
    /** JSON pointer (RFC 6901) into the document named by `in`: the request body unless said otherwise; `definition`
     *  = the stored definition the request acted on (e.g. publishing a draft that has issues). */
    pointer: Type.String(),
    detail: Type.String(),
    code: Type.String(),
    in: Type.Optional(
      Type.Union([
        Type.Literal('body'),
        Type.Literal('query'),
        Type.Literal('path'),
        Type.Literal('header'),
        Type.Literal('definition'),
        Type.Literal('workbook'),
      ]),
    ),
    /** `in: workbook` (an imported spreadsheet): the sheet and cell (e.g. `C12`) and the reason in both languages;
     *  `pointer` is then the definition field the cell holds, when there is one. */
    sheet: Type.Optional(Type.String()),
    cell: Type.Optional(Type.String()),
    reason: Type.Optional(Text),
  },
  { additionalProperties: false },
);

/** RFC 9457 problem details, as application/problem+json. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(Type.Array(ProblemError)),
  },
  { additionalProperties: false },
);
export type Problem = Static<typeof Problem>;
export type ProblemError = Static<typeof ProblemError>;

export const AuditEntry = Type.Object(
  {
    seq: Type.Integer(),
    at: Timestamp,
    actorId: Type.String(),
    actorName: Type.String(),
    action: Type.String(),
    target: Type.String(),
    beforeHash: NullableString(),
    afterHash: NullableString(),
  },
  { additionalProperties: false },
);
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object(
  { entries: Type.Array(AuditEntry), next: Type.Union([Type.Integer(), Type.Null()]) },
  { additionalProperties: false },
);

export const ApiKeyInfo = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    scope: NullableString(),
    createdAt: Timestamp,
    createdBy: Type.String(),
    revokedAt: NullableString(),
    owner: Type.Optional(Type.String({ description: 'the account that created it through the API' })),
  },
  { additionalProperties: false },
);
export type ApiKeyInfo = Static<typeof ApiKeyInfo>;

export const Health = Type.Object(
  { status: Type.Literal('ok'), engine: Type.String(), indices: Type.Integer() },
  { additionalProperties: false },
);
