// A plausible revision of the large index, made with the designer's own edit operations: one criterion re-worded
// and re-weighted, one removed, one added, one moved to another component. Used by diff stories and tests.
import type { ScorecardDefinition } from '@dbi/schema';
import { addCriterion, moveNode, removeNode, setText, setWeight, syncMaxima } from '../edit.js';
import { findPath } from '../tree.js';
import { large } from './fixtures.js';

export function largeRevision(): { base: ScorecardDefinition; head: ScorecardDefinition } {
  const base = large();
  let d: ScorecardDefinition = { ...base, version: '1.1.0', derivedFrom: 'large@1.0.0' };
  d = setText(
    d,
    findPath(d, 'criterion', '3.2.5')!,
    'text',
    'en',
    'The enterprise runs its core systems on cloud computing',
  ) as ScorecardDefinition;
  d = setWeight(d, findPath(d, 'criterion', '3.2.5')!, 2) as ScorecardDefinition;
  d = removeNode(d, findPath(d, 'criterion', '1.3.3')!) as ScorecardDefinition;
  d = addCriterion(d, findPath(d, 'component', '6.3')!).definition as ScorecardDefinition;
  d = moveNode(d, findPath(d, 'criterion', '2.2.3')!, findPath(d, 'component', '2.1')!)
    .definition as ScorecardDefinition;
  return { base, head: syncMaxima(d) as ScorecardDefinition };
}
