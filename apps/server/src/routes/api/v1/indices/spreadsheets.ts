// Index versions as XLSX workbooks laid out like the Decision's tables (@dbi/spreadsheet), both ways: any readable
// version downloads as a workbook; an editor uploads one as a new draft, or gets every problem named by sheet and cell.
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contentHash, type ProblemError } from '@dbi/schema';
import { exportWorkbook, importWorkbook, type CellError } from '@dbi/spreadsheet';
import { canEdit } from '../../../../lib/policy.js';
import { forbidden, HttpProblem, unauthenticated } from '../../../../lib/problems.js';
import { IdParams, problems, SECURITY_KEY, SECURITY_OPTIONAL, VersionParams } from '../../../../lib/schemas.js';
import { writeOut } from '../../../../lib/versions.js';
import { VersionWriteResult } from '@dbi/schema';
import { BODY_LIMIT } from '../../../../app.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const cellErrors = (errors: readonly CellError[]): ProblemError[] =>
  errors.map((e) => ({
    pointer: e.pointer ?? '',
    detail: `${e.sheet}${e.cell ? `!${e.cell}` : ''}: ${e.reason.en}`,
    code: e.code,
    in: 'workbook' as const,
    sheet: e.sheet,
    cell: e.cell,
    reason: e.reason,
  }));

/** Workbooks already built, by content hash (a workbook is a function of the definition alone, and a hash names one
 * definition for ever): building one takes the event loop for a long moment, so the same version is built once,
 * and requests arriving while it is being built share that build. The oldest is dropped beyond `WORKBOOKS_KEPT`. */
const WORKBOOKS_KEPT = 16;

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, registry } = fastify;
  const workbooks = new Map<string, Promise<Buffer>>();
  const workbookOf = (hash: string, definitionJson: string): Promise<Buffer> => {
    let built = workbooks.get(hash);
    if (built) {
      workbooks.delete(hash); // most recently used goes last
    } else {
      built = exportWorkbook(JSON.parse(definitionJson)).then((bytes) => Buffer.from(bytes));
      built.catch(() => workbooks.delete(hash)); // a failure is not remembered
      if (workbooks.size >= WORKBOOKS_KEPT) workbooks.delete(workbooks.keys().next().value!);
    }
    workbooks.set(hash, built);
    return built;
  };

  // Only this plugin (and so only the import route) reads spreadsheet bodies; every other route stays JSON-only.
  fastify.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  fastify.get(
    '/:id/versions/:version.xlsx',
    {
      schema: {
        tags: ['registry'],
        summary: 'One version as an XLSX workbook laid out like the Decision’s tables',
        description:
          'Sheets: index metadata, levels, the criteria table (pillar, component, criterion, texts, answer type, options, ' +
          'points, maxima), the level rules in words and as json-logic, and a hidden copy of the whole definition for what ' +
          'no table shows. Drafts for their editors only, like the JSON.',
        security: SECURITY_OPTIONAL,
        params: VersionParams,
        produces: [XLSX],
        response: {
          200: Type.String({ format: 'binary', description: 'The workbook' }),
          304: Type.Null({ description: 'Not modified: the If-None-Match named this content hash' }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { version } = await registry.version(request.principal, request.params.id, request.params.version);
      const etag = `"${version.hash}"`;
      // Access is checked above; a client that holds this content already is told so without a body.
      if (request.headers['if-none-match'] === etag) return reply.code(304).header('etag', etag).send(null);
      const bytes = await workbookOf(version.hash, version.definitionJson);
      return (
        reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${version.id}-${version.version}.xlsx"`)
          .header('etag', etag)
          // The 200 schema documents a binary body for the OpenAPI document; a Buffer is sent as it is.
          .send(bytes as unknown as string)
      );
    },
  );

  fastify.post(
    '/:id/drafts/import',
    {
      schema: {
        tags: ['registry'],
        summary: 'Import an XLSX workbook as a new draft of this index',
        description:
          `The body is the workbook (\`Content-Type: ${XLSX}\`), laid out as the export writes it. The draft's version ` +
          'is the one in the Index sheet and must not exist yet. The tables are the source for everything they show. ' +
          'The definition is checked as the designer checks a draft; when anything is wrong the answer is 400 and ' +
          'nothing is stored, each error naming its sheet and cell (`in: "workbook"`, `sheet`, `cell`, `reason` in ' +
          'Vietnamese and English, and `pointer` into the definition when the cell holds a field).',
        security: SECURITY_KEY,
        params: IdParams,
        consumes: [XLSX],
        response: { 201: VersionWriteResult, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!request.principal) throw unauthenticated();
      const index = await registry.index(id);
      if (!canEdit(request.principal, index)) throw forbidden(`your key cannot edit index ${id}`);
      if (!Buffer.isBuffer(request.body))
        throw new HttpProblem('unsupported-media-type', `send the workbook as ${XLSX}`);
      const result = await importWorkbook(new Uint8Array(request.body), { id, kind: index.kind });
      if (!result.ok) {
        const first = result.errors[0]!;
        const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
        throw new HttpProblem(
          'invalid-definition',
          `the workbook has ${result.errors.length} problem(s); nothing was stored — ${first.sheet}${first.cell ? `!${first.cell}` : ''}: ${first.reason.en}${more}`,
          cellErrors(result.errors),
        );
      }
      const definition = result.definition;
      const derivedFrom = definition.derivedFrom ?? null;
      const created = await storage.indices.createDraft(
        {
          id,
          version: definition.version,
          definitionJson: JSON.stringify(definition),
          hash: contentHash(definition),
          derivedFrom,
        },
        request.principal,
      );
      reply
        .code(201)
        .header('location', `/api/v1/indices/${id}/versions/${definition.version}`)
        .header('etag', `"${created.hash}"`);
      return writeOut(created);
    },
  );
};

export default routes;
