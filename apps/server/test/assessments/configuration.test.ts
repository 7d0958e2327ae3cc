// Which classifier sizes an enterprise is configuration, not code: a revised classifier published under another id
// is used as soon as the server is configured with it, and every classification names the exact version it used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig, buildServer, type Config } from '../../src/index.js';
import { ConfigError } from '../../src/config.js';
import { BOOTSTRAP, bearer } from '../helpers.js';
import { makeAssessmentApp, type AssessmentApp } from './helpers.js';
import { withCheckDigit } from '../tax-codes.js';

describe('readConfig: the assessment settings', () => {
  it('defaults to the national size classifier, group index, the levels 0–5 and 3 open drafts per enterprise', () => {
    const c: Config = readConfig({});
    expect(c.assessments).toEqual({
      sizeClassifier: 'size',
      groupIndex: 'group',
      levels: [0, 1, 2, 3, 4, 5],
      maxOpenDrafts: 3,
    });
  });

  it('takes DBI_MAX_OPEN_DRAFTS, 1–1000', () => {
    expect(readConfig({ DBI_MAX_OPEN_DRAFTS: '7' }).assessments.maxOpenDrafts).toBe(7);
    for (const bad of ['0', '1.5', 'many', '1001'])
      expect(() => readConfig({ DBI_MAX_OPEN_DRAFTS: bad }), bad).toThrow(
        /DBI_MAX_OPEN_DRAFTS must be an integer 1–1000/,
      );
  });

  it('takes DBI_SIZE_CLASSIFIER and DBI_GROUP_INDEX, and refuses what is not an index id', () => {
    const c = readConfig({ DBI_SIZE_CLASSIFIER: 'size-2026', DBI_GROUP_INDEX: 'group-2026' });
    expect([c.assessments.sizeClassifier, c.assessments.groupIndex]).toEqual(['size-2026', 'group-2026']);
    expect(() => readConfig({ DBI_SIZE_CLASSIFIER: 'Size 2' })).toThrow(ConfigError);
    expect(() => readConfig({ DBI_GROUP_INDEX: 'group@1.0.0' })).toThrow(/DBI_GROUP_INDEX must be an index id/);
  });
});

describe('a revised size classifier is data', () => {
  let t: AssessmentApp;
  let revised: Awaited<ReturnType<typeof buildServer>>;
  // Enterprise with 8 staff and 5 bn VND revenue in trade and services: micro under size@1.0.0 (revenue ≤ 10 bn);
  // the revision below lowers that micro revenue bound to 4 bn, so the same facts are small (≤ 50 staff, ≤ 100 bn).
  const facts = {
    name: 'Công ty R',
    province: '01',
    industry: 'G',
    sector: 'trade-services',
    employees: 8,
    revenueVnd: 5_000_000_000,
  };

  beforeAll(async () => {
    t = await makeAssessmentApp();
    const pub = 'ministry-publisher';
    expect(
      (await t.call('POST', '/api/v1/indices', pub, { id: 'size-rev', from: 'size@1.0.0', version: '1.0.0' })).status,
    ).toBe(201);
    const draft = (await t.call('GET', '/api/v1/indices/size-rev/versions/1.0.0', pub)).json.definition;
    const size = draft.outputs.find((o: { name: string }) => o.name === 'size');
    const microTrade = JSON.stringify(size.rules[1].when);
    expect(microTrade).toContain('"trade-services"');
    expect(microTrade).toContain('10000000000');
    size.rules[1].when = JSON.parse(microTrade.replace('10000000000', '4000000000'));
    expect((await t.call('PUT', '/api/v1/indices/size-rev/versions/1.0.0', pub, draft)).status).toBe(200);
    expect((await t.call('POST', '/api/v1/indices/size-rev/versions/1.0.0/publish', pub)).status).toBe(200);
    revised = await buildServer(
      { dbFile: t.dbFile, bootstrapKey: BOOTSTRAP, assessments: { sizeClassifier: 'size-rev' } },
      { logger: false },
    );
  });
  afterAll(async () => {
    await revised.close();
    await t.close();
  });

  it('the default server classifies with size@1.0.0', async () => {
    const r = await t.call('POST', '/api/v1/enterprises', 'ministry-editor', {
      taxCode: withCheckDigit('010000011'),
      ...facts,
    });
    expect(r.status).toBe(201);
    expect(r.json.classification).toMatchObject({ size: 'micro', index: 'sme', classifier: { id: 'size' } });
  });

  it('a server configured with size-rev classifies the same facts with it, and says so', async () => {
    const r = await revised.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(BOOTSTRAP),
      payload: { taxCode: withCheckDigit('010000012'), ...facts },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().classification).toMatchObject({
      size: 'small',
      index: 'sme',
      classifier: { id: 'size-rev', version: '1.0.0' },
    });
  });
});
