// @dbi/designer-ui/testing — fixtures for tests, stories and benchmarks (not for the app): the national indices as
// typed definitions, a revision of the large index made with the edit operations, and synthetic scorecards of any
// size.
export { sme, large, group, size } from './fixtures.js';
export type { NationalScorecard } from './fixtures.js';
export { largeRevision } from './revisions.js';
export { syntheticScorecard } from './synthetic.js';
