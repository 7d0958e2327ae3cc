// The definition language: one TypeBox object per shape gives the JSON Schema (for Ajv, Fastify, OpenAPI and
// the committed json/*.schema.json) and the TypeScript type (Static<>) at once.
import { Type, type Static } from 'typebox';

export const SCHEMA_BASE = 'https://dbi.example/schema';

/** Lower-case index id, e.g. `sme`, `large-agriculture`. */
export const IndexId = Type.String({
  pattern: '^[a-z][a-z0-9-]{0,62}$',
  description: 'Index id: lower-case letters, digits and dashes',
});
/** Semantic version `MAJOR.MINOR.PATCH`. */
export const Version = Type.String({
  pattern: '^(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})$',
  description: 'Semantic version MAJOR.MINOR.PATCH',
});
/** `<index>@<version>`, e.g. `large@1.0.0`. */
export const IndexRef = Type.String({
  pattern: '^[a-z][a-z0-9-]{0,62}@(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})$',
  description: 'index@version',
});
/** Node ids (pillars, components, criteria): the Decision's own numbers such as `1.1.1`. Never `__proto__` & co. */
export const NodeId = Type.String({
  pattern: '^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$',
  description: 'Node id such as 1.1.1',
});
export const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'YYYY-MM-DD',
});

/** Every human-readable string exists in Vietnamese (as in the legal text) and English. */
export const Text = Type.Object(
  {
    vi: Type.String({ minLength: 1, maxLength: 4000 }),
    en: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type Text = Static<typeof Text>;

/**
 * A json-logic expression. Its shape is recursive and open, so Ajv only bounds it; the allow-list of operations,
 * the variables it may read and its depth/size limits are checked by `checkDefinition` (see rules.ts).
 */
export const JsonLogic = Type.Unknown({
  description: 'json-logic expression (json-logic-js semantics, allow-listed operations)',
});
export type JsonLogic = unknown;

export const LevelRule = Type.Object(
  {
    level: Type.Integer({ minimum: 0, maximum: 20 }),
    when: JsonLogic,
    text: Type.Optional(Text),
  },
  {
    additionalProperties: false,
    description: 'Rules are tried in order; the first whose `when` is truthy decides the level.',
  },
);
export type LevelRule = Static<typeof LevelRule>;

export const Level = Type.Object(
  { level: Type.Integer({ minimum: 0, maximum: 20 }), name: Text, description: Type.Optional(Text) },
  { additionalProperties: false },
);
export type Level = Static<typeof Level>;

export const Instrument = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. 1970/QĐ-BTTTT' }),
    title: Text,
    issuer: Text,
    signed: IsoDate,
    effective: IsoDate,
  },
  { additionalProperties: false, description: 'The legal instrument this definition implements' },
);
export type Instrument = Static<typeof Instrument>;

export const Source = Type.Object(
  {
    document: Type.String({ minLength: 1, maxLength: 500 }),
    appendix: Type.Optional(Type.String({ maxLength: 100 })),
    section: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type Source = Static<typeof Source>;

/** A recorded decision about a defect or ambiguity in the source text, kept beside the data it concerns. */
export const Decision = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
    /** What it concerns: a node id (`3.2.5`), `rules.overall`, `rules.pillar`, `levels`, … */
    ref: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([
      Type.Literal('ocr'),
      Type.Literal('defect'),
      Type.Literal('interpretation'),
      Type.Literal('external'),
    ]),
    /** The source text as scanned, when the decision replaces it. */
    original: Type.Optional(Type.String({ maxLength: 4000 })),
    decision: Text,
  },
  { additionalProperties: false },
);
export type Decision = Static<typeof Decision>;

/** Ids of a choice or checkbox question's options, e.g. `a`, `b`, `n`. */
export const OptionId = Type.String({
  pattern: '^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$',
  description: 'Option id such as a, b, c',
});

/**
 * A json-logic rule over the profile facts (`profile.<name>`): the node applies when it is truthy. What does not
 * apply leaves both the points and the maximum and is listed in the result's `notApplicable`.
 */
export const Applies = Type.Unknown({
  description: 'json-logic rule over profile.<name>; the node applies when it is truthy',
});

const criterionCommon = {
  id: NodeId,
  text: Text,
  /** The sub-heading the Decision's table gives a run of criteria (e.g. "Tiếp thị điện tử"). */
  group: Type.Optional(Text),
  /** Guidance shown with the question. */
  help: Type.Optional(Text),
  applies: Type.Optional(Applies),
};

/** Answered with a level of the answer scale (`scale`, or `levels` when there is none): points = level × weight. */
export const LevelCriterion = Type.Object(
  {
    ...criterionCommon,
    /** Absent means `level`: the national indices of 1970/QĐ-BTTTT are written this way. */
    type: Type.Optional(Type.Literal('level')),
    /** Points per answer level: answering level k scores k × weight. */
    weight: Type.Integer({ minimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type LevelCriterion = Static<typeof LevelCriterion>;

/** One option of a choice or checkbox question: integer points, or (choice only) marked not applicable. */
export const Option = Type.Object(
  {
    id: OptionId,
    text: Text,
    points: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    /** Choosing it makes the criterion not applicable (choice questions only); such an option has no points. */
    notApplicable: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type Option = Static<typeof Option>;

/** One option is chosen; it scores its points. */
export const ChoiceCriterion = Type.Object(
  {
    ...criterionCommon,
    type: Type.Literal('choice'),
    options: Type.Array(Option, { minItems: 2, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type ChoiceCriterion = Static<typeof ChoiceCriterion>;

/** Any set of distinct options is chosen; it scores the sum of their points, at most `cap`. */
export const MultiCriterion = Type.Object(
  {
    ...criterionCommon,
    type: Type.Literal('multi'),
    options: Type.Array(Option, { minItems: 1, maxItems: 50 }),
    cap: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type MultiCriterion = Static<typeof MultiCriterion>;

/**
 * A number band: values up to and including `upTo` (and above the previous band's `upTo`) score `points`.
 * Decimal edges are exact: 10.1 means 101/10 (the JSON number's shortest decimal form).
 */
export const Band = Type.Object(
  {
    upTo: Type.Number(),
    points: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type Band = Static<typeof Band>;

/** A number between `min` and `max`; it scores the points of the first band whose `upTo` ≥ the value. */
export const NumberCriterion = Type.Object(
  {
    ...criterionCommon,
    type: Type.Literal('number'),
    /** true: whole numbers only; otherwise decimals are allowed (and read exactly). */
    integer: Type.Optional(Type.Boolean()),
    min: Type.Number(),
    max: Type.Number(),
    unit: Type.Optional(Text),
    bands: Type.Array(Band, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type NumberCriterion = Static<typeof NumberCriterion>;

/** Yes or no: yes scores `points`, no scores 0. */
export const BooleanCriterion = Type.Object(
  {
    ...criterionCommon,
    type: Type.Literal('boolean'),
    points: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type BooleanCriterion = Static<typeof BooleanCriterion>;

/** A criterion (question). Its answer type decides what an answer is and its maximum; `level` is the default. */
export const Criterion = Type.Union([
  LevelCriterion,
  ChoiceCriterion,
  MultiCriterion,
  NumberCriterion,
  BooleanCriterion,
]);
export type Criterion = Static<typeof Criterion>;
export type AnswerType = NonNullable<Criterion['type']>;
export const ANSWER_TYPES: readonly AnswerType[] = ['level', 'choice', 'multi', 'number', 'boolean'];

export const Component = Type.Object(
  {
    id: NodeId,
    name: Text,
    /** The goal statement the large index's table gives each component. */
    statement: Type.Optional(Text),
    /** Declared maximum, checked against the sum of its criteria (all applying). */
    max: Type.Optional(Type.Integer({ minimum: 0 })),
    applies: Type.Optional(Applies),
    criteria: Type.Array(Criterion, { minItems: 1, maxItems: 5000 }),
  },
  { additionalProperties: false },
);
export type Component = Static<typeof Component>;

export const Pillar = Type.Object(
  {
    id: NodeId,
    name: Text,
    max: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Weight in the overall score (the weighted mean of pillar scores); all pillars have one or none does. */
    weight: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    applies: Type.Optional(Applies),
    /** Overrides `rules.pillar` for this pillar only (tailored variants). */
    rules: Type.Optional(Type.Array(LevelRule, { maxItems: 64 })),
    /** A pillar holds components or criteria directly (exactly one of the two). */
    components: Type.Optional(Type.Array(Component, { minItems: 1, maxItems: 1000 })),
    criteria: Type.Optional(Type.Array(Criterion, { minItems: 1, maxItems: 5000 })),
  },
  { additionalProperties: false },
);
export type Pillar = Static<typeof Pillar>;

export const Layout = Type.Object(
  {
    collapsed: Type.Optional(Type.Array(NodeId, { maxItems: 10000 })),
  },
  { additionalProperties: false, description: 'Designer view hints; never affects scoring' },
);

/** A fact about the assessed enterprise (sector, employees, …) that `applies` rules and level rules may read. */
export const ProfileFact = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' }),
    type: Type.Union([Type.Literal('string'), Type.Literal('integer'), Type.Literal('boolean')]),
    required: Type.Boolean(),
    text: Text,
    /** string facts: the allowed values, each with its text. */
    values: Type.Optional(
      Type.Array(
        Type.Object(
          { value: Type.String({ minLength: 1, maxLength: 200 }), text: Text },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 200 },
      ),
    ),
    /** integer facts: inclusive bounds. */
    minimum: Type.Optional(Type.Integer()),
    maximum: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type ProfileFact = Static<typeof ProfileFact>;

/** An answer as a crosswalk names it: a level (integer), an option id (string) or yes/no. */
export const CrosswalkAnswer = Type.Union([
  Type.Integer(),
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.Boolean(),
]);
export type CrosswalkAnswer = Static<typeof CrosswalkAnswer>;

export const CROSSWALK_KINDS = ['same', 'renamed', 'merged', 'split', 'dropped', 'new'] as const;
export type CrosswalkKind = (typeof CROSSWALK_KINDS)[number];

/**
 * How criteria of the version derived from (`from`) become criteria of this one (`to`): `same` (1 → 1, same id),
 * `renamed` (1 → 1, new id), `merged` (n → 1, the answers combined by `combine`), `split` (1 → n, the answer copied
 * to each), `dropped` (1 → 0), `new` (0 → 1). `options` remaps answers (e.g. the levels 0..5 of a level criterion to
 * the options of a choice); an answer it does not list is not carried, and `to: null` carries nothing on purpose.
 */
export const CrosswalkEntry = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('same'),
      Type.Literal('renamed'),
      Type.Literal('merged'),
      Type.Literal('split'),
      Type.Literal('dropped'),
      Type.Literal('new'),
    ]),
    from: Type.Array(NodeId, { maxItems: 100 }),
    to: Type.Array(NodeId, { maxItems: 100 }),
    combine: Type.Optional(Type.Union([Type.Literal('min'), Type.Literal('max')])),
    options: Type.Optional(
      Type.Array(
        Type.Object(
          { from: CrosswalkAnswer, to: Type.Union([CrosswalkAnswer, Type.Null()]) },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    note: Type.Optional(Text),
  },
  { additionalProperties: false },
);
export type CrosswalkEntry = Static<typeof CrosswalkEntry>;

/** The criteria of `from` (the version named by `derivedFrom`) mapped onto this version's; see `CrosswalkEntry`. */
export const Crosswalk = Type.Object(
  {
    from: IndexRef,
    criteria: Type.Array(CrosswalkEntry, { maxItems: 20000 }),
  },
  { additionalProperties: false, description: 'How answers to the version derived from carry over to this one' },
);
export type Crosswalk = Static<typeof Crosswalk>;

const common = {
  $schema: Type.Optional(Type.String()),
  id: IndexId,
  version: Version,
  title: Text,
  description: Type.Optional(Text),
  instrument: Instrument,
  source: Source,
  /** For variants and revisions: the exact index@version this one was derived from. */
  derivedFrom: Type.Optional(IndexRef),
  /** Result levels (overall and per pillar): any count, names and numbering (consecutive integers). */
  levels: Type.Array(Level, { minItems: 2, maxItems: 21 }),
  /** true: an illustration of the language, not a legal text. */
  example: Type.Optional(Type.Boolean()),
  decisions: Type.Optional(Type.Array(Decision, { maxItems: 1000 })),
};

/**
 * Scorecard: pillars → (components →) criteria, each criterion answered by its type (level, choice, multi, number,
 * boolean). Pillar rules see `{points, max, criteria, answered, score, profile}`; overall rules see
 * `{total, max, score, pillars, atLeast: {"<k>": n}, pillar: {"<id>": {points, max, score, level}},
 * criterion: {"<id>": {points}}, profile}` where atLeast.k counts applicable pillars at level ≥ k and scores are
 * exact rationals (100·points/max; overall the weighted mean of pillar scores when pillars have weights).
 */
export const ScorecardDefinition = Type.Object(
  {
    ...common,
    kind: Type.Literal('scorecard'),
    max: Type.Optional(Type.Integer({ minimum: 0 })),
    /** The answer scale of `level` criteria (0, 1, …, n); absent: the result `levels` are the answer scale. */
    scale: Type.Optional(Type.Array(Level, { minItems: 2, maxItems: 21 })),
    /** Facts about the enterprise given with the answers (`{"profile": {…}, "answers": {…}}`). */
    profile: Type.Optional(Type.Array(ProfileFact, { minItems: 1, maxItems: 50 })),
    pillars: Type.Array(Pillar, { minItems: 1, maxItems: 64 }),
    rules: Type.Object(
      {
        pillar: Type.Array(LevelRule, { maxItems: 64 }),
        overall: Type.Array(LevelRule, { maxItems: 64 }),
      },
      { additionalProperties: false },
    ),
    layout: Type.Optional(Layout),
    /** Optional (absent from every version published before crosswalks existed, whose hashes stay as they were). */
    crosswalk: Type.Optional(Crosswalk),
  },
  { additionalProperties: false, $id: `${SCHEMA_BASE}/scorecard.json` },
);
export type ScorecardDefinition = Static<typeof ScorecardDefinition>;

/** Relation of a member unit to its group (Appendix III step 1). */
export const Relation = Type.Union([
  Type.Literal('parent'),
  Type.Literal('subsidiary'),
  Type.Literal('dependent'),
  Type.Literal('branch'),
  Type.Literal('representative-office'),
  Type.Literal('public-service-unit'),
  Type.Literal('affiliate'),
]);
export type Relation = Static<typeof Relation>;
export const RELATIONS: readonly Relation[] = [
  'parent',
  'subsidiary',
  'dependent',
  'branch',
  'representative-office',
  'public-service-unit',
  'affiliate',
];

/**
 * Aggregate: a headcount-weighted roll-up of member units' levels (overall and per pillar).
 * Rules see `{sum, weight, parent, units}`: sum = Σ level·headcount and weight = Σ headcount over included units
 * (so the weighted mean is sum/weight, compared exactly by cross-multiplying), parent = the parent unit's level.
 */
export const AggregateDefinition = Type.Object(
  {
    ...common,
    kind: Type.Literal('aggregate'),
    members: Type.Object(
      {
        /** Indices a member unit may be scored with. */
        indices: Type.Array(IndexRef, { minItems: 1, maxItems: 64 }),
        /** Indices the parent unit may be scored with. */
        parentIndices: Type.Array(IndexRef, { minItems: 1, maxItems: 64 }),
        /** Relations that are listed but left out of the roll-up (Appendix III: affiliates). */
        excludedRelations: Type.Array(Relation, { maxItems: 7 }),
      },
      { additionalProperties: false },
    ),
    pillars: Type.Array(Type.Object({ id: NodeId, name: Text }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 64,
    }),
    rules: Type.Object(
      {
        overall: Type.Array(LevelRule, { maxItems: 64 }),
        /** Defaults to `overall` (Appendix III.5: pillars follow the same steps). */
        pillar: Type.Optional(Type.Array(LevelRule, { maxItems: 64 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: `${SCHEMA_BASE}/aggregate.json` },
);
export type AggregateDefinition = Static<typeof AggregateDefinition>;

export const ClassifierInput = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' }),
    type: Type.Union([Type.Literal('integer'), Type.Literal('boolean'), Type.Literal('string')]),
    required: Type.Boolean(),
    enum: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 100 })),
    minimum: Type.Optional(Type.Integer()),
    text: Text,
  },
  { additionalProperties: false },
);
export type ClassifierInput = Static<typeof ClassifierInput>;

export const ClassifierOutput = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' }),
    values: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 100 }),
    /** First rule whose `when` is truthy gives the value; rules may read inputs and earlier outputs. */
    rules: Type.Array(
      Type.Object(
        { value: Type.String(), when: JsonLogic, text: Type.Optional(Text) },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    default: Type.String(),
  },
  { additionalProperties: false },
);
export type ClassifierOutput = Static<typeof ClassifierOutput>;

/** Classifier: ordered rule tables from declared inputs to named outputs (the size classification of Appendix IV). */
export const ClassifierDefinition = Type.Object(
  {
    $schema: common.$schema,
    id: IndexId,
    version: Version,
    title: Text,
    description: common.description,
    instrument: Instrument,
    source: Source,
    derivedFrom: common.derivedFrom,
    decisions: common.decisions,
    kind: Type.Literal('classifier'),
    inputs: Type.Array(ClassifierInput, { minItems: 1, maxItems: 100 }),
    /** Each inner list names inputs of which at least one must be given. */
    atLeastOneOf: Type.Optional(Type.Array(Type.Array(Type.String(), { minItems: 2 }), { maxItems: 20 })),
    outputs: Type.Array(ClassifierOutput, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false, $id: `${SCHEMA_BASE}/classifier.json` },
);
export type ClassifierDefinition = Static<typeof ClassifierDefinition>;

export const Definition = Type.Union([ScorecardDefinition, AggregateDefinition, ClassifierDefinition], {
  $id: `${SCHEMA_BASE}/definition.json`,
  description: 'A DBI index definition (scorecard, aggregate or classifier)',
});
export type Definition = Static<typeof Definition>;
export type DefinitionKind = Definition['kind'];
