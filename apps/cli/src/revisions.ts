// `dbi in-force` and `dbi impact`: the registry's dates in force and a revision's impact analysis, read straight from
// the server's database (like `dbi admin`). The answers are storage's (`revisions`) and the engine's (`impact`); this
// file parses arguments and prints.
//
//   dbi in-force <index> [--date YYYY-MM-DD] [--db <file or url>]
//   dbi impact <index>@<version> [--base <version>] [--province <p>] [--size <s>] [--db <file or url>]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compile, definitionIssues, impact, type CompiledScorecard } from '@dbi/engine';
import { isIsoDate, parseIndexRef, type Definition, type ScoreAnswers } from '@dbi/schema';
import { databaseTarget, describeTarget, openStorage } from '@dbi/storage';

export interface RevisionsIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}
const defaultIo: RevisionsIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
};

export const REVISIONS_USAGE = `usage:
  dbi in-force <index> [--date YYYY-MM-DD] [--db <file or url>]
      the version of <index> in force on the date (default today), with its instrument and dates
  dbi impact <index>@<version> [--base <version>] [--province <code>] [--size <size>] [--db <file or url>]
      every stored assessment of the base (default: the version <version> derives from) re-scored under <version>
--db defaults to $DBI_DB, else ./data/dbi.sqlite; exit 0 ok, 1 refused (nothing in force, unknown version), 2 usage
`;

class Usage extends Error {}

/** Runs `dbi in-force …` or `dbi impact …`; returns the exit code. */
export async function runRevisions(command: 'in-force' | 'impact', args: string[], io: RevisionsIo = defaultIo) {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        date: { type: 'string' },
        base: { type: 'string' },
        province: { type: 'string' },
        size: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
    if (values.help) {
      io.out(REVISIONS_USAGE);
      return 0;
    }
    if (positionals.length !== 1)
      throw new Usage(`${command} takes exactly one ${command === 'impact' ? 'index@version' : 'index id'}`);
    const allowed = command === 'in-force' ? ['db', 'date'] : ['db', 'base', 'province', 'size'];
    const extra = Object.keys(values).find((k) => values[k] !== undefined && !allowed.includes(k));
    if (extra) throw new Usage(`unknown option --${extra} for ${command}`);
    if (typeof values.date === 'string' && !isIsoDate(values.date))
      throw new Usage(`--date must be a day written YYYY-MM-DD, e.g. 2021-12-13 (got "${values.date}")`);
    if (command === 'impact' && !parseIndexRef(positionals[0]!))
      throw new Usage(`"${positionals[0]}" is not index@version, e.g. sme@1.1.0`);
  } catch (e) {
    if (!(e instanceof Usage) && !(e instanceof TypeError)) throw e;
    io.err(`dbi ${command}: ${(e as Error).message}\n${REVISIONS_USAGE}`);
    return 2;
  }
  const target = databaseTarget(String(values.db ?? (io.env.DBI_DB || './data/dbi.sqlite')));
  if (target.kind === 'sqlite' && !existsSync(target.file)) {
    io.err(`dbi ${command}: there is no database at ${describeTarget(target)} (start the server once, or pass --db)\n`);
    return 1;
  }
  const storage = await openStorage(target);
  try {
    if (command === 'in-force') {
      const id = positionals[0]!;
      const date = (values.date as string | undefined) ?? new Date().toISOString().slice(0, 10);
      const f = await storage.revisions.inForce(id, date);
      if (!f) {
        io.err(`dbi in-force: no version of ${id} was in force on ${date}\n`);
        return 1;
      }
      io.out(
        JSON.stringify({
          index: f.index,
          version: f.version,
          hash: f.hash,
          instrument: f.instrument,
          enteredOn: f.enteredOn,
          leftOn: f.leftOn,
        }) + '\n',
      );
      return 0;
    }
    const ref = parseIndexRef(positionals[0]!)!;
    const load = async (version: string) => {
      const v = await storage.indices.getVersion(ref.id, version);
      if (!v) return undefined;
      const def = JSON.parse(v.definitionJson) as Definition;
      if (definitionIssues(def).length || def.kind !== 'scorecard') return undefined;
      return { compiled: compile(def) as CompiledScorecard, status: v.status };
    };
    const draft = await load(ref.version);
    if (!draft) {
      io.err(`dbi impact: ${positionals[0]} is not a stored, valid scorecard version\n`);
      return 1;
    }
    const baseVersion =
      (values.base as string | undefined) ??
      (draft.compiled.definition.derivedFrom && parseIndexRef(draft.compiled.definition.derivedFrom)?.version);
    const base = baseVersion ? await load(baseVersion) : undefined;
    if (!base || base.status === 'draft') {
      io.err(`dbi impact: name a published base version with --base (${baseVersion ?? 'none'} is not one)\n`);
      return 1;
    }
    const filter = {
      ...(values.province !== undefined ? { province: String(values.province) } : {}),
      ...(values.size !== undefined ? { size: String(values.size) } : {}),
    };
    const rows = await storage.revisions.impactRows(base.compiled.stamp, filter);
    const report = impact(
      base.compiled,
      draft.compiled,
      rows.map((r) => ({ ...r, answers: r.answers as ScoreAnswers })),
    );
    io.out(JSON.stringify({ ...report, filter }, null, 2) + '\n');
    return 0;
  } finally {
    await storage.close();
  }
}
