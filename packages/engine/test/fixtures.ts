// Shared test helpers: the national definitions read from indices/<id>/1.0.0.json, and answer sets built to hit
// exact point totals. Nothing here computes a level: expectations live in the tests, taken from the Decision.
import { readFileSync } from 'node:fs';
import type { Definition, LevelCriterion, ScorecardDefinition } from '@dbi/schema';
import { createRegistry, type CompiledScorecard, type Registry } from '../src/index.js';

const INDICES = new URL('../../../indices/', import.meta.url);

/** A fresh parsed copy of a national definition (callers may modify it). */
export function loadDefinition<T extends Definition = Definition>(id: 'sme' | 'large' | 'group' | 'size'): T {
  return JSON.parse(readFileSync(new URL(`${id}/1.0.0.json`, INDICES), 'utf8')) as T;
}

let shared: Registry | undefined;
/** One registry of the four national definitions, compiled once per test file. */
export function national(): Registry {
  shared ??= createRegistry((['sme', 'large', 'group', 'size'] as const).map((id) => loadDefinition(id)));
  return shared;
}

export const scorecard = (ref: 'sme@1.0.0' | 'large@1.0.0'): CompiledScorecard =>
  national().get(ref) as CompiledScorecard;

export interface PillarShape {
  id: string;
  criteria: { id: string; weight: number }[];
  /** Points at the top answer level, from the criteria (weights × highest level). */
  max: number;
}

export function pillarsOf(def: ScorecardDefinition): PillarShape[] {
  const top = def.levels.length - 1;
  return def.pillars.map((p) => {
    // The national scorecards are 1970-shaped: components of level criteria, each with a weight.
    const criteria = p.components!.flatMap((c) =>
      c.criteria.map((k) => ({ id: k.id, weight: (k as LevelCriterion).weight })),
    );
    return { id: p.id, criteria, max: criteria.reduce((s, k) => s + k.weight * top, 0) };
  });
}

/** Every point total a pillar can reach (answers 0..top per criterion), ascending. */
export function reachable(p: PillarShape, top = 5): number[] {
  let sums = new Set([0]);
  for (const k of p.criteria) {
    const next = new Set<number>();
    for (const s of sums) for (let l = 0; l <= top; l++) next.add(s + l * k.weight);
    sums = next;
  }
  return [...sums].sort((a, b) => a - b);
}

/** Answers giving a pillar exactly `points` (throws if the weights cannot make it). */
export function answersForPillar(p: PillarShape, points: number, top = 5): Record<string, number> {
  const out: Record<string, number> = {};
  let rest = points;
  // Heaviest criteria first, then greedily: with weights 1 and 5 this reaches every reachable total.
  const order = [...p.criteria].sort((a, b) => b.weight - a.weight);
  for (const k of order) {
    const level = Math.min(top, Math.floor(rest / k.weight));
    out[k.id] = level;
    rest -= level * k.weight;
  }
  if (rest !== 0) throw new Error(`pillar ${p.id} cannot score exactly ${points}`);
  return out;
}

/** Answers giving each pillar exactly the points asked for. */
export function answersFor(def: ScorecardDefinition, points: readonly number[]): Record<string, number> {
  const pillars = pillarsOf(def);
  return Object.assign({}, ...pillars.map((p, i) => answersForPillar(p, points[i]!)));
}

/** Every criterion answered with the same level. */
export function uniform(def: ScorecardDefinition, level: number): Record<string, number> {
  return Object.fromEntries(pillarsOf(def).flatMap((p) => p.criteria.map((k) => [k.id, level])));
}
