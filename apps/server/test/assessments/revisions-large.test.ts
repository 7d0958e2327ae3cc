// A crosswalk moves an assessment from large@1.0.0 to a revision that renames (1.1.1 → 1.1.1a), merges (1.1.2 and
// 1.1.3 → 1.1.2, the higher answer), splits (1.1.4 → 1.1.4a and 1.1.4b), drops (1.2.1), remaps levels to yes/no
// (1.2.2: level 3 or more → 5, else 0) and adds (1.2.9) criteria; the comparison across versions of another assessment says
// what was carried and what was not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../tax-codes.js';
import type { Crosswalk, LevelCriterion, ScorecardDefinition } from '@dbi/schema';
import { answersAll, cancelOpen, LARGE, makeAssessmentApp, type AssessmentApp } from './helpers.js';

let t: AssessmentApp;
const TAX = withCheckDigit('040000000');
const ok = (r: { status: number; json: any }, status = 200) => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
};

function revision(): ScorecardDefinition & { crosswalk: Crosswalk } {
  const d = structuredClone(LARGE) as ScorecardDefinition & { crosswalk: Crosswalk };
  d.version = '1.1.0';
  d.derivedFrom = 'large@1.0.0';
  const c11 = d.pillars[0]!.components!.find((c) => c.id === '1.1')!;
  const [k1, , , k4] = c11.criteria as LevelCriterion[];
  const level = (id: string, en: string): LevelCriterion => ({ id, text: { vi: en, en }, weight: 1 });
  c11.criteria = [
    { ...k1!, id: '1.1.1a' },
    level('1.1.2', 'Merged marketing content and tools'),
    { ...k4!, id: '1.1.4a' },
    level('1.1.4b', 'The second half of 1.1.4'),
    ...c11.criteria.slice(4),
  ];
  const c12 = d.pillars[0]!.components!.find((c) => c.id === '1.2')!;
  c12.criteria = [...c12.criteria.filter((k) => k.id !== '1.2.1'), level('1.2.9', 'A new question')];
  d.crosswalk = {
    from: 'large@1.0.0',
    criteria: [
      { kind: 'renamed', from: ['1.1.1'], to: ['1.1.1a'] },
      { kind: 'merged', from: ['1.1.2', '1.1.3'], to: ['1.1.2'], combine: 'max' },
      { kind: 'split', from: ['1.1.4'], to: ['1.1.4a', '1.1.4b'] },
      { kind: 'dropped', from: ['1.2.1'], to: [] },
      {
        kind: 'same',
        from: ['1.2.2'],
        to: ['1.2.2'],
        options: [0, 1, 2, 3, 4, 5].map((n) => ({ from: n, to: n >= 3 ? 5 : 0 })),
      },
      { kind: 'new', from: [], to: ['1.2.9'] },
    ],
  };
  const named = new Set(d.crosswalk.criteria.flatMap((e) => e.to));
  for (const p of d.pillars)
    for (const c of p.components!)
      for (const k of c.criteria)
        if (!named.has(k.id)) d.crosswalk.criteria.push({ kind: 'same', from: [k.id], to: [k.id] });
  return d;
}

beforeAll(async () => {
  t = await makeAssessmentApp();
  await t.addKey('ent-large', 'enterprise', TAX);
  const e = ok(
    await t.call('POST', '/api/v1/enterprises', 'ent-large', {
      taxCode: TAX,
      name: 'Tổng công ty L',
      province: '01',
      industry: 'C',
      sector: 'agriculture-industry-construction',
      employees: 1200,
      revenueVnd: 2_000_000_000_000,
    }),
    201,
  );
  expect(e.index).toBe('large');
  ok(
    await t.call('POST', '/api/v1/indices/large/versions', 'ministry-editor', { from: '1.0.0', version: '1.1.0' }),
    201,
  );
  ok(await t.call('PUT', '/api/v1/indices/large/versions/1.1.0', 'ministry-editor', revision()));
  ok(await t.call('POST', '/api/v1/indices/large/versions/1.1.0/publish', 'ministry-publisher'));
});
afterAll(async () => {
  await t.close();
});

describe('large@1.0.0 → a revision that renames, merges and splits', () => {
  it('moves a draft: each answer where the crosswalk sends it, the rest listed', async () => {
    const answers = answersAll(LARGE, 2, { '1.1.1': 4, '1.1.2': 1, '1.1.3': 3, '1.1.4': 5, '1.2.1': 5, '1.2.2': 3 });
    const a = ok(await t.call('POST', '/api/v1/assessments', 'ent-large', { taxCode: TAX, index: 'large@1.0.0' }), 201);
    ok(await t.call('PUT', `/api/v1/assessments/${a.id}/columns/self`, 'ent-large', { answers }));
    const r = ok(await t.call('POST', `/api/v1/assessments/${a.id}/move`, 'ent-large', { to: '1.1.0' }));
    const self = r.assessment.columns.self.answers;
    expect([self['1.1.1a'], self['1.1.2'], self['1.1.4a'], self['1.1.4b'], self['1.2.2']]).toEqual([4, 3, 5, 5, 5]);
    expect(self['1.1.1']).toBeUndefined();
    expect(self['1.2.1']).toBeUndefined();
    expect(r.move.notCarried.map((n: { id: string; code: string }) => `${n.id}:${n.code}`)).toEqual([
      '1.2.1:dropped',
      '1.2.9:new',
    ]);
    expect(r.assessment.index.version).toBe('1.1.0');
  });

  it('compares a submitted assessment across versions, saying what could not be carried', async () => {
    const answers = answersAll(LARGE, 1, { '1.1.2': null, '1.2.2': 2 });
    // One open assessment per enterprise, index and period: the previous test's draft is cancelled first.
    await cancelOpen(t, TAX);
    const a = ok(await t.call('POST', '/api/v1/assessments', 'ent-large', { taxCode: TAX, index: 'large@1.0.0' }), 201);
    ok(await t.call('PUT', `/api/v1/assessments/${a.id}/columns/self`, 'ent-large', { answers }));
    const c = ok(await t.call('GET', `/api/v1/assessments/${a.id}/comparison?to=1.1.0`, 'ent-large'));
    const lost = c.notCarried.map((n: { id: string; code: string }) => `${n.id}:${n.code}`);
    // 1.1.2 unanswered, so the merge has nothing to carry; 1.2.1 dropped; 1.2.9 new; 1.2.2 at 2 → 0.
    expect(lost).toEqual(['1.1.2:unanswered', '1.2.1:dropped', '1.2.9:new']);
    expect(c.carried).toContain('1.2.2');
    expect(c.carried).toContain('1.1.4b');
    expect([c.from.index.version, c.to.index.version]).toEqual(['1.0.0', '1.1.0']);
  });
});
