// Bulk scoring in a worker thread: a batch body, or a large group input, is parsed, checked, scored and serialized
// here, so the server's event loop only moves bytes and keeps answering everyone else (/health included) while a
// 10,000-input batch or a 1,000-unit explained group is worked on. Every step is the one the main thread would run:
// the same body parser (depth and unsafe-value checks), the same Ajv validator for the batch schema, the same cost
// limits, the same engine and the same compiled response serializers, so answers are byte-for-byte those of the
// in-process path (tested in test/scoring-worker.test.ts).
import fastJsonStringify from 'fast-json-stringify';
import { BatchBody, getAjv, type Definition } from '@dbi/schema';
import { compile, EngineError, run, type Compiled } from '@dbi/engine';
import { parseJsonBody } from '../json-body.js';
import { assertScoringCost } from '../limits.js';
import { HttpProblem, issuesToErrors, PROBLEMS } from '../problems.js';
import { memberRefs, RESULT_SCHEMAS } from './shared.js';
import type { Answer, Task } from './pool.js';
import { lowerThreadPriority, movedBytes } from '../workers.js';

lowerThreadPriority();

const compiledByHash = new Map<string, Compiled>();
const serializers = new Map<string, (value: unknown) => string>();
const validateBatch = getAjv().compile(BatchBody);

function compiledOf(d: { hash: string; json: string }): Compiled {
  let c = compiledByHash.get(d.hash);
  if (!c) {
    c = compile(JSON.parse(d.json) as Definition);
    if (compiledByHash.size > 256) compiledByHash.clear(); // bounded: versions are few, drafts change
    compiledByHash.set(d.hash, c);
  }
  return c;
}

function serializerFor(kind: keyof typeof RESULT_SCHEMAS): (value: unknown) => string {
  let s = serializers.get(kind);
  if (!s) {
    s = fastJsonStringify(RESULT_SCHEMAS[kind] as Parameters<typeof fastJsonStringify>[0]) as (v: unknown) => string;
    serializers.set(kind, s);
  }
  return s;
}

const bytes = (text: string): Answer => movedBytes(Buffer.from(text, 'utf8'));

export default function score(task: Task): Answer {
  try {
    return work(task);
  } catch (err) {
    if (err instanceof HttpProblem)
      return { problem: { type: err.type, detail: err.message, errors: err.errors, headers: err.headers } };
    if (err instanceof EngineError) return { engine: { message: err.message, issues: err.issues } };
    throw err;
  }
}

function work(task: Task): Answer {
  const target = compiledOf(task.target);
  const members = task.members && new Map(task.members.map((m) => [m.ref, compiledOf(m)]));
  const resolve = members ? (ref: string) => members.get(ref) : undefined;
  const serialize = serializerFor(target.kind);

  if (task.mode === 'one') {
    // The main thread parsed and checked this body already; the text is the same, so JSON.parse gives the same value.
    const input: unknown = JSON.parse(task.text);
    return bytes(serialize(run(target, input, { explain: task.explain, resolve })));
  }

  const body = task.text.trim() === '' ? undefined : parseJsonBody(task.text);
  if (!validateBatch(body)) return { validation: validateBatch.errors ?? [] };
  const inputs = (body as { inputs: unknown[] }).inputs;
  assertScoringCost(inputs, task.explain, (i) => `/inputs/${i}`);
  if (target.kind === 'aggregate' && !members) return { needs: memberRefs(inputs) };
  // Built as one string: each result through its kind's compiled serializer, errors through JSON.stringify.
  const parts = new Array<string>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    try {
      parts[i] = serialize(run(target, inputs[i], { explain: task.explain, resolve }));
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      const errors = issuesToErrors(err.issues).map((e) => ({ ...e, pointer: `/inputs/${i}${e.pointer}` }));
      parts[i] = JSON.stringify({
        error: { status: 400, title: PROBLEMS['invalid-input'].title, detail: err.message, errors },
      });
    }
  }
  return bytes(`{"results":[${parts.join(',')}]}`);
}
