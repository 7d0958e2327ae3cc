// definitionIssues: the one answer to "can this definition be published and run?" — the schema's shape and meaning
// checks, then the engine's exactness checks, with every issue found.
import { describe, expect, it } from 'vitest';
import { validateDefinition, type ClassifierDefinition, type ScorecardDefinition } from '@dbi/schema';
import { compile, definitionIssues } from './index.js';
import { loadDefinition } from '../test/fixtures.js';

describe('definitionIssues', () => {
  it.each(['sme', 'large', 'group', 'size'] as const)('the national %s@1.0.0 has none, and compiles', (id) => {
    const d = loadDefinition(id);
    expect(definitionIssues(d)).toEqual([]);
    expect(compile(d).ref).toBe(`${id}@1.0.0`);
  });

  it('reports the schema stage: not an object, shape, meaning', () => {
    expect(definitionIssues(null)).toEqual([expect.objectContaining({ path: '/', code: 'schema-type' })]);
    const { title: _t, ...untitled } = loadDefinition('sme');
    expect(definitionIssues(untitled)).toContainEqual(
      expect.objectContaining({ path: '/title', code: 'schema-required' }),
    );
    const d = loadDefinition<ScorecardDefinition>('sme');
    d.pillars[0]!.max = 66; // Table 1 says 65
    expect(definitionIssues(d)).toContainEqual(
      expect.objectContaining({ path: '/pillars/0/max', code: 'max-mismatch' }),
    );
  });

  it('reports what only the engine knows, on definitions the schema accepts', () => {
    const d = loadDefinition<ScorecardDefinition>('sme');
    d.rules.pillar[0]!.when = { '>': [{ '*': [{ var: 'points' }, 9007199254740991] }, 0] };
    expect(validateDefinition(d).ok).toBe(true);
    expect(definitionIssues(d)).toEqual([
      expect.objectContaining({ path: '/rules/pillar/0/when/>/0/*', code: 'rule-unsafe-integer' }),
    ]);
    const c = loadDefinition<ClassifierDefinition>('size');
    c.outputs[1]!.name = 'engine'; // a field every classification result already has (no later output reads it)
    expect(validateDefinition(c).ok).toBe(true);
    expect(definitionIssues(c)).toContainEqual(
      expect.objectContaining({ path: '/outputs/1/name', code: 'reserved-name' }),
    );
    expect(() => compile(c)).toThrow();
  });
});
