// The export worker (lib/exchange/export.ts): writes a large CSV or XLSX off the event loop with the same writers as
// the in-process path, so the bytes are the same either way (tested in exchange.test.ts).
import { setPriority } from 'node:os';
import { Piscina } from 'piscina';
import { csvOf, xlsxOf, type RenderTask } from './export.js';
import type { Cell } from './table.js';

// An export yields to the event loop's thread: a thread's nice value is its own on Linux (see lib/scoring/worker.ts).
try {
  setPriority(10);
} catch {
  // not permitted or not supported here
}

export default async function renderTask(task: RenderTask): Promise<Uint8Array> {
  const rows = task.chunks.flatMap((c) => JSON.parse(c) as Cell[][]);
  const sheet = { name: task.name, headers: task.headers, rows };
  const buf = task.format === 'csv' ? csvOf(sheet) : await xlsxOf(sheet);
  // A fresh buffer of its own (not a view of Node's shared pool), moved to the caller rather than copied.
  const own = new Uint8Array(buf.byteLength);
  own.set(buf);
  return Piscina.move(own) as unknown as Uint8Array;
}
