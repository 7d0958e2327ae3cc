// The batch path: one JSON document per input line, one result per output line, same order, constant memory.
// Input is read chunk by chunk (the loop awaits each chunk, so reading pauses while output drains); results are
// written through a LineWriter. A bad line becomes {"line": N, "error": {...}} on its own line and the batch goes on.
// When stderr is a terminal, progress (lines, lines/s, errors) is redrawn there every 500 ms; piped or redirected,
// stderr stays silent, so scripts see exactly the same output either way.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Issue } from '@dbi/schema';
import { EngineError } from '@dbi/engine';
import { inputError, usageError } from './errors.js';
import { LineWriter } from './output.js';
import { fsReason } from './read.js';
import { locateJsonError } from './json-syntax.js';

/** A line longer than this is reported as an error and skipped, so one runaway line cannot exhaust memory. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export interface BatchSummary {
  lines: number;
  failed: number;
}

/** Scores each line with `handle` (which throws EngineError for bad input); returns the counts. */
export async function runBatch(file: string | undefined, handle: (input: unknown) => unknown): Promise<BatchSummary> {
  const input = await openInput(file);
  const out = new LineWriter(process.stdout);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false; // inside an over-long line, discarding until its newline
  let lineNo = 0;
  let failed = 0;
  const progress = process.stderr.isTTY ? startProgress(process.stderr, () => ({ lines: lineNo, failed })) : undefined;

  const fail = (message: string, issues: Issue[], ref?: unknown): string => {
    failed++;
    const err: Record<string, unknown> = { line: lineNo };
    if (typeof ref === 'string') err.ref = ref;
    err.error = { message, issues };
    return JSON.stringify(err);
  };

  const processLine = (raw: string): boolean => {
    lineNo++;
    let line = raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw;
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1); // a BOM from a Windows editor
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      if (line.trim() === '')
        return out.push(
          fail('empty line', [{ path: '/', code: 'empty-line', message: 'an empty line is not a JSON document' }]),
        );
      const at = locateJsonError(line);
      const message = at
        ? `invalid JSON at column ${at.column}: ${at.reason}`
        : `invalid JSON: ${(e as Error).message}`;
      return out.push(fail(message, [{ path: '/', code: 'json-syntax', message }]));
    }
    try {
      return out.push(JSON.stringify(handle(value)));
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      const ref = value !== null && typeof value === 'object' ? (value as { ref?: unknown }).ref : undefined;
      return out.push(fail(e.message, e.issues, ref));
    }
  };

  const tooLong = () => {
    lineNo++;
    failed++;
    const message = `line is longer than ${MAX_LINE_CHARS} characters`;
    return out.push(
      JSON.stringify({ line: lineNo, error: { message, issues: [{ path: '/', code: 'line-too-long', message }] } }),
    );
  };

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      let start = 0;
      let nl = text.indexOf('\n');
      while (nl !== -1) {
        if (skipping) skipping = false;
        else if (pending === '') processLine(text.slice(start, nl));
        else {
          processLine(pending + text.slice(start, nl));
          pending = '';
        }
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      if (!skipping && start < text.length) {
        pending += text.slice(start);
        if (pending.length > MAX_LINE_CHARS) {
          pending = '';
          skipping = true;
          tooLong();
        }
      }
      await out.flush();
    }
    const rest = pending + decoder.end();
    // A final line without its newline still counts; the newline that ends the last line does not start a new one.
    if (!skipping && rest !== '') processLine(rest);
    await out.flush();
  } finally {
    progress?.stop(); // also when the batch ends early, so an error message starts on its own line
  }
  return { lines: lineNo, failed };
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Redraws one status line on a terminal every 500 ms; `stop` leaves the final counts on it. */
function startProgress(tty: NodeJS.WriteStream, now: () => BatchSummary): { stop(): void } {
  const started = performance.now();
  const line = () => {
    const { lines, failed } = now();
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? lines / seconds : 0;
    return `${count.format(lines)} line${lines === 1 ? '' : 's'}, ${count.format(rate)} lines/s, ${count.format(failed)} error${failed === 1 ? '' : 's'}`;
  };
  // \r and "erase to end of line" redraw in place; the timer never keeps the process alive on its own.
  const timer = setInterval(() => tty.write(`\r${line()}\x1b[K`), 500).unref();
  return {
    stop() {
      clearInterval(timer);
      tty.write(`\r${line()}\x1b[K\n`);
    },
  };
}

async function openInput(file: string | undefined): Promise<Readable> {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw usageError('no input: give a FILE or pipe NDJSON into stdin');
    return process.stdin;
  }
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  // Surface open errors (missing file, directory) before any output, as an input error naming the path.
  await new Promise<void>((resolve, reject) => {
    stream.once('readable', resolve);
    stream.once('error', (e) => reject(inputError(`${file}: cannot read: ${fsReason(e)}`)));
  });
  return stream;
}
