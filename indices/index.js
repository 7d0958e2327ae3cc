// The indices shipped as data. Plain ESM (no build step): JSON import attributes load on Node ≥ 20.10 and in every
// bundler the product uses.
import sme from './sme/1.0.0.json' with { type: 'json' };
import large from './large/1.0.0.json' with { type: 'json' };
import group from './group/1.0.0.json' with { type: 'json' };
import size from './size/1.0.0.json' with { type: 'json' };
import readinessExample from './readiness-example/1.0.0.json' with { type: 'json' };

/** Every national definition of Decision 1970/QĐ-BTTTT, in a stable order. */
export const nationalIndices = [sme, large, group, size];

/** Examples of the definition language (marked `example: true`; not legal texts). */
export const exampleIndices = [readinessExample];

/** Everything shipped: the national indices, then the examples. */
export const bundledIndices = [...nationalIndices, ...exampleIndices];

/** `large@1.0.0` → that definition, or undefined when there is no such national index. */
export function loadNational(ref) {
  return nationalIndices.find((d) => `${d.id}@${d.version}` === ref);
}

/** `readiness-example@1.0.0` (or a national ref) → that shipped definition, or undefined. */
export function loadBundled(ref) {
  return bundledIndices.find((d) => `${d.id}@${d.version}` === ref);
}
