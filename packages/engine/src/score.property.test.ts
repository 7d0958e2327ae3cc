// Properties of scoring on generated answer sets for both national scorecards.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { contentHash, type LevelRule } from '@dbi/schema';
import { compile, score, type CompiledScorecard } from './index.js';
import { pillarsOf, scorecard } from '../test/fixtures.js';

type Ref = 'sme@1.0.0' | 'large@1.0.0';

/** Answer sets spread over every level: a base level, then each criterion base-1..base+1, null or absent. */
function answerSets(ref: Ref) {
  const ids = pillarsOf(scorecard(ref).definition).flatMap((p) => p.criteria.map((k) => k.id));
  const cell = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: -1, max: 1 }) },
    { weight: 1, arbitrary: fc.constant('null' as const) },
    { weight: 1, arbitrary: fc.constant('absent' as const) },
  );
  return fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.array(cell, { minLength: ids.length, maxLength: ids.length }))
    .map(([base, cells]) => {
      const answers: Record<string, number | null> = {};
      cells.forEach((c, i) => {
        if (c === 'absent') return;
        answers[ids[i]!] = c === 'null' ? null : Math.max(0, Math.min(5, base + c));
      });
      return { ids, answers };
    });
}

/** The first rule whose `when` json-logic-js finds truthy on the documented context, else the lowest level. */
function jsonLogicLevel(rules: readonly LevelRule[], ctx: object): number {
  for (const r of rules) if (jsonLogic.truthy(jsonLogic.apply(r.when as jsonLogic.RulesLogic, ctx))) return r.level;
  return 0;
}

describe.each(['sme@1.0.0', 'large@1.0.0'] as const)('%s', (ref) => {
  const c = () => scorecard(ref);

  it('raising one answer never lowers any pillar level or the overall level', () => {
    fc.assert(
      fc.property(answerSets(ref), fc.nat(), fc.integer({ min: 1, max: 5 }), ({ ids, answers }, pick, step) => {
        const id = ids[pick % ids.length]!;
        const before = score(c(), { answers });
        const raised = { ...answers, [id]: Math.min(5, (answers[id] ?? 0) + step) };
        const after = score(c(), { answers: raised });
        expect(after.total).toBeGreaterThanOrEqual(before.total);
        expect(after.level).toBeGreaterThanOrEqual(before.level);
        after.pillars.forEach((p, i) => expect(p.level).toBeGreaterThanOrEqual(before.pillars[i]!.level));
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic, and the stamp is the definition's content hash whatever object holds it", () => {
    const copy = compile(structuredClone(c().definition)) as CompiledScorecard;
    expect(copy).not.toBe(c());
    expect(copy.stamp).toEqual({
      id: c().definition.id,
      version: c().definition.version,
      hash: contentHash(c().definition),
    });
    fc.assert(
      fc.property(answerSets(ref), ({ answers }) => {
        const first = score(c(), { answers }, { explain: true });
        expect(score(c(), { answers }, { explain: true })).toEqual(first);
        expect(score(copy, { answers }, { explain: true })).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it("levels agree with json-logic-js applying the definition's rules to the documented contexts", () => {
    const d = c().definition;
    const shapes = pillarsOf(d);
    fc.assert(
      fc.property(answerSets(ref), ({ answers }) => {
        const r = score(c(), { answers });
        const levels = shapes.map((p, i) => {
          const answered = p.criteria.filter((k) => typeof answers[k.id] === 'number').length;
          const ctx = { points: r.pillars[i]!.points, max: p.max, criteria: p.criteria.length, answered };
          return jsonLogicLevel(d.pillars[i]!.rules ?? d.rules.pillar, ctx);
        });
        expect(r.pillars.map((p) => p.level)).toEqual(levels);
        const atLeast = Object.fromEntries(
          d.levels.map((l) => [String(l.level), levels.filter((x) => x >= l.level).length]),
        );
        const total = r.pillars.reduce((s, p) => s + p.points, 0);
        expect(r.total).toBe(total);
        expect(r.level).toBe(jsonLogicLevel(d.rules.overall, { total, max: r.max, pillars: levels.length, atLeast }));
      }),
      { numRuns: 400 },
    );
  });
});
