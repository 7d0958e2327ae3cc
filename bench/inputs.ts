// Inputs the HTTP benches share.
import { nationalIndices } from '@dbi/indices';
import type { ScorecardDefinition } from '@dbi/schema';

/** A large@1.0.0 input with every one of its 139 criteria answered 0–5, from a seeded generator. */
export function largeInput(seed: number) {
  const def = nationalIndices.find((d) => d.id === 'large') as ScorecardDefinition;
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  const answers: Record<string, number> = {};
  for (const p of def.pillars) for (const c of p.components) for (const k of c.criteria) answers[k.id] = next() % 6;
  return { answers };
}
