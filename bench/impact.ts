// Issue 11, item 1: impact analysis of a revision of sme@1.0.0 over 100,000 stored assessments, end to end as the
// API and `dbi impact` run it: read every assessment pinned to the base with its effective column from SQLite
// (storage.revisions.impactRows), then carry and re-score each under the revision (@dbi/engine's impact).
//
//   node --conditions=@dbi/source --import tsx bench/impact.ts [assessments=100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, definitionIssues, impact, type CompiledScorecard } from '@dbi/engine';
import { bundledIndices } from '@dbi/indices';
import { contentHash, type LevelCriterion, type ScoreAnswers, type ScorecardDefinition } from '@dbi/schema';
import { importNationalIndices, openSqliteStorage } from '@dbi/storage';

const N = Number(process.argv[2] ?? 100_000);
const sme = bundledIndices.find((d) => d.id === 'sme')! as ScorecardDefinition;
const revision = structuredClone(sme);
revision.version = '1.1.0';
revision.derivedFrom = 'sme@1.0.0';
revision.rules.overall.find((r) => r.level === 3)!.when = {
  and: [{ '>': [{ var: 'total' }, 140] }, { '>=': [{ var: 'atLeast.3' }, 4] }],
};
const c12 = revision.pillars[0]!.components!.find((c) => c.id === '1.2')!;
c12.criteria = [
  ...c12.criteria.filter((k) => k.id !== '1.2.4'),
  { id: '1.2.5', text: { vi: 'Mới', en: 'New' }, weight: 1 } as LevelCriterion,
];

const dir = mkdtempSync(join(tmpdir(), 'dbi-bench-impact-'));
try {
  const s = openSqliteStorage(join(dir, 'dbi.sqlite'));
  await importNationalIndices(s, bundledIndices, definitionIssues);
  const H = contentHash(sme);
  const classifier = contentHash(bundledIndices.find((d) => d.id === 'size')!);
  const ids = sme.pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria.map((k) => k.id)));
  let seed = 0x1970;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  // Rows written straight in one transaction (the repositories' one-write-per-transaction path would measure the
  // set-up, not the analysis); the triggers of migrations 0002 and 0003 still check every row.
  const t0 = performance.now();
  const T = new Date().toISOString();
  const ent = s.db
    .prepare(`INSERT INTO enterprises (tax_code, name, province, sector, employees, revenue_vnd, capital_vnd,
    has_subsidiaries, size, classified_index, classifier_id, classifier_version, classifier_hash, created_at, created_by,
    updated_at, updated_by) VALUES (?, ?, ?, 'trade-services', 5, NULL, NULL, 0, ?, 'sme', 'size', '1.0.0', ?, ?, 'b', ?, 'b')`);
  const asm = s.db
    .prepare(`INSERT INTO assessments (id, tax_code, index_id, index_version, index_hash, status, created_at,
    created_by, updated_at, updated_by) VALUES (?, ?, 'sme', '1.0.0', ?, 'draft', ?, 'b', ?, 'b')`);
  const col = s.db
    .prepare(`INSERT INTO assessment_columns (assessment_id, col, answers, evidence, result, level, updated_at,
    updated_by) VALUES (?, 'self', ?, '{}', '{}', 0, ?, 'b')`);
  s.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const tax = String(100_000_000 + i).padStart(10, '0');
      ent.run(
        tax,
        `Company ${i}`,
        ['01', '79', '48', '31'][i % 4],
        ['micro', 'small', 'medium'][i % 3],
        classifier,
        T,
        T,
      );
      asm.run(`asm_${String(i).padStart(8, '0')}`, tax, H, T, T);
      const centre = 1 + rand() * 3;
      const answers: Record<string, number> = {};
      for (const id of ids) answers[id] = Math.max(0, Math.min(5, Math.round(centre + (rand() - 0.5) * 3)));
      col.run(`asm_${String(i).padStart(8, '0')}`, JSON.stringify(answers), T);
    }
  })();
  const setup = performance.now() - t0;
  const base = compile(sme) as CompiledScorecard;
  const draft = compile(revision) as CompiledScorecard;
  // Wall time and this process's CPU time (user + system, V8's GC threads included): the machine is shared, so
  // wall time also counts the time other jobs held the cores.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const runs: Array<{ read: number; analyse: number; readCpu: number; analyseCpu: number }> = [];
  let report;
  for (let r = 0; r < 3; r++) {
    const [a, ac] = [performance.now(), cpu()];
    const rows = await s.revisions.impactRows(base.stamp);
    const [b, bc] = [performance.now(), cpu()];
    report = impact(
      base,
      draft,
      rows.map((x) => ({ ...x, answers: x.answers as ScoreAnswers })),
    );
    const [c, cc] = [performance.now(), cpu()];
    runs.push({ read: b - a, analyse: c - b, readCpu: bc - ac, analyseCpu: cc - bc });
  }
  await s.close();
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`set-up: ${N} stored assessments in ${fmt(setup)}`);
  for (const [i, r] of runs.entries())
    console.log(
      `run ${i + 1}: wall read ${fmt(r.read)} + carry and re-score ${fmt(r.analyse)} = ${fmt(r.read + r.analyse)}; ` +
        `CPU ${fmt(r.readCpu)} + ${fmt(r.analyseCpu)} = ${fmt(r.readCpu + r.analyseCpu)}`,
    );
  console.log(
    `load average at the end: ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `report: ${report!.assessments} re-scored, down ${report!.overall.down}, up ${report!.overall.up}, crossings ${report!.crossings.length}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
