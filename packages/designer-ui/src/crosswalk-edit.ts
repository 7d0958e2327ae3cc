// Pure edits of a definition's crosswalk, for the crosswalk panel (the store applies them, so undo/redo and live
// validation work as for every other edit). The crosswalk's meaning is @dbi/schema's; nothing here checks it.
import {
  suggestCrosswalk,
  type Crosswalk,
  type CrosswalkEntry,
  type Definition,
  type ScorecardDefinition,
} from '@dbi/schema';

/** "1.1.2, 1.1.3" → ["1.1.2", "1.1.3"] (commas or spaces; empties dropped). */
export const parseIds = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The crosswalk suggested from `base` (ids and texts), replacing any there was; `derivedFrom` set to match. */
export function suggestInto(def: Definition, base: ScorecardDefinition): Definition {
  if (def.kind !== 'scorecard') return def;
  const crosswalk = suggestCrosswalk(base, def);
  return { ...def, derivedFrom: crosswalk.from, crosswalk };
}

/** One entry changed; a kind that does not combine loses `combine`, a merge gets `max` unless it has one. */
export function setEntry(def: Definition, index: number, patch: Partial<CrosswalkEntry>): Definition {
  if (def.kind !== 'scorecard' || !def.crosswalk) return def;
  const criteria = def.crosswalk.criteria.map((e, i) => {
    if (i !== index) return e;
    const next: CrosswalkEntry = { ...e, ...patch };
    if (next.kind === 'merged') next.combine ??= 'max';
    else delete next.combine;
    if (next.kind === 'new') next.from = [];
    if (next.kind === 'dropped') next.to = [];
    return next;
  });
  return { ...def, crosswalk: { ...def.crosswalk, criteria } };
}

export function removeEntry(def: Definition, index: number): Definition {
  if (def.kind !== 'scorecard' || !def.crosswalk) return def;
  return { ...def, crosswalk: { ...def.crosswalk, criteria: def.crosswalk.criteria.filter((_, i) => i !== index) } };
}

export function addEntry(def: Definition, entry: CrosswalkEntry): Definition {
  if (def.kind !== 'scorecard' || !def.crosswalk) return def;
  return { ...def, crosswalk: { ...def.crosswalk, criteria: [...def.crosswalk.criteria, entry] } };
}

/** The definition without a crosswalk (answers then carry by the suggestion, computed when needed). */
export function removeCrosswalk(def: Definition): Definition {
  if (def.kind !== 'scorecard' || !def.crosswalk) return def;
  const { crosswalk: _gone, ...rest } = def;
  return rest as Definition;
}

/** Entries per kind, for the panel's summary line. */
export function crosswalkCounts(cw: Crosswalk | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of cw?.criteria ?? []) out[e.kind] = (out[e.kind] ?? 0) + 1;
  return out;
}
