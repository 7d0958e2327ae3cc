// Groups as Decision 1970 says (Appendix III; issue 9 item 5): the parent manages its own member list, each
// member's stage is visible, the roll-up counts only reviewed columns before it is certified, and the parent is
// certified by the group's roll-up — the level of the weighted member levels under the group index, not its own
// unit's level. Levels by hand (group@1.0.0: Đth = Σ level × headcount / Σ headcount over the included units; level k
// from k up to below k + 1, or k (i) above k − ½ with the parent at k or more; affiliates left out):
//   P  parent, large@1.0.0, every criterion 3 → each pillar 60 % → level 3 (417 of 695)
//   S  subsidiary, sme@1.0.0, every criterion 1 → each pillar 20 % → level 1 (64 of 320), reviewed by the department
//   F  affiliate, sme, self-assessment only (every criterion 0 → level 0), 1000 staff: listed, not counted
//   T  another enterprise, sme, self-assessment only (every criterion 2 → level 2)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type AggregateDefinition } from '@dbi/schema';
import { loadNational } from '@dbi/indices';
import { bearer } from '../helpers.js';
import { withCheckDigit } from '../tax-codes.js';
import { answersAll, LARGE, makeAssessmentApp, SME, start, type AssessmentApp } from './helpers.js';

const P = withCheckDigit('010000110');
const S = withCheckDigit('010000120');
const F = withCheckDigit('010000130');
const T = withCheckDigit('010000140');
const GROUP = loadNational('group@1.0.0') as AggregateDefinition;
let t: AssessmentApp;
const id: Record<string, string> = {};
let group = '';

const ok = async (r: Promise<{ status: number; json: any }>, status = 200) => {
  const x = await r;
  if (x.status !== status) throw new Error(`expected ${status}, got ${x.status}: ${JSON.stringify(x.json)}`);
  return x.json;
};
const member = (taxCode: string, relation: string, headcount: number) => ({
  taxCode,
  relation,
  headcount,
  assessmentId: id[taxCode]!,
});

beforeAll(async () => {
  t = await makeAssessmentApp();
  for (const code of [P, S, F, T]) {
    await t.addKey(`ent-${code}`, 'enterprise', code);
    const facts = {
      taxCode: code,
      name: `Đơn vị ${code}`,
      province: '01',
      industry: 'C',
      sector: code === P ? 'agriculture-industry-construction' : 'trade-services',
      employees: code === P ? 300 : 8,
      revenueVnd: code === P ? 500_000_000_000 : 5_000_000_000,
      hasSubsidiaries: code === P,
    };
    await ok(t.call('POST', '/api/v1/enterprises', 'ministry-editor', facts), 201);
    id[code] = await start(t, code, `ent-${code}`);
  }
  const self = (code: string, answers: object) =>
    ok(t.call('PUT', `/api/v1/assessments/${id[code]}/columns/self`, `ent-${code}`, { answers }));
  await self(P, answersAll(LARGE, 3));
  await self(S, answersAll(SME, 1));
  await self(F, answersAll(SME, 0));
  await self(T, answersAll(SME, 2));
  // P to appraised (department and Ministry agree with it); S submitted and assessed by the department.
  await ok(t.call('POST', `/api/v1/assessments/${id[P]}/submit`, `ent-${P}`));
  const dept = (code: string, answers: object) =>
    ok(t.call('PUT', `/api/v1/assessments/${id[code]}/columns/department`, 'provincial-department', { answers }));
  await dept(P, answersAll(LARGE, 3));
  await ok(t.call('POST', `/api/v1/assessments/${id[P]}/review`, 'provincial-department'));
  await ok(
    t.call('PUT', `/api/v1/assessments/${id[P]}/columns/ministry`, 'ministry-editor', {
      from: 'department',
      answers: {},
    }),
  );
  await ok(t.call('POST', `/api/v1/assessments/${id[P]}/appraise`, 'ministry-editor'));
  await ok(t.call('POST', `/api/v1/assessments/${id[S]}/submit`, `ent-${S}`));
  await dept(S, answersAll(SME, 1));
  const g = await ok(
    t.call('POST', '/api/v1/groups', 'ministry-editor', {
      parentTaxCode: P,
      members: [member(P, 'parent', 300), member(S, 'subsidiary', 100), member(F, 'affiliate', 1000)],
    }),
    201,
  );
  group = g.id;
  // (3 × 300 + 1 × 100) / 400 = 2.5 → level 2 (3 (i) needs above 2.5).
  expect([g.result.weighted, g.level]).toEqual([{ sum: 1000, weight: 400 }, 2]);
});
afterAll(async () => {
  await t.close();
});

describe('the parent manages its own member list', () => {
  it('re-weights a subsidiary the Ministry listed: S 200 staff → Đth = (900 + 200)/500 = 2.2 → level 2', async () => {
    const g = await ok(
      t.call('PUT', `/api/v1/groups/${group}/members`, `ent-${P}`, {
        members: [member(P, 'parent', 300), member(S, 'subsidiary', 200), member(F, 'affiliate', 1000)],
      }),
    );
    expect([g.result.weighted, g.level]).toEqual([{ sum: 1100, weight: 500 }, 2]);
  });

  it('cannot list a unit nobody has listed (a subsidiary’s tie is checked by the Ministry or the department)', async () => {
    const r = await t.call('PUT', `/api/v1/groups/${group}/members`, `ent-${P}`, {
      members: [
        member(P, 'parent', 300),
        member(S, 'subsidiary', 200),
        member(F, 'affiliate', 1000),
        member(T, 'subsidiary', 100),
      ],
    });
    expect(r.status).toBe(403);
    expect((await ok(t.call('GET', `/api/v1/groups/${group}`, `ent-${P}`))).members.length).toBe(3);
  });

  it('the Ministry lists T (self-assessed only, level 2): Đth = (1100 + 200)/600 → level 2; its stage says unreviewed, the affiliate is not counted', async () => {
    await ok(
      t.call('PUT', `/api/v1/groups/${group}/members`, 'ministry-editor', {
        members: [
          member(P, 'parent', 300),
          member(S, 'subsidiary', 200),
          member(F, 'affiliate', 1000),
          member(T, 'subsidiary', 100),
        ],
      }),
    );
    const stages = await ok(t.call('GET', `/api/v1/groups/${group}/stages`, `ent-${P}`));
    expect(
      stages.members.map((m: { taxCode: string; column: string; reviewed: boolean; included: boolean }) => [
        m.taxCode,
        m.column,
        m.reviewed,
        m.included,
      ]),
    ).toEqual([
      [P, 'ministry', true, true],
      [S, 'department', true, true],
      [F, 'self', false, false],
      [T, 'self', false, true],
    ]);
    expect(stages.unreviewed).toEqual([T]);
  });

  it('P is not certified while T’s result in the roll-up is unreviewed: 409 naming T (not the affiliate)', async () => {
    const r = await t.call('POST', `/api/v1/assessments/${id[P]}/certify`, 'ministry-publisher', {});
    expect(r.status).toBe(409);
    expect(r.json.detail).toContain(T);
    expect(r.json.detail).not.toContain(F);
    expect((await ok(t.call('GET', `/api/v1/assessments/${id[P]}`, 'ministry-editor'))).status).toBe('appraised');
  });

  it('the parent takes T out of its list again: back to 1100/500 = 2.2', async () => {
    const g = await ok(
      t.call('PUT', `/api/v1/groups/${group}/members`, `ent-${P}`, {
        members: [member(P, 'parent', 300), member(S, 'subsidiary', 200), member(F, 'affiliate', 1000)],
      }),
    );
    expect([g.result.weighted, g.level, g.members.length]).toEqual([{ sum: 1100, weight: 500 }, 2, 3]);
  });
});

describe('the parent is certified by the group roll-up', () => {
  let number = '';

  it('level 2 of group@1.0.0, points ⌊1000 × 1100 / 500⌋ = 2200 of 5000 — not its own unit’s level 3 (417/695 of large)', async () => {
    const c = await ok(t.call('POST', `/api/v1/assessments/${id[P]}/certify`, 'ministry-publisher', {}), 201);
    number = c.number;
    expect(c).toMatchObject({
      enterprise: { taxCode: P },
      level: 2,
      total: 2200,
      max: 5000,
      index: { id: 'group', version: '1.0.0', hash: contentHash(GROUP) },
    });
    // Every pillar: P's at 3 × 300, S's at 1 × 200 → 1100/500 = 2.2 → 2200 of 5000, level 2.
    expect(c.pillars).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((p) => ({ id: p, points: 2200, max: 5000, level: 2 })),
    );
    // The parent's own unit keeps its own result in its columns.
    const own = (await ok(t.call('GET', `/api/v1/assessments/${id[P]}`, 'ministry-editor'))).columns.ministry.result;
    expect([own.level, own.total, own.max]).toEqual([3, 417, 695]);
  });

  it('the public verification and the PDF name the group index, its level and pillar names', async () => {
    const v = await ok(t.call('GET', `/api/v1/certificates/${number}/verification`, null));
    expect(v).toMatchObject({
      state: 'valid',
      level: { level: 2, total: 2200, max: 5000, name: { vi: 'Bắt đầu' } },
      index: { id: 'group', title: { vi: 'Chỉ số đánh giá mức độ chuyển đổi số tập đoàn, tổng công ty' } },
    });
    expect(v.pillars.map((p: { name: { vi: string } }) => p.name.vi)).toEqual(GROUP.pillars.map((p) => p.name.vi));
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${number}.pdf`,
      headers: bearer(t.key[`ent-${P}`]!),
    });
    expect(pdf.statusCode).toBe(200);
    const file = join(t.dir, 'group.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain('Mức 2: Bắt đầu');
    // The points as the roll-up's weighted mean level: 2200 thousandths of Mức 5 → Đth 2,2 of 5 (and per pillar).
    expect(text).toContain('Điểm bình quân gia quyền theo số lao động (Đth): 2,2/5');
    expect(text).not.toContain('2200/5000');
    expect(text).toContain('tập đoàn, tổng công ty');
  });

  it('the rankings place P by the same roll-up', async () => {
    const r = await ok(t.call('GET', '/api/v1/rankings?province=01', null));
    expect(r.items.find((i: { taxCode: string }) => i.taxCode === P)).toMatchObject({
      level: 2,
      total: 2200,
      max: 5000,
      group,
      certificateNumber: number,
    });
  });
});
