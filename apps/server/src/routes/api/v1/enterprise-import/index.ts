// POST /api/v1/enterprises/import: an enterprise list from CSV or XLSX, all rows or none. Its own plugin (mounted
// under /api/v1/enterprises) so the CSV and XLSX body parsers exist for this route only: every other route still
// takes JSON alone.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EnterpriseImportReport } from '@dbi/schema';
import { StorageError } from '@dbi/storage';
import { checkEnterpriseRows } from '../../../../lib/assessments/enterprise-import.js';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { isMinistry } from '../../../../lib/assessments/policy.js';
import { MEDIA_TYPES, readTable, TableReadError, type ExportFormat } from '../../../../lib/exchange/index.js';
import { conflict, HttpProblem } from '../../../../lib/problems.js';
import { problems, ref, SECURITY_KEY } from '../../../../lib/schemas.js';

export const prefixOverride = '/api/v1/enterprises';

/** A file over this many bytes is refused (413) before it is read. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** A file with more data rows than this is refused (413): import a longer list in parts. */
export const IMPORT_MAX_ROWS = 10_000;

const XLSX = MEDIA_TYPES.xlsx;

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, assessments: service } = fastify;
  fastify.addContentTypeParser(
    ['text/csv', XLSX],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_r, body, done) => done(null, body),
  );

  fastify.post(
    '/import',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['assessments'],
        summary: 'Import an enterprise list from CSV or XLSX (all rows or none)',
        description:
          'Ministry roles, or a provincial department for enterprises of its province. The body is the file: ' +
          '`text/csv` (UTF-8, header row first) or XLSX (first worksheet). Headers are the columns of ' +
          '`GET /enterprises?format=csv|xlsx` in Vietnamese or English, or their keys (taxCode, name, province, sector, ' +
          'employees, revenueVnd, capitalVnd, hasSubsidiaries); the export’s derived columns are skipped. Every row is ' +
          'checked exactly as one registration (POST /enterprises) and classified; a tax code registered already or ' +
          'listed twice is a problem of its row. Any problem: nothing is imported, 400 with one error per problem ' +
          '(pointer `/<row>/<column>`, row 1 = the header). `?dryRun=true`: nothing is stored, 200 with the report ' +
          `(problems in Vietnamese and English). At most ${IMPORT_MAX_BYTES} bytes and ${IMPORT_MAX_ROWS} rows (413).`,
        security: SECURITY_KEY,
        querystring: Type.Object(
          { dryRun: Type.Optional(Type.Boolean({ description: 'Check and report, store nothing' })) },
          { additionalProperties: false },
        ),
        response: {
          200: ref(EnterpriseImportReport),
          201: ref(EnterpriseImportReport),
          ...problems(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      allow(
        isMinistry(p) || (p.role === 'provincial-department' && p.scope !== null),
        p,
        'import enterprise lists (ministry roles, provincial departments)',
      );
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format: ExportFormat | undefined = type === 'text/csv' ? 'csv' : type === XLSX ? 'xlsx' : undefined;
      if (!format || !Buffer.isBuffer(request.body))
        throw new HttpProblem('unsupported-media-type', `send the list as text/csv or ${XLSX}`);
      let table;
      try {
        table = await readTable(request.body, format, IMPORT_MAX_ROWS);
      } catch (err) {
        if (!(err instanceof TableReadError)) throw err;
        throw new HttpProblem('invalid-input', err.message, [
          { pointer: '', detail: err.message, code: 'unreadable', in: 'body' },
        ]);
      }
      if (table.length - 1 > IMPORT_MAX_ROWS)
        throw new HttpProblem('too-large', `the list has more than ${IMPORT_MAX_ROWS} rows; import it in parts`, [
          { pointer: '', detail: `at most ${IMPORT_MAX_ROWS} rows`, code: 'limit-import-rows', in: 'body' },
        ]);
      const checked = await checkEnterpriseRows(
        table,
        p,
        (body) => service.newEnterprise(body),
        async (taxCode) => (await storage.enterprises.get(taxCode)) !== undefined,
      );
      const dryRun = request.query.dryRun === true;
      const report = (imported: boolean) => ({
        dryRun,
        imported,
        rows: checked.rows,
        valid: checked.enterprises.length,
        enterprises: checked.enterprises.map(({ row, enterprise: e }) => ({
          row,
          taxCode: e.taxCode,
          size: e.classification.size,
          index: e.classification.index,
        })),
        problems: checked.problems,
      });
      if (dryRun) return report(false);
      if (checked.problems.length) {
        const first = checked.problems[0]!;
        throw new HttpProblem(
          'invalid-input',
          `${checked.problems.length} problem(s) in the list, nothing was imported; first: row ${first.row}: ${first.reason.en}`,
          checked.problems.map((x) => ({
            pointer: `/${x.row}${x.column ? `/${x.column}` : ''}`,
            detail: `${x.reason.en} — ${x.reason.vi}`,
            code: x.code,
            in: 'body',
          })),
        );
      }
      try {
        await storage.enterprises.createMany(
          checked.enterprises.map((x) => x.enterprise),
          p,
        );
      } catch (err) {
        // Registered by someone else between the check and the write: still nothing imported.
        if (err instanceof StorageError && err.code === 'conflict')
          throw conflict(`${err.message}; nothing was imported`);
        throw err;
      }
      reply.code(201);
      return report(true);
    },
  );
};

export default routes;
