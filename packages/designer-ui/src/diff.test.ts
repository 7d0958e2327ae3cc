import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '@dbi/schema';
import { diffCounts, diffMarks, diffView } from './diff.js';
import { setRule } from './edit.js';
import { large } from './testing/fixtures.js';
import { largeRevision } from './testing/revisions.js';

describe('diffMarks', () => {
  it('gives one mark per node changed by the revision', () => {
    const { base, head } = largeRevision();
    const marks = diffMarks(diffDefinitions(base, head));
    const byKey = new Map(marks.map((m) => [m.key, m]));
    expect(byKey.get('criterion:3.2.5')).toMatchObject({ status: 'changed' });
    expect(byKey.get('criterion:3.2.5')!.fields!.sort()).toEqual(['text', 'weight']);
    expect(byKey.get('criterion:1.3.3')).toMatchObject({ status: 'removed' });
    expect(byKey.get('criterion:6.3.4')).toMatchObject({ status: 'added' });
    expect(byKey.get('criterion:2.2.3')).toMatchObject({ status: 'moved', from: '2.2', to: '2.1' });
    // Declared maxima changed on the touched components and pillars, and on the index (with version and lineage).
    expect(byKey.get('component:3.2')).toMatchObject({ status: 'changed', fields: ['max'] });
    expect(byKey.get('index')).toMatchObject({ status: 'changed' });
    expect(diffCounts(marks)).toMatchObject({ added: 1, removed: 1, moved: 1 });
  });

  it('marks a pillar whose own rules changed, and the index for shared rules', () => {
    const base = large();
    const own = setRule(base, { scope: 'overall' }, 0, { ...base.rules.overall[0]!, level: 5 });
    expect(diffView(base, own).marks).toEqual([]);
    const changed = setRule(base, { scope: 'overall' }, 1, { level: 4, when: true });
    expect(diffView(base, changed).marks).toEqual([
      { status: 'changed', kind: 'index', id: 'rules.overall', key: 'index', fields: ['rules.overall'] },
    ]);
  });

  it('has no marks for identical versions', () => {
    expect(diffMarks(diffDefinitions(large(), large()))).toEqual([]);
  });
});
