// The HTTP shapes of revising an index: dates in force, impact analysis, moving a draft assessment to a newer
// version, comparing an assessment's result across versions, and crosswalk suggestions. Used by the server's route
// schemas and its OpenAPI document, and by the designer and the CLI as the answers' types.
import { Type, type Static } from 'typebox';
import { Crosswalk, IsoDate, NodeId, Version } from './definition.js';
import { IndexStamp } from './io.js';

const Count = Type.Integer({ minimum: 0 });
/** Level → number of assessments (every level of the definition, zeros included). */
export const Distribution = Type.Record(Type.String({ pattern: '^-?[0-9]+$' }), Count);
const MovementFields = { up: Count, down: Count, same: Count, before: Distribution, after: Distribution };

export const ImpactQuery = Type.Object(
  {
    base: Type.Optional(Version),
    province: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    size: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const NotCarriedItem = Type.Object(
  {
    id: NodeId,
    side: Type.Union([Type.Literal('from'), Type.Literal('to')]),
    code: Type.String(),
    message: Type.String(),
  },
  { additionalProperties: false },
);

const ImpactGroup = Type.Object({ assessments: Count, ...MovementFields }, { additionalProperties: false });

export const ImpactReport = Type.Object(
  {
    base: IndexStamp,
    draft: IndexStamp,
    filter: Type.Object(
      { province: Type.Optional(Type.String()), size: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    assessments: Count,
    unanswered: Count,
    failed: Type.Array(
      Type.Object({ assessmentId: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
    overall: Type.Object(MovementFields, { additionalProperties: false }),
    pillars: Type.Array(
      Type.Object({ id: NodeId, inBase: Type.Boolean(), ...MovementFields }, { additionalProperties: false }),
    ),
    byProvince: Type.Record(Type.String(), ImpactGroup),
    bySize: Type.Record(Type.String(), ImpactGroup),
    notCarried: Type.Array(
      Type.Object(
        {
          id: NodeId,
          side: Type.Union([Type.Literal('from'), Type.Literal('to')]),
          code: Type.String(),
          assessments: Count,
        },
        { additionalProperties: false },
      ),
    ),
    /** Present for Ministry roles only: the enterprises whose overall level changes. */
    crossings: Type.Optional(
      Type.Array(
        Type.Object(
          {
            assessmentId: Type.String(),
            taxCode: Type.String(),
            name: Type.String(),
            province: Type.String(),
            size: Type.String(),
            before: Type.Integer(),
            after: Type.Integer(),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false, $id: 'https://dbi.example/schema/impact-report.json' },
);
export type ImpactReportBody = Static<typeof ImpactReport>;

export const InForceQuery = Type.Object({ date: Type.Optional(IsoDate) }, { additionalProperties: false });

export const MoveBody = Type.Object(
  { to: Version },
  { additionalProperties: false, description: 'The published version of the same index to move the draft to' },
);

export const AssessmentMove = Type.Object(
  {
    assessmentId: Type.String(),
    seq: Type.Integer(),
    from: IndexStamp,
    to: IndexStamp,
    carried: Type.Array(NodeId),
    notCarried: Type.Array(NotCarriedItem),
    at: Type.String(),
    by: Type.String(),
  },
  { additionalProperties: false, $id: 'https://dbi.example/schema/assessment-move.json' },
);

const Side = Type.Object(
  {
    index: IndexStamp,
    level: Type.Integer(),
    total: Type.Integer(),
    max: Type.Integer(),
    pillars: Type.Array(
      Type.Object(
        { id: NodeId, level: Type.Integer(), points: Type.Integer(), max: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CompareQuery = Type.Object({ to: Version }, { additionalProperties: false });

export const VersionComparison = Type.Object(
  {
    assessmentId: Type.String(),
    column: Type.Union([Type.String(), Type.Null()]),
    from: Side,
    to: Side,
    carried: Type.Array(NodeId),
    notCarried: Type.Array(NotCarriedItem),
  },
  { additionalProperties: false, $id: 'https://dbi.example/schema/assessment-comparison.json' },
);

export const CrosswalkSuggestionQuery = Type.Object({ from: Type.Optional(Version) }, { additionalProperties: false });
export const CrosswalkSuggestion = Type.Object(
  {
    crosswalk: Crosswalk,
    issues: Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })),
  },
  { additionalProperties: false },
);
