// Impact analysis of a revision of sme@1.0.0 (the level-3 edge raised from 128 to 140 points, criterion 1.2.4 dropped,
// 1.2.5 added) over a generated set of assessments. The expected counts are worked out by a scorer written here from
// the Decision's own text (Appendix I: pillar levels at 10/20/40/60/80 % of the pillar's maximum; section 2.2: the
// overall thresholds), not from the engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LevelCriterion, ScorecardDefinition } from '@dbi/schema';
import { compile, impact, type CompiledScorecard, type ImpactSubject } from './index.js';

const sme = () =>
  JSON.parse(readFileSync(new URL('../../../indices/sme/1.0.0.json', import.meta.url), 'utf8')) as ScorecardDefinition;

function revision(): ScorecardDefinition {
  const d = sme();
  d.version = '1.1.0';
  d.derivedFrom = 'sme@1.0.0';
  const rule = d.rules.overall.find((r) => r.level === 3)!;
  rule.when = { and: [{ '>': [{ var: 'total' }, 140] }, { '>=': [{ var: 'atLeast.3' }, 4] }] };
  const c12 = d.pillars[0]!.components!.find((c) => c.id === '1.2')!;
  c12.criteria = [
    ...c12.criteria.filter((k) => k.id !== '1.2.4'),
    { id: '1.2.5', text: { vi: 'Tiêu chí mới', en: 'A new criterion' }, weight: 1 } as LevelCriterion,
  ];
  return d;
}

// ---- the hand scorer (Decision 1970, Appendix I and section 2.2) ----
const PILLAR_MAX: Record<string, number> = { '1': 65, '2': 25, '3': 80, '4': 65, '5': 50, '6': 35 };
const WEIGHT = (id: string) => (id === '2.1.1' ? 5 : 1);
function pillarLevel(points: number, max: number): number {
  if (points * 100 > max * 80) return 5;
  if (points * 100 > max * 60) return 4;
  if (points * 100 > max * 40) return 3;
  if (points * 100 > max * 20) return 2;
  if (points * 100 >= max * 10) return 1;
  return 0;
}
function hand(answers: Record<string, number>, level3Edge: number, dropped: string | null) {
  const points: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 };
  for (const [id, v] of Object.entries(answers)) if (id !== dropped) points[id.split('.')[0]!]! += v * WEIGHT(id);
  const pillars = Object.fromEntries(Object.keys(points).map((p) => [p, pillarLevel(points[p]!, PILLAR_MAX[p]!)]));
  const total = Object.values(points).reduce((a, b) => a + b, 0);
  const atLeast = (k: number) => Object.values(pillars).filter((l) => l >= k).length;
  let level = 0;
  if (total > 256 && atLeast(5) === 6) level = 5;
  else if (total > 192 && atLeast(4) >= 5) level = 4;
  else if (total > level3Edge && atLeast(3) >= 4) level = 3;
  else if (total > 64 && atLeast(2) >= 4) level = 2;
  else if (total > 20 && atLeast(1) >= 4) level = 1;
  return { level, pillars };
}

/** A seeded generator (mulberry32), so the set is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IDS = sme().pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria.map((k) => k.id)));
function generate(n: number): ImpactSubject[] {
  const r = random(1970);
  return Array.from({ length: n }, (_, i) => {
    // Around a "true" level so that totals fall on both sides of 128 and 140.
    const centre = 1 + r() * 3;
    const answers = Object.fromEntries(
      IDS.map((id) => [id, Math.max(0, Math.min(5, Math.round(centre + (r() - 0.5) * 3)))]),
    );
    return {
      assessmentId: `a${i}`,
      taxCode: `01000${String(i).padStart(5, '0')}`,
      name: `Company ${i}`,
      province: ['01', '79', '48'][i % 3]!,
      size: ['micro', 'small', 'medium'][Math.floor(r() * 3)]!,
      answers,
    };
  });
}

describe('impact analysis of a revision of sme@1.0.0', () => {
  const base = compile(sme()) as CompiledScorecard;
  const draft = compile(revision()) as CompiledScorecard;
  const subjects = generate(600);
  const report = impact(base, draft, subjects);

  // The expected figures, from the hand scorer.
  const rows = subjects.map((s) => ({
    s,
    before: hand(s.answers as Record<string, number>, 128, null),
    after: hand(s.answers as Record<string, number>, 140, '1.2.4'),
  }));

  it('counts the enterprises that change level overall, up and down, and both distributions', () => {
    const up = rows.filter((r) => r.after.level > r.before.level).length;
    const down = rows.filter((r) => r.after.level < r.before.level).length;
    expect(report.assessments).toBe(600);
    expect(report.overall.up).toBe(up);
    expect(report.overall.down).toBe(down);
    expect(report.overall.same).toBe(600 - up - down);
    // The revision only makes things harder (an edge raised, points taken away): nobody goes up, and some go down.
    expect(up).toBe(0);
    expect(down).toBeGreaterThan(10);
    for (const level of [0, 1, 2, 3, 4, 5]) {
      expect(report.overall.before[level]).toBe(rows.filter((r) => r.before.level === level).length);
      expect(report.overall.after[level]).toBe(rows.filter((r) => r.after.level === level).length);
    }
  });

  it('per pillar: only pillar 1 loses points', () => {
    for (const p of ['1', '2', '3', '4', '5', '6']) {
      const pr = report.pillars.find((x) => x.id === p)!;
      expect(pr.inBase).toBe(true);
      expect(pr.down).toBe(rows.filter((r) => r.after.pillars[p]! < r.before.pillars[p]!).length);
      expect(pr.up).toBe(0);
    }
    expect(report.pillars.find((x) => x.id === '1')!.down).toBeGreaterThan(0);
    expect(report.pillars.find((x) => x.id === '2')!.down).toBe(0);
  });

  it('by province and by size, the crossing enterprises, and what was not carried', () => {
    for (const province of ['01', '79', '48']) {
      const mine = rows.filter((r) => r.s.province === province);
      expect(report.byProvince[province]).toMatchObject({
        assessments: mine.length,
        down: mine.filter((r) => r.after.level < r.before.level).length,
      });
    }
    for (const size of ['micro', 'small', 'medium']) {
      const mine = rows.filter((r) => r.s.size === size);
      expect(report.bySize[size]!.assessments).toBe(mine.length);
      expect(report.bySize[size]!.after['3']).toBe(mine.filter((r) => r.after.level === 3).length);
    }
    const crossing = rows.filter((r) => r.after.level !== r.before.level);
    expect(report.crossings.map((c) => [c.assessmentId, c.before, c.after])).toEqual(
      crossing.map((r) => [r.s.assessmentId, r.before.level, r.after.level]),
    );
    // Every generated assessment answered 1.2.4 (dropped) and none 1.2.5 (new).
    expect(report.notCarried).toEqual([
      { id: '1.2.5', side: 'to', code: 'new', assessments: 600 },
      { id: '1.2.4', side: 'from', code: 'dropped', assessments: 600 },
    ]);
    expect([report.base.version, report.draft.version]).toEqual(['1.0.0', '1.1.0']);
  });

  it('leaves out assessments without answers and reports those that cannot be scored', () => {
    const r = impact(base, draft, [
      { ...subjects[0]!, answers: {} },
      { ...subjects[1]!, answers: { '1.1.1': null } },
      { ...subjects[2]!, answers: { '1.1.1': 9 } },
      subjects[3]!,
    ]);
    expect([r.assessments, r.unanswered]).toEqual([1, 2]);
    expect(r.failed).toEqual([{ assessmentId: 'a2', message: expect.stringContaining('1.1.1') }]);
  });
});
