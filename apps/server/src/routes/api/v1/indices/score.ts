// Pinned scoring: the same input and output as `dbi score` / `dbi classify`, against one exact version. Every result
// names the version and hash it used. Any valid key may score published versions; drafts only their editors.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AnyResult, BatchBody, BatchResult, ClassifyInput, GroupInput, MAX_BATCH, ScoreInput } from '@dbi/schema';
import { EngineError, run, type Resolver } from '@dbi/engine';
import { BATCH_BODY_LIMIT } from '../../../../app.js';
import { assertScoringCost } from '../../../../lib/limits.js';
import { canScore } from '../../../../lib/policy.js';
import { HttpProblem, unauthenticated, type ProblemType } from '../../../../lib/problems.js';
import {
  createScoringPool,
  definitionText,
  WORKER_MIN_UNITS,
  type Answer,
  type Task,
} from '../../../../lib/scoring/pool.js';
import { memberRefs, RESULT_SCHEMAS } from '../../../../lib/scoring/shared.js';
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

type Serialize = (value: unknown) => string;

/** The request's body text, kept by the JSON parser for bodies large enough to be scored in a worker. */
const rawTextOf = (request: object): string | undefined => (request as { rawJson?: string }).rawJson;

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { registry } = fastify;

  // Bulk scoring runs in worker threads (lib/scoring): the event loop only moves bytes for it.
  const pool = createScoringPool();
  fastify.addHook('onClose', async () => pool.destroy());

  /** A worker's answer as this route's response, or the same refusal the in-process path would throw. */
  const answer = async (
    reply: FastifyReply,
    task: Task,
    members: (refs: string[]) => Promise<Task['members']>,
  ): Promise<FastifyReply> => {
    let a: Answer = await pool.run(task);
    if (!(a instanceof Uint8Array) && 'needs' in a) a = await pool.run({ ...task, members: await members(a.needs) });
    if (a instanceof Uint8Array)
      return reply.type('application/json; charset=utf-8').send(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    if ('problem' in a)
      throw new HttpProblem(a.problem.type as ProblemType, a.problem.detail, a.problem.errors, a.problem.headers);
    if ('validation' in a)
      throw Object.assign(new Error('body validation failed'), {
        validation: a.validation,
        validationContext: 'body',
        statusCode: 400,
      });
    if ('engine' in a) {
      const e = new EngineError(a.engine.issues);
      e.message = a.engine.message;
      throw e;
    }
    throw new Error('unexpected answer from the scoring worker');
  };

  /** Member indices the caller may score, as the worker receives them (the registry decides access, as in-process). */
  const membersFor = async (principal: Parameters<typeof canScore>[0], refs: string[]) => {
    const resolve = await registry.resolver(principal, [{ units: refs.map((index) => ({ index })) }]);
    return refs.flatMap((ref) => {
      const c = resolve(ref);
      return c ? [{ ...definitionText(c), ref }] : [];
    });
  };

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
      const units = (input as { units?: unknown } | null)?.units;
      const text = rawTextOf(request);
      if (text !== undefined && Array.isArray(units) && units.length >= WORKER_MIN_UNITS) {
        const refs = entry.compiled.kind === 'aggregate' ? memberRefs([input]) : [];
        return answer(
          reply,
          {
            text,
            mode: 'one',
            target: definitionText(entry.compiled),
            members: await membersFor(request.principal, refs),
            explain: request.query.explain === true,
          },
          async () => [],
        );
      }
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

  // The batch route's body is not parsed here: its text goes to a worker, which parses it with the same parser,
  // checks it against the same schema and limits, scores and serializes (lib/scoring/worker.ts). Registered in a
  // child context so only this route reads JSON as text.
  await fastify.register(async (plain) => {
    const child = plain.withTypeProvider<TypeBoxTypeProvider>();
    child.removeAllContentTypeParsers();
    const keepText = (_r: unknown, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) =>
      done(null, typeof body === 'string' ? body : body.toString('utf8'));
    child.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT }, keepText);
    child.addContentTypeParser(
      /^application\/[a-z0-9.+-]*\+json$/,
      { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT },
      keepText,
    );
    child.post(
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
          response: { 200: inline(BatchResult), ...problems(400, 401, 403, 404, 413, 415) },
        },
        config: { docs: { body: inline(BatchBody) } },
      },
      async (request, reply) => {
        const { id, version } = request.params;
        const entry = await pinned(request.principal, id, version, reply);
        const text = typeof request.body === 'string' ? request.body : '';
        return answer(
          reply,
          { text, mode: 'batch', target: definitionText(entry.compiled), explain: request.query.explain === true },
          (refs) => membersFor(request.principal, refs),
        );
      },
    );
  });
};

export default routes;
