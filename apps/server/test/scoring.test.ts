// Pinned scoring over HTTP: the same results as the engine (it is the same code; the engine is the oracle), levels
// worked out by hand from the Decision, batches in order, drafts for their editors, deprecation kept scorable.
import { nationalIndices } from '@dbi/indices';
import { compile, createRegistry, run } from '@dbi/engine';
import { contentHash, type ScorecardDefinition } from '@dbi/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t.close();
});

const national = (id: string) => nationalIndices.find((d) => d.id === id)!;
const criteria = (id: string) =>
  (national(id) as ScorecardDefinition).pillars.flatMap((p) =>
    p.components!.flatMap((c) => c.criteria.map((k) => k.id)),
  );
const all = (id: string, level: number) => Object.fromEntries(criteria(id).map((k) => [k, level]));
const score = (id: string, body: unknown, as: keyof TestApp['keys'] = 'integrator', query = '') =>
  call(t, 'POST', `/api/v1/indices/${id}/versions/1.0.0/score${query}`, { as, body });

/** Deterministic pseudo-random answers (level 0..5 or null). */
function answers(id: string, seed: number): Record<string, number | null> {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648);
  return Object.fromEntries(criteria(id).map((k) => [k, next() % 7 === 6 ? null : next() % 6]));
}

describe('same result as the engine', () => {
  it.each(['sme', 'large'])('%s: 20 inputs, with and without the trace', async (id) => {
    const compiled = compile(national(id));
    for (let seed = 1; seed <= 20; seed++) {
      const input = { ref: `case-${seed}`, answers: answers(id, seed) };
      const r = await score(id, input);
      expect(r.status).toBe(200);
      expect(r.body).toEqual(JSON.parse(JSON.stringify(run(compiled, input))));
    }
    const input = { answers: answers(id, 99) };
    const explained = await score(id, input, 'integrator', '?explain=true');
    expect(explained.body).toEqual(JSON.parse(JSON.stringify(run(compiled, input, { explain: true }))));
    expect(explained.body.trace.length).toBeGreaterThan(0);
  });

  it('group: units scored with their own published indices', async () => {
    const registry = createRegistry(nationalIndices);
    const input = {
      units: [
        { id: 'parent', relation: 'parent', headcount: 1200, index: 'large@1.0.0', answers: answers('large', 5) },
        { id: 'sub-1', relation: 'subsidiary', headcount: 300, index: 'sme@1.0.0', answers: answers('sme', 6) },
        { id: 'aff', relation: 'affiliate', headcount: 50, index: 'sme@1.0.0', answers: answers('sme', 7) },
      ],
    };
    const r = await score('group', input);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      JSON.parse(JSON.stringify(run(registry.get('group@1.0.0')!, input, { resolve: registry.resolve }))),
    );
  });

  it('classify: the size classifier through the same route', async () => {
    const input = {
      sector: 'trade-services',
      employees: 45,
      revenueVnd: 120_000_000_000,
      capitalVnd: 30_000_000_000,
      hasSubsidiaries: false,
    };
    const r = await score('size', input);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(run(compile(national('size')), input))));
  });
});

describe('levels worked out by hand from the Decision', () => {
  it('sme: the Decision’s example — 39 of pillar 1’s 65 points is level 3', async () => {
    // Pillar 1 (Trải nghiệm số cho khách hàng) has 13 criteria of weight 1: all answered at level 3 = 39 points.
    const pillar1 = (national('sme') as ScorecardDefinition).pillars[0]!.components!.flatMap((c) =>
      c.criteria.map((k) => k.id),
    );
    const r = await score('sme', { answers: Object.fromEntries(pillar1.map((k) => [k, 3])) });
    expect(r.body.pillars[0]).toEqual({ id: '1', points: 39, max: 65, level: 3 });
    // 39 points overall is above 20 but only one pillar is at level ≥ 1 (the rule needs 4): level 0.
    expect(r.body).toMatchObject({ total: 39, max: 320, level: 0 });
  });

  it('sme: everything at level 5 is 320 points and level 5; everything at 0 is level 0 with nothing missing', async () => {
    expect((await score('sme', { answers: all('sme', 5) })).body).toMatchObject({ total: 320, level: 5, missing: [] });
    expect((await score('sme', { answers: all('sme', 0) })).body).toMatchObject({ total: 0, level: 0, missing: [] });
  });

  it('large: everything at level 3 is exactly 417 points — “above 417” is level 4, so this is level 3', async () => {
    // Each pillar is then at exactly 60% of its maximum: “above 40% up to 60%” = level 3 (not 4).
    const r = await score('large', { answers: all('large', 3) });
    expect(r.body).toMatchObject({ total: 417, max: 695, level: 3 });
    expect(r.body.pillars.map((p: { level: number }) => p.level)).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('group: a level-5 parent and a level-4 subsidiary of equal headcount average 4.5 — not above 4.5, so level 4', async () => {
    const r = await score('group', {
      units: [
        { id: 'p', relation: 'parent', headcount: 100, index: 'large@1.0.0', answers: all('large', 5) },
        { id: 's', relation: 'subsidiary', headcount: 100, index: 'large@1.0.0', answers: all('large', 4) },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ weighted: { sum: 900, weight: 200 }, level: 4, parent: { id: 'p', level: 5 } });
  });

  it('size: 45 employees in trade/services with 30 bn capital is small → the sme index', async () => {
    const r = await score('size', {
      sector: 'trade-services',
      employees: 45,
      revenueVnd: 120_000_000_000,
      capitalVnd: 30_000_000_000,
      hasSubsidiaries: false,
    });
    expect(r.body).toMatchObject({ size: 'small', index: 'sme' });
  });
});

describe('pinning', () => {
  it('every result names the exact version and hash it used', async () => {
    const r = await score('large', { answers: {} });
    expect(r.body.index).toEqual({ id: 'large', version: '1.0.0', hash: contentHash(national('large')) });
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const c = await score('size', {
      sector: 'trade-services',
      employees: 1,
      revenueVnd: 1,
      capitalVnd: 1,
      hasSubsidiaries: false,
    });
    expect(c.body.classifier).toEqual({ id: 'size', version: '1.0.0', hash: contentHash(national('size')) });
  });

  it('bad input: 400 with a pointer per bad answer; unknown versions 404', async () => {
    const r = await score('large', { answers: { '1.1.1': 7, '9.9.9': 1 } });
    expectProblem(r, 400, 'invalid-input');
    expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/answers/1.1.1', '/answers/9.9.9']);
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/2.0.0/score', { as: 'integrator', body: { answers: {} } }),
      404,
    );
    expectProblem(await score('large', undefined), 400);
    const group = await score('group', {
      units: [{ id: 'p', relation: 'parent', headcount: 10, index: 'large@7.0.0', answers: {} }],
    });
    expectProblem(group, 400);
    expect(group.body.errors[0].pointer).toBe('/units/0/index');
  });

  it('a deprecated version still scores, identically, and says it is deprecated', async () => {
    const fork = await call(t, 'POST', '/api/v1/indices', {
      as: 'ministry-publisher',
      body: { id: 'sme-old', from: 'sme@1.0.0', version: '1.0.0' },
    });
    expect(fork.status).toBe(201);
    await call(t, 'POST', '/api/v1/indices/sme-old/versions/1.0.0/publish', { as: 'ministry-publisher' });
    const input = { answers: answers('sme', 3) };
    const before = await score('sme-old', input);
    expect(before.headers.deprecation).toBeUndefined();
    const dep = await call(t, 'POST', '/api/v1/indices/sme-old/versions/1.0.0/deprecate', { as: 'ministry-publisher' });
    const after = await score('sme-old', input);
    expect(after.body).toEqual(before.body);
    expect(after.headers.deprecation).toBe(`@${Math.floor(Date.parse(dep.body.deprecatedAt) / 1000)}`);
  });
});

describe('drafts', () => {
  it('score for their editors with the draft’s current content and hash', async () => {
    const created = await call(t, 'POST', '/api/v1/indices/sme/versions', {
      as: 'ministry-editor',
      body: { from: '1.0.0', version: '1.1.0' },
    });
    const def = created.body.definition as ScorecardDefinition;
    const input = { answers: all('sme', 5) };
    const first = await call(t, 'POST', '/api/v1/indices/sme/versions/1.1.0/score', {
      as: 'ministry-editor',
      body: input,
    });
    expect(first.body.index).toEqual({ id: 'sme', version: '1.1.0', hash: created.body.hash });

    // Raise overall level 5’s threshold beyond reach: the next score must use the new content, not a cached one.
    def.rules.overall[0]!.when = { '>': [{ var: 'total' }, 1000] };
    const saved = await call(t, 'PUT', '/api/v1/indices/sme/versions/1.1.0', { as: 'ministry-editor', body: def });
    const second = await call(t, 'POST', '/api/v1/indices/sme/versions/1.1.0/score', {
      as: 'ministry-editor',
      body: input,
    });
    expect(second.body.index.hash).toBe(saved.body.hash);
    expect(first.body.level).toBe(5);
    expect(second.body.level).toBe(4);
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/sme/versions/1.1.0/score', { as: 'integrator', body: input }),
      403,
    );
  });

  it('a draft with issues cannot be scored: 400 with pointers into the definition', async () => {
    const created = await call(t, 'POST', '/api/v1/indices/sme/versions', {
      as: 'ministry-editor',
      body: { from: '1.0.0', version: '1.2.0' },
    });
    const def = created.body.definition as ScorecardDefinition;
    def.rules.pillar[0]!.when = { '/': [{ var: 'points' }, 2] };
    await call(t, 'PUT', '/api/v1/indices/sme/versions/1.2.0', { as: 'ministry-editor', body: def });
    const r = await call(t, 'POST', '/api/v1/indices/sme/versions/1.2.0/score', {
      as: 'ministry-editor',
      body: { answers: {} },
    });
    expectProblem(r, 400, 'invalid-definition');
    expect(r.body.errors).toContainEqual(
      expect.objectContaining({
        pointer: '/rules/pillar/0/when/~1',
        in: 'definition',
        code: 'rule-operation-not-allowed',
      }),
    );
  });
});

describe('batch', () => {
  it('results in input order; a bad input yields an error in its place and the batch goes on', async () => {
    const compiled = compile(national('sme'));
    const good = [1, 2, 3].map((s) => ({ ref: `r${s}`, answers: answers('sme', s) }));
    const inputs = [good[0], { answers: { '1.1.1': 9 } }, good[1], 'not an object', good[2]];
    const r = await call(t, 'POST', '/api/v1/indices/sme/versions/1.0.0/score/batch', {
      as: 'integrator',
      body: { inputs },
    });
    expect(r.status).toBe(200);
    const results = r.body.results;
    expect(results).toHaveLength(5);
    expect([results[0], results[2], results[4]]).toEqual(good.map((g) => JSON.parse(JSON.stringify(run(compiled, g)))));
    expect(results[1].error).toMatchObject({
      status: 400,
      errors: [{ pointer: '/inputs/1/answers/1.1.1', code: expect.any(String) }],
    });
    expect(results[3].error.errors[0].pointer).toMatch(/^\/inputs\/3/);
  });

  it('takes 10,000 inputs in one request; refuses 10,001 with a pointer to /inputs', async () => {
    const input = { answers: all('large', 2) };
    const expected = JSON.parse(JSON.stringify(run(compile(national('large')), input)));
    const ok = await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score/batch', {
      as: 'integrator',
      body: { inputs: new Array(10_000).fill(input) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(10_000);
    expect(ok.body.results[9_999]).toEqual(expected);
    const over = await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score/batch', {
      as: 'integrator',
      body: { inputs: new Array(10_001).fill({ answers: {} }) },
    });
    expectProblem(over, 400, 'invalid-input');
    expect(over.body.errors).toEqual([
      expect.objectContaining({ pointer: '/inputs', code: 'schema-maxItems', in: 'body' }),
    ]);
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/score/batch', {
        as: 'integrator',
        body: { inputs: [] },
      }),
      400,
    );
  });
});
