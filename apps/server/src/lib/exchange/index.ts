// Data exchange: any list as CSV or XLSX (`?format=csv|xlsx`), and tables read from CSV/XLSX for imports. The whole
// public API of this folder; routes call it, nothing else:
//   withFormat(query)            the route's querystring schema plus `format` (absent: the route's JSON)
//   listResponse(jsonSchema)     the 200 response documented as JSON, CSV and XLSX
//   sendTable(request, reply, format, table)   sends the table rendered, with its content type and file name
//   readTable(body, format, maxRows)           rows of text cells (header first), for imports
//   Column, Table, Cell                        how a list is described as a table
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TObject, type TProperties } from 'typebox';
import { MEDIA_TYPES, render, type ExportFormat } from './export.js';
import { headerLang } from './table.js';
import type { Table } from './table.js';

export type { Cell, Column, DecimalCell, Lang, Rows, Table, WholeTable } from './table.js';
export { decimalCell, headerLang } from './table.js';
export { MEDIA_TYPES, neutralise, toCsv, toXlsx, type ExportFormat } from './export.js';
export { readTable, TableReadError, type ReadRow } from './read.js';

export const ExportFormatSchema = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], {
  description:
    'csv: UTF-8 with BOM, RFC 4180; xlsx: one worksheet. Headers in Vietnamese, or English when Accept-Language prefers it. Absent: JSON.',
});

export const ExportLangSchema = Type.Union([Type.Literal('vi'), Type.Literal('en')], {
  description: 'The headers’ language of a CSV or XLSX export, over Accept-Language (a web page’s chosen language)',
});

/** A list route's querystring with `format` (and the export's `lang`) added (the route's own fields unchanged). */
export function withFormat<P extends TProperties>(query: TObject<P>) {
  return Type.Object(
    { ...query.properties, format: Type.Optional(ExportFormatSchema), lang: Type.Optional(ExportLangSchema) },
    { additionalProperties: false },
  );
}

/** The 200 response of a list route: its JSON schema, and the same list as CSV or XLSX. */
export function listResponse<S>(json: S) {
  return {
    description: 'The list (JSON), or as CSV or XLSX with ?format=',
    content: {
      'application/json': { schema: json },
      'text/csv': { schema: { type: 'string' } },
      [MEDIA_TYPES.xlsx]: { schema: { type: 'string', contentMediaType: MEDIA_TYPES.xlsx } },
    },
  } as unknown as S;
}

/** Sends the table in the format asked for, as an attachment named after the table. */
export async function sendTable<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  format: ExportFormat,
  table: Table<R>,
): Promise<FastifyReply> {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  const lang = asked === 'vi' || asked === 'en' ? asked : headerLang(request.headers['accept-language']);
  const body = await render(table, format, lang, request.server.exportPool);
  return reply
    .type(MEDIA_TYPES[format])
    .header('content-disposition', `attachment; filename="${table.name}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}
