// `dbi admin …`: API keys for the server, straight on its database file (the server may be running: SQLite's
// WAL and busy timeout let both write safely). Secrets are printed once and stored only as sha256 hashes.
//
//   dbi admin create-key --role <role> [--scope <s>] [--name <n>] [--db <file>]
//   dbi admin list-keys [--db <file>]
//   dbi admin revoke-key <id> [--db <file>]
//   dbi admin create-account --role <role> --email <e> [--name <n>] [--scope <s>] [--db <file>]
//                                              (a person's account: a one-time password, printed once)
//   dbi admin copy --from <db> --to <db>       (SQLite file ↔ postgres:// URL, into an empty database, verified)
//   dbi admin backup --to <file> [--db <file>] (SQLite's online backup; PostgreSQL: pg_dump, see the README)
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { ROLES } from '@dbi/schema';
import {
  backupSqlite,
  createAccount,
  generatePassword,
  copyDatabase,
  CopyError,
  databaseTarget,
  describeTarget,
  issueApiKey,
  keySecretFor,
  openStorage,
  scopeProblem,
  StorageError,
  type Actor,
  type DatabaseTarget,
  type Storage,
} from '@dbi/storage';

export interface AdminIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo: AdminIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
};

export const ADMIN_USAGE = `usage:
  dbi admin create-key --role <role> [--scope <scope>] [--name <name>] [--db <file>]
  dbi admin list-keys [--db <file>]
  dbi admin revoke-key <key-id> [--db <file>]
  dbi admin create-account --role <role> --email <email> [--name <name>] [--scope <scope>] [--db <file>]
  dbi admin copy --from <file|postgres://…> --to <file|postgres://…>
  dbi admin backup --to <new file> [--db <file>]

roles: ${ROLES.join(', ')}
scopes: sector-ministry → index ids, each optionally ending in * (e.g. large-agriculture,agri-*);
        provincial-department → province code; enterprise → tax code; consultant → optional id;
        ministry-editor, ministry-publisher, integrator → none
--db defaults to $DBI_DB, else ./data/dbi.sqlite (the server's default); a postgres:// URL selects PostgreSQL
keys are stored as HMAC-SHA256 under $DBI_KEY_SECRET, else the key-secret file beside the database (the server's)
copy: every row into an empty database (created when new), verified before it commits: each table, every
      published version's hash, the audit log entry for entry
create-account: a person's account (e.g. the first ministry-publisher): prints a one-time password, to be changed
      at the first sign-in; enterprises and consultants register themselves in the web app
backup: a consistent copy of a SQLite database in use (PostgreSQL: pg_dump -Fc, see the README)
`;

class UsageError extends Error {}

interface Parsed {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string>;
}

const FLAGS: Record<string, readonly string[]> = {
  'create-key': ['role', 'scope', 'name', 'db'],
  'list-keys': ['db'],
  'revoke-key': ['db'],
  'create-account': ['role', 'email', 'name', 'scope', 'db'],
  copy: ['from', 'to'],
  backup: ['db', 'to'],
};

function parse(args: readonly string[]): Parsed {
  const [command, ...rest] = args;
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (command && FLAGS[command] && !FLAGS[command]!.includes(name))
        throw new UsageError(`unknown option --${name} for ${command}`);
      if (flags.has(name)) throw new UsageError(`--${name} given twice`);
      flags.set(name, value);
    } else positional.push(a);
  }
  return { command, positional, flags };
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));

function actor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { id: 'cli', name: `dbi admin (${user})` };
}

async function withStorage<T>(target: DatabaseTarget, fn: (s: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(target);
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

/** Runs `dbi admin <args>`; returns the exit code (0 ok, 1 refused input, 2 usage). */
export async function runAdmin(args: string[], io: AdminIo = defaultIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(args);
    if (!parsed.command || parsed.command === 'help' || parsed.command === '--help') {
      io.out(ADMIN_USAGE);
      return parsed.command ? 0 : 2;
    }
    if (!FLAGS[parsed.command]) throw new UsageError(`unknown admin command "${parsed.command}"`);
    const expected = parsed.command === 'revoke-key' ? 1 : 0;
    if (parsed.positional.length !== expected) {
      throw new UsageError(
        expected
          ? 'revoke-key takes exactly one key id (see list-keys)'
          : `unexpected argument "${parsed.positional[0]}"`,
      );
    }
    if (parsed.command === 'create-key' && !parsed.flags.get('role')) throw new UsageError('create-key needs --role');
    if (parsed.command === 'create-account' && (!parsed.flags.get('role') || !parsed.flags.get('email')))
      throw new UsageError('create-account needs --role and --email');
    if (parsed.command === 'copy' && (!parsed.flags.get('from') || !parsed.flags.get('to')))
      throw new UsageError('copy needs --from and --to');
    if (parsed.command === 'backup' && !parsed.flags.get('to')) throw new UsageError('backup needs --to <file>');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`dbi admin: ${err.message}\n${ADMIN_USAGE}`);
    return 2;
  }
  const { command, positional, flags } = parsed;
  let db = flags.get('db') ?? (io.env.DBI_DB || './data/dbi.sqlite');

  try {
    const target = databaseTarget(db);
    db = describeTarget(target);
    if (
      command !== 'create-key' &&
      command !== 'create-account' &&
      command !== 'copy' &&
      target.kind === 'sqlite' &&
      !existsSync(target.file)
    ) {
      io.err(`dbi admin: there is no database at ${db} (start the server once, or pass --db <file>)\n`);
      return 1;
    }
    switch (command) {
      case 'copy': {
        const r = await copyDatabase(flags.get('from')!, flags.get('to')!);
        io.out(`copied ${r.from} → ${r.to}\n`);
        for (const [table, n] of Object.entries(r.tables)) io.out(`  ${pad(table, 22)}${n} rows, identical\n`);
        io.out(
          `  ${r.publishedVersions} published versions hash to their stored hashes, as their audit entries recorded\n`,
        );
        io.out(`  audit log: ${r.auditEntries} entries, sha256 ${r.auditSha256} on both sides\n`);
        return 0;
      }
      case 'backup': {
        if (target.kind !== 'sqlite') {
          io.err(
            'dbi admin: backup is for SQLite; for PostgreSQL use pg_dump -Fc -f dbi.dump <url> (restore: pg_restore -d <url> dbi.dump)\n',
          );
          return 1;
        }
        const to = resolve(flags.get('to')!);
        const r = await backupSqlite(target.file, to);
        io.out(`backed up ${db} → ${to} (${r.pages} pages)\n`);
        return 0;
      }
      case 'create-key': {
        const role = flags.get('role')!;
        const scope = flags.get('scope') ?? null;
        const problem = scopeProblem(role, scope);
        if (problem) {
          io.err(`dbi admin: ${problem}\n`);
          return 1;
        }
        const name = flags.get('name') ?? (scope ? `${role} ${scope}` : role);
        const issued = await withStorage(target, (s) =>
          // Hashed under the same key secret as the server's (DBI_KEY_SECRET, or the key-secret file beside it).
          issueApiKey(
            s,
            { name, role: role as (typeof ROLES)[number], scope },
            actor(),
            keySecretFor(target, io.env.DBI_KEY_SECRET || undefined),
          ),
        );
        io.out(`${issued.key}\n`);
        io.err(
          `created ${issued.info.id} (${issued.info.role}${issued.info.scope ? ` ${issued.info.scope}` : ''}, "${issued.info.name}") in ${db}\n` +
            'the key above is shown once and cannot be recovered; store it now\n',
        );
        return 0;
      }
      case 'create-account': {
        const role = flags.get('role')!;
        if (role === 'enterprise' || role === 'consultant') {
          io.err(`dbi admin: ${role} accounts register themselves (POST /api/v1/auth/register)\n`);
          return 1;
        }
        const scope = flags.get('scope') ?? null;
        const problem = scopeProblem(role, scope);
        if (problem) {
          io.err(`dbi admin: ${problem}\n`);
          return 1;
        }
        const email = flags.get('email')!;
        const password = generatePassword();
        const account = await withStorage(target, (s) =>
          createAccount(
            s,
            {
              email,
              name: flags.get('name') ?? email,
              role: role as (typeof ROLES)[number],
              scope,
              password,
              mustChangePassword: true,
            },
            actor(),
          ),
        );
        io.out(`${password}\n`);
        io.err(
          `created ${account.id} (${account.role}${account.scope ? ` ${account.scope}` : ''}, ${account.email}) in ${db}\n` +
            'the one-time password above is shown once; sign in with it and choose a new password\n',
        );
        return 0;
      }
      case 'list-keys': {
        const keys = await withStorage(target, (s) => s.keys.list());
        const rows = [['ID', 'ROLE', 'SCOPE', 'NAME', 'CREATED', 'REVOKED']].concat(
          keys.map((k) => [k.id, k.role, k.scope ?? '-', k.name, k.createdAt, k.revokedAt ?? '-']),
        );
        const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
        for (const r of rows)
          io.out(`${r.map((cell, c) => (c === r.length - 1 ? cell : pad(cell, widths[c]!))).join('  ')}\n`);
        return 0;
      }
      case 'revoke-key': {
        const info = await withStorage(target, (s) => s.keys.revoke(positional[0]!, actor()));
        io.out(`revoked ${info.id} (${info.role}, "${info.name}") at ${info.revokedAt}\n`);
        return 0;
      }
    }
    return 2;
  } catch (err) {
    if (err instanceof StorageError || err instanceof CopyError) {
      io.err(`dbi admin: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(`dbi admin: ${db}: ${message}\n`);
    return 1;
  }
}
