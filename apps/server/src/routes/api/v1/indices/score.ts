// Pinned scoring: the same input and output as `dbi score` / `dbi classify`, against one exact version. Every result
// names the version and hash it used. Any valid key may score published versions; drafts only their editors.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  AnyResult,
  BatchBody,
  BatchResult,
  ClassifyInput,
  ClassifyResult,
  GroupInput,
  GroupResult,
  MAX_BATCH,
  ScoreInput,
  ScoreResult,
} from '@dbi/schema';
import { EngineError, run, type Resolver } from '@dbi/engine';
import { BATCH_BODY_LIMIT } from '../../../../app.js';
import { assertScoringCost } from '../../../../lib/limits.js';
import { canScore } from '../../../../lib/policy.js';
import { issuesToErrors, PROBLEMS, unauthenticated } from '../../../../lib/problems.js';
import { inline, problems, SECURITY_KEY, VersionParams } from '../../../../lib/schemas.js';
import type { CompiledEntry } from '../../../../services/registry.js';

const ExplainQuery = Type.Object(
  {
    explain: Type.Optional(
      Type.Boolean({
        description: 'Include the explanation trace (which rule decided each level, with the values it saw)',
      }),
    ),
  },
  { additionalProperties: false },
);

const RESULT_SCHEMAS = {
  scorecard: inline(ScoreResult),
  aggregate: inline(GroupResult),
  classifier: inline(ClassifyResult),
} as const;
type Serialize = (value: unknown) => string;

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { registry } = fastify;

  /** Serializers per result kind, compiled once (fast-json-stringify through Fastify) and reused for batches. */
  const serializers = new Map<string, Serialize>();
  const serializerFor = (reply: FastifyReply, kind: keyof typeof RESULT_SCHEMAS): Serialize => {
    let s = serializers.get(kind);
    if (!s) {
      s = reply.compileSerializationSchema(RESULT_SCHEMAS[kind] as unknown as Record<string, unknown>) as Serialize;
      serializers.set(kind, s);
    }
    return s;
  };

  /** The version to score against. Synchronous when its compiled form is cached (published versions after their
   *  first use), so the common case costs no promise or extra turn of the event loop. */
  const pinned = (
    principal: Parameters<typeof canScore>[0],
    id: string,
    version: string,
    reply: FastifyReply,
  ): CompiledEntry | Promise<CompiledEntry> => {
    if (!canScore(principal)) throw unauthenticated('scoring needs an API key (any role)');
    const cached = registry.cachedPublished(id, version);
    if (cached) return deprecation(cached, reply);
    return registry.compiled(principal, id, version).then((entry) => deprecation(entry, reply));
  };
  const deprecation = (entry: CompiledEntry, reply: FastifyReply): CompiledEntry => {
    if (entry.deprecatedAt) reply.header('deprecation', `@${Math.floor(Date.parse(entry.deprecatedAt) / 1000)}`);
    return entry;
  };

  /** Member indices of group inputs, loaded before the (synchronous) engine runs; other kinds need none. */
  const resolverFor = (
    entry: CompiledEntry,
    principal: Parameters<typeof canScore>[0],
    inputs: readonly unknown[],
  ): Promise<Resolver> | undefined =>
    entry.compiled.kind === 'aggregate' ? registry.resolver(principal, inputs) : undefined;

  fastify.post(
    '/:id/versions/:version/score',
    {
      schema: {
        tags: ['scoring'],
        summary: 'Score one input against this exact version',
        description:
          'Enterprise input `{"answers": {"1.1.1": 3, …}}` for scorecards (sme, large), `{"units": […]}` for group indices, ' +
          'size facts for the classifier — the same as `dbi score` / `dbi classify`. The body is checked by the engine ' +
          'against the schema for this index’s kind; each bad field comes back with its JSON pointer.',
        security: SECURITY_KEY,
        params: VersionParams,
        querystring: ExplainQuery,
        response: { 200: inline(AnyResult), ...problems(400, 401, 403, 404, 413, 415) },
      },
      config: { docs: { body: inline(Type.Union([ScoreInput, GroupInput, ClassifyInput])) } },
    },
    async (request, reply) => {
      const { id, version } = request.params;
      const pinnedEntry = pinned(request.principal, id, version, reply);
      const entry = pinnedEntry instanceof Promise ? await pinnedEntry : pinnedEntry;
      const input = request.body;
      assertScoringCost([input], request.query.explain === true, () => '');
      const pending = resolverFor(entry, request.principal, [input]);
      const resolve = pending && (await pending);
      const result = run(entry.compiled, input, { explain: request.query.explain === true, resolve });
      // Serialized here and sent as a string: the same bytes as through reply.serializer(), without Fastify's
      // pre-serialization step (this route has no preSerialization hooks).
      return reply
        .type('application/json; charset=utf-8')
        .send(serializerFor(reply, entry.compiled.kind)(result) as never);
    },
  );

  fastify.post(
    '/:id/versions/:version/score/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        tags: ['scoring'],
        summary: `Score up to ${MAX_BATCH} inputs in one request`,
        description:
          'Results come back in input order; an input that cannot be scored yields `{"error": {…}}` in its place (pointers ' +
          'into the whole body, e.g. /inputs/3/answers/1.1.1) and the batch goes on.',
        security: SECURITY_KEY,
        params: VersionParams,
        querystring: ExplainQuery,
        body: BatchBody,
        response: { 200: inline(BatchResult), ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const { id, version } = request.params;
      const entry = await pinned(request.principal, id, version, reply);
      const inputs = request.body.inputs;
      assertScoringCost(inputs, request.query.explain === true, (i) => `/inputs/${i}`);
      const pending = resolverFor(entry, request.principal, inputs);
      const resolve = pending && (await pending);
      const explain = request.query.explain === true;
      const serialize = serializerFor(reply, entry.compiled.kind);
      // Built as one string: each result through its kind's compiled serializer, errors through JSON.stringify.
      const parts = new Array<string>(inputs.length);
      for (let i = 0; i < inputs.length; i++) {
        try {
          parts[i] = serialize(run(entry.compiled, inputs[i], { explain, resolve }));
        } catch (err) {
          if (!(err instanceof EngineError)) throw err;
          const errors = issuesToErrors(err.issues).map((e) => ({ ...e, pointer: `/inputs/${i}${e.pointer}` }));
          parts[i] = JSON.stringify({
            error: { status: 400, title: PROBLEMS['invalid-input'].title, detail: err.message, errors },
          });
        }
      }
      return reply.type('application/json; charset=utf-8').send(`{"results":[${parts.join(',')}]}` as never);
    },
  );
};

export default routes;
