// Buffered, backpressure-aware writing: lines collect into one string and go out in large writes; when the
// stream's buffer is full the batch waits for 'drain', so memory stays flat however many lines go through.
import type { Writable } from 'node:stream';

const FLUSH_AT = 64 * 1024;

export class LineWriter {
  private buffer = '';
  constructor(private readonly out: Writable) {}

  /** Queues one line; true when the caller should `await flush()` before producing more. */
  push(line: string): boolean {
    this.buffer += line + '\n';
    return this.buffer.length >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await drained(this.out);
  }
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: unknown) => {
      out.off('drain', done);
      out.off('error', done);
      out.off('close', closed);
      if (e) reject(e);
      else resolve();
    };
    const closed = () => done(Object.assign(new Error('output closed'), { code: 'EPIPE' }));
    out.on('drain', done);
    out.on('error', done);
    out.on('close', closed);
  });
}

/** Writes a whole text and waits until the stream has taken it. */
export async function writeAll(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await drained(out);
}
