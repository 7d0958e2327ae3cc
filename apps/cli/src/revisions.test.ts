// `dbi in-force` and `dbi impact` on a real SQLite database with the national indices imported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionIssues, score, compile, type CompiledScorecard } from '@dbi/engine';
import { bundledIndices } from '@dbi/indices';
import { contentHash, type ScorecardDefinition } from '@dbi/schema';
import { importNationalIndices, openSqliteStorage } from '@dbi/storage';
import { runRevisions } from './revisions.js';

let dir: string;
let db: string;
const sme = bundledIndices.find((d) => d.id === 'sme')! as ScorecardDefinition;
const actor = { id: 't', name: 'test' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-cli-rev-'));
  db = join(dir, 'dbi.sqlite');
  const s = openSqliteStorage(db);
  await importNationalIndices(s, bundledIndices, definitionIssues);
  // A draft sme@1.1.0 whose only change is 2.1.1 weighing nothing: pillar 2 and the total lose 5 × its answer.
  const d = structuredClone(sme);
  d.version = '1.1.0';
  d.derivedFrom = 'sme@1.0.0';
  const k = d.pillars[1]!.components![0]!.criteria[0] as { weight: number };
  k.weight = 0;
  d.pillars[1]!.max = 0;
  d.pillars[1]!.components![0]!.max = 0;
  d.max = 295;
  expect(definitionIssues(d)).toEqual([]);
  await s.indices.createDraft(
    { id: 'sme', version: '1.1.0', definitionJson: JSON.stringify(d), hash: contentHash(d), derivedFrom: 'sme@1.0.0' },
    actor,
  );
  const classifier = { id: 'size', version: '1.0.0', hash: contentHash(bundledIndices.find((x) => x.id === 'size')!) };
  await s.enterprises.create(
    {
      taxCode: '0100000001',
      name: 'A',
      province: '01',
      sector: 'trade-services',
      employees: 5,
      revenueVnd: null,
      capitalVnd: null,
      hasSubsidiaries: false,
      classification: { size: 'micro', index: 'sme', classifier },
    },
    actor,
  );
  const SME = { id: 'sme', version: '1.0.0', hash: contentHash(sme) };
  const a = await s.assessments.create({ taxCode: '0100000001', index: SME }, actor);
  const answers = Object.fromEntries(
    sme.pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria.map((x) => [x.id, 5]))),
  );
  const result = score(compile(sme) as CompiledScorecard, { answers });
  await s.assessments.writeColumn(a.id, 'self', { answers, evidence: {}, result, from: null }, actor, () => {
    throw new Error('no groups');
  });
  await s.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = () => {
  const io = { o: '', e: '', out: (t: string) => void (io.o += t), err: (t: string) => void (io.e += t), env: {} };
  return io;
};

describe('dbi in-force', () => {
  it('answers at the instrument date and refuses the day before', async () => {
    const io = capture();
    expect(await runRevisions('in-force', ['size', '--date', '2021-12-13', '--db', db], io)).toBe(0);
    expect(JSON.parse(io.o)).toMatchObject({
      index: 'size',
      version: '1.0.0',
      instrument: '1970/QĐ-BTTTT',
      enteredOn: '2021-12-13',
      leftOn: null,
    });
    const before = capture();
    expect(await runRevisions('in-force', ['size', '--date', '2021-12-12', '--db', db], before)).toBe(1);
    expect(before.e).toBe('dbi in-force: no version of size was in force on 2021-12-12\n');
    const bad = capture();
    expect(await runRevisions('in-force', ['size', '--date', '2021-02-30', '--db', db], bad)).toBe(2);
    expect(bad.e).toMatch(/--date must be a day written YYYY-MM-DD/);
  });
});

describe('dbi impact', () => {
  it('reports the one stored assessment: all at level 5 before; pillar 2 (now weighing nothing) leaves level 5, so level 4 overall', async () => {
    const io = capture();
    expect(await runRevisions('impact', ['sme@1.1.0', '--db', db], io)).toBe(0);
    const r = JSON.parse(io.o);
    expect(r.assessments).toBe(1);
    expect(r.overall).toMatchObject({ down: 1, up: 0 });
    expect(r.crossings).toEqual([expect.objectContaining({ taxCode: '0100000001', before: 5, after: 4 })]);
    expect(r.pillars.find((p: { id: string }) => p.id === '2')).toMatchObject({ down: 1 });
    const none = capture();
    expect(await runRevisions('impact', ['sme@1.1.0', '--province', '79', '--db', db], none)).toBe(0);
    expect(JSON.parse(none.o).assessments).toBe(0);
    const usage = capture();
    expect(await runRevisions('impact', ['sme', '--db', db], usage)).toBe(2);
  });
});
