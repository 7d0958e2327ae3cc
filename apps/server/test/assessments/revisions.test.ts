// Revising an index over HTTP: "in force on D" at each instrument date and the day before, assessments started on a
// date pinned to the version in force then, impact analysis of a revision of sme@1.0.0 (level-3 edge 128 → 140,
// 1.2.4 dropped, 1.2.5 added) over stored assessments with the counts recomputed here from the Decision's text,
// moving a draft to the published revision, and comparing a result across versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../tax-codes.js';

import type { LevelCriterion, ScorecardDefinition } from '@dbi/schema';
import { answersAll, cancelOpen, makeAssessmentApp, seed, SME, type AssessmentApp } from './helpers.js';

// Thirteen valid tax codes 020000nnn·c (nine digits with no valid check digit are passed over).
const CODES = Array.from({ length: 20 }, (_, n) => `020000${String(n).padStart(3, '0')}`)
  .flatMap((nine) => {
    try {
      return [withCheckDigit(nine)];
    } catch {
      return [];
    }
  })
  .slice(0, 13);

let t: AssessmentApp;

/** sme@1.1.0: the level-3 edge raised to 140 points, 1.2.4 dropped and 1.2.5 added; in force from 2026-06-01. */
function revision(): ScorecardDefinition {
  const d = structuredClone(SME);
  d.version = '1.1.0';
  d.derivedFrom = 'sme@1.0.0';
  d.instrument = { ...d.instrument, number: '12/2026/QĐ-BKHCN', signed: '2026-05-20', effective: '2026-06-01' };
  d.rules.overall.find((r) => r.level === 3)!.when = {
    and: [{ '>': [{ var: 'total' }, 140] }, { '>=': [{ var: 'atLeast.3' }, 4] }],
  };
  const c12 = d.pillars[0]!.components!.find((c) => c.id === '1.2')!;
  c12.criteria = [
    ...c12.criteria.filter((k) => k.id !== '1.2.4'),
    { id: '1.2.5', text: { vi: 'Tiêu chí mới', en: 'A new criterion' }, weight: 1 } as LevelCriterion,
  ];
  return d;
}

// The hand scorer (Decision 1970, Appendix I pillar bands and section 2.2 overall thresholds).
const PILLAR_MAX: Record<string, number> = { '1': 65, '2': 25, '3': 80, '4': 65, '5': 50, '6': 35 };
const pillarLevel = (pts: number, max: number) =>
  pts * 100 > max * 80
    ? 5
    : pts * 100 > max * 60
      ? 4
      : pts * 100 > max * 40
        ? 3
        : pts * 100 > max * 20
          ? 2
          : pts * 100 >= max * 10
            ? 1
            : 0;
function hand(answers: Record<string, number>, edge3: number, dropped: string | null): number {
  const pts: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 };
  for (const [id, v] of Object.entries(answers)) if (id !== dropped) pts[id[0]!]! += v * (id === '2.1.1' ? 5 : 1);
  const lv = Object.keys(pts).map((p) => pillarLevel(pts[p]!, PILLAR_MAX[p]!));
  const total = Object.values(pts).reduce((a, b) => a + b, 0);
  const atLeast = (k: number) => lv.filter((l) => l >= k).length;
  if (total > 256 && atLeast(5) === 6) return 5;
  if (total > 192 && atLeast(4) >= 5) return 4;
  if (total > edge3 && atLeast(3) >= 4) return 3;
  if (total > 64 && atLeast(2) >= 4) return 2;
  if (total > 20 && atLeast(1) >= 4) return 1;
  return 0;
}

/** Twelve enterprises in two provinces, each with a self column: every answer at 2 but the first criterion of each
 * pillar at 3 (every pillar just above 40 %: total 138), then the last `i` criteria at 3 and, for every third one,
 * 1.2.4 at 5 — so totals fall on both sides of 140 once 1.2.4 is dropped. */
const stored: Array<{ taxCode: string; province: string; answers: Record<string, number>; id?: string }> = [];
const ok = (r: { status: number; json: any }, status = 200) => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
};

beforeAll(async () => {
  t = await makeAssessmentApp();
  await seed(t);
  const ids = SME.pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria.map((k) => k.id)));
  for (let i = 0; i < 12; i++) {
    const taxCode = CODES[i]!;
    const province = i % 2 ? '79' : '01';
    await t.addKey(`ent-${taxCode}`, 'enterprise', taxCode);
    ok(
      await t.call('POST', '/api/v1/enterprises', `ent-${taxCode}`, {
        taxCode,
        name: `Công ty ${i}`,
        province,
        industry: 'G',
        sector: 'trade-services',
        employees: 8,
        revenueVnd: 5_000_000_000,
      }),
      201,
    );
    const answers = answersAll(SME, 2) as Record<string, number>;
    for (const p of SME.pillars) answers[p.components![0]!.criteria[0]!.id] = 3;
    for (const id of ids.slice(ids.length - i)) answers[id] = 3;
    if (i % 3 === 0) answers['1.2.4'] = 5;
    const a = ok(await t.call('POST', '/api/v1/assessments', `ent-${taxCode}`, { taxCode }), 201);
    ok(await t.call('PUT', `/api/v1/assessments/${a.id}/columns/self`, `ent-${taxCode}`, { answers }));
    stored.push({ taxCode, province, answers, id: a.id });
  }
  ok(await t.call('POST', '/api/v1/indices/sme/versions', 'ministry-editor', { from: '1.0.0', version: '1.1.0' }), 201);
  ok(await t.call('PUT', '/api/v1/indices/sme/versions/1.1.0', 'ministry-editor', revision()));
});
afterAll(async () => {
  await t.close();
});

describe('in force on a date', () => {
  it.each(['sme', 'large', 'group', 'size'])(
    '%s@1.0.0 from 13/12/2021 (1970/QĐ-BTTTT), none the day before',
    async (id) => {
      const on = await t.call('GET', `/api/v1/indices/${id}/in-force?date=2021-12-13`, null);
      expect(on.status).toBe(200);
      expect(on.json).toMatchObject({
        index: id,
        version: '1.0.0',
        instrument: '1970/QĐ-BTTTT',
        enteredOn: '2021-12-13',
      });
      const before = await t.call('GET', `/api/v1/indices/${id}/in-force?date=2021-12-12`, null);
      expect(before.status).toBe(404);
      expect(before.json.detail).toBe(`no version of ${id} was in force on 2021-12-12`);
    },
  );
  it('refuses a date that is not YYYY-MM-DD, and an unknown index', async () => {
    expect((await t.call('GET', '/api/v1/indices/sme/in-force?date=13/12/2021', null)).status).toBe(400);
    expect((await t.call('GET', '/api/v1/indices/nope/in-force?date=2021-12-13', null)).status).toBe(404);
  });
});

describe('impact analysis of the draft sme@1.1.0', () => {
  it('reports the counts recomputed here, with the crossing enterprises for the Ministry only', async () => {
    const r = ok(await t.call('GET', '/api/v1/indices/sme/versions/1.1.0/impact', 'ministry-editor'));
    const expected = stored.map((s) => ({
      ...s,
      before: hand(s.answers, 128, null),
      after: hand(s.answers, 140, '1.2.4'),
    }));
    const down = expected.filter((e) => e.after < e.before);
    expect(down.length).toBeGreaterThan(0);
    expect(r.assessments).toBe(12);
    expect(r.overall.down).toBe(down.length);
    expect(r.overall.up).toBe(expected.filter((e) => e.after > e.before).length);
    for (const level of ['0', '1', '2', '3', '4', '5']) {
      expect(r.overall.before[level]).toBe(expected.filter((e) => e.before === Number(level)).length);
      expect(r.overall.after[level]).toBe(expected.filter((e) => e.after === Number(level)).length);
    }
    expect(r.byProvince['79'].down).toBe(down.filter((e) => e.province === '79').length);
    expect(r.bySize.micro.assessments).toBe(12);
    expect(r.crossings.map((c: { taxCode: string }) => c.taxCode).sort()).toEqual(down.map((e) => e.taxCode).sort());
    expect(r.notCarried).toEqual([
      { id: '1.2.5', side: 'to', code: 'new', assessments: 12 },
      { id: '1.2.4', side: 'from', code: 'dropped', assessments: 12 },
    ]);
    // Filtered by province.
    const hcmc = ok(await t.call('GET', '/api/v1/indices/sme/versions/1.1.0/impact?province=79', 'ministry-publisher'));
    expect(hcmc.assessments).toBe(6);
    expect(hcmc.filter).toEqual({ province: '79' });
  });

  it('is for the index’s editors only', async () => {
    expect((await t.call('GET', '/api/v1/indices/sme/versions/1.1.0/impact', null)).status).toBe(401);
    expect((await t.call('GET', '/api/v1/indices/sme/versions/1.1.0/impact', 'provincial-department')).status).toBe(
      403,
    );
    expect((await t.call('GET', '/api/v1/indices/sme/versions/1.0.0/impact', 'ministry-editor')).status).toBe(400);
  });

  it('suggests the crosswalk from ids and texts', async () => {
    const r = ok(await t.call('GET', '/api/v1/indices/sme/versions/1.1.0/crosswalk-suggestion', 'ministry-editor'));
    expect(r.crosswalk.from).toBe('sme@1.0.0');
    expect(r.crosswalk.criteria.filter((e: { kind: string }) => e.kind !== 'same')).toEqual([
      { kind: 'new', from: [], to: ['1.2.5'] },
      { kind: 'dropped', from: ['1.2.4'], to: [] },
    ]);
  });
});

describe('after publication', () => {
  beforeAll(async () => {
    ok(await t.call('POST', '/api/v1/indices/sme/versions/1.1.0/publish', 'ministry-publisher'));
  });

  it('1.0.0 left force the day 1.1.0 entered it; assessments started on a date take the version in force then', async () => {
    expect((await t.call('GET', '/api/v1/indices/sme/in-force?date=2026-05-31', null)).json.version).toBe('1.0.0');
    expect((await t.call('GET', '/api/v1/indices/sme/in-force?date=2026-06-01', null)).json).toMatchObject({
      version: '1.1.0',
      instrument: '12/2026/QĐ-BKHCN',
      leftOn: null,
    });
    const force = ok(await t.call('GET', '/api/v1/indices/sme/force', null));
    expect(force.periods.map((p: { version: string; leftOn: string | null }) => [p.version, p.leftOn])).toEqual([
      ['1.0.0', '2026-06-01'],
      ['1.1.0', null],
    ]);
    // An enterprise of its own, so the stored assessments stay as they are; one open assessment per index and period,
    // so the first is cancelled before the second is started.
    const taxCode = CODES[12]!;
    await t.addKey(`ent-${taxCode}`, 'enterprise', taxCode);
    ok(
      await t.call('POST', '/api/v1/enterprises', `ent-${taxCode}`, {
        taxCode,
        name: 'Công ty 12',
        province: '01',
        industry: 'G',
        sector: 'trade-services',
        employees: 8,
        revenueVnd: 5_000_000_000,
      }),
      201,
    );
    const early = ok(
      await t.call('POST', '/api/v1/assessments', `ent-${taxCode}`, { taxCode, startedOn: '2026-05-31' }),
      201,
    );
    expect(early.index.version).toBe('1.0.0');
    // One open assessment per enterprise, index and period: the first is cancelled before the second is started.
    await cancelOpen(t, taxCode);
    const late = ok(
      await t.call('POST', '/api/v1/assessments', `ent-${taxCode}`, { taxCode, startedOn: '2026-06-01' }),
      201,
    );
    expect(late.index.version).toBe('1.1.0');
  });

  it('moves a draft to 1.1.0: answers carried, the dropped and the new criterion listed, audited', async () => {
    const s = stored[3]!; // 1.2.4 answered 5
    const r = ok(await t.call('POST', `/api/v1/assessments/${s.id}/move`, `ent-${s.taxCode}`, { to: '1.1.0' }));
    expect(r.assessment.index.version).toBe('1.1.0');
    expect(r.move.from.version).toBe('1.0.0');
    expect(r.move.notCarried.map((n: { id: string; code: string }) => `${n.id}:${n.code}`)).toEqual([
      '1.2.5:new',
      '1.2.4:dropped',
    ]);
    expect(r.move.carried).toHaveLength(59);
    expect(r.assessment.columns.self.answers['1.2.4']).toBeUndefined();
    expect(r.assessment.columns.self.result.level).toBe(hand(s.answers, 140, '1.2.4'));
    expect(r.assessment.columns.self.result.index.version).toBe('1.1.0');
    const moves = ok(await t.call('GET', `/api/v1/assessments/${s.id}/moves`, 'ministry-editor'));
    expect(moves.moves).toEqual([r.move]);
    const audit = await t.app.storage.audit.list({ target: `assessment:${s.id}`, action: 'assessment.move' });
    expect(audit).toHaveLength(1);
    // Not again, not backwards, not by another enterprise.
    expect((await t.call('POST', `/api/v1/assessments/${s.id}/move`, `ent-${s.taxCode}`, { to: '1.1.0' })).status).toBe(
      400,
    );
    expect((await t.call('POST', `/api/v1/assessments/${s.id}/move`, `ent-${s.taxCode}`, { to: '1.0.0' })).status).toBe(
      400,
    );
    expect((await t.call('POST', `/api/v1/assessments/${s.id}/move`, 'enterprise', { to: '1.1.0' })).status).toBe(403);
  });

  it('a submitted assessment does not move, but its result compares across versions with what was not carried', async () => {
    const s = stored[6]!;
    ok(await t.call('POST', `/api/v1/assessments/${s.id}/submit`, `ent-${s.taxCode}`));
    const refused = await t.call('POST', `/api/v1/assessments/${s.id}/move`, `ent-${s.taxCode}`, { to: '1.1.0' });
    expect(refused.status).toBe(409);
    const c = ok(await t.call('GET', `/api/v1/assessments/${s.id}/comparison?to=1.1.0`, `ent-${s.taxCode}`));
    expect(c.column).toBe('self');
    expect([c.from.level, c.to.level]).toEqual([hand(s.answers, 128, null), hand(s.answers, 140, '1.2.4')]);
    expect(c.from.index.version).toBe('1.0.0');
    expect(c.to.index.version).toBe('1.1.0');
    expect(c.notCarried.map((n: { id: string }) => n.id)).toEqual(['1.2.5', '1.2.4']);
    expect(c.to.pillars[0].points).toBe(c.from.pillars[0].points - 5);
  });
});
