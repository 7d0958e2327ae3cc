// compile(), createRegistry(), run(): validation, caching, stamps, the exactness guard, and the engine staying
// generic (tailored variants run without code changes).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash, type Definition, type ScorecardDefinition } from '@dbi/schema';
import { ENGINE_VERSION, EngineError, compile, createRegistry, run, score, type CompiledScorecard } from './index.js';
import { answersFor, loadDefinition, uniform } from '../test/fixtures.js';

const sme = () => loadDefinition<ScorecardDefinition>('sme');

function compileIssues(def: unknown) {
  try {
    compile(def as Definition);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as EngineError).issues;
  }
  throw new Error('expected an EngineError');
}

describe('compile', () => {
  it('refuses an invalid definition with every issue and its pointer', () => {
    const d = sme();
    d.levels[2]!.level = 7;
    d.pillars[0]!.max = 60;
    const issues = compileIssues(d);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/levels/2/level', '/pillars/0/max']));
    expect(compileIssues({ kind: 'scorecard' })[0]!.code).toMatch(/^schema-/);
    expect(compileIssues(42)[0]).toMatchObject({ path: '/' });
    expect(() => compile(d)).toThrow(/invalid definition/);
  });

  it('caches per definition object and stamps id, version and content hash ($schema aside)', () => {
    const d = sme();
    const c = compile(d);
    expect(compile(d)).toBe(c);
    expect(c.stamp).toEqual({ id: 'sme', version: '1.0.0', hash: contentHash(d) });
    expect(c.ref).toBe('sme@1.0.0');
    const { $schema: _, ...bare } = d;
    expect(compile(bare as Definition).stamp.hash).toBe(c.stamp.hash);
    const changed = sme();
    changed.pillars[0]!.components![0]!.criteria[0]!.text.en += ' (revised)';
    expect(compile(changed).stamp.hash).not.toBe(c.stamp.hash);
  });

  it('refuses a rule that reads an undeclared or prototype variable', () => {
    const d = sme();
    d.rules.overall[0]!.when = { '>': [{ var: '__proto__' }, 1] };
    d.rules.pillar[0]!.when = { '==': [{ var: 'constructor.name' }, 'Object'] };
    const issues = compileIssues(d);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/rules/pillar/0/when/==/0/var', code: 'rule-unknown-var' }),
        expect.objectContaining({ path: '/rules/overall/0/when/>/0/var', code: 'rule-unknown-var' }),
      ]),
    );
  });

  it('proves level rules compute with safe integers only', () => {
    const d = sme();
    // points·2^53 can exceed the integers a double holds exactly.
    d.rules.pillar[0]!.when = { '>': [{ '*': [{ var: 'points' }, 9007199254740991] }, 0] };
    d.rules.pillar[1]!.when = { '>': [{ '+': [{ var: 'points' }, '0.5'] }, 3] };
    expect(compileIssues(d)).toEqual([
      expect.objectContaining({ path: '/rules/pillar/0/when/>/0/*', code: 'rule-unsafe-integer' }),
      expect.objectContaining({ path: '/rules/pillar/1/when/>/0/+/1', code: 'rule-not-a-number' }),
    ]);
  });

  it("runs tailored variants without code: a pillar's own rules, rules on answered criteria, no matching rule", () => {
    const d = sme();
    d.id = 'sme-tailored';
    // Pillar 6 of this variant: level 2 as soon as every criterion has an answer, else 0.
    d.pillars[5]!.rules = [{ level: 2, when: { '==': [{ var: 'answered' }, { var: 'criteria' }] } }];
    d.rules.overall = [{ level: 1, when: { '>=': [{ var: 'atLeast.2' }, 3] } }];
    const c = compile(d) as CompiledScorecard;
    const p6 = d.pillars[5]!.components!.flatMap((k) => k.criteria.map((x) => x.id));
    const allZero = Object.fromEntries(p6.map((id) => [id, 0]));
    expect(score(c, { answers: allZero }).pillars[5]!.level).toBe(2);
    expect(score(c, { answers: { ...allZero, [p6[0]!]: null } }).pillars[5]!.level).toBe(0);
    // No overall rule matches: the lowest level, rule -1 in the trace.
    const r = score(c, { answers: {} }, { explain: true });
    expect(r.level).toBe(0);
    expect(r.trace!.at(-1)).toMatchObject({ scope: 'overall', level: 0, rule: -1 });
    // Pillars 1-3 full and pillar 6 complete: three pillars at level ≥ 2.
    expect(score(c, { answers: { ...answersFor(d, [65, 25, 80, 0, 0, 0]), ...allZero } }).level).toBe(1);
  });

  it('scores a scorecard with a different number of levels and weights', () => {
    const d = sme();
    d.id = 'three-level';
    d.levels = d.levels.slice(0, 3);
    delete d.max;
    d.pillars.forEach((p) => {
      delete p.max;
      p.components!.forEach((k) => delete k.max);
    });
    d.rules.pillar = [
      { level: 2, when: { '>=': [{ '*': [{ var: 'points' }, 2] }, { var: 'max' }] } },
      { level: 1, when: { '>': [{ var: 'points' }, 0] } },
    ];
    d.rules.overall = [
      { level: 2, when: { '==': [{ var: 'atLeast.2' }, { var: 'pillars' }] } },
      { level: 1, when: { '>=': [{ var: 'atLeast.1' }, 1] } },
    ];
    const c = compile(d) as CompiledScorecard;
    expect(score(c, { answers: uniform(d, 1) })).toMatchObject({ max: 128, total: 64, level: 2 });
    expect(() => score(c, { answers: { '1.1.1': 3 } })).toThrow('level 3 is above the highest level 2');
  });
});

describe('createRegistry and run', () => {
  it('compiles every national definition and resolves id@version', () => {
    const defs = (['sme', 'large', 'group', 'size'] as const).map((id) => loadDefinition(id));
    const reg = createRegistry(defs);
    expect(reg.list().map((c) => c.ref)).toEqual(['sme@1.0.0', 'large@1.0.0', 'group@1.0.0', 'size@1.0.0']);
    expect(reg.get('large@1.0.0')?.kind).toBe('scorecard');
    expect(reg.resolve('large@1.0.0')).toBe(reg.get('large@1.0.0'));
    expect(reg.get('large@9.9.9')).toBeUndefined();
    expect(run(reg.get('sme@1.0.0')!, { answers: {} })).toMatchObject({ level: 0, max: 320 });
  });

  it('the same content twice is one entry; different content under one version is refused', () => {
    const a = sme();
    expect(createRegistry([a, sme()]).list()).toHaveLength(1);
    const b = sme();
    b.title.en = 'Changed';
    const bad = loadDefinition('large');
    (bad as ScorecardDefinition).max = 1;
    try {
      createRegistry([a, b, bad]);
      throw new Error('expected an EngineError');
    } catch (e) {
      expect((e as EngineError).issues).toEqual([
        expect.objectContaining({ path: '/1/version', code: 'duplicate-version' }),
        expect.objectContaining({ path: '/2/max', code: 'max-mismatch' }),
      ]);
    }
  });
});

describe('the package itself', () => {
  it('ENGINE_VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(ENGINE_VERSION).toBe(pkg.version);
  });

  it('is pure and isomorphic: no node:*, no I/O, no eval or new Function in the shipped sources', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const f of sources) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text, f).not.toMatch(
        /from ['"](node:|json-logic-js)|import\(|require\(|\beval\(|new Function|process\.|globalThis/,
      );
    }
  });
});
