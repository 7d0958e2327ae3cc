// Several instances on one PostgreSQL (the national deployment behind a load balancer): two real server processes on
// one database. Runs in the postgres project only (vitest.config.ts).
import { issueApiKey, openPostgresStorage, scratchSchema, type PgStorage, type ScratchSchema } from '@dbi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY, killAll, start, type Running } from './processes.js';
import { answersAll, SME } from './assessments/helpers.js';
import { ENTERPRISE_TAX_CODE } from './tax-codes.js';

let scratch: ScratchSchema;
let a: Running;
let b: Running;
/** The database as `dbi admin` sees it: a third process's view (keys are issued and revoked here). */
let admin: PgStorage;
const key: Record<string, string> = {};

beforeAll(async () => {
  if (!process.env.DBI_TEST_PG) throw new Error('the several-instances tests need DBI_TEST_PG');
  scratch = await scratchSchema(process.env.DBI_TEST_PG);
  a = await start(scratch.url); // the first start migrates and imports the national indices
  b = await start(scratch.url);
  admin = await openPostgresStorage(scratch.url);
  const issue = async (name: string, role: Parameters<typeof issueApiKey>[1]['role'], scope?: string) =>
    (key[name] = (await issueApiKey(admin, { name, role, scope })).key);
  await issue('enterprise', 'enterprise', ENTERPRISE_TAX_CODE);
  await issue('department', 'provincial-department', '01');
  await issue('editor', 'ministry-editor');
});
afterAll(async () => {
  killAll();
  await admin?.close();
  await scratch?.drop();
});

type Call = { status: number; body: any };
async function call(s: Running, method: string, url: string, k: string = KEY, body?: unknown): Promise<Call> {
  const r = await fetch(`${s.base}${url}`, {
    method,
    headers: { authorization: `Bearer ${k}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}
const ok = (r: Call) => {
  if (r.status >= 300) throw new Error(`${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

describe('two server processes on one PostgreSQL database', () => {
  it('both serve the same registry, and a draft made on one is read on the other', async () => {
    ok(await call(a, 'POST', '/api/v1/indices/sme/versions', KEY, { from: '1.0.0', version: '1.1.0' }));
    const onB = ok(await call(b, 'GET', '/api/v1/indices/sme/versions/1.1.0'));
    expect(onB.status).toBe('draft');
  });

  it('concurrent publishes of the same draft: exactly one wins, the other gets 409', async () => {
    for (let i = 0; i < 5; i++) {
      const version = `2.${i}.0`;
      ok(await call(a, 'POST', '/api/v1/indices/sme/versions', KEY, { from: '1.0.0', version }));
      const url = `/api/v1/indices/sme/versions/${version}/publish`;
      const results = await Promise.all([call(a, 'POST', url), call(b, 'POST', url)]);
      expect(results.map((r) => r.status).sort(), version).toEqual([200, 409]);
      const audit = ok(await call(b, 'GET', `/api/v1/audit?target=sme@${version}&action=version.publish`));
      expect(audit.entries).toHaveLength(1);
    }
  });

  it('concurrent workflow steps on one assessment: one submit wins; concurrent writes of two parts both stay', async () => {
    ok(
      await call(a, 'POST', '/api/v1/enterprises', key.enterprise, {
        taxCode: ENTERPRISE_TAX_CODE,
        name: 'Công ty A',
        province: '01',
        industry: 'G',
        sector: 'trade-services',
        employees: 8,
        revenueVnd: 5_000_000_000,
      }),
    );
    ok(
      await call(a, 'POST', '/api/v1/consultants', key.editor, {
        id: 'c1',
        name: 'Nguyễn Văn An',
        organisation: 'Tư vấn Số',
        employers: ['0311111111'],
      }),
    );
    const answers = answersAll(SME, 3);
    for (let i = 0; i < 3; i++) {
      // One open assessment per enterprise, index and period: each round is a period of its own.
      const period = `race-${i}`;
      ok(
        await call(a, 'POST', '/api/v1/periods', key.editor, {
          id: period,
          name: `Vòng ${i}`,
          startsOn: `202${i}-01-01`,
          endsOn: `202${i}-12-31`,
        }),
      );
      const id = ok(
        await call(a, 'POST', '/api/v1/assessments', key.enterprise, { taxCode: ENTERPRISE_TAX_CODE, period }),
      ).id;
      ok(await call(b, 'PUT', `/api/v1/assessments/${id}/columns/self`, key.enterprise, { answers }));
      const submits = await Promise.all([
        call(a, 'POST', `/api/v1/assessments/${id}/submit`, key.enterprise),
        call(b, 'POST', `/api/v1/assessments/${id}/submit`, key.enterprise),
      ]);
      expect(submits.map((r) => r.status).sort()).toEqual([200, 409]);
      // Two different parts of the same record at once, one through each instance: neither write is lost.
      const [column, assign] = await Promise.all([
        call(a, 'PUT', `/api/v1/assessments/${id}/columns/department`, key.department, { answers }),
        call(b, 'PUT', `/api/v1/assessments/${id}/consultant`, key.enterprise, { consultantId: 'c1' }),
      ]);
      expect([column.status, assign.status]).toEqual([200, 200]);
      const after = ok(await call(a, 'GET', `/api/v1/assessments/${id}`, key.department));
      expect(after.status).toBe('submitted');
      expect(after.consultantId).toBe('c1');
      expect(after.columns.department.answers).toEqual(answers);
      const audit = ok(await call(b, 'GET', `/api/v1/audit?target=assessment:${id}`));
      expect(audit.entries.map((e: { action: string }) => e.action).sort()).toEqual(
        [
          'assessment.assign',
          'assessment.column.department',
          'assessment.column.self',
          'assessment.create',
          'assessment.submit',
        ].sort(),
      );
    }
  });

  it('a key revoked (dbi admin, on the shared database) is refused by both instances once the 1 s key cache has passed', async () => {
    const { key: secret, info } = await issueApiKey(admin, { name: 'bank', role: 'integrator' });
    // Both instances look it up and remember it.
    expect((await call(a, 'GET', '/api/v1/me', secret)).status).toBe(200);
    expect((await call(b, 'GET', '/api/v1/me', secret)).status).toBe(200);
    await admin.keys.revoke(info.id, { id: 'cli', name: 'dbi admin' });
    const revokedAt = Date.now();
    // Each instance remembered the key at most 1000 ms from a lookup made before the revocation.
    await new Promise((r) => setTimeout(r, Math.max(0, revokedAt + 1000 + 20 - Date.now())));
    expect((await call(a, 'GET', '/api/v1/me', secret)).status).toBe(401);
    expect((await call(b, 'GET', '/api/v1/me', secret)).status).toBe(401);
  });

  it('one instance SIGKILLed mid-traffic: the other keeps serving and nothing either acknowledged is lost', async () => {
    const acknowledged = new Map<string, string>(); // version → hash
    const failures: string[] = [];
    let n = 0;
    let killed = false;
    let ackedByBAfterKill = 0;
    const writer = (s: Running, name: string) => async () => {
      while (s === a ? !killed : ackedByBAfterKill < 20) {
        const version = `3.0.${n++}`;
        try {
          const r = await call(s, 'POST', '/api/v1/indices/sme/versions', KEY, { from: '1.0.0', version });
          if (r.status === 201) {
            acknowledged.set(version, r.body.hash);
            if (s === b && killed) ackedByBAfterKill++;
          } else if (!(s === a && killed)) failures.push(`${name} ${version}: ${r.status}`);
        } catch (err) {
          if (!(s === a && killed)) failures.push(`${name} ${version}: ${String(err)}`);
        }
      }
    };
    const writers = [a, a, a, b, b, b].map((s) => writer(s, s === a ? 'a' : 'b')());
    while (acknowledged.size < 30) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    a.child.kill('SIGKILL');
    await Promise.all(writers);
    expect((await a.exited).signal).toBe('SIGKILL');
    expect(failures).toEqual([]); // the survivor never failed a request, before or after
    expect(ackedByBAfterKill).toBeGreaterThanOrEqual(20);

    for (const [version, hash] of acknowledged) {
      const r = await call(b, 'GET', `/api/v1/indices/sme/versions/${version}`);
      expect(r.status, version).toBe(200);
      expect(r.body.hash).toBe(hash);
    }
    // Each stored draft has exactly its audit entry: no write without its record, no record without its write.
    const index = ok(await call(b, 'GET', '/api/v1/indices/sme'));
    const stored = (index.versions as { version: string }[]).map((v) => v.version).filter((v) => v.startsWith('3.0.'));
    const audit = ok(await call(b, 'GET', '/api/v1/audit?action=version.create&limit=1000'));
    const created = (audit.entries as { target: string }[])
      .map((e) => e.target)
      .filter((t) => t.startsWith('sme@3.0.'));
    expect(created.sort()).toEqual(stored.map((v) => `sme@${v}`).sort());
    expect(stored.length).toBeGreaterThanOrEqual(acknowledged.size);
    // The survivor still answers.
    expect((await call(b, 'GET', '/api/v1/health')).status).toBe(200);
  });
});
