// score, classify, validate, show, list. Argument handling and printing only: validation and scoring are
// @dbi/schema's and @dbi/engine's; nothing here decides a level or checks an answer itself.
import { definitionIssues, EngineError, run as evaluateWith, type Compiled } from '@dbi/engine';
import { contentHash, type Definition } from '@dbi/schema';
import type { Parsed } from './args.js';
import { EXIT, formatIssue, inputError, usageError } from './errors.js';
import { runBatch } from './ndjson.js';
import { writeAll } from './output.js';
import { readJson, sourceName } from './read.js';
import { listRefs, loadRegistry, resolveRef, type Registry } from './registry.js';
import { exportXlsx, importXlsx } from './spreadsheets.js';

/** The classifier `dbi classify` uses unless --with names another. */
export const DEFAULT_CLASSIFIER = 'size@1.0.0';

const out = (text: string) => writeAll(process.stdout, text);
const err = (text: string) => writeAll(process.stderr, text);

const COMMANDS = { score, classify, validate, show, list, 'export-xlsx': exportXlsx, 'import-xlsx': importXlsx };
export type Command = keyof typeof COMMANDS;

export async function run(command: Command, a: Parsed): Promise<number> {
  try {
    return await COMMANDS[command](a);
  } catch (e) {
    // A definition the engine refuses (e.g. a --definition file) is bad input, reported with its pointers.
    if (e instanceof EngineError) throw inputError(e.message, e.issues);
    throw e;
  }
}

const registryFor = (a: Parsed) => loadRegistry(a.options.get('definition') ?? []);

async function score(a: Parsed): Promise<number> {
  const registry = await registryFor(a);
  const compiled = resolveRef(registry, a.positionals[0]!);
  return evaluate(a, compiled, registry, a.positionals[1]);
}

async function classify(a: Parsed): Promise<number> {
  const registry = await registryFor(a);
  const ref = a.options.get('with')?.[0] ?? DEFAULT_CLASSIFIER;
  const compiled = resolveRef(registry, ref);
  if (compiled.kind !== 'classifier') {
    throw usageError(`${ref} is a ${compiled.kind} index, not a classifier (dbi score ${ref} scores with it)`);
  }
  return evaluate(a, compiled, registry, a.positionals[0]);
}

/** One document, or an --ndjson batch; the definition's kind decides which input it takes (the engine's `run`). */
async function evaluate(a: Parsed, compiled: Compiled, registry: Registry, file: string | undefined): Promise<number> {
  const options = { explain: a.flags.has('explain'), resolve: registry.resolve };
  const handle = (input: unknown) => evaluateWith(compiled, input, options);
  if (a.flags.has('ndjson')) {
    if (a.flags.has('pretty')) throw usageError('--pretty cannot be combined with --ndjson (one result per line)');
    const { failed } = await runBatch(file, handle);
    return failed > 0 ? EXIT.input : EXIT.ok;
  }
  const input = await readJson(file, true);
  let result: unknown;
  try {
    result = handle(input);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    throw inputError(
      `${sourceName(file)}: invalid input for ${compiled.stamp.id}@${compiled.stamp.version}${e.issues.length ? '' : `: ${e.message}`}`,
      e.issues,
    );
  }
  await out(JSON.stringify(result, null, a.flags.has('pretty') ? 2 : undefined) + '\n');
  return EXIT.ok;
}

async function validate(a: Parsed): Promise<number> {
  const file = a.positionals[0]!;
  const json = await readJson(file);
  // The engine's check includes the schema's, plus what it needs to run the rules exactly.
  const issues = definitionIssues(json);
  if (issues.length) {
    await out(issues.map(formatIssue).join('\n') + '\n');
    await err(`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n`);
    return EXIT.input;
  }
  const d = json as Definition;
  await out(`valid: ${d.id}@${d.version} ${contentHash(d)}\n`);
  return EXIT.ok;
}

async function show(a: Parsed): Promise<number> {
  const registry = await registryFor(a);
  await out(JSON.stringify(resolveRef(registry, a.positionals[0]!).definition, null, 2) + '\n');
  return EXIT.ok;
}

async function list(a: Parsed): Promise<number> {
  const registry = await registryFor(a);
  const rows = listRefs(registry).map((s) => {
    const def = registry.get(`${s.id}@${s.version}`)!.definition;
    return [`${s.id}@${s.version}`, def.kind, s.hash, def.title.en] as const;
  });
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  await out(rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}  ${r[3]}`).join('\n') + '\n');
  return EXIT.ok;
}
