// The index registry through fastify.inject on a real SQLite file: listing, reading, drafts, validation,
// publication, deprecation, variants, diffs and the audit trail of every write.
import { nationalIndices } from '@dbi/indices';
import { contentHash, validateDefinition, type LevelCriterion, type ScorecardDefinition } from '@dbi/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, directSql, expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
});
afterEach(async () => {
  await t.close();
});

const national = (id: string) => nationalIndices.find((d) => d.id === id)!;
const newDraft = (version = '1.1.0', from = '1.0.0') =>
  call(t, 'POST', '/api/v1/indices/large/versions', { as: 'ministry-editor', body: { from, version } });
const criterion = (d: ScorecardDefinition, id: string) =>
  d.pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria)).find((k) => k.id === id)! as LevelCriterion;

describe('reading the registry (public)', () => {
  it('lists the four national indices (and the bundled example), published, with hashes, to anyone', async () => {
    const r = await call(t, 'GET', '/api/v1/indices');
    expect(r.status).toBe(200);
    const ids = r.body.indices.map((i: { id: string }) => i.id).sort();
    expect(ids).toEqual(['group', 'large', 'readiness-example', 'size', 'sme']);
    // The example is checked in readiness-example.test.ts; every other entry is a national index.
    for (const i of r.body.indices.filter((x: { id: string }) => x.id !== 'readiness-example')) {
      const def = national(i.id);
      expect(i).toMatchObject({ kind: def.kind, national: true, derivedFrom: null, title: def.title });
      expect(i.versions).toEqual([
        expect.objectContaining({ version: '1.0.0', status: 'published', hash: contentHash(def) }),
      ]);
    }
  });

  it('serves a version’s definition exactly as imported, with hash, status, lineage and timestamps', async () => {
    const r = await call(t, 'GET', '/api/v1/indices/large/versions/1.0.0');
    expect(r.status).toBe(200);
    expect(r.body.definition).toEqual(national('large'));
    expect(r.body).toMatchObject({
      id: 'large',
      version: '1.0.0',
      kind: 'scorecard',
      status: 'published',
      hash: contentHash(national('large')),
      derivedFrom: null,
    });
    expect(r.body.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(r.headers.etag).toBe(`"${r.body.hash}"`);
    const one = await call(t, 'GET', '/api/v1/indices/sme');
    expect(one.body).toMatchObject({ id: 'sme', versions: [{ version: '1.0.0', status: 'published' }] });
  });

  it('answers 404 for unknown indices and versions, 400 for malformed ones', async () => {
    expectProblem(await call(t, 'GET', '/api/v1/indices/nope/versions/1.0.0'), 404, 'not-found');
    expectProblem(await call(t, 'GET', '/api/v1/indices/large/versions/9.9.9'), 404, 'not-found');
    expectProblem(await call(t, 'GET', '/api/v1/indices/nope'), 404, 'not-found');
    const bad = await call(t, 'GET', '/api/v1/indices/large/versions/1.0');
    expectProblem(bad, 400, 'invalid-input');
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ pointer: '/version', in: 'path', code: 'schema-pattern' }),
    ]);
  });
});

describe('drafts', () => {
  it('creates a draft from a version: a copy with its version and derivedFrom set', async () => {
    const r = await newDraft();
    expect(r.status).toBe(201);
    expect(r.headers.location).toBe('/api/v1/indices/large/versions/1.1.0');
    const expected = { ...national('large'), version: '1.1.0', derivedFrom: 'large@1.0.0' };
    expect(r.body).toMatchObject({
      status: 'draft',
      derivedFrom: 'large@1.0.0',
      valid: true,
      issues: [],
      hash: contentHash(expected),
      createdBy: 'editor',
    });
    expect(r.body.definition).toEqual(expected);
    expectProblem(await newDraft(), 409, 'conflict');
    expectProblem(await newDraft('1.2.0', '7.0.0'), 404, 'not-found');
  });

  it('drafts are visible to their editors only', async () => {
    await newDraft();
    const anon = await call(t, 'GET', '/api/v1/indices');
    expect(
      anon.body.indices
        .find((i: { id: string }) => i.id === 'large')
        .versions.map((v: { version: string }) => v.version),
    ).toEqual(['1.0.0']);
    const editor = await call(t, 'GET', '/api/v1/indices', { as: 'ministry-editor' });
    expect(
      editor.body.indices
        .find((i: { id: string }) => i.id === 'large')
        .versions.map((v: { status: string }) => v.status),
    ).toEqual(['published', 'draft']);
    expectProblem(await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0'), 401);
    expectProblem(await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0', { as: 'integrator' }), 403);
    expect((await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor' })).status).toBe(200);
  });

  it('replaces a draft; saves work in progress with its issues; keeps id, version, kind and lineage', async () => {
    const draft = (await newDraft()).body.definition as ScorecardDefinition;
    criterion(draft, '3.2.5').text.vi = 'Nội dung đã sửa';
    const ok = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: draft });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, issues: [], hash: contentHash(draft) });
    expect(criterion(ok.body.definition, '3.2.5').text.vi).toBe('Nội dung đã sửa');

    // Weight 2 without changing the declared maxima: the component, pillar and index maxima no longer add up.
    criterion(draft, '3.2.5').weight = 2;
    const wip = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: draft });
    expect(wip.status).toBe(200);
    expect(wip.body.valid).toBe(false);
    expect(wip.body.issues).toEqual(validateDefinition(draft).issues);
    expect(wip.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['/pillars/2/components/1/max', '/pillars/2/max', '/max']),
    );

    const wrong = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
      as: 'ministry-editor',
      body: { ...draft, id: 'sme', version: '2.0.0' },
    });
    expectProblem(wrong, 400, 'invalid-input');
    expect(wrong.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/id', '/version']);
    const lineage = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
      as: 'ministry-editor',
      body: { ...draft, derivedFrom: 'sme@1.0.0' },
    });
    expect(lineage.body.errors).toEqual([expect.objectContaining({ pointer: '/derivedFrom' })]);
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: [1, 2] }),
      400,
    );
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large/versions/7.0.0', { as: 'ministry-editor', body: draft }),
      404,
    );
  });

  it('two editors save from the same hash: the second gets 412 and nothing stored changes', async () => {
    const created = await newDraft();
    const read = created.body.hash as string;
    expect(created.headers.etag).toBe(`"${read}"`);
    const got = await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor' });
    expect(got.headers.etag).toBe(`"${read}"`);

    const mine = structuredClone(created.body.definition) as ScorecardDefinition;
    const theirs = structuredClone(created.body.definition) as ScorecardDefinition;
    criterion(mine, '3.2.5').text.vi = 'Bản của biên tập viên A';
    criterion(theirs, '3.2.5').text.vi = 'Bản của biên tập viên B';
    const first = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
      as: 'ministry-editor',
      body: mine,
      headers: { 'if-match': `"${read}"` },
    });
    expect(first.status).toBe(200);
    expect(first.body.hash).toBe(contentHash(mine));
    expect(first.headers.etag).toBe(`"${contentHash(mine)}"`);
    const auditBefore = (await call(t, 'GET', '/api/v1/audit', { as: 'ministry-publisher' })).body;

    const second = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
      as: 'ministry-publisher',
      body: theirs,
      headers: { 'if-match': `"${read}"` },
    });
    expectProblem(second, 412, 'precondition-failed');
    expect(second.headers.etag).toBe(`"${contentHash(mine)}"`);
    expect(second.body.errors).toEqual([expect.objectContaining({ in: 'header', code: 'stale-draft' })]);
    const after = await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor' });
    expect(after.body.hash).toBe(contentHash(mine));
    expect(criterion(after.body.definition, '3.2.5').text.vi).toBe('Bản của biên tập viên A');
    expect((await call(t, 'GET', '/api/v1/audit', { as: 'ministry-publisher' })).body).toEqual(auditBefore);

    // A weak tag never matches; `*` and the current tag do; no header keeps the old unconditional save.
    const weak = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
      as: 'ministry-editor',
      body: theirs,
      headers: { 'if-match': `W/"${contentHash(mine)}"` },
    });
    expectProblem(weak, 412, 'precondition-failed');
    const fresh = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
      as: 'ministry-editor',
      body: theirs,
      headers: { 'if-match': `"${read}", "${contentHash(mine)}"` },
    });
    expect(fresh.body.hash).toBe(contentHash(theirs));
    expect(
      (
        await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', {
          as: 'ministry-editor',
          body: mine,
          headers: { 'if-match': '*' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: theirs })).status,
    ).toBe(200);
  });

  it('validates a version with the same issues as dbi validate', async () => {
    const draft = (await newDraft()).body.definition as ScorecardDefinition;
    draft.pillars[0]!.components![0]!.criteria[1]!.id = '1.1.1'; // duplicate id
    await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: draft });
    const r = await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/validate', { as: 'ministry-editor' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'large', version: '1.1.0', valid: false, hash: contentHash(draft) });
    expect(r.body.issues).toEqual(validateDefinition(draft).issues);
    expect(r.body.issues).toContainEqual(
      expect.objectContaining({ path: '/pillars/0/components/0/criteria/1/id', code: 'duplicate-id' }),
    );
    const pub = await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/validate');
    expect(pub.body).toMatchObject({ valid: true, issues: [] });
  });
});

describe('publishing and deprecating', () => {
  it('refuses to publish a draft with issues (400, pointers into the definition), then publishes it fixed', async () => {
    const draft = (await newDraft()).body.definition as ScorecardDefinition;
    criterion(draft, '3.2.5').weight = 2;
    await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: draft });
    const refused = await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/publish', { as: 'ministry-publisher' });
    expectProblem(refused, 400, 'invalid-definition');
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/max', in: 'definition', code: 'max-mismatch' }),
    );

    // Fix the maxima: component 3.2 (+5), pillar 3 (+5), the index (+5).
    const c = draft.pillars[2]!.components![1]!;
    c.max = c.max! + 5;
    draft.pillars[2]!.max = draft.pillars[2]!.max! + 5;
    draft.max = draft.max! + 5;
    const fixed = await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: draft });
    expect(fixed.body.valid).toBe(true);
    const published = await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/publish', {
      as: 'ministry-publisher',
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', hash: fixed.body.hash, publishedBy: 'bootstrap' });
    const read = await call(t, 'GET', '/api/v1/indices/large/versions/1.1.0');
    expect(read.body.definition).toEqual(draft);
  });

  it('deprecates published versions only; deprecated versions stay readable', async () => {
    await newDraft();
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/deprecate', { as: 'ministry-publisher' }),
      409,
      'conflict',
    );
    const d = await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/deprecate', { as: 'ministry-publisher' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      status: 'deprecated',
      hash: contentHash(national('large')),
      deprecatedBy: 'bootstrap',
    });
    const read = await call(t, 'GET', '/api/v1/indices/large/versions/1.0.0');
    expect(read.body).toMatchObject({ status: 'deprecated' });
    expect(read.body.definition).toEqual(national('large'));
  });
});

describe('published versions are immutable', () => {
  it('every route that would change large@1.0.0 answers 409, and nothing changed', async () => {
    const before = await call(t, 'GET', '/api/v1/indices/large/versions/1.0.0');
    const changed = { ...national('large'), title: { vi: 'x', en: 'x' } };
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large/versions/1.0.0', { as: 'ministry-publisher', body: changed }),
      409,
      'immutable',
    );
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large/versions/1.0.0', {
        as: 'ministry-publisher',
        body: national('large'),
      }),
      409,
      'immutable',
    );
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/publish', { as: 'ministry-publisher' }),
      409,
      'immutable',
    );
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions', {
        as: 'ministry-publisher',
        body: { from: '1.0.0', version: '1.0.0' },
      }),
      409,
      'conflict',
    );
    expectProblem(
      await call(t, 'POST', '/api/v1/indices', {
        as: 'ministry-publisher',
        body: { id: 'large', from: 'sme@1.0.0', version: '1.0.0' },
      }),
      409,
      'conflict',
    );
    await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/deprecate', { as: 'ministry-publisher' });
    expectProblem(
      await call(t, 'POST', '/api/v1/indices/large/versions/1.0.0/deprecate', { as: 'ministry-publisher' }),
      409,
      'immutable',
    );
    expectProblem(
      await call(t, 'PUT', '/api/v1/indices/large/versions/1.0.0', { as: 'ministry-publisher', body: changed }),
      409,
      'immutable',
    );
    for (const method of ['DELETE', 'PATCH'] as const) {
      const r = await call(t, method, '/api/v1/indices/large/versions/1.0.0', { as: 'ministry-publisher', body: {} });
      expect([404, 405]).toContain(r.status);
    }
    const after = await call(t, 'GET', '/api/v1/indices/large/versions/1.0.0');
    expect(
      after.text
        .replace(/"status":"deprecated","/, '"status":"published","')
        .replace(/"deprecatedAt":"[^"]+","deprecatedBy":"bootstrap"/, '"deprecatedAt":null,"deprecatedBy":null'),
    ).toBe(before.text);
  });

  it('and the database itself refuses direct SQL on the same database (trigger aborts)', async () => {
    const sql = (text: string) => directSql(t.dbFile, text);
    await expect(
      sql("UPDATE index_versions SET definition = '{}' WHERE index_id = 'large' AND version = '1.0.0'"),
    ).rejects.toThrow(/immutable/);
    await expect(sql(`UPDATE index_versions SET hash = '${'0'.repeat(64)}' WHERE index_id = 'large'`)).rejects.toThrow(
      /immutable/,
    );
    await expect(sql("UPDATE index_versions SET version = '1.0.1' WHERE index_id = 'large'")).rejects.toThrow(
      /immutable|keeps its id/,
    );
    await expect(sql("DELETE FROM index_versions WHERE index_id = 'large'")).rejects.toThrow(/immutable/);
    await expect(sql("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const r = await call(t, 'GET', '/api/v1/indices/large/versions/1.0.0');
    expect(r.body.definition).toEqual(national('large'));
  });
});

describe('variants', () => {
  it('a sector ministry forks a published version into its own id, edits and publishes it', async () => {
    const fork = await call(t, 'POST', '/api/v1/indices', {
      as: 'sector-ministry',
      body: { id: 'large-agriculture', from: 'large@1.0.0', version: '1.0.0' },
    });
    expect(fork.status).toBe(201);
    expect(fork.body).toMatchObject({
      id: 'large-agriculture',
      version: '1.0.0',
      status: 'draft',
      derivedFrom: 'large@1.0.0',
      createdBy: 'agriculture',
    });
    expect(fork.body.definition).toEqual({
      ...national('large'),
      id: 'large-agriculture',
      version: '1.0.0',
      derivedFrom: 'large@1.0.0',
    });
    const def = fork.body.definition as ScorecardDefinition;
    def.title = { vi: 'Chỉ số doanh nghiệp lớn ngành nông nghiệp', en: 'Large enterprises, agriculture' };
    expect(
      (await call(t, 'PUT', '/api/v1/indices/large-agriculture/versions/1.0.0', { as: 'sector-ministry', body: def }))
        .status,
    ).toBe(200);
    expect(
      (await call(t, 'POST', '/api/v1/indices/large-agriculture/versions/1.0.0/publish', { as: 'sector-ministry' }))
        .status,
    ).toBe(200);
    const index = await call(t, 'GET', '/api/v1/indices/large-agriculture');
    expect(index.body).toMatchObject({
      national: false,
      derivedFrom: 'large@1.0.0',
      title: def.title,
      versions: [{ status: 'published' }],
    });
  });

  it('forks only published versions, into new ids', async () => {
    await newDraft();
    const fromDraft = await call(t, 'POST', '/api/v1/indices', {
      as: 'ministry-editor',
      body: { id: 'large-x', from: 'large@1.1.0', version: '1.0.0' },
    });
    expectProblem(fromDraft, 400);
    expect(fromDraft.body.errors).toEqual([expect.objectContaining({ pointer: '/from', code: 'not-published' })]);
    expectProblem(
      await call(t, 'POST', '/api/v1/indices', {
        as: 'ministry-editor',
        body: { id: 'large-x', from: 'large@3.0.0', version: '1.0.0' },
      }),
      404,
    );
    const missing = await call(t, 'POST', '/api/v1/indices', {
      as: 'ministry-editor',
      body: { from: 'large@1.0.0', version: '1.0.0' },
    });
    expectProblem(missing, 400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ pointer: '/id', in: 'body', code: 'schema-required' }),
    ]);
  });
});

describe('diff', () => {
  it('names what changed between large@1.0.0 and a revision', async () => {
    const draft = (await newDraft()).body.definition as ScorecardDefinition;
    criterion(draft, '3.2.5').text.en = 'Reworded';
    const moved = draft.pillars[0]!.components![0]!.criteria.pop()!; // 1.1.9 → component 1.2
    draft.pillars[0]!.components![1]!.criteria.push(moved);
    await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: draft });
    const r = await call(t, 'GET', '/api/v1/diff?from=large@1.0.0&to=large@1.1.0', { as: 'ministry-editor' });
    expect(r.status).toBe(200);
    expect(r.body.from).toEqual({ id: 'large', version: '1.0.0', hash: contentHash(national('large')) });
    expect(r.body.to.hash).toBe(contentHash(draft));
    expect(r.body.changes).toContainEqual({
      change: 'moved',
      node: 'criterion',
      id: '1.1.9',
      fromParent: '1.1',
      toParent: '1.2',
    });
    expect(r.body.changes).toContainEqual(
      expect.objectContaining({ change: 'reworded', node: 'criterion', id: '3.2.5', field: 'text', languages: ['en'] }),
    );
    expect(r.body.changes).toContainEqual(
      expect.objectContaining({ change: 'metadata-changed', field: 'derivedFrom', after: 'large@1.0.0' }),
    );
    // The draft side is only for its editors.
    expectProblem(await call(t, 'GET', '/api/v1/diff?from=large@1.0.0&to=large@1.1.0'), 401);
    expectProblem(await call(t, 'GET', '/api/v1/diff?from=large@1.0.0&to=large@9.0.0'), 404);
    const bad = await call(t, 'GET', '/api/v1/diff?from=large');
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { pointer: string; in: string }) => `${e.in}:${e.pointer}`).sort()).toEqual([
      'query:/from',
      'query:/to',
    ]);
  });

  it('compares two different indices (public, published)', async () => {
    const r = await call(t, 'GET', '/api/v1/diff?from=sme@1.0.0&to=large@1.0.0');
    expect(r.status).toBe(200);
    expect(r.body.identical).toBe(false);
    expect(r.body.summary.added).toBeGreaterThan(0);
  });
});

describe('audit log', () => {
  it('records every write with who, what, target and before/after hash; readable by ministry roles only', async () => {
    const created = (await newDraft()).body;
    const def = created.definition as ScorecardDefinition;
    def.title = { ...def.title, en: 'Revised' };
    const replaced = (
      await call(t, 'PUT', '/api/v1/indices/large/versions/1.1.0', { as: 'ministry-editor', body: def })
    ).body;
    await call(t, 'POST', '/api/v1/indices/large/versions/1.1.0/publish', { as: 'ministry-publisher' });
    const r = await call(t, 'GET', '/api/v1/audit?target=large@1.1.0', { as: 'ministry-editor' });
    expect(r.status).toBe(200);
    const editor = (await call(t, 'GET', '/api/v1/me', { as: 'ministry-editor' })).body;
    expect(
      r.body.entries.map((e: Record<string, unknown>) => [e.action, e.actorId, e.actorName, e.beforeHash, e.afterHash]),
    ).toEqual([
      ['version.create', editor.id, 'editor', null, created.hash],
      ['version.replace', editor.id, 'editor', created.hash, replaced.hash],
      ['version.publish', expect.stringMatching(/^key_/), 'bootstrap', replaced.hash, replaced.hash],
    ]);
    const page = await call(t, 'GET', '/api/v1/audit?limit=2', { as: 'ministry-publisher' });
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.next).toBe(page.body.entries[1].seq);
    const next = await call(t, 'GET', `/api/v1/audit?limit=2&after=${page.body.next}`, { as: 'ministry-publisher' });
    expect(next.body.entries[0].seq).toBe(page.body.next + 1);
    expectProblem(await call(t, 'GET', '/api/v1/audit', { as: 'integrator' }), 403);
    expectProblem(await call(t, 'GET', '/api/v1/audit'), 401);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      const w = await call(t, method, '/api/v1/audit', { as: 'ministry-publisher', body: {} });
      expect(w.status).toBe(404);
    }
  });
});
