// The designer end to end, as a ministry publisher uses it: the built app served by the real API server (SQLite
// file, bootstrap key), driven in Debian's Chromium. Revises criterion 3.2.5 of the large index, sees validation
// pin errors on nodes and clear, simulates, publishes 1.1.0, and checks through the API that 1.1.0 is stored as
// published and 1.0.0 did not change by a single byte of its canonical JSON.
//
// Expected numbers come from the Decision (Appendix II): answering level k scores k × weight; a pillar is at level 3
// when its points are above 40% and at most 60% of its maximum; the enterprise is at level 3 with more than 278
// points and at least 4 pillars at level 3 or higher, and level 4 needs at least 5 pillars at level 4.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { canonicalJson, contentHash, type VersionRecord } from '@dbi/schema';
import {
  api,
  artifactsDir,
  designerDir,
  launchBrowser,
  repoDir,
  createPerson,
  startServer,
  storedValues,
  type Person,
  type RunningBrowser,
  type RunningServer,
} from './harness.ts';
import type { NationalScorecard } from '@dbi/designer-ui/testing';

const LARGE_FILE = join(repoDir, 'indices', 'large', '1.0.0.json');
/** The national files' shape: pillars → components → level criteria (the v2 language allows more). */
type National = NationalScorecard;
const large = JSON.parse(readFileSync(LARGE_FILE, 'utf8')) as National;
const TOP = large.levels.length - 1; // answers run 0..5

const NEW_EN = 'The enterprise runs its core systems on cloud computing';
const NEW_VI = 'Doanh nghiệp vận hành các hệ thống cốt lõi trên nền tảng điện toán đám mây';
const NEW_WEIGHT = 2;

/** The large index's criteria with 3.2.5 re-weighted, as the Decision's arithmetic sees them. */
const revisedWeights = large.pillars.map((p) => ({
  id: p.id,
  weights: p.components.flatMap((c) => c.criteria.map((k) => (k.id === '3.2.5' ? NEW_WEIGHT : k.weight))),
}));
const revisedMax = revisedWeights.reduce((s, p) => s + p.weights.reduce((a, w) => a + w * TOP, 0), 0);

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let person: Person;

const node = (key: string) => page.locator(`.react-flow__node[data-id="${key}"] .dbi-node`);
const shot = (name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`) });
/** Pictures taken after a jump to a node wait for the canvas's 300 ms centring animation to end. */
const shotAfterJump = async (name: string) => {
  await page.waitForTimeout(500);
  await shot(name);
};
/** The canvas draws only nodes in view; fitting the whole index brings every node in. */
const fitView = () => page.getByRole('button', { name: 'Fit view', exact: true }).click();
const canvasReady = (ref: string) => page.waitForFunction((r) => document.body.dataset.canvasReady === r, ref);

beforeAll(async () => {
  if (!existsSync(join(designerDir, 'dist', 'index.html'))) {
    // `turbo run test` builds first; a bare `vitest run` builds here so the test never serves a missing app.
    const { build } = await import('vite');
    await build({ root: designerDir, configFile: join(designerDir, 'vite.config.ts'), logLevel: 'warn' });
  }
  mkdirSync(artifactsDir, { recursive: true });
  server = await startServer();
  person = await createPerson(server);
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(20_000);
});

// A failed step leaves a picture of the screen it failed on.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await shot(`failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('designer in the browser', () => {
  it('opens on the index browser, in Vietnamese, with the national indices published', async () => {
    await page.goto(`${server.url}/designer/`);
    await expect(page.getByTestId('welcome').locator('h1').textContent()).resolves.toBe('Chọn một phiên bản chỉ số');
    for (const id of ['sme', 'large', 'group', 'size']) {
      await page.getByTestId(`open-${id}@1.0.0`).waitFor();
      await expect(page.getByTestId(`open-${id}@1.0.0`).getByTestId('status-published').count()).resolves.toBe(1);
    }
    await shot('01-browser-vi');
  });

  it('switches to English and signs in with e-mail and password; the session is a cookie, nothing in localStorage', async () => {
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('welcome').locator('h1').textContent()).resolves.toBe('Choose an index version');
    await page.getByTestId('sign-in').click();
    const dialog = page.getByTestId('sign-in-dialog');
    await expect(dialog.textContent()).resolves.toContain('dbi admin create-account');
    // A wrong password is refused by the server and the dialog says so.
    await page.getByTestId('sign-in-dialog-email').fill(person.email);
    await page.getByTestId('sign-in-dialog-password').fill('not the password');
    await page.getByTestId('sign-in-dialog-submit').click();
    await dialog.getByTestId('problem').waitFor();
    await expect(dialog.getByTestId('problem').textContent()).resolves.toContain('401');
    await page.getByTestId('sign-in-dialog-password').fill(person.password);
    await page.getByTestId('sign-in-dialog-submit').click();
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toBe('ministry-publisher');
    // The session survives a reload through its httpOnly cookie, which the page's scripts cannot read.
    await page.reload();
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toBe('ministry-publisher');
    await expect(page.evaluate(() => document.cookie)).resolves.not.toContain('dbi_session');
    const stored = await storedValues(page);
    expect(Object.keys(stored)).not.toContain('dbi.apiKey');
    for (const v of Object.values(stored)) {
      expect(v).not.toContain(person.password);
      expect(v).not.toContain(server.key);
    }
  });

  it('opens large@1.0.0 read-only', async () => {
    await page.getByTestId('open-large@1.0.0').click();
    await canvasReady('large@1.0.0');
    await page.getByTestId('readonly-badge').waitFor();
    await expect(page.getByTestId('version-screen').getAttribute('data-status')).resolves.toBe('published');
    await expect(page.getByTestId('save').count()).resolves.toBe(0);
    await expect(page.getByTestId('publish').count()).resolves.toBe(0);
    const search = page.getByRole('combobox', { name: 'Search' });
    await search.fill('1.1.1');
    await search.press('Enter');
    const panel = page.locator('.dbi-panel[data-node="criterion:1.1.1"]');
    await expect(panel.locator('textarea[name="text-en"]').getAttribute('readonly')).resolves.not.toBeNull();
    await expect(panel.locator('input[name="weight"]').getAttribute('readonly')).resolves.not.toBeNull();
    await shot('02-large-1.0.0-read-only');
  });

  it('creates draft 1.1.0 from it', async () => {
    await page.getByTestId('new-draft').click();
    await page.getByTestId('new-draft-dialog-version').fill('1.1.0');
    await page.getByTestId('new-draft-dialog-submit').click();
    await page.waitForURL(`${server.url}/designer/indices/large/1.1.0`);
    await canvasReady('large@1.1.0');
    await expect(page.getByTestId('version-screen').getAttribute('data-status')).resolves.toBe('draft');
    await expect(page.getByTestId('derived-from').textContent()).resolves.toBe('large@1.0.0');
    await page.getByTestId('open-large@1.1.0').getByTestId('status-draft').waitFor();
  });

  it('finds criterion 3.2.5 by search and changes its text and weight', async () => {
    const search = page.getByRole('combobox', { name: 'Search' });
    await search.fill('3.2.5');
    await search.press('Enter');
    const panel = page.locator('.dbi-panel[data-node="criterion:3.2.5"]');
    await panel.waitFor();
    await expect(panel.locator('textarea[name="text-en"]').inputValue()).resolves.toBe(
      'The enterprise uses cloud-computing technology',
    );

    await panel.locator('textarea[name="text-en"]').fill(NEW_EN);
    await panel.locator('textarea[name="text-vi"]').fill(NEW_VI);
    await panel.locator('input[name="weight"]').fill(String(NEW_WEIGHT));

    const criterion = node('criterion:3.2.5');
    await expect(criterion.locator('.dbi-node__text').textContent()).resolves.toBe(NEW_EN);
    await expect(criterion.locator('.dbi-badge--weight').textContent()).resolves.toBe(`×${NEW_WEIGHT}`);
    // Its maximum: the top answer (level 5) × weight 2.
    await expect(criterion.locator('.dbi-badge--points').textContent()).resolves.toBe(`${TOP * NEW_WEIGHT} pt`);
    await page.getByTestId('dirty').waitFor();

    // Leaving a draft with unsaved changes asks first; declining stays on it with the edits.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => (resolve(d.message()), void d.dismiss())),
    );
    await page.getByTestId('open-large@1.0.0').click();
    await expect(asked).resolves.toBe('This draft has unsaved changes. Leave without saving them?');
    expect(new URL(page.url()).pathname).toBe('/designer/indices/large/1.1.0');
    await expect(criterion.locator('.dbi-badge--weight').textContent()).resolves.toBe(`×${NEW_WEIGHT}`);
  });

  it('pins validation errors on the nodes they concern and clears them when fixed', async () => {
    // The declared maxima no longer add up: component 3.2 (35), pillar 3 (145) and the index (695). The canvas
    // draws only what is in view, so fit the whole index first.
    await fitView();
    await node('pillar:3').waitFor();
    await expect(node('component:3.2').getAttribute('class')).resolves.toContain('has-issues');
    await expect(node('pillar:3').getAttribute('class')).resolves.toContain('has-issues');
    await expect(node('index').getAttribute('class')).resolves.toContain('has-issues');
    await expect(node('criterion:3.2.5').getAttribute('class')).resolves.not.toContain('has-issues');

    // Every text exists in Vietnamese: an empty one is an error on the criterion itself.
    const panel = page.locator('.dbi-panel[data-node="criterion:3.2.5"]');
    await panel.locator('textarea[name="text-vi"]').fill('');
    await expect(node('criterion:3.2.5').getAttribute('class')).resolves.toContain('has-issues');
    // Said in the editor's words, on the field itself (the JSON pointer only as a tooltip).
    const message = panel.locator('.dbi-issue__message').first();
    await expect(message.textContent()).resolves.toBe('Text (Tiếng Việt): is empty');
    await expect(message.getAttribute('title')).resolves.toContain('/pillars/2/components/1/criteria/4/text/vi');
    await expect(panel.locator('textarea[name="text-vi"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(panel.locator('.dbi-field__error').first().textContent()).resolves.toBe('is empty');
    await expect(page.getByTestId('publish').isDisabled()).resolves.toBe(true);
    await page.getByRole('combobox', { name: 'Search' }).press('Enter'); // back to 3.2.5 for the picture
    await shotAfterJump('03-validation-errors');

    await panel.locator('textarea[name="text-vi"]').fill(NEW_VI);
    await expect(node('criterion:3.2.5').getAttribute('class')).resolves.not.toContain('has-issues');
    await expect(page.getByTestId('publish').isDisabled()).resolves.toBe(true); // the maxima still disagree

    await page.getByRole('tab', { name: /Issues/ }).click();
    await page.getByRole('button', { name: 'Update the declared maxima' }).first().click();
    await page.getByRole('tabpanel').getByText('No issues: the draft is valid and can be published.').waitFor();
    await fitView();
    for (const key of ['component:3.2', 'pillar:3', 'index', 'criterion:3.2.5']) {
      await expect(node(key).getAttribute('class')).resolves.not.toContain('has-issues');
    }
    await expect(page.getByTestId('publish').isEnabled()).resolves.toBe(true);
  });

  it('simulates with a preset and shows the Decision’s levels', async () => {
    await page.getByRole('tab', { name: 'Simulation' }).click();
    await page.getByRole('button', { name: 'All level 3' }).click();
    // Every criterion answered at level 3 scores 3 × weight: 3/5 of the maximum.
    await expect(page.getByTestId('sim-total').textContent()).resolves.toBe(String((revisedMax * 3) / TOP));
    // Each pillar at exactly 60% of its maximum: "above 40% up to 60%" is level 3.
    const rows = page.locator('.dbi-sim__pillars tr[data-pillar]');
    await expect(rows.count()).resolves.toBe(6);
    for (const p of revisedWeights) {
      await expect(page.locator(`.dbi-sim__pillars tr[data-pillar="${p.id}"] .dbi-level`).textContent()).resolves.toBe(
        'Level 3',
      );
    }
    // 420 > 417 points but no pillar at level 4, so not level 4; above 278 with six pillars at level 3: level 3.
    await expect(page.locator('.dbi-sim__overall .dbi-level').textContent()).resolves.toBe('Level 3');
    // Collapsed, the canvas shows each pillar's simulated level.
    await page.getByRole('button', { name: 'Collapse all', exact: true }).click();
    await fitView();
    await expect(node('pillar:3').locator('.dbi-level').textContent()).resolves.toBe('Level 3');
    await shot('04-simulation');
  });

  it('publishes 1.1.0 and shows its hash', async () => {
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-dialog-confirm').click();
    await page.getByTestId('notice').waitFor();
    await expect(page.getByTestId('notice').textContent()).resolves.toContain('Published large@1.1.0');
    const detail = await page.getByTestId('notice-detail').textContent();
    expect(detail).toMatch(/sha256:[0-9a-f]{64}$/);
    await expect(page.getByTestId('version-screen').getAttribute('data-status')).resolves.toBe('published');
    await page.getByTestId('readonly-badge').waitFor();
    await page.getByTestId('open-large@1.1.0').getByTestId('status-published').waitFor();
    await shot('05-published');

    // Through the API: 1.1.0 is published with the new texts and weight, under the hash the designer showed.
    const v110 = await api<VersionRecord>(server, 'GET', '/indices/large/versions/1.1.0');
    expect(v110.status).toBe('published');
    expect(v110.derivedFrom).toBe('large@1.0.0');
    expect(detail).toBe(`hash sha256:${v110.hash}`);
    const def = v110.definition as National;
    expect(contentHash(def)).toBe(v110.hash);
    const c325 = def.pillars[2]!.components[1]!.criteria[4]!;
    expect(c325).toEqual({ id: '3.2.5', text: { vi: NEW_VI, en: NEW_EN }, weight: NEW_WEIGHT });
    expect(def.pillars[2]!.components[1]!.max).toBe(large.pillars[2]!.components[1]!.max! + (NEW_WEIGHT - 1) * TOP);
    expect(def.max).toBe(revisedMax);

    // 1.0.0 is exactly the national definition, byte for byte in canonical JSON.
    const v100 = await api<VersionRecord>(server, 'GET', '/indices/large/versions/1.0.0');
    expect(v100.status).toBe('published');
    const { $schema: _stored, ...stored } = v100.definition as Record<string, unknown>;
    const { $schema: _file, ...original } = large as unknown as Record<string, unknown>;
    expect(canonicalJson(stored)).toBe(canonicalJson(original));
    expect(v100.hash).toBe(contentHash(large));
  });

  it('shows the differences between 1.0.0 and 1.1.0 on the canvas and in a list', async () => {
    await page.getByTestId('open-diff').click();
    await page.waitForURL(/\/diff\?/);
    expect(new URL(page.url()).searchParams.get('from')).toBe('large@1.0.0');
    expect(new URL(page.url()).searchParams.get('to')).toBe('large@1.1.0');
    await canvasReady('large@1.0.0..large@1.1.0');
    await fitView();
    await expect(node('criterion:3.2.5').getAttribute('class')).resolves.toContain('dbi-diff--changed');
    await expect(node('criterion:3.2.4').getAttribute('class')).resolves.not.toContain('dbi-diff--');
    await expect(
      page.locator('.dbi-difflist__item[data-change="reweighted"]', { hasText: '3.2.5' }).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(
      page.locator('.dbi-difflist__item[data-change="reworded"]', { hasText: '3.2.5' }).count(),
    ).resolves.toBeGreaterThan(0);
    // A change in the list jumps to its node.
    await page
      .locator('.dbi-difflist__item[data-change="reweighted"]', { hasText: '3.2.5' })
      .getByRole('button')
      .click();
    await expect(node('criterion:3.2.5').getAttribute('class')).resolves.toContain('is-selected');
    await shotAfterJump('06-diff');
  });

  it('shows the server’s problem when a draft version already exists', async () => {
    await page.getByTestId('open-large@1.0.0').click();
    await canvasReady('large@1.0.0');
    await page.getByTestId('new-draft').click();
    await page.getByTestId('new-draft-dialog-version').fill('1.1.0');
    await page.getByTestId('new-draft-dialog-submit').click();
    const problem = page.getByTestId('new-draft-dialog').getByTestId('problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('409');
    await page.getByTestId('new-draft-dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it('forks 1.1.0 into a variant and shows its lineage', async () => {
    await page.getByTestId('open-large@1.1.0').click();
    await canvasReady('large@1.1.0');
    await page.getByTestId('fork').click();
    await page.getByTestId('fork-dialog-id').fill('large-agriculture');
    await page.getByTestId('fork-dialog-version').fill('1.0.0');
    await page.getByTestId('fork-dialog-submit').click();
    await page.waitForURL(`${server.url}/designer/indices/large-agriculture/1.0.0`);
    await canvasReady('large-agriculture@1.0.0');
    await expect(page.getByTestId('derived-from').textContent()).resolves.toBe('large@1.1.0');
    await expect(page.getByTestId('lineage-large-agriculture').textContent()).resolves.toContain('large@1.1.0');
    await expect(page.getByTestId('version-screen').getAttribute('data-status')).resolves.toBe('draft');
    const variant = await api<VersionRecord>(server, 'GET', '/indices/large-agriculture/versions/1.0.0');
    expect(variant.derivedFrom).toBe('large@1.1.0');
    await shot('07-variant');
  });
});
