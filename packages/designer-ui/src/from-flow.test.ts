import type { NationalScorecard } from './testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@dbi/schema';
import { dropMove, pathOfKey } from './from-flow.js';
import { syncMaxima } from './edit.js';
import { large } from './testing/fixtures.js';

const ids = (def: NationalScorecard, component: string) =>
  def.pillars
    .flatMap((p) => p.components)
    .find((c) => c.id === component)!
    .criteria.map((k) => k.id);

describe('dropMove', () => {
  it('a criterion dropped on a component moves to its end', () => {
    const r = dropMove(large(), 'criterion:2.2.3', 'component:2.1')!;
    expect(ids(r.definition as NationalScorecard, '2.1')).toEqual(['2.1.1', '2.1.2', '2.1.3', '2.1.4', '2.2.3']);
    // Nothing of the canvas ends up in the definition (extra properties would be schema errors): the only issues
    // are the two components' declared maxima, which no longer add up.
    const checked = validateDefinition(r.definition);
    expect(checked.ok ? [] : checked.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      'max-mismatch /pillars/1/components/0/max',
      'max-mismatch /pillars/1/components/1/max',
    ]);
    expect(validateDefinition(syncMaxima(r.definition)).ok).toBe(true);
  });

  it('a criterion dropped on another criterion goes just before it', () => {
    const r = dropMove(large(), 'criterion:2.2.3', 'criterion:2.1.2')!;
    expect(ids(r.definition as NationalScorecard, '2.1')).toEqual(['2.1.1', '2.2.3', '2.1.2', '2.1.3', '2.1.4']);
    const down = dropMove(large(), 'criterion:3.2.1', 'criterion:3.2.4')!;
    expect(ids(down.definition as NationalScorecard, '3.2')).toEqual([
      '3.2.2',
      '3.2.3',
      '3.2.1',
      '3.2.4',
      '3.2.5',
      '3.2.6',
      '3.2.7',
    ]);
  });

  it('a component dropped on a pillar or before another component', () => {
    const r = dropMove(large(), 'component:1.4', 'pillar:2')!;
    expect((r.definition as NationalScorecard).pillars[1]!.components.at(-1)!.id).toBe('1.4');
    const before = dropMove(large(), 'component:3.5', 'component:3.1')!;
    expect((before.definition as NationalScorecard).pillars[2]!.components.map((c) => c.id)).toEqual([
      '3.5',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
    ]);
  });

  it('anything else is not a move', () => {
    const def = large();
    expect(dropMove(def, 'criterion:2.1.1', 'component:2.1')).toBeUndefined(); // already there
    expect(dropMove(def, 'criterion:2.1.1', 'criterion:2.1.1')).toBeUndefined();
    expect(dropMove(def, 'criterion:2.1.1', 'criterion:2.1.2')).toBeUndefined(); // already just before it
    expect(dropMove(def, 'criterion:2.1.1', 'pillar:3')).toBeUndefined();
    expect(dropMove(def, 'pillar:1', 'pillar:3')).toBeUndefined();
    expect(dropMove(def, 'ghost:criterion:9.9.9', 'component:2.1')).toBeUndefined();
    expect(pathOfKey(def, 'criterion:3.2.5')).toEqual({ kind: 'criterion', p: 2, c: 1, k: 4 });
  });
});
