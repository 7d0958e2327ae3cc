// A small argv parser: each command declares its boolean flags and value options; anything else is a usage error.
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
  const known = new Set([...(spec.flags ?? []), ...(spec.options ?? [])]);
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (onlyPositionals || a === '-' || !a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    if (a === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = (eq === -1 ? a : a.slice(0, eq)).replace(/^--?/, '');
    if (!a.startsWith('--') || !known.has(name))
      throw usageError(`unknown option ${eq === -1 ? a : a.slice(0, eq)} (see dbi ${command} --help)`);
    if (spec.flags?.includes(name)) {
      if (eq !== -1) throw usageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = a.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value?.startsWith('--')) value = undefined; // `--with --ndjson`: the value is missing, not "--ndjson"
      i++;
    }
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
