// The `dbi` command's front: arguments, help, exit codes. It loads the commands (and with them the schema and the
// engine) only once the arguments are known to be right, so usage errors and --help answer at once.
import { readFileSync } from 'node:fs';
import { parseArgs, type Parsed, type Spec } from './args.js';
import { CliError, EXIT, formatIssue, usageError } from './errors.js';
import { COMMANDS, HELP } from './help.js';
import { writeAll } from './output.js';

const out = (text: string) => writeAll(process.stdout, text);
const err = (text: string) => writeAll(process.stderr, text);

const EVALUATE = {
  flags: ['explain', 'pretty', 'ndjson'],
  options: ['definition'],
  repeatable: ['definition'],
} as const;
const DEFINITIONS = { options: ['definition'], repeatable: ['definition'] } as const;

const SPECS: Record<string, Spec> = {
  score: { ...EVALUATE, positionals: ['<index>@<version>', 'FILE?'] },
  classify: { ...EVALUATE, options: ['definition', 'with'], positionals: ['FILE?'] },
  validate: { positionals: ['FILE'] },
  show: { ...DEFINITIONS, positionals: ['<index>@<version>'] },
  list: { ...DEFINITIONS, positionals: [] },
  'export-xlsx': { ...DEFINITIONS, positionals: ['<index>@<version>', 'OUT.xlsx'] },
  'import-xlsx': { positionals: ['FILE.xlsx', 'OUT.json?'] },
};

/** Runs one command; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (e) {
    return report(e);
  }
}

async function dispatch(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    await err(HELP.main + '\n');
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h') return help([]);
  if (command === '--version' || command === '-V') {
    const { ENGINE_VERSION } = await import('@dbi/engine');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    await out(`dbi ${pkg.version} (engine ${ENGINE_VERSION})\n`);
    return EXIT.ok;
  }
  if (command === 'help') return help(rest);
  if (command === 'admin') return admin(rest);
  if (command === 'in-force' || command === 'impact') {
    const { runRevisions } = await import('./revisions.js');
    return runRevisions(command, rest);
  }
  const spec = SPECS[command];
  if (!spec)
    throw usageError(`unknown command ${JSON.stringify(command)}; commands: ${COMMANDS.join(', ')} (see dbi --help)`);
  const dashdash = rest.indexOf('--');
  const options = dashdash === -1 ? rest : rest.slice(0, dashdash);
  if (options.includes('--help') || options.includes('-h')) return help([command]);
  const args: Parsed = parseArgs(command, rest, spec);
  const commands = await import('./commands.js');
  return commands.run(command as import('./commands.js').Command, args);
}

async function help(args: readonly string[]): Promise<number> {
  const topic = args[0] ?? 'main';
  const text = HELP[topic];
  if (text === undefined || args.length > 1)
    throw usageError(`no help for ${JSON.stringify(args.join(' '))}; commands: ${COMMANDS.join(', ')}`);
  await out(text + '\n');
  return EXIT.ok;
}

/** `dbi admin …` lives in admin.ts, loaded only when asked for, so the rest works without it. */
async function admin(args: string[]): Promise<number> {
  const specifier = './admin.js'; // a variable, so the CLI type-checks and runs whether or not admin.ts exists
  let mod: { runAdmin?: (args: string[]) => Promise<number> };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (e) {
    // Absent means admin.js itself is missing; a missing dependency of admin.ts is a real problem, so say which.
    const absent =
      (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' &&
      /Cannot find module '[^']*[\\/]admin\.(js|ts)'/.test(String((e as Error).message));
    await err(`dbi: admin commands are not available${absent ? '' : `: ${(e as Error).message}`}\n`);
    return EXIT.usage;
  }
  if (typeof mod.runAdmin !== 'function') {
    await err('dbi: admin commands are not available\n');
    return EXIT.usage;
  }
  return mod.runAdmin(args);
}

async function report(e: unknown): Promise<number> {
  if (e instanceof CliError) {
    await err(`dbi: ${e.message}\n${e.issues.map((i) => `  ${formatIssue(i)}\n`).join('')}`);
    return e.exitCode;
  }
  if ((e as { code?: string }).code === 'EPIPE') return EXIT.input; // the reader went away; nothing left to say
  const debug = process.env.DBI_DEBUG === '1';
  await err(
    `dbi: internal error: ${e instanceof Error ? e.message : String(e)}${debug && e instanceof Error ? `\n${e.stack}` : ''}\n`,
  );
  return EXIT.internal;
}
