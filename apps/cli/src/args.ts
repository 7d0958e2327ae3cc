// Each command declares its boolean flags and value options; anything else is a usage error. Node's own
// util.parseArgs splits the command line into tokens (`--with X`, `--with=X`, `--`, short groups); the rules on
// top of them, and their messages, are the CLI's.
import { parseArgs as tokenize } from 'node:util';
import { usageError } from './errors.js';

export interface Spec {
  flags?: readonly string[];
  /** Options that take a value (`--with X` or `--with=X`); repeatable ones collect every value. */
  options?: readonly string[];
  repeatable?: readonly string[];
  /** Names of positionals, for messages; `?` marks optional ones (they come last). */
  positionals: readonly string[];
}

export interface Parsed {
  flags: Set<string>;
  options: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(command: string, argv: readonly string[], spec: Spec): Parsed {
  const flags = new Set<string>();
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  const declared = Object.fromEntries([
    ...(spec.flags ?? []).map((f) => [f, { type: 'boolean' as const }]),
    ...(spec.options ?? []).map((o) => [o, { type: 'string' as const, multiple: true }]),
  ]);
  // Not strict: unknown options and misplaced values come back as tokens, so the messages below stay the CLI's.
  const { tokens } = tokenize({
    args: [...argv],
    options: declared,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const t of tokens) {
    if (t.kind === 'positional') {
      positionals.push(t.value);
      continue;
    }
    if (t.kind === 'option-terminator') continue;
    const raw = argv[t.index]!;
    const name = t.name;
    if (!raw.startsWith('--') || !Object.hasOwn(declared, name)) {
      const eq = raw.indexOf('=');
      throw usageError(`unknown option ${eq === -1 ? raw : raw.slice(0, eq)} (see dbi ${command} --help)`);
    }
    if (spec.flags?.includes(name)) {
      if (t.inlineValue) throw usageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    // `--with --ndjson`: the value is missing, not "--ndjson".
    const value = !t.inlineValue && t.value?.startsWith('--') ? undefined : t.value;
    if (value === undefined || value === '') throw usageError(`--${name} needs a value`);
    const list = options.get(name) ?? [];
    if (list.length > 0 && !spec.repeatable?.includes(name)) throw usageError(`--${name} given more than once`);
    list.push(value);
    options.set(name, list);
  }
  const required = spec.positionals.filter((p) => !p.endsWith('?'));
  if (positionals.length < required.length) {
    throw usageError(
      `missing ${required[positionals.length]} (usage: dbi ${command} ${spec.positionals.map((p) => (p.endsWith('?') ? `[${p.slice(0, -1)}]` : p)).join(' ')})`,
    );
  }
  if (positionals.length > spec.positionals.length) {
    throw usageError(`unexpected argument ${JSON.stringify(positionals[spec.positionals.length])}`);
  }
  return { flags, options, positionals };
}
