// National scale (issue 13 item 6): 900,000 enterprises and 1,000,000 assessments, then the read side timed through
// the real HTTP API (app.inject on the built app, the same code path as a request on the port):
//   - a rankings page with filters, first and deep (keyset) pages
//   - the provincial index of the largest province
//   - the Z-score index across all 34 provinces
//   - coverage per province
//
//   FASTIFY_AUTOLOAD_TYPESCRIPT=1 node --conditions=@dbi/source --import tsx bench/national.ts [enterprises=900000] [assessments=1000000] [db]
//
// With a db named: NATIONAL_GENERATE_ONLY=1 builds it and stops; NATIONAL_MEASURE_ONLY=1 times the reads on it again.
//
// db: a SQLite file (default: a temporary one) or a postgres:// URL (an empty database or schema). The rows are
// written straight through the storage package's own connection in large transactions (the workflow's writes would
// take hours at this size): enterprises; assessments in two periods (2025 and 2026) with the statuses of a campaign
// in progress; for each appraised or certified one its standings row exactly as migration 0003's triggers write it
// (the same sort key), so what is timed is what the API reads in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { definitionIssues } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash } from '@dbi/schema';
import { currentProvinces, industrySections } from '@dbi/reference';
import {
  importNationalIndices,
  migrations,
  openPostgresStorage,
  openSqliteStorage,
  pgMigrations,
  type Storage,
} from '@dbi/storage';
import { buildServer } from '@dbi/server';

const ENTERPRISES = Number(process.argv[2] ?? 900_000);
const ASSESSMENTS = Number(process.argv[3] ?? 1_000_000);
const target = process.argv[4];
const KEY = 'bench-bootstrap-key-0123456789abcdef';

// A deterministic generator (mulberry32), so every run builds the same data.
let seed = 20261201;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

// Provinces weighted roughly like Vietnam's enterprises: Hồ Chí Minh and Hà Nội hold about a third each.
const codes = currentProvinces().map((p) => p.code);
const weighted = codes.flatMap((c) => Array(c === '79' ? 33 : c === '01' ? 22 : 1).fill(c) as string[]);
const industries = industrySections().map((s) => s.code);
const SIZES = ['micro', 'micro', 'micro', 'small', 'small', 'medium', 'large'] as const;
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
function taxCode(i: number): string {
  for (let k = 0; ; k++) {
    const nine = String(100_000_000 + i * 7 + k)
      .padStart(9, '0')
      .slice(-9);
    let s = 0;
    for (let j = 0; j < 9; j++) s += WEIGHTS[j]! * Number(nine[j]);
    const c = 10 - (s % 11);
    if (c < 10) return `${nine}${c}`;
  }
}
const sortKey = (level: number, total: number, max: number, tax: string) =>
  String(99 - level).padStart(2, '0') +
  String(1_000_000_000_000 - Math.floor((total * 1_000_000_000_000) / max)).padStart(13, '0') +
  tax;

const T = '2026-03-01T00:00:00.000Z';
const sme = nationalIndices.find((d) => d.id === 'sme')!;
const SME = { id: sme.id, version: sme.version, hash: contentHash(sme) };
const sizeDef = nationalIndices.find((d) => d.id === 'size')!;
const SIZE_HASH = contentHash(sizeDef);

interface Sink {
  exec(sql: string): Promise<void>;
  /** Inserts rows of the given columns, in batches, in one transaction per call. */
  insert(table: string, columns: string[], rows: unknown[][]): Promise<void>;
}

function sqliteSink(s: ReturnType<typeof openSqliteStorage>): Sink {
  return {
    async exec(sql) {
      s.db.exec(sql);
    },
    async insert(table, columns, rows) {
      const st = s.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      s.db.transaction(() => {
        for (const r of rows) st.run(...r);
      })();
    },
  };
}

function pgSink(s: Awaited<ReturnType<typeof openPostgresStorage>>): Sink {
  return {
    async exec(sql) {
      await s.pool.query(sql);
    },
    async insert(table, columns, rows) {
      const c = await s.pool.connect();
      try {
        await c.query('BEGIN');
        const per = Math.floor(30000 / columns.length);
        for (let i = 0; i < rows.length; i += per) {
          const batch = rows.slice(i, i + per);
          const params: unknown[] = [];
          const values = batch.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`).join(', ');
          await c.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, params);
        }
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    },
  };
}

async function generate(storage: Storage, sink: Sink) {
  const t0 = performance.now();
  const CHUNK = 50_000;
  const facts: Array<{ tax: string; province: string; industry: string; size: string }> = [];
  for (let i = 0; i < ENTERPRISES; i++)
    facts.push({ tax: taxCode(i), province: pick(weighted), industry: pick(industries), size: pick(SIZES) });
  for (let i = 0; i < ENTERPRISES; i += CHUNK) {
    await sink.insert(
      'enterprises',
      [
        'tax_code',
        'name',
        'province',
        'industry',
        'sector',
        'employees',
        'has_subsidiaries',
        'size',
        'classified_index',
        'classifier_id',
        'classifier_version',
        'classifier_hash',
        'created_at',
        'created_by',
        'updated_at',
        'updated_by',
      ],
      facts
        .slice(i, i + CHUNK)
        .map((f) => [
          f.tax,
          `Doanh nghiệp ${f.tax}`,
          f.province,
          f.industry,
          'trade-services',
          8,
          0,
          f.size,
          'sme',
          'size',
          sizeDef.version,
          SIZE_HASH,
          T,
          'bench',
          T,
          'bench',
        ]),
    );
  }
  await storage.periods.create(
    { id: '2025', name: 'Đợt 2025', startsOn: '2025-01-01', endsOn: '2025-12-31' },
    { id: 'bench', name: 'bench' },
  );
  await storage.periods.create(
    { id: '2026', name: 'Đợt 2026', startsOn: '2026-01-01', endsOn: '2026-12-31' },
    { id: 'bench', name: 'bench' },
  );
  const tEnterprises = performance.now();
  const STATUS = [
    'draft',
    'submitted',
    'reviewed',
    'reviewed',
    'appraised',
    'appraised',
    'certified',
    'certified',
    'certified',
    'certified',
  ] as const;
  let standings = 0;
  for (let i = 0; i < ASSESSMENTS; i += CHUNK) {
    const rows: unknown[][] = [];
    const st: unknown[][] = [];
    for (let j = i; j < Math.min(i + CHUNK, ASSESSMENTS); j++) {
      const f = facts[j % ENTERPRISES]!;
      const period = j < ENTERPRISES ? '2026' : '2025';
      const status = pick(STATUS);
      const id = `asm_bench${String(j).padStart(8, '0')}`;
      const at = (s: string) => (STATUS.indexOf(status as never) >= STATUS.indexOf(s as never) ? T : null);
      const by = (s: string) => (at(s) ? 'bench' : null);
      rows.push([
        id,
        f.tax,
        SME.id,
        SME.version,
        SME.hash,
        status,
        period,
        status === 'draft' || status === 'submitted' ? null : 'department',
        T,
        'bench',
        T,
        'bench',
        at('submitted'),
        by('submitted'),
        at('reviewed'),
        by('reviewed'),
        at('appraised'),
        by('appraised'),
        status === 'certified' ? T : null,
        status === 'certified' ? 'bench' : null,
      ]);
      if (status === 'appraised' || status === 'certified') {
        const level = Math.floor(rand() * 6);
        const total = Math.min(320, level * 64 + Math.floor(rand() * 64));
        const pillars = JSON.stringify(
          ['1', '2', '3', '4', '5', '6'].map((pid) => ({
            id: pid,
            points: 0,
            max: 50,
            level: Math.max(0, level - Math.floor(rand() * 2)),
          })),
        );
        st.push([
          id,
          period,
          f.tax,
          `Doanh nghiệp ${f.tax}`,
          f.province,
          f.industry,
          'trade-services',
          f.size,
          SME.id,
          SME.version,
          SME.hash,
          status,
          null,
          level,
          total,
          320,
          pillars,
          status === 'certified' ? `DBI-${period}-${String(j).padStart(7, '0')}` : null,
          period + '-06-30',
          T,
          sortKey(level, total, 320, f.tax),
          status === 'certified' ? 1 : 0,
          1,
        ]);
      }
    }
    await sink.insert(
      'assessments',
      [
        'id',
        'tax_code',
        'index_id',
        'index_version',
        'index_hash',
        'status',
        'period',
        'reviewed_as',
        'created_at',
        'created_by',
        'updated_at',
        'updated_by',
        'submitted_at',
        'submitted_by',
        'reviewed_at',
        'reviewed_by',
        'appraised_at',
        'appraised_by',
        'certified_at',
        'certified_by',
      ],
      rows,
    );
    await sink.insert(
      'standings',
      [
        'assessment_id',
        'period',
        'tax_code',
        'name',
        'province',
        'industry',
        'sector',
        'size',
        'index_id',
        'index_version',
        'index_hash',
        'status',
        'group_id',
        'level',
        'total',
        'max',
        'pillars',
        'certificate_number',
        'as_of',
        'appraised_at',
        'sort_key',
        'latest_certified',
        'latest_appraised',
      ],
      st,
    );
    standings += st.length;
  }
  const tDone = performance.now();
  return {
    enterprisesSeconds: (tEnterprises - t0) / 1000,
    assessmentsSeconds: (tDone - tEnterprises) / 1000,
    standings,
  };
}

async function countStandings(storage: Storage, pg: boolean): Promise<number> {
  if (pg) {
    const r = await (storage as Awaited<ReturnType<typeof openPostgresStorage>>).pool.query(
      'SELECT count(*)::int AS n FROM standings',
    );
    return (r.rows[0] as { n: number }).n;
  }
  const row = (storage as ReturnType<typeof openSqliteStorage>).db.prepare('SELECT count(*) AS n FROM standings').get();
  return (row as { n: number }).n;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'dbi-national-'));
  const db = target ?? join(dir, 'dbi.sqlite');
  const pg = db.startsWith('postgres');
  // The bulk load writes the schema as it stood before the maintained counts (migrations 0009 and 0010): their
  // triggers run per row, which is right for the workflow's writes but makes a load of a million rows in 50,000-row
  // transactions take hours. Opening the loaded database with every migration then builds those tables with the
  // migrations' own backfill, as an upgrade of a deployment that already holds the data would.
  const generating = !process.env.NATIONAL_MEASURE_ONLY;
  const schema = generating ? { migrations: migrations.filter((m) => m.version < 9) } : {};
  const pgSchema = generating ? { migrations: pgMigrations.filter((m) => m.version < 9) } : {};
  const storage = pg ? await openPostgresStorage(db, pgSchema) : openSqliteStorage(db, schema);
  // NATIONAL_MEASURE_ONLY=1 with a db that a previous run generated: time the reads again without rebuilding (the
  // generation takes long; the reads are what is measured, on a machine as quiet as can be had).
  const built = process.env.NATIONAL_MEASURE_ONLY
    ? { enterprisesSeconds: NaN, assessmentsSeconds: NaN, standings: await countStandings(storage, pg) }
    : await (async () => {
        await importNationalIndices(storage, nationalIndices, definitionIssues);
        return generate(storage, pg ? pgSink(storage as never) : sqliteSink(storage as never));
      })();
  if (pg) await (storage as Awaited<ReturnType<typeof openPostgresStorage>>).pool.query('VACUUM (ANALYZE)');
  else (storage as ReturnType<typeof openSqliteStorage>).db.exec('ANALYZE');
  await storage.close();
  let upgradeSeconds = NaN;
  if (generating) {
    const t0 = performance.now();
    const upgraded = pg ? await openPostgresStorage(db) : openSqliteStorage(db);
    if (pg) await (upgraded as Awaited<ReturnType<typeof openPostgresStorage>>).pool.query('VACUUM (ANALYZE)');
    else (upgraded as ReturnType<typeof openSqliteStorage>).db.exec('ANALYZE');
    await upgraded.close();
    upgradeSeconds = (performance.now() - t0) / 1000;
  }
  if (process.env.NATIONAL_GENERATE_ONLY) {
    console.log(
      `generated ${db}: enterprises ${built.enterprisesSeconds.toFixed(1)} s, assessments + standings ` +
        `${built.assessmentsSeconds.toFixed(1)} s, ${built.standings} standings; migrations 0009-0010 ` +
        `(counts and sums backfilled, ANALYZE) ${upgradeSeconds.toFixed(1)} s`,
    );
    return;
  }

  const app = await buildServer({ dbFile: db, bootstrapKey: KEY, designerDist: join(dir, 'none') }, { logger: false });
  const headers = { authorization: `Bearer ${KEY}` };
  const time = async (label: string, url: string, runs = 7) => {
    const ms: number[] = [];
    let body: { next?: string | null } = {};
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await app.inject({ method: 'GET', url, headers });
      ms.push(performance.now() - t0);
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      body = r.json<{ next?: string | null }>();
    }
    ms.sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)]!;
    console.log(
      `| ${label} | \`${url.replace(/after=[^&]+/, 'after=…')}\` | ${median.toFixed(1)} ms | ${ms[0]!.toFixed(1)} ms |`,
    );
    return body;
  };
  console.log(
    `\nbackend: ${pg ? 'PostgreSQL' : 'SQLite'}; ${ENTERPRISES} enterprises, ${ASSESSMENTS} assessments, ${built.standings} standings`,
  );
  // Only when this run generated the database (NATIONAL_MEASURE_ONLY reads one made before).
  if (Number.isFinite(built.enterprisesSeconds))
    console.log(
      `generated: enterprises ${built.enterprisesSeconds.toFixed(1)} s, assessments + standings ${built.assessmentsSeconds.toFixed(1)} s, migrations 0009-0010 ${upgradeSeconds.toFixed(1)} s`,
    );
  console.log(
    `machine: ${cpus()[0]?.model} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}, Node ${process.version}, ${new Date().toISOString()}\n`,
  );
  console.log('| read | request | median of 7 | best |');
  console.log('|---|---|---|---|');
  const first = await time('rankings, first page, no filter', '/api/v1/rankings?period=2026&limit=50');
  await time(
    'rankings, first page, province + industry + size',
    '/api/v1/rankings?period=2026&province=79&industry=G&size=micro&limit=50',
  );
  // A deep page: follow the cursors 2,000 pages in (100,000 entries), then time the page there.
  let next = first.next as string;
  for (let i = 0; i < 200; i++) {
    const r = await app.inject({ method: 'GET', url: `/api/v1/rankings?period=2026&limit=500&after=${next}`, headers });
    if (!r.json().next) break;
    next = r.json().next;
  }
  await time('rankings, deep page (after 100,050 entries)', `/api/v1/rankings?period=2026&limit=50&after=${next}`);
  const prov = await time('rankings, first page, province 01', '/api/v1/rankings?period=2026&province=01&limit=50');
  let pnext = prov.next as string;
  for (let i = 0; i < 40; i++) {
    const r = await app.inject({
      method: 'GET',
      url: `/api/v1/rankings?period=2026&province=01&limit=500&after=${pnext}`,
      headers,
    });
    if (!r.json().next) break;
    pnext = r.json().next;
  }
  await time(
    'rankings, deep page in province 01 (after 20,050)',
    `/api/v1/rankings?period=2026&province=01&limit=50&after=${pnext}`,
  );
  await time(
    'rankings, appraised basis, industry C',
    '/api/v1/rankings?period=2026&basis=appraised&industry=C&limit=50',
  );
  await time('provincial index, province 79 (largest)', '/api/v1/provinces/79/index?period=2026');
  await time(
    'provincial index, province 79, compared with 2025',
    '/api/v1/provinces/79/index?period=2026&compareTo=2025',
  );
  await time('provincial index, a small province (44)', '/api/v1/provinces/44/index?period=2026');
  await time('Z-score index across the 34 provinces', '/api/v1/provinces/index?period=2026', 5);
  await time('coverage per province', '/api/v1/provinces/coverage?period=2026', 3);
  await time('coverage per province by industry', '/api/v1/provinces/coverage?period=2026&by=industry', 3);
  await time('enterprises list, a page of province 79', '/api/v1/enterprises?province=79&limit=50');
  await time('assessments list, a page of period 2026', '/api/v1/assessments?period=2026&limit=50');
  await app.close();
  if (!target) rmSync(dir, { recursive: true, force: true });
}

await main();
