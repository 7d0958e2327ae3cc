// dbi export-xlsx / dbi import-xlsx: index definitions as workbooks laid out like the Decision's tables. Reading and
// writing the workbook is @dbi/spreadsheet's, checking the definition @dbi/engine's; this file only moves bytes.
import { readFile, writeFile } from 'node:fs/promises';
import type { Parsed } from './args.js';
import { EXIT, inputError } from './errors.js';
import { writeAll } from './output.js';
import { fsReason } from './read.js';
import { loadRegistry, resolveRef } from './registry.js';

export async function exportXlsx(a: Parsed): Promise<number> {
  const registry = await loadRegistry(a.options.get('definition') ?? []);
  const compiled = resolveRef(registry, a.positionals[0]!);
  const out = a.positionals[1]!;
  const { exportWorkbook } = await import('@dbi/spreadsheet');
  const bytes = await exportWorkbook(compiled.definition);
  try {
    await writeFile(out, bytes);
  } catch (e) {
    throw inputError(`${out}: cannot write: ${fsReason(e)}`);
  }
  await writeAll(process.stderr, `wrote ${out} (${compiled.stamp.id}@${compiled.stamp.version})\n`);
  return EXIT.ok;
}

export async function importXlsx(a: Parsed): Promise<number> {
  const file = a.positionals[0]!;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw inputError(`${file}: cannot read: ${fsReason(e)}`);
  }
  const { importWorkbook } = await import('@dbi/spreadsheet');
  const result = await importWorkbook(new Uint8Array(bytes));
  if (!result.ok) {
    // One line per cell: where, then the reason in English and Vietnamese.
    throw inputError(
      `${file}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}, by sheet and cell`,
      result.errors.map((e) => ({
        path: `${e.sheet}${e.cell ? `!${e.cell}` : ''}`,
        message: `${e.reason.en} / ${e.reason.vi}`,
        code: e.code,
      })),
    );
  }
  const json = JSON.stringify(result.definition, null, 2) + '\n';
  const out = a.positionals[1];
  if (out === undefined || out === '-') await writeAll(process.stdout, json);
  else
    try {
      await writeFile(out, json);
    } catch (e) {
      throw inputError(`${out}: cannot write: ${fsReason(e)}`);
    }
  return EXIT.ok;
}
