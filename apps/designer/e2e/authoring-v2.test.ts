// Index language v2 authored in the designer with no JSON typed: a variant of large@1.0.0 gets a renamed level
// scale, an instrument date, a profile fact, pillar weights and a new pillar holding criteria directly — one of
// every answer type (level, choice with a not-applicable option, capped checkboxes, a banded number, yes/no), one
// of them applying to retail only. It is simulated in the browser (profile facts, N/A greyed), published, and
// scored through the API.
//
// Expected numbers, by hand from the spec (issue 8 items 1–4): pillar 7 holds 7.1 level (weight 1, scale 0..5:
// max 5), 7.2 choice a 0 / b 3 / c 5 / d N/A (max 5), 7.3 checkboxes a 2 / b 1 capped at 2 (max 2), 7.4 number
// 0..100 with bands ≤0 → 0, ≤100 → 4 (max 4), 7.5 yes = 3, retail only (max 3). Answers 7.1 = 5, 7.2 = c, 7.3 =
// [a, b], 7.4 = 50, 7.5 = yes score 5 + 5 + min(3, 2) + 4 + 3 = 19 of 19 for a retailer: pillar score 100. For a
// manufacturer 7.5 does not apply: 16 of 16, still 100, and 7.5 is listed as not applicable. Every other pillar
// answered 0 scores 0; with weights 1 on pillars 1–6 and 2 on pillar 7 the index score is (6·0 + 2·100) / 8 = 25
// (shown as "25.00", scores are given to two decimals).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ScoreResult, ScorecardDefinition, VersionRecord } from '@dbi/schema';
import {
  api,
  artifactsDir,
  createPerson,
  launchBrowser,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`) });
const canvasReady = (ref: string) => page.waitForFunction((r) => document.body.dataset.canvasReady === r, ref);
const panelOf = (key: string) => page.locator(`.dbi-panel[data-node="${key}"]`);
const open = async (id: string) => {
  const search = page.getByRole('combobox', { name: 'Tìm kiếm' });
  await search.fill(id);
  await search.press('Enter');
  await panelOf(id.includes('.') ? `criterion:${id}` : `pillar:${id}`).waitFor();
};

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(20_000);
  // Signed in as a person: the browser context's own request shares the page's cookies, so the page holds the session.
  const person = await createPerson(server);
  const signIn = await page.request.post(`${server.url}/api/v1/auth/sign-in`, { data: person });
  expect(signIn.status()).toBe(200);
  await page.goto(`${server.url}/designer/`);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await shot(`failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('authoring the index language v2 in the designer', () => {
  it('forks large@1.0.0 into a variant to work on', async () => {
    await page.goto(`${server.url}/designer/indices/large/1.0.0`);
    await canvasReady('large@1.0.0');
    await page.getByTestId('fork').click();
    await page.getByTestId('fork-dialog-id').fill('readiness-lab');
    await page.getByTestId('fork-dialog-version').fill('1.0.0');
    await page.getByTestId('fork-dialog-submit').click();
    await canvasReady('readiness-lab@1.0.0');
  });

  it('sets the instrument’s effective date, renames a level and declares a profile fact', async () => {
    await page.locator('.react-flow__node[data-id="index"]').click();
    const index = panelOf('index');
    await index.locator('input[name="instrument-number"]').fill('99/2026/QĐ-BKHCN');
    await index.locator('input[name="instrument-effective"]').fill('2026-07-01');
    const level1 = index.locator('tr[data-level="1"]');
    await level1.locator('input[name="level-vi"]').fill('Khởi đầu');
    await level1.locator('input[name="level-en"]').fill('Starter');
    await index.getByRole('button', { name: '+ Thêm thông tin' }).click();
    const fact = index.locator('[data-fact="0"]');
    await fact.locator('input[name="fact-name"]').fill('sector');
    await fact.locator('input[name="fact-vi"]').fill('Ngành');
    await fact.locator('input[name="fact-en"]').fill('Sector');
    const v0 = fact.locator('[data-value="0"]');
    await v0.locator('input[name="value"]').fill('retail');
    await v0.locator('input[name="value-vi"]').fill('Bán lẻ');
    await v0.locator('input[name="value-en"]').fill('Retail');
    await fact.getByRole('button', { name: '+ Thêm giá trị' }).click();
    const v1 = fact.locator('[data-value="1"]');
    await v1.locator('input[name="value"]').fill('manufacturing');
    await v1.locator('input[name="value-vi"]').fill('Sản xuất');
    await v1.locator('input[name="value-en"]').fill('Manufacturing');
    await shot('c1-index-levels-profile');
  });

  it('adds a weighted pillar holding one criterion of every answer type, one for retail only', async () => {
    await panelOf('index').getByRole('button', { name: '+ Thêm trụ cột' }).click();
    const pillar = panelOf('pillar:7');
    await pillar.locator('input[name="name-vi"]').fill('Ứng dụng nền tảng số');
    await pillar.locator('input[name="name-en"]').fill('Use of digital platforms');
    await pillar
      .getByRole('button', { name: 'Dùng trọng số trụ cột (điểm tổng thể = trung bình có trọng số)' })
      .click();
    await pillar.locator('input[name="pillar-weight"]').fill('2');
    for (let i = 0; i < 4; i++) {
      await open('7');
      await panelOf('pillar:7').getByRole('button', { name: '+ Thêm tiêu chí (trực tiếp dưới trụ cột)' }).click();
      await panelOf(`criterion:7.${i + 2}`).waitFor();
    }

    // 7.2 single choice: a 0, b 3, c 5, d not applicable.
    await open('7.2');
    let k = panelOf('criterion:7.2');
    await k.locator('textarea[name="text-vi"]').fill('Doanh nghiệp bán hàng qua kênh nào?');
    await k.locator('textarea[name="text-en"]').fill('Where does the enterprise sell?');
    await k.locator('select[name="answer-type"]').selectOption('choice');
    await k.locator('tr[data-option="1"] input[name="option-points"]').fill('3');
    await k.getByRole('button', { name: '+ Thêm phương án' }).click();
    await k.locator('tr[data-option="2"] input[name="option-points"]').fill('5');
    await k.locator('tr[data-option="2"] input[name="option-vi"]').fill('Sàn thương mại điện tử');
    await k.locator('tr[data-option="2"] input[name="option-en"]').fill('Online marketplaces');
    await k.getByRole('button', { name: '+ Thêm phương án' }).click();
    await k.locator('tr[data-option="3"] input[name="option-na"]').check();
    await shot('c2-choice-options');

    // 7.3 checkboxes: a 2, b 1, at most 2.
    await open('7.3');
    k = panelOf('criterion:7.3');
    await k.locator('select[name="answer-type"]').selectOption('multi');
    await k.locator('tr[data-option="0"] input[name="option-points"]').fill('2');
    await k.locator('input[name="cap"]').fill('2');

    // 7.4 a whole number 0..100 with a unit; ≤ 100 scores 4.
    await open('7.4');
    k = panelOf('criterion:7.4');
    await k.locator('select[name="answer-type"]').selectOption('number');
    await k.locator('input[name="unit-vi"]').fill('%');
    await k.locator('input[name="unit-en"]').fill('%');
    await k.locator('tr[data-band="1"] input[name="band-points"]').fill('4');
    await shot('c3-number-bands');

    // 7.5 yes/no worth 3, for retailers only.
    await open('7.5');
    k = panelOf('criterion:7.5');
    await k.locator('select[name="answer-type"]').selectOption('boolean');
    await k.locator('input[name="boolean-points"]').fill('3');
    await k.locator('input[name="applies-on"]').check();
    await expect(k.locator('select[name="applies-fact"]').inputValue()).resolves.toBe('sector');
    await expect(k.locator('select[name="applies-value"]').inputValue()).resolves.toBe('retail');
    await shot('c4-boolean-applies');
  });

  it('brings the declared maxima in line and has no issues left', async () => {
    await page.getByRole('tab', { name: /Lỗi/ }).click();
    const fix = page.getByRole('button', { name: 'Cập nhật điểm tối đa đã khai báo' }).first();
    if (await fix.count()) await fix.click();
    await page.getByRole('tabpanel').getByText('Không có lỗi: bản nháp hợp lệ và có thể công bố.').waitFor();
  });

  it('simulates with the profile: what does not apply is greyed, the score is the weighted mean', async () => {
    await page.getByRole('tab', { name: /Mô phỏng/ }).click();
    const sim = page.getByRole('tabpanel');
    await sim.getByRole('button', { name: 'Tất cả mức 0' }).click();
    await sim.locator('select[name="profile-sector"]').selectOption('manufacturing');
    await sim.locator('[data-sim-pillar="7"] .dbi-sim__pillar-head').click();
    await sim.locator('[data-answer="7.1"] select').selectOption('5');
    await sim.locator('[data-answer="7.2"] input[value="c"]').check();
    await sim.locator('[data-answer="7.3"] input[value="a"]').check();
    await sim.locator('[data-answer="7.3"] input[value="b"]').check();
    await sim.locator('[data-answer="7.4"] input').fill('50');
    await sim.locator('[data-answer="7.5"] select').selectOption('true');
    await expect(sim.locator('[data-answer="7.5"]').getAttribute('class')).resolves.toContain('is-na');
    await expect(sim.locator('tr[data-pillar="7"]').textContent()).resolves.toContain('16/16');
    await shot('c5-simulation-manufacturing');
    await sim.locator('select[name="profile-sector"]').selectOption('retail');
    await expect(sim.locator('[data-answer="7.5"]').getAttribute('class')).resolves.not.toContain('is-na');
    await expect(sim.locator('tr[data-pillar="7"]').textContent()).resolves.toContain('19/19');
    await expect(sim.getByTestId('sim-score').textContent()).resolves.toBe('25.00');
  });

  it('publishes it and scores it through the API exactly as worked out by hand', async () => {
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-dialog-confirm').click();
    await page.locator('[data-testid="version-screen"][data-status="published"]').waitFor();
    await shot('c6-published');
    const stored = await api<VersionRecord>(server, 'GET', '/indices/readiness-lab/versions/1.0.0');
    const def = stored.definition as ScorecardDefinition;
    expect(stored.status).toBe('published');
    expect(def.levels[1]!.name).toEqual({ vi: 'Khởi đầu', en: 'Starter' });
    expect(def.instrument.effective).toBe('2026-07-01');
    expect(def.profile!.map((f) => f.name)).toEqual(['sector']);
    expect(def.pillars.map((p) => p.weight)).toEqual([1, 1, 1, 1, 1, 1, 2]);
    expect(def.pillars[6]!.criteria!.map((k) => k.type ?? 'level')).toEqual([
      'level',
      'choice',
      'multi',
      'number',
      'boolean',
    ]);

    const others = Object.fromEntries(
      def.pillars.slice(0, 6).flatMap((p) => (p.components ?? []).flatMap((c) => c.criteria.map((k) => [k.id, 0]))),
    );
    const answers = { ...others, '7.1': 5, '7.2': 'c', '7.3': ['a', 'b'], '7.4': 50, '7.5': true };
    const retail = await api<ScoreResult>(server, 'POST', '/indices/readiness-lab/versions/1.0.0/score', {
      profile: { sector: 'retail' },
      answers,
    });
    const p7 = retail.pillars.find((p) => p.id === '7')!;
    expect([p7.points, p7.max, p7.score]).toEqual([19, 19, '100.00']);
    expect(retail.score).toBe('25.00');
    expect(retail.notApplicable ?? []).toEqual([]);
    const maker = await api<ScoreResult>(server, 'POST', '/indices/readiness-lab/versions/1.0.0/score', {
      profile: { sector: 'manufacturing' },
      answers,
    });
    const m7 = maker.pillars.find((p) => p.id === '7')!;
    expect([m7.points, m7.max, m7.score]).toEqual([16, 16, '100.00']);
    expect(maker.notApplicable).toEqual(['7.5']);
  });
});
