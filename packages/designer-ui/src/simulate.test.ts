import { describe, expect, it } from 'vitest';
import { compile, score } from '@dbi/engine';
import type { ScoreAnswers, ScorecardDefinition } from '@dbi/schema';
import { criterionIds, presetAnswers, simulate } from './simulate.js';
import { findPath } from './tree.js';
import { removeNode, setWeight } from './edit.js';
import { group, large, sme } from './testing/fixtures.js';

function run(def: ScorecardDefinition, answers: ScoreAnswers) {
  const sim = simulate(def, answers);
  if (!sim.ok) throw new Error(sim.message);
  return sim.result;
}

describe('simulate', () => {
  it('gives exactly the engine’s result (the engine is the oracle)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const def of [sme(), large()]) {
      for (const answers of [
        presetAnswers(def, { kind: 'random' }, random),
        presetAnswers(def, { kind: 'random' }, random),
        presetAnswers(def, { kind: 'level', level: 2 }),
        {},
      ]) {
        const oracle = score(compile(def) as Parameters<typeof score>[0], { answers }, { explain: true });
        expect(run(def, answers)).toEqual(oracle);
      }
    }
  });

  // Hand-derived from the Decision (Appendix II, large enterprises): pillar bands "Trên 40% đến 60%" = level 3,
  // "Trên 60% đến 80%" = level 4; overall level 4 needs "trên 417 điểm" and ≥ 5 pillars at level 4, level 5 needs
  // "trên 556 điểm" and all 6 pillars at level 5. Every large criterion weighs 1 (max 695 = 139 × 5).
  it('large, every answer at level 3: each pillar at exactly 60% is level 3; 417 points is not "above 417": level 3', () => {
    const r = run(large(), presetAnswers(large(), { kind: 'level', level: 3 }));
    expect(r.total).toBe(417);
    expect(r.pillars.map((p) => p.level)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(r.level).toBe(3);
  });

  it('large, every answer at level 4: 80% per pillar is level 4; 556 points is not "above 556": level 4', () => {
    const r = run(large(), presetAnswers(large(), { kind: 'level', level: 4 }));
    expect(r.total).toBe(556);
    expect(r.pillars.map((p) => p.level)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(r.level).toBe(4);
  });

  it('large, every answer at level 5: 695 points and all pillars at level 5: level 5', () => {
    const r = run(large(), presetAnswers(large(), { kind: 'level', level: 5 }));
    expect(r).toMatchObject({ total: 695, max: 695, level: 5 });
  });

  it('large, every answer at level 1: 20% per pillar is level 1 ("Từ 10% đến 20%"); 139 points is not "above 139": level 1', () => {
    const r = run(large(), presetAnswers(large(), { kind: 'level', level: 1 }));
    expect(r.total).toBe(139);
    expect(r.pillars.every((p) => p.level === 1)).toBe(true);
    expect(r.level).toBe(1);
  });

  it('sme, the Decision’s own example: 39 points in "Trải nghiệm số cho khách hàng" (max 65) is level 3', () => {
    const def = sme();
    const pillar1 = def.pillars[0]!.components.flatMap((c) => c.criteria);
    const answers = Object.fromEntries(pillar1.map((k) => [k.id, 3])); // 13 criteria × weight 1 × level 3 = 39
    const r = run(def, answers);
    expect(r.pillars[0]).toMatchObject({ id: '1', points: 39, max: 65, level: 3 });
    expect(r.missing).toHaveLength(60 - 13);
  });

  it('leaves out answers for criteria the draft no longer has', () => {
    const def = large();
    const answers = presetAnswers(def, { kind: 'level', level: 2 });
    const smaller = removeNode(def, findPath(def, 'criterion', '1.1.1')!) as ScorecardDefinition;
    const sim = simulate(smaller, answers);
    // The declared maxima no longer add up: the engine refuses the definition, and says where.
    expect(sim.ok).toBe(false);
    expect(!sim.ok && sim.reason).toBe('invalid-definition');
    expect(!sim.ok && sim.issues.some((i) => i.code === 'max-mismatch')).toBe(true);
  });

  it('reports what is not simulated', () => {
    expect(simulate(group(), {})).toMatchObject({ ok: false, reason: 'not-scorecard' });
    const bad = setWeight(large(), findPath(large(), 'criterion', '3.2.5')!, -1);
    expect(simulate(bad, {})).toMatchObject({ ok: false, reason: 'invalid-definition' });
    const sim = simulate(large(), { '1.1.1': 9 });
    expect(sim).toMatchObject({ ok: false, reason: 'invalid-input' });
  });
});

describe('presetAnswers', () => {
  it('fills every criterion, in range, or clears', () => {
    const def = sme();
    const ids = criterionIds(def);
    expect(ids).toHaveLength(60);
    const all2 = presetAnswers(def, { kind: 'level', level: 2 });
    expect(Object.keys(all2)).toEqual(ids);
    expect(new Set(Object.values(all2))).toEqual(new Set([2]));
    const random = presetAnswers(def, { kind: 'random' });
    expect(Object.values(random).every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 5)).toBe(
      true,
    );
    expect(presetAnswers(def, { kind: 'clear' })).toEqual({});
    expect(new Set(Object.values(presetAnswers(def, { kind: 'level', level: 9 })))).toEqual(new Set([5]));
  });
});
