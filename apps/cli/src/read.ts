// Reading documents: a FILE or stdin, whole (single documents), with clear reasons when that fails.
import { readFile, stat } from 'node:fs/promises';
import { inputError, usageError } from './errors.js';
import { locateJsonError } from './json-syntax.js';

/** Largest single document read whole (batches stream through --ndjson instead). */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** `FILE` or `-`/absent for stdin, as the user will recognise it in messages. */
export const sourceName = (file: string | undefined) => (file === undefined || file === '-' ? '<stdin>' : file);

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent of it is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

/** The reason an fs call failed, without Node's errno decoration. */
export function fsReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  return (code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e));
}

export async function readText(file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw usageError('no input: give a FILE or pipe JSON into stdin');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_DOCUMENT_BYTES)
        throw inputError(`<stdin>: input is larger than ${MAX_DOCUMENT_BYTES} bytes; use --ndjson for batches`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw inputError(`${file}: cannot read: ${fsReason(e)}`);
  }
  if (size > MAX_DOCUMENT_BYTES)
    throw inputError(`${file}: larger than ${MAX_DOCUMENT_BYTES} bytes; use --ndjson for batches`);
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw inputError(`${file}: cannot read: ${fsReason(e)}`);
  }
}

/** Outcome of parsing one JSON text: the value, or a message that says where and why. */
export type Parsed = { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

export function parseJson(text: string): Parsed {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows prepend a BOM
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    let at: ReturnType<typeof locateJsonError>;
    try {
      at = locateJsonError(body);
    } catch {
      at = undefined;
    }
    if (at) return { ok: false, message: at.reason, line: at.line, column: at.column };
    return { ok: false, message: e instanceof Error ? e.message : String(e), line: 1, column: 1 };
  }
}

/**
 * Reads and parses one JSON document; a syntax error names `source:line:column`. With `batchHint`, a second
 * document after the first suggests --ndjson.
 */
export async function readJson(file: string | undefined, batchHint = false): Promise<unknown> {
  const parsed = parseJson(await readText(file));
  if (!parsed.ok) {
    const hint =
      batchHint && parsed.message.endsWith('after the JSON value')
        ? ' (one document expected; for one per line use --ndjson)'
        : '';
    throw inputError(`${sourceName(file)}:${parsed.line}:${parsed.column}: invalid JSON: ${parsed.message}${hint}`);
  }
  return parsed.value;
}
