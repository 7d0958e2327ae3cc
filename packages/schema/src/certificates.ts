// Shapes of the certificate verification and of data exchange (enterprise import), named: the API registers them
// once under their $id, so the OpenAPI document lists them as components.
import { Type, type Static } from 'typebox';
import { IsoDate, NodeId, Text } from './definition.js';
import { IndexStamp } from './io.js';
import { TaxCode } from './assessment.js';

const CertificateState = Type.Union(
  [Type.Literal('valid'), Type.Literal('expired'), Type.Literal('superseded'), Type.Literal('revoked')],
  {
    description: 'valid: stands today; expired: past its last valid day; superseded: a newer one replaced it; revoked',
  },
);

/** What anyone may check about a certificate, without a key: nothing the certificate itself does not print. */
export const CertificateCheck = Type.Object(
  {
    number: Type.String(),
    state: CertificateState,
    valid: Type.Boolean({ description: 'state = valid' }),
    enterprise: Type.Object({ taxCode: TaxCode, name: Type.String() }, { additionalProperties: false }),
    level: Type.Object(
      { level: Type.Integer(), name: Text, total: Type.Integer(), max: Type.Integer() },
      { additionalProperties: false, description: 'Overall level (ministry column) and its name in the index' },
    ),
    pillars: Type.Array(
      Type.Object(
        { id: NodeId, name: Text, level: Type.Integer(), levelName: Text, points: Type.Integer(), max: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
    index: Type.Object(
      {
        id: IndexStamp.properties.id,
        version: IndexStamp.properties.version,
        hash: IndexStamp.properties.hash,
        title: Text,
      },
      { additionalProperties: false, description: 'The exact index version scored, with its content hash' },
    ),
    issuedOn: IsoDate,
    validUntil: Type.Union([IsoDate, Type.Null()], { description: 'Last valid day; null: none stated' }),
    issuer: Text,
    supersededBy: Type.Union([Type.String(), Type.Null()], { description: 'The newer certificate that replaced it' }),
    supersededOn: Type.Union([IsoDate, Type.Null()]),
    revokedOn: Type.Union([IsoDate, Type.Null()]),
    revocationReason: Type.Union([Type.String(), Type.Null()]),
    pdf: Type.String({ description: 'Path of the PDF (the enterprise, its provincial department and the Ministry)' }),
  },
  { $id: 'CertificateCheck', additionalProperties: false },
);
export type CertificateCheck = Static<typeof CertificateCheck>;

const ImportProblem = Type.Object(
  {
    row: Type.Integer({ description: 'Row in the file (the header is row 1)' }),
    column: Type.Union([Type.String(), Type.Null()], { description: 'Column key (taxCode, name, …); null: the row' }),
    code: Type.String(),
    reason: Text,
  },
  { additionalProperties: false },
);

/** The answer to an enterprise import: every problem, row by row; nothing is imported unless there is none. */
export const EnterpriseImportReport = Type.Object(
  {
    dryRun: Type.Boolean(),
    imported: Type.Boolean({
      description: 'true only when every row was valid and the list was stored (not a dry run)',
    }),
    rows: Type.Integer({ description: 'Data rows read (header excluded)' }),
    valid: Type.Integer({ description: 'Rows without a problem' }),
    enterprises: Type.Array(
      Type.Object(
        { row: Type.Integer(), taxCode: Type.String(), size: Type.String(), index: Type.String() },
        { additionalProperties: false },
      ),
      { description: 'The enterprises imported (or, on a dry run, that would be), with their classification' },
    ),
    problems: Type.Array(ImportProblem),
  },
  { $id: 'EnterpriseImportReport', additionalProperties: false },
);
export type EnterpriseImportReport = Static<typeof EnterpriseImportReport>;
