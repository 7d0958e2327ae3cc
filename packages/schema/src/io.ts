// Inputs to and results of scoring: the contract shared by the CLI, the HTTP API and the designer.
import { Type, type Static } from 'typebox';
import { IndexId, IndexRef, NodeId, Relation, SCHEMA_BASE, Version } from './definition.js';

/** A criterion's answer: the level chosen (0..5 for the national indices); null = no data, scores 0. */
export const AnswerValue = Type.Union([Type.Integer({ minimum: 0, maximum: 20 }), Type.Null()]);
export const Answers = Type.Record(NodeId, AnswerValue, {
  description: 'criterion id → chosen level, or null for no data',
});
export type Answers = Static<typeof Answers>;

/**
 * An answer of any type: level → integer, choice → option id, multi → array of option ids, number → JSON number
 * (decimals read exactly from their shortest decimal form), boolean → true/false; null or absent = no data.
 * Whether it fits its criterion is checked by the engine, which names the criterion and the reason.
 */
export const ScoreAnswerValue = Type.Union([
  Type.Number(),
  Type.String({ maxLength: 200 }),
  Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 }),
  Type.Boolean(),
  Type.Null(),
]);
export type ScoreAnswerValue = Static<typeof ScoreAnswerValue>;
export const ScoreAnswers = Type.Record(NodeId, ScoreAnswerValue, {
  description: 'criterion id → answer (level, option id, option ids, number, true/false), or null for no data',
});
export type ScoreAnswers = Static<typeof ScoreAnswers>;

/** Values of the definition's profile facts, e.g. {"sector": "retail", "employees": 12}. */
export const Profile = Type.Record(
  Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' }),
  Type.Union([Type.Integer(), Type.Boolean(), Type.String({ maxLength: 200 }), Type.Null()]),
  { description: 'profile fact name → value' },
);
export type Profile = Static<typeof Profile>;

export const ScoreInput = Type.Object(
  {
    /** Echoed back unchanged, so batch callers can match results to inputs. */
    ref: Type.Optional(Type.String({ maxLength: 200 })),
    /** Facts the definition's `profile` declares (required ones must be given). */
    profile: Type.Optional(Profile),
    answers: ScoreAnswers,
  },
  { additionalProperties: false, $id: `${SCHEMA_BASE}/score-input.json` },
);
export type ScoreInput = Static<typeof ScoreInput>;

export const GroupUnit = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    name: Type.Optional(Type.String({ maxLength: 500 })),
    relation: Relation,
    /** Staff with a labour contract (Appendix III step 2). */
    headcount: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    index: IndexRef,
    answers: Answers,
  },
  { additionalProperties: false },
);
export type GroupUnit = Static<typeof GroupUnit>;

export const GroupInput = Type.Object(
  {
    ref: Type.Optional(Type.String({ maxLength: 200 })),
    units: Type.Array(GroupUnit, { minItems: 1, maxItems: 100_000 }),
  },
  { additionalProperties: false, $id: `${SCHEMA_BASE}/group-input.json` },
);
export type GroupInput = Static<typeof GroupInput>;

export const ClassifyInput = Type.Record(
  Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' }),
  Type.Union([Type.Integer(), Type.Boolean(), Type.String({ maxLength: 200 }), Type.Null()]),
  {
    $id: `${SCHEMA_BASE}/classify-input.json`,
    description: 'Values for the classifier’s declared inputs',
  },
);
export type ClassifyInput = Static<typeof ClassifyInput>;

export const IndexStamp = Type.Object(
  {
    id: IndexId,
    version: Version,
    /** sha256 of the definition's canonical JSON, hex. */
    hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);
export type IndexStamp = Static<typeof IndexStamp>;

/** One step of an explanation: which rule decided a level and the values it saw. */
export const TraceStep = Type.Object(
  {
    /** `overall`, `pillar:3`, `output:size`, … */
    scope: Type.String(),
    level: Type.Union([Type.Integer(), Type.String()]),
    /** Index of the deciding rule in its list; -1 when no rule matched and the default applied. */
    rule: Type.Integer({ minimum: -1 }),
    text: Type.Optional(Type.Object({ vi: Type.String(), en: Type.String() })),
    values: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type TraceStep = Static<typeof TraceStep>;

/** A score for display: the exact value rounded half-up to 2 decimals, as text ("66.67"); never a float. */
export const DisplayScore = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$' });

export const PillarResult = Type.Object(
  {
    id: NodeId,
    /** Points and maximum over the criteria that apply. */
    points: Type.Integer(),
    max: Type.Integer(),
    level: Type.Integer(),
    /** 100 · points / max (0 when max is 0), rounded half-up for display; levels are decided on the exact value. */
    score: Type.Optional(DisplayScore),
  },
  { additionalProperties: false },
);
export type PillarResult = Static<typeof PillarResult>;

export const ScoreResult = Type.Object(
  {
    ref: Type.Optional(Type.String()),
    index: IndexStamp,
    engine: Type.String({ description: 'engine version' }),
    total: Type.Integer(),
    max: Type.Integer(),
    level: Type.Integer(),
    /**
     * The index score: the weighted mean of pillar scores when pillars have weights, else 100 · total / max.
     * `score` (here and per pillar) and `notApplicable` are given for definitions that use the v2 language (answer
     * types other than level, profile facts, applies rules, pillar weights or rules reading scores); results of
     * definitions in the 1970 shape (the national indices) are exactly what they always were.
     */
    score: Type.Optional(DisplayScore),
    /** Pillars that apply under the profile, in definition order. */
    pillars: Type.Array(PillarResult),
    /** Criteria with no data (null or absent) among those that apply, in definition order: 0 points, counted in max. */
    missing: Type.Array(NodeId),
    /**
     * Pillars, components and criteria that do not apply (by an `applies` rule or a not-applicable option), in
     * definition order: neither points nor maximum.
     */
    notApplicable: Type.Optional(Type.Array(NodeId)),
    trace: Type.Optional(Type.Array(TraceStep)),
  },
  { additionalProperties: false, $id: `${SCHEMA_BASE}/score-result.json` },
);
export type ScoreResult = Static<typeof ScoreResult>;

export const Weighted = Type.Object(
  {
    /** Σ level × headcount over included units. */
    sum: Type.Integer(),
    /** Σ headcount over included units. */
    weight: Type.Integer(),
  },
  { additionalProperties: false, description: 'The exact weighted mean is sum / weight' },
);

export const GroupPillarResult = Type.Object(
  { id: NodeId, score: Type.Number(), weighted: Weighted, level: Type.Integer() },
  { additionalProperties: false },
);

export const GroupUnitResult = Type.Object(
  {
    id: Type.String(),
    relation: Relation,
    headcount: Type.Integer(),
    /** false for relations the definition leaves out of the roll-up (affiliates). */
    included: Type.Boolean(),
    result: ScoreResult,
  },
  { additionalProperties: false },
);

export const GroupResult = Type.Object(
  {
    ref: Type.Optional(Type.String()),
    index: IndexStamp,
    engine: Type.String(),
    /** Weighted mean of the units' levels (for display; levels are decided on `weighted`, exactly). */
    score: Type.Number(),
    weighted: Weighted,
    level: Type.Integer(),
    parent: Type.Object({ id: Type.String(), level: Type.Integer() }, { additionalProperties: false }),
    pillars: Type.Array(GroupPillarResult),
    units: Type.Array(GroupUnitResult),
    trace: Type.Optional(Type.Array(TraceStep)),
  },
  { additionalProperties: false, $id: `${SCHEMA_BASE}/group-result.json` },
);
export type GroupResult = Static<typeof GroupResult>;

export const ClassifyResult = Type.Object(
  { classifier: IndexStamp, engine: Type.String(), trace: Type.Optional(Type.Array(TraceStep)) },
  {
    additionalProperties: Type.String(),
    $id: `${SCHEMA_BASE}/classify-result.json`,
    description: 'The classifier used, then output name → value, e.g. {"size": "small", "index": "sme"}',
  },
);
export type ClassifyResult = Static<typeof ClassifyResult>;

/** A validation or input problem: where (JSON pointer into the checked document), what, why. */
export const Issue = Type.Object(
  {
    path: Type.String({ description: 'JSON pointer' }),
    code: Type.String(),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type Issue = Static<typeof Issue>;
