// The portal in Debian's Chromium against the real server (built dist, SQLite file), under the server's CSP — which
// for the portal has no 'unsafe-eval'. Public pages first, then an enterprise's self-assessment of large@1.0.0 (139
// criteria) through the real assessment API. Screenshots of every main screen at 1440×900 and 390×844 go to
// test-artifacts/; axe-core must find no serious or critical violation on them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  api,
  createKey,
  DESKTOP,
  launchBrowser,
  portalDir,
  screens,
  seriousViolations,
  shoot,
  startServer,
  watchPage,
  type RunningBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let watched: { problems: string[] };

// Its check digit, by weights 31 29 23 19 17 13 7 5 3 over 010123456: s = 192, 192 mod 11 = 5, 10 − 5 = 5.
const TAX = '0101234565';
const large = JSON.parse(readFileSync(join(portalDir, '..', '..', 'indices', 'large', '1.0.0.json'), 'utf8')) as {
  pillars: { id: string; max: number; components: { criteria: { id: string }[] }[] }[];
};

beforeAll(async () => {
  if (!readFileSync(join(portalDir, 'dist', 'index.html'), 'utf8')) throw new Error('build the portal first');
  server = await startServer();
  browser = await launchBrowser(DESKTOP);
  page = browser.page;
  watched = watchPage(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const both = (name: string) => screens(page, name);

describe('public pages, under a CSP without unsafe-eval', () => {
  it('the first screen is in Vietnamese and lists the published indices', async () => {
    const res = await page.goto(`${server.url}/`);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    await page.getByTestId('index-large').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('chuyển đổi số');
    await both('home');
    await page.getByTestId('lang-en').click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('digital transformation');
    await shoot(page, 'home-en');
    await page.getByTestId('lang-vi').click();
  });

  it('an index can be read with its criteria before registering', async () => {
    await page
      .getByTestId('index-large')
      .getByRole('link', { name: /1\.0\.0/ })
      .click();
    await page.getByTestId('index-screen').waitFor();
    expect(new URL(page.url()).pathname).toBe('/indices/large/1.0.0');
    // 139 criteria in 6 pillars (Decision 1970, Appendix II), the count printed from the definition's own lists.
    const n = large.pillars.reduce((s, p) => s + p.components.reduce((m, c) => m + c.criteria.length, 0), 0);
    expect(n).toBe(139);
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).allTextContents())
      .toContain(`6 trụ cột · 139 tiêu chí`);
    await page.locator('summary').first().click();
    await page.getByTestId('read-1.1.1').waitFor();
    await both('index-large');
  });

  it('a questionnaire with every answer type is tried in the browser, scored by the engine as you answer', async () => {
    await page.goto(`${server.url}/indices/readiness-example/1.0.0/try`);
    await page.getByTestId('try-screen').waitFor();
    // Required profile facts missing: the engine's own words instead of a result.
    await expect.poll(() => page.getByTestId('live-result').textContent()).toContain('sector');
    await page.getByTestId('profile-sector').locator('select').selectOption('retail');
    await page.getByTestId('profile-employees').locator('input').fill('12');
    // 1.1 is a choice with options scoring 0, 2, 3, 6 and pillar 1's maximum is 6 + 4 + 3 = 13: "c" gives 3 of 13,
    // 23.08 (readiness-example's own comments work the maxima out).
    await page
      .getByTestId('criterion-1.1')
      .getByLabel(/·\s*3 điểm/)
      .check();
    await expect.poll(() => page.getByTestId('live-pillar-1').textContent()).toContain('3/13 (23.08)');
    // 1.3 is yes/no (3 points): yes → 6 of 13 = 46.15.
    await page.getByTestId('criterion-1.3').getByLabel(/^Có/).check();
    await expect.poll(() => page.getByTestId('live-pillar-1').textContent()).toContain('6/13 (46.15)');
    // A number out of range is refused on the field in the user's words (2.2: 0..100).
    await page.getByTestId('criterion-2.2').locator('input').fill('150');
    await expect.poll(() => page.getByTestId('criterion-2.2').textContent()).toContain('Tối đa 100');
    await page.getByTestId('criterion-2.2').locator('input').fill('100');
    await expect.poll(() => page.getByTestId('criterion-2.2').textContent()).not.toContain('Tối đa 100');
    // Checkboxes: 2.1 has options a–e.
    await page.getByTestId('criterion-2.1').locator('input[type=checkbox]').first().check();
    expect(await page.getByTestId('progress-2').textContent()).toContain('2/3');
    // What to improve first is listed for the pillars below the top.
    await expect.poll(() => page.getByTestId('improve').textContent()).toContain('Trụ cột 1');
    await both('try-readiness');
    expect(watched.problems).toEqual([]);
  });

  it('certificate verification: a malformed number is explained, an unknown one is not found', async () => {
    await page.goto(`${server.url}/verify/DBI-2026-999999`);
    await page.getByTestId('verify-missing').waitFor();
    await page.getByTestId('verify-number').fill('ABC');
    expect(await page.getByRole('alert').first().textContent()).toContain('DBI-2026-000001');
    await both('verify');
  });

  it('sign-in and registration check each field in the user’s words before asking the server', async () => {
    await page.goto(`${server.url}/sign-in`);
    await page.getByTestId('sign-in-submit').click();
    expect(await page.getByRole('alert').first().textContent()).toBe('Bắt buộc');
    await page.getByLabel('Thư điện tử').fill('not-an-email');
    await page.getByLabel('Mật khẩu').fill('whatever-password');
    await page.getByTestId('sign-in-submit').click();
    expect(await page.getByRole('alert').first().textContent()).toContain('ten@congty.vn');
    await page.getByLabel('Thư điện tử').fill('an@example.vn');
    await page.getByTestId('sign-in-submit').click();
    // The server's answer (wrong pair, or sign-in not offered by this server yet) is shown, never swallowed.
    await page.locator('[data-testid=sign-in-wrong], [data-testid=sign-in-unavailable]').waitFor();
    await both('sign-in');
    await page.goto(`${server.url}/register`);
    await page.getByLabel('Mã số thuế').fill('0101234568');
    await page.getByTestId('register-submit').click();
    // The reference data's check digit rule, in Vietnamese.
    await expect.poll(() => page.getByTestId('register-screen').textContent()).toContain('kiểm tra');
    await both('register');
  });
});

describe('an enterprise self-assesses large@1.0.0', () => {
  let id: string;

  it('sees its size classification and the index that applies, and starts a draft', async () => {
    await api(server, 'POST', '/enterprises', {
      taxCode: TAX,
      name: 'Công ty Cổ phần An Phát',
      province: '01',
      industry: 'G',
      sector: 'trade-services',
      employees: 300,
      revenueVnd: 400_000_000_000,
    });
    const key = await createKey(server, 'enterprise', TAX);
    // An integrator's proxy that adds the key to every request: the portal asks GET /me who that is.
    await browser.context.setExtraHTTPHeaders({ authorization: `Bearer ${key}` });
    await page.goto(`${server.url}/assessments`);
    await page.getByTestId('enterprise-card').waitFor();
    const card = await page.getByTestId('enterprise-card').textContent();
    expect(card).toContain('Công ty Cổ phần An Phát');
    expect(card).toContain('large');
    expect(await page.getByTestId('signed-in').textContent()).toContain('doanh nghiệp');
    await both('assessments');
    await page.getByTestId('start-assessment').click();
    await page.getByTestId('assessment-form').waitFor();
    id = new URL(page.url()).pathname.split('/').pop()!;
    expect((await api<{ status: string }>(server, 'GET', `/assessments/${id}`)).status).toBe('draft');
  });

  it('answers by mouse and keyboard; the live result and autosave follow', async () => {
    expect(await page.locator('fieldset.criterion').count()).toBe(139);
    await page.getByTestId('criterion-1.1.1').getByLabel(/^3 ·/).check();
    // 1.1.1 has weight 1: level 3 is 3 points in pillar 1.
    const max1 = large.pillars[0]!.max;
    await expect.poll(() => page.getByTestId('live-pillar-1').textContent()).toContain(`3/${max1}`);
    // Keyboard: focus 1.1.2's level 1 and move to level 2 with the arrow key (radio group semantics) → 3 + 2 = 5.
    await page.getByTestId('criterion-1.1.2').getByLabel(/^1 ·/).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('live-pillar-1').textContent()).toContain(`5/${max1}`);
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toContain('Đã lưu');
    await expect
      .poll(
        async () =>
          (
            await api<{ columns: { self?: { answers: Record<string, number | null> } } }>(
              server,
              'GET',
              `/assessments/${id}`,
            )
          ).columns.self?.answers,
      )
      .toMatchObject({ '1.1.1': 3, '1.1.2': 2, '1.1.3': null });
    expect(await page.getByTestId('progress-1').textContent()).toContain('2/');
    await both('assessment-form');
    expect(watched.problems).toEqual([]);
  });

  it('submitting lists what is missing and asks for an explicit confirmation', async () => {
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-dialog').waitFor();
    // 139 criteria, 2 answered.
    expect(await page.getByTestId('missing-list').locator('li').count()).toBe(137);
    expect(await page.getByTestId('submit-confirm').isDisabled()).toBe(true);
    await shoot(page, 'submit-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/Vẫn nộp/).check();
    await page.getByTestId('submit-confirm').click();
    await page.getByTestId('notice').waitFor();
    expect(await page.getByTestId('assessment-status').textContent()).toBe('đã nộp');
    expect((await api<{ status: string }>(server, 'GET', `/assessments/${id}`)).status).toBe('submitted');
    // Read-only now.
    expect(await page.getByTestId('criterion-1.1.1').locator('input').first().isDisabled()).toBe(true);
  });

  it('history overlays the assessments pillar by pillar', async () => {
    // A second assessment, every criterion at level 3: each pillar scores 3/5 = exactly 60 % of its maximum, which the
    // Decision's table puts in "above 40 % up to 60 %": level 3 in every pillar.
    // One open assessment per enterprise, index and period: the second is last year's campaign.
    await api(server, 'POST', '/periods', {
      id: '2025',
      name: 'Năm 2025',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
    });
    const second = await api<{ id: string }>(server, 'POST', '/assessments', { taxCode: TAX, period: '2025' });
    const all = Object.fromEntries(
      large.pillars.flatMap((p) => p.components.flatMap((c) => c.criteria.map((k) => [k.id, 3]))),
    );
    const key = await createKey(server, 'enterprise', TAX);
    const res = await fetch(`${server.url}/api/v1/assessments/${second.id}/columns/self`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ answers: all }),
    });
    expect(res.status).toBe(200);
    await page.goto(`${server.url}/history`);
    await page.getByTestId('history-table').waitFor();
    await page.getByTestId('radar').locator('svg').first().waitFor();
    const rows = await page.getByTestId('history-table').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join(' ')).toContain('đã nộp');
    expect(rows.join(' ')).toContain('bản nháp');
    expect(await page.getByTestId('radar').locator('.recharts-radar').count()).toBe(2);
    const draftRow = page.getByTestId('history-table').locator('tbody tr', { hasText: 'bản nháp' });
    expect((await draftRow.locator('td').allTextContents()).slice(0, 6)).toEqual(['3', '3', '3', '3', '3', '3']);
    await both('history');
    expect(watched.problems).toEqual([]);
  });
});
