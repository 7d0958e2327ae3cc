import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from './canonical.js';
import { carryAnswers, checkCrosswalk, suggestCrosswalk } from './crosswalk.js';
import type { Component, Crosswalk, Criterion, LevelCriterion, ScorecardDefinition } from './definition.js';
import { diffDefinitions } from './diff.js';
import { validateDefinition } from './validate.js';

const large = () =>
  JSON.parse(
    readFileSync(new URL('../../../indices/large/1.0.0.json', import.meta.url), 'utf8'),
  ) as ScorecardDefinition;
const component = (d: ScorecardDefinition, id: string): Component =>
  d.pillars.flatMap((p) => p.components!).find((c) => c.id === id)!;
const level = (id: string, en: string, weight = 1): LevelCriterion => ({ id, text: { vi: en, en }, weight });

/**
 * large@1.1.0 as a revision of large@1.0.0: 1.1.1 renamed 1.1.1a; 1.1.2 and 1.1.3 merged into 1.1.2 (max);
 * 1.1.4 split into 1.1.4a and 1.1.4b; 1.2.1 dropped; 1.2.9 new; 1.2.2 became a yes/no question (levels ≥ 3 → yes).
 * Every criterion has weight 1, so the maxima stay (1.1: 4 criteria replaced by 4; 1.2: 2 by 2).
 */
function revision(): ScorecardDefinition & { crosswalk: Crosswalk } {
  const d = large();
  d.version = '1.1.0';
  d.derivedFrom = 'large@1.0.0';
  const c11 = component(d, '1.1');
  const [k1, , , k4] = c11.criteria as LevelCriterion[];
  c11.criteria = [
    { ...k1!, id: '1.1.1a' },
    level('1.1.2', 'Merged marketing content and tools'),
    { ...k4!, id: '1.1.4a' },
    level('1.1.4b', 'The second half of 1.1.4'),
    ...c11.criteria.slice(4),
  ];
  const c12 = component(d, '1.2');
  const rest = c12.criteria.filter((k) => k.id !== '1.2.1' && k.id !== '1.2.2');
  const yesNo: Criterion = { id: '1.2.2', text: c12.criteria[1]!.text, type: 'boolean', points: 5 };
  c12.criteria = [yesNo, ...rest, level('1.2.9', 'A new question')];
  d.crosswalk = {
    from: 'large@1.0.0',
    criteria: [
      { kind: 'renamed', from: ['1.1.1'], to: ['1.1.1a'] },
      { kind: 'merged', from: ['1.1.2', '1.1.3'], to: ['1.1.2'], combine: 'max' },
      { kind: 'split', from: ['1.1.4'], to: ['1.1.4a', '1.1.4b'] },
      { kind: 'dropped', from: ['1.2.1'], to: [] },
      {
        kind: 'same',
        from: ['1.2.2'],
        to: ['1.2.2'],
        options: [0, 1, 2, 3, 4, 5].map((n) => ({ from: n, to: n >= 3 })),
      },
      { kind: 'new', from: [], to: ['1.2.9'] },
    ],
  };
  const named = new Set(d.crosswalk.criteria.flatMap((e) => e.to));
  for (const p of d.pillars)
    for (const c of p.components!)
      for (const k of c.criteria)
        if (!named.has(k.id)) d.crosswalk.criteria.push({ kind: 'same', from: [k.id], to: [k.id] });
  return d as ScorecardDefinition & { crosswalk: Crosswalk };
}

describe('crosswalks as data', () => {
  it('a revision with a crosswalk is valid, and the crosswalk is covered by its hash', () => {
    const d = revision();
    expect(validateDefinition(d)).toMatchObject({ ok: true, issues: [] });
    expect(checkCrosswalk(large(), d)).toEqual([]);
    const without = { ...d, crosswalk: undefined };
    delete without.crosswalk;
    expect(contentHash(d)).not.toBe(contentHash(without));
    // The published hash of large@1.0.0 does not move: the field is absent there (pinned in indices.test.ts too).
    expect(contentHash(large())).toBe('06e343d22f5ce48a4ed69c4f72863ca0ea345b21d4b73bbea64201b8c9855d04');
  });

  it('names each wrong entry by its JSON pointer', () => {
    const d = revision();
    delete d.derivedFrom;
    d.crosswalk.criteria[0] = { kind: 'same', from: ['1.1.1'], to: ['1.1.1a'] };
    d.crosswalk.criteria[1] = { kind: 'merged', from: ['1.1.2'], to: ['1.1.2'] };
    d.crosswalk.criteria[2] = { kind: 'split', from: ['1.1.4'], to: ['1.1.4a', '9.9.9'] };
    d.crosswalk.criteria[4]!.options![0] = { from: 0, to: 'maybe' };
    d.crosswalk.criteria[5] = { kind: 'new', from: [], to: ['1.1.4a'] };
    const r = validateDefinition(d);
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.issues.map((i) => [i.path, i.code]);
    expect(issues).toEqual([
      ['/crosswalk/from', 'crosswalk-from'],
      ['/crosswalk/criteria/0/kind', 'crosswalk-kind'],
      ['/crosswalk/criteria/1/from', 'crosswalk-arity'],
      ['/crosswalk/criteria/1/combine', 'crosswalk-combine'],
      ['/crosswalk/criteria/2/to/1', 'crosswalk-unknown'],
      ['/crosswalk/criteria/4/options/0/to', 'crosswalk-option'],
      ['/crosswalk/criteria/5/to/0', 'crosswalk-duplicate'],
    ]);
    const message = r.ok ? '' : r.issues[0]!.message;
    expect(message).toBe('a crosswalk needs derivedFrom: set derivedFrom to "large@1.0.0"');
  });

  it('against the base: criteria that are not there and options that are no answer of theirs', () => {
    const d = revision();
    d.crosswalk.criteria[3] = { kind: 'dropped', from: ['1.2.77'], to: [] };
    d.crosswalk.criteria[4]!.options![5] = { from: 6, to: true };
    expect(checkCrosswalk(large(), d)).toEqual([
      {
        path: '/crosswalk/criteria/3/from/0',
        code: 'crosswalk-unknown',
        message: '1.2.77 is not a criterion of large@1.0.0',
      },
      {
        path: '/crosswalk/criteria/4/options/5/from',
        code: 'crosswalk-option',
        message: "level 6 is outside 1.2.2's answer scale 0..5",
      },
    ]);
  });

  it('is suggested where ids and texts match', () => {
    const d = revision();
    const s = suggestCrosswalk(large(), d);
    const of = (to: string) => s.criteria.find((e) => e.to.includes(to));
    expect(s.from).toBe('large@1.0.0');
    expect(of('1.1.1a')).toEqual({ kind: 'renamed', from: ['1.1.1'], to: ['1.1.1a'] }); // same text, new id
    expect(of('1.1.4a')).toEqual({ kind: 'renamed', from: ['1.1.4'], to: ['1.1.4a'] });
    expect(of('1.1.2')).toEqual({ kind: 'same', from: ['1.1.2'], to: ['1.1.2'] });
    expect(of('1.1.4b')).toEqual({ kind: 'new', from: [], to: ['1.1.4b'] });
    expect(s.criteria.filter((e) => e.kind === 'dropped').map((e) => e.from[0])).toEqual(['1.1.3', '1.2.1']);
    // Every criterion of each side appears once.
    const a = large().pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria.map((k) => k.id)));
    expect(s.criteria.flatMap((e) => e.from).sort()).toEqual(a.sort());
  });

  it('carries answers: renamed, merged, split, dropped, new, options remapped', () => {
    const answers = { '1.1.1': 4, '1.1.2': 1, '1.1.3': 3, '1.1.4': 2, '1.2.1': 5, '1.2.2': 3, '1.2.3': 0 };
    const r = carryAnswers(large(), revision(), answers);
    expect(r.answers).toEqual({ '1.1.1a': 4, '1.1.2': 3, '1.1.4a': 2, '1.1.4b': 2, '1.2.2': true, '1.2.3': 0 });
    expect(r.carried.map((c) => `${c.kind}:${c.from.join('+')}>${c.id}`)).toEqual([
      'renamed:1.1.1>1.1.1a',
      'merged:1.1.2+1.1.3>1.1.2',
      'split:1.1.4>1.1.4a',
      'split:1.1.4>1.1.4b',
      'same:1.2.2>1.2.2',
      'same:1.2.3>1.2.3',
    ]);
    const lost = r.notCarried.map((n) => `${n.side}:${n.id}:${n.code}`);
    expect(lost).toContain('from:1.2.1:dropped');
    expect(lost).toContain('to:1.2.9:new');
    expect(lost).toContain('to:1.2.4:unanswered');
    expect(lost.filter((x) => x.endsWith(':unanswered')).length).toBe(
      large().pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria)).length - 7, // all of b but the 6 carried and the new 1.2.9
    );
  });

  it('a merge by min, an unmapped option, an answer that does not fit and an unmapped criterion', () => {
    const b = revision();
    b.crosswalk.criteria[1]!.combine = 'min';
    b.crosswalk.criteria[4]!.options = [{ from: 5, to: true }];
    b.crosswalk.criteria = b.crosswalk.criteria.filter((e) => !e.to.includes('1.2.3'));
    const r = carryAnswers(large(), b, { '1.1.2': 1, '1.1.3': 3, '1.2.2': 2, '1.2.3': 4 });
    expect(r.answers).toEqual({ '1.1.2': 1 });
    expect(r.notCarried.filter((n) => n.code !== 'unanswered' && n.code !== 'new')).toEqual([
      {
        id: '1.2.2',
        side: 'to',
        code: 'no-option',
        message: 'the crosswalk gives no answer of 1.2.2 for 1.2.2 = 2',
      },
      { id: '1.2.3', side: 'to', code: 'unmapped', message: 'the crosswalk does not say where 1.2.3 comes from' },
      { id: '1.2.3', side: 'from', code: 'unmapped', message: 'the crosswalk does not say where 1.2.3 goes' },
    ]);
    // A level the new answer scale cannot hold is not carried.
    const c = revision();
    c.levels = c.levels.slice(0, 5);
    const fit = carryAnswers(large(), c, { '1.2.3': 5, '1.2.4': 4 });
    expect(fit.answers).toEqual({ '1.2.4': 4 });
    expect(fit.notCarried.find((n) => n.id === '1.2.3')).toEqual({
      id: '1.2.3',
      side: 'to',
      code: 'does-not-fit',
      message: "level 5 is outside 1.2.3's answer scale 0..4",
    });
  });

  it('without a crosswalk the suggested one carries what matches by id and text', () => {
    const b = revision();
    delete (b as Partial<typeof b>).crosswalk;
    const r = carryAnswers(large(), b, { '1.1.1': 2, '1.1.3': 1, '1.2.2': 4 });
    // 1.1.1 → 1.1.1a (same text); 1.1.3 was dropped; 1.2.2 is now yes/no, and a level does not fit it.
    expect(r.answers).toEqual({ '1.1.1a': 2 });
    expect(r.notCarried.find((n) => n.id === '1.2.2')?.code).toBe('does-not-fit');
    expect(r.notCarried.find((n) => n.id === '1.1.3')?.code).toBe('dropped');
  });

  it('the diff shows the crosswalk in words', () => {
    const a = revision();
    const b = revision();
    b.crosswalk.criteria[1] = { kind: 'merged', from: ['1.1.2', '1.1.3'], to: ['1.1.2'], combine: 'min' };
    const change = diffDefinitions(a, b).changes.find((c) => c.field === 'crosswalk');
    expect(change?.details).toEqual(['+ merged 1.1.2, 1.1.3 → 1.1.2 (min)', '− merged 1.1.2, 1.1.3 → 1.1.2 (max)']);
    const options = diffDefinitions(large(), revision()).changes.find((c) => c.field === 'crosswalk');
    expect(options?.details).toContain(
      '+ same 1.2.2 → 1.2.2; options 0→false, 1→false, 2→false, 3→true, 4→true, 5→true',
    );
  });
});
