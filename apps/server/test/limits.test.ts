// Cost bounded per request: a group over MAX_GROUP_UNITS units, a request over MAX_REQUEST_UNITS units of work and
// an explained request over MAX_EXPLAIN_UNITS are refused with 413 naming the limit, before anything is scored;
// requests at the limits are served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeApp();
});
afterAll(async () => {
  await t.close();
});

const unit = (i: number) => ({
  id: `u${i}`,
  relation: i === 0 ? 'parent' : 'subsidiary',
  headcount: 10,
  index: i === 0 ? 'large@1.0.0' : 'sme@1.0.0',
  answers: {},
});
const group = (n: number) => ({ units: Array.from({ length: n }, (_, i) => unit(i)) });
const GROUP = '/api/v1/indices/group/versions/1.0.0/score';

describe('scoring cost limits', () => {
  it('a group of 1,001 units is refused (413, pointer /units); 1,000 units are scored', async () => {
    const over = await call(t, 'POST', GROUP, { as: 'integrator', body: group(1001) });
    expectProblem(over, 413, 'too-large');
    expect(over.body.detail).toMatch(/at most 1000 units.*MAX_GROUP_UNITS.*1001/);
    expect(over.body.errors).toEqual([expect.objectContaining({ pointer: '/units', code: 'limit-group-units' })]);
    const at = await call(t, 'POST', GROUP, { as: 'integrator', body: group(1000) });
    expect(at.status).toBe(200);
  });

  it('explain is bounded: 1,001 units explained are refused, 1,000 are served', async () => {
    const body = { inputs: [group(600), group(401)] };
    const over = await call(t, 'POST', `${GROUP}/batch?explain=true`, { as: 'integrator', body });
    expectProblem(over, 413, 'too-large');
    expect(over.body.errors).toEqual([expect.objectContaining({ code: 'limit-explain-units' })]);
    const at = await call(t, 'POST', `${GROUP}/batch?explain=true`, {
      as: 'integrator',
      body: { inputs: [group(600), group(400)] },
    });
    expect(at.status).toBe(200);
    const single = await call(t, 'POST', `${GROUP}?explain=true`, { as: 'integrator', body: group(1000) });
    expect(single.status).toBe(200);
  });

  it('a batch over 10,000 units of work is refused; a group inside a batch is pointed at', async () => {
    const body = { inputs: Array.from({ length: 11 }, () => group(1000)).concat([group(1)]) };
    const over = await call(t, 'POST', `${GROUP}/batch`, { as: 'integrator', body });
    expectProblem(over, 413, 'too-large');
    expect(over.body.errors).toEqual([expect.objectContaining({ code: 'limit-request-units' })]);
    const big = await call(t, 'POST', `${GROUP}/batch`, {
      as: 'integrator',
      body: { inputs: [group(1), group(1001)] },
    });
    expectProblem(big, 413);
    expect(big.body.errors).toEqual([expect.objectContaining({ pointer: '/inputs/1/units' })]);
  });

  it('an anonymous caller is refused before the cost is even considered', async () => {
    expectProblem(await call(t, 'POST', GROUP, { body: group(5000) }), 401);
  });
});
