// Every failure the CLI reports on purpose is a CliError: a message for stderr (no stack) and an exit code.
import type { Issue } from '@dbi/schema';

export const EXIT = {
  ok: 0,
  /** Bad input: invalid JSON, invalid answers, unknown index version, unreadable file, failed batch lines. */
  input: 1,
  /** Usage: unknown command or flag, missing or extra argument, malformed index reference. */
  usage: 2,
  /** A defect in the product itself (never expected); DBI_DEBUG=1 prints the stack. */
  internal: 3,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** Problems with their JSON pointers, printed one a line below the message. */
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
export const inputError = (message: string, issues: readonly Issue[] = []) => new CliError(message, EXIT.input, issues);

/** `<json-pointer>: <message> [code]` — the one format every issue is printed in. */
export const formatIssue = (i: Issue) => `${i.path}: ${i.message} [${i.code}]`;
