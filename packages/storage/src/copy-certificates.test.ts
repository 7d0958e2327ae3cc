// `dbi admin copy` and certificates: a superseded certificate is copied with its supersession (a reference to a later
// certificate, checked when the copy ends), and numbering continues on the target after the copied numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { definitionIssues } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type GroupResult, type ScoreResult } from '@dbi/schema';
import { testDatabase, type TestDatabase } from '../test/backend.js';
import type { Actor } from './common.js';
import { copyDatabase } from './copy.js';
import { importNationalIndices } from './national.js';
import { openSqliteStorage, type Storage } from './storage.js';

const actor: Actor = { id: 'key_x', name: 'someone' };
const def = (id: string) => nationalIndices.find((d) => d.id === id)!;
const stamp = (id: string) => ({ id, version: def(id).version, hash: contentHash(def(id)) });
const column = (level: number) => ({
  answers: { '1.1.1': level },
  evidence: {},
  result: {
    index: stamp('sme'),
    engine: '1.0.0',
    total: 64 * level,
    max: 320,
    level,
    pillars: [],
    missing: [],
  } as unknown as ScoreResult,
  from: null,
});
const rescore = () => ({ level: 2 }) as unknown as GroupResult;

let dir: string;
let target: TestDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-copy-certs-'));
  target = await testDatabase();
});
afterEach(async () => {
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function appraised(s: Storage) {
  const a = await s.assessments.create({ taxCode: '0100000001', index: stamp('sme') }, actor);
  await s.assessments.writeColumn(a.id, 'self', column(3), actor, rescore);
  await s.assessments.transition(a.id, { from: 'draft', to: 'submitted' }, actor);
  await s.assessments.writeColumn(a.id, 'department', column(3), actor, rescore);
  await s.assessments.transition(a.id, { from: 'submitted', to: 'reviewed', reviewedAs: 'department' }, actor);
  await s.assessments.writeColumn(a.id, 'ministry', column(3), actor, rescore);
  return s.assessments.transition(a.id, { from: 'reviewed', to: 'appraised' }, actor);
}

it('copies supersession and continues each year’s numbering after the copied certificates', async () => {
  const source = join(dir, 'source.sqlite');
  const s = openSqliteStorage(source);
  await importNationalIndices(s, nationalIndices, definitionIssues);
  await s.enterprises.create(
    {
      taxCode: '0100000001',
      name: 'Công ty',
      province: '01',
      sector: 'trade-services',
      employees: 8,
      revenueVnd: 1,
      capitalVnd: null,
      hasSubsidiaries: false,
      classification: { size: 'micro', index: 'sme', classifier: stamp('size') },
    },
    actor,
  );
  const first = (await s.assessments.certify((await appraised(s)).id, '2025-01-02', actor)).certificate;
  const second = (await s.assessments.certify((await appraised(s)).id, '2025-02-03', actor)).certificate;
  const waiting = await appraised(s);
  await s.close();

  const report = await copyDatabase(source, target.target);
  expect(report.tables.certificates).toBe(2);
  const copied = await target.open();
  expect((await copied.certificates.get(first.number))!.supersededBy).toBe(second.number);
  const third = await copied.assessments.certify(waiting.id, '2025-03-04', actor);
  expect([first.number, second.number, third.certificate.number]).toEqual([
    'DBI-2025-000001',
    'DBI-2025-000002',
    'DBI-2025-000003',
  ]);
  expect((await copied.certificates.get(second.number))!.supersededBy).toBe('DBI-2025-000003');
  await copied.close();
});
