import { describe, expect, it } from 'vitest';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type ScorecardDefinition } from '@dbi/schema';
import {
  addEntry,
  crosswalkCounts,
  parseIds,
  removeCrosswalk,
  removeEntry,
  setEntry,
  suggestInto,
} from './crosswalk-edit.js';

const sme = nationalIndices.find((d) => d.id === 'sme')! as ScorecardDefinition;
/** sme@1.1.0 with 1.2.4 renamed 1.2.4a (same text) and 6.1.7 removed. */
function draft(): ScorecardDefinition {
  const d = structuredClone(sme);
  d.version = '1.1.0';
  const c = d.pillars[0]!.components![1]!;
  c.criteria = c.criteria.map((k) => (k.id === '1.2.4' ? { ...k, id: '1.2.4a' } : k));
  const c6 = d.pillars[5]!.components![0]!;
  c6.criteria = c6.criteria.filter((k) => k.id !== '6.1.7');
  return d;
}

describe('crosswalk edits', () => {
  it('suggests from the base: renamed where the text matches, dropped where a criterion is gone', () => {
    const d = suggestInto(draft(), sme) as ScorecardDefinition;
    expect(d.derivedFrom).toBe('sme@1.0.0');
    expect(crosswalkCounts(d.crosswalk)).toEqual({ same: 58, renamed: 1, dropped: 1 });
    expect(d.crosswalk!.criteria.find((e) => e.kind === 'renamed')).toEqual({
      kind: 'renamed',
      from: ['1.2.4'],
      to: ['1.2.4a'],
    });
  });

  it('changes an entry to a merge (with max), back, adds and removes entries, and removes the crosswalk', () => {
    let d = suggestInto(draft(), sme);
    const i = (d as ScorecardDefinition).crosswalk!.criteria.findIndex((e) => e.to[0] === '1.1.2');
    d = setEntry(d, i, { kind: 'merged', from: parseIds('1.1.2, 1.1.3') });
    expect((d as ScorecardDefinition).crosswalk!.criteria[i]).toEqual({
      kind: 'merged',
      from: ['1.1.2', '1.1.3'],
      to: ['1.1.2'],
      combine: 'max',
    });
    d = setEntry(d, i, { kind: 'same', from: ['1.1.2'] });
    expect((d as ScorecardDefinition).crosswalk!.criteria[i]).toEqual({ kind: 'same', from: ['1.1.2'], to: ['1.1.2'] });
    d = addEntry(d, { kind: 'new', from: [], to: ['9.9'] });
    expect(crosswalkCounts((d as ScorecardDefinition).crosswalk).new).toBe(1);
    d = removeEntry(d, (d as ScorecardDefinition).crosswalk!.criteria.length - 1);
    expect(crosswalkCounts((d as ScorecardDefinition).crosswalk).new).toBeUndefined();
    const bare = removeCrosswalk(d);
    expect('crosswalk' in bare).toBe(false);
    expect(contentHash(removeCrosswalk(sme))).toBe(contentHash(sme));
  });
});
