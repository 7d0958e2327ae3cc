// Usage texts: `dbi --help` and `dbi <command> --help`.
export const COMMANDS = [
  'score',
  'classify',
  'validate',
  'show',
  'list',
  'export-xlsx',
  'import-xlsx',
  'admin',
  'in-force',
  'impact',
  'help',
] as const;

const common = `
Options:
  --definition FILE   also use this definition file (repeatable), e.g. a sector variant; national indices
                      are always available
  --explain           add the trace: which rule decided each level and the values it saw
  --pretty            indent the JSON output (not with --ndjson)
  --ndjson            batch: one JSON document per input line, one result per output line, same order;
                      a bad line gives {"line": N, "error": {"message", "issues"}} and the batch goes on
  -h, --help          this help`;

export const HELP: Record<string, string> = {
  main: `dbi — Digital Business Indicators (Decision 1970/QĐ-BTTTT) on the command line

Usage:
  dbi score <index>@<version> [FILE]   score an enterprise (or a group) from JSON answers
  dbi classify [FILE]                  size of an enterprise and the index it takes (size@1.0.0)
  dbi validate FILE                    check a definition file: shape and meaning
  dbi show <index>@<version>           print a definition
  dbi list                             the available index versions with their content hashes
  dbi export-xlsx <index>@<version> OUT.xlsx   a definition as a workbook laid out like the Decision's tables
  dbi import-xlsx FILE.xlsx [OUT.json]  a workbook back to a definition (a new draft), or each wrong cell
  dbi admin …                          administration commands
  dbi in-force <index> [--date D]      the version in force on a date (server database)
  dbi impact <index>@<version>         impact of a revision on stored assessments (server database)
  dbi help [command]                   help for one command

FILE is a path, or - (or nothing) for stdin. Results are JSON on stdout, one object per line.

Exit codes:
  0  success
  1  bad input: invalid JSON, invalid answers, unknown index version, unreadable file;
     with --ndjson: at least one line failed (every line still gets its output line)
  2  usage: unknown command or option, missing or extra argument, malformed <index>@<version>
  3  internal error (a defect; DBI_DEBUG=1 prints the stack)

Options:
  -h, --help     help (also after a command)
  -V, --version  the version of dbi and of its engine`,

  score: `Usage: dbi score <index>@<version> [FILE] [--explain] [--pretty] [--ndjson] [--definition FILE]…

Scores one input with the named index. The input depends on the index's kind:
  scorecard (sme, large)  {"ref"?: "...", "answers": {"1.1.1": 3, "1.1.2": null, …}}
                          a value is the level chosen for that criterion; null or absent = no data (scores 0,
                          listed in "missing")
  aggregate (group)       {"units": [{"id", "relation", "headcount", "index": "large@1.0.0", "answers"}, …]}
                          one unit has relation "parent"; each unit is scored with the index it names
  classifier (size)       as for dbi classify
Output: one JSON result (index id, version and content hash, engine version, points and levels).
${common}

Examples:
  dbi score sme@1.0.0 answers.json
  dbi score group@1.0.0 --explain < group.json
  dbi score large@1.0.0 --ndjson batch.ndjson > results.ndjson`,

  classify: `Usage: dbi classify [FILE] [--with <index>@<version>] [--explain] [--pretty] [--ndjson] [--definition FILE]…

Classifies an enterprise by size (Appendix IV, after Decree 80/2021/NĐ-CP art. 5) and names the index it takes.
Input:  {"sector": "agriculture-industry-construction" | "trade-services", "employees": 45,
         "revenueVnd": 120000000000, "capitalVnd": 30000000000, "hasSubsidiaries": false}
Output: {"classifier": {"id", "version", "hash"}, "engine", "size": "micro" | "small" | "medium" | "large",
         "index": "sme" | "large" | "group"}

  --with REF          the classifier to use (default size@1.0.0)
${common}`,

  validate: `Usage: dbi validate FILE

Checks a definition file against the schema (shape) and for consistency (ids unique, maxima add up, rules use
allowed operations and only the variables that exist). Prints every problem as
  <json-pointer>: <message> [code]
and exits 1; prints "valid: <id>@<version> <content hash>" and exits 0 otherwise.`,

  show: `Usage: dbi show <index>@<version> [--definition FILE]…

Prints the definition as JSON.`,

  list: `Usage: dbi list [--definition FILE]…

Lists the available index versions: <index>@<version>, kind, content hash (sha256 of the canonical JSON), title.`,

  'export-xlsx': `Usage: dbi export-xlsx <index>@<version> OUT.xlsx [--definition FILE]…

Writes the definition as an XLSX workbook: the index's metadata, its levels, the criteria table (pillar, component,
criterion, Vietnamese and English texts, answer type and options, points, maxima), the level rules in words and as
json-logic, and a hidden sheet with the whole definition for what no table shows. Edit the tables, then
dbi import-xlsx.`,

  'import-xlsx': `Usage: dbi import-xlsx FILE.xlsx [OUT.json]

Reads a workbook written by dbi export-xlsx (and edited) back into a definition: the tables are the source for
everything they show. The definition is checked as dbi validate checks one. Prints the definition as JSON (or
writes OUT.json) and exits 0; otherwise prints every problem as
  <sheet>!<cell>: <reason in English> / <reason in Vietnamese> [code]
and exits 1. Upload the JSON as a draft, or the workbook itself (POST /api/v1/indices/{id}/drafts/import).`,

  admin: `Usage: dbi admin <command> …

Administration commands (the server's store of definitions). See dbi admin --help.`,

  'in-force': `Usage: dbi in-force <index> [--date YYYY-MM-DD] [--db <file or url>]

The version of the index in force on the date (default today) in the server's database: a version enters force on its
instrument's effective date when published and leaves force the day a successor enters force.`,

  impact: `Usage: dbi impact <index>@<version> [--base <version>] [--province <code>] [--size <size>] [--db <file or url>]

Re-scores every stored assessment of the base version (default: the one <version> derives from) under <version>, the
answers carried by its crosswalk, and prints how many enterprises change level (overall, per pillar, by province and
size), the distributions before and after, the criteria not carried and the enterprises that cross a level.`,

  help: `Usage: dbi help [command]`,
};
