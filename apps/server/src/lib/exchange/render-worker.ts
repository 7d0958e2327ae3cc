// The export worker (lib/exchange/export.ts): writes a large CSV or XLSX off the event loop with the same writers as
// the in-process path, so the bytes are the same either way (tested in exchange.test.ts).
import { lowerThreadPriority, movedBytes } from '../workers.js';
import { csvOf, xlsxOf, type RenderTask } from './export.js';
import type { Cell } from './table.js';

lowerThreadPriority();

export default async function renderTask(task: RenderTask): Promise<Uint8Array> {
  const rows = task.chunks.flatMap((c) => JSON.parse(c) as Cell[][]);
  const sheet = { name: task.name, headers: task.headers, rows };
  return movedBytes(task.format === 'csv' ? csvOf(sheet) : await xlsxOf(sheet));
}
