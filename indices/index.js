// The national indices of Decision 1970/QĐ-BTTTT as data. Plain ESM (no build step): JSON import attributes
// load on Node ≥ 20.10 and in every bundler the product uses.
import sme from './sme/1.0.0.json' with { type: 'json' };
import large from './large/1.0.0.json' with { type: 'json' };
import group from './group/1.0.0.json' with { type: 'json' };
import size from './size/1.0.0.json' with { type: 'json' };

/** Every national definition, in a stable order. */
export const nationalIndices = [sme, large, group, size];

/** `large@1.0.0` → that definition, or undefined when there is no such national index. */
export function loadNational(ref) {
  return nationalIndices.find((d) => `${d.id}@${d.version}` === ref);
}
