// What a new ministry user ran into, each checked in the real browser against the real server: a link to a draft
// opened before signing in, the sign-in dialog's contrast, readable text at the first view, nothing on the canvas
// covering the search box or nodes, errors said in the editor's words, typing undone as one step, removal that
// asks first, the rules tab showing sentences and explanations, and two editors saving the same draft.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ScorecardDefinition, VersionRecord } from '@dbi/schema';
import { contentHash } from '@dbi/schema';
import {
  api,
  artifactsDir,
  createPerson,
  launchBrowser,
  startServer,
  storedValues,
  type Person,
  type RunningBrowser,
  type RunningServer,
} from './harness.ts';
import type { NationalScorecard } from '@dbi/designer-ui/testing';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let draft: VersionRecord;
let person: Person;

const shot = (name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`) });
const canvasReady = (ref: string) => page.waitForFunction((r) => document.body.dataset.canvasReady === r, ref);
const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  server = await startServer();
  person = await createPerson(server);
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(20_000);
  draft = await api<VersionRecord>(server, 'POST', '/indices/large/versions', { from: '1.0.0', version: '1.1.0' });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await shot(`failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a new ministry user', () => {
  it('opens a link to a draft, is told to sign in, signs in and sees the draft without reloading', async () => {
    await page.goto(`${server.url}/designer/indices/large/1.1.0`);
    const problem = page.getByTestId('problem');
    await expect(problem.textContent()).resolves.toContain('Hãy đăng nhập để xem');
    await page.getByTestId('sign-in').click();
    const dialog = page.getByTestId('sign-in-dialog');
    // Dark title and label on the white dialog (they inherited the header's white before).
    const colours = await dialog.evaluate((d) => [
      getComputedStyle(d.querySelector('h2')!).color,
      getComputedStyle(d.querySelector('label span')!).color,
      getComputedStyle(d).backgroundColor,
    ]);
    expect(colours[2]).toBe('rgb(255, 255, 255)');
    for (const c of colours.slice(0, 2)) expect(c).not.toBe('rgb(255, 255, 255)');
    await shot('b1-sign-in-dialog');
    await page.getByTestId('sign-in-dialog-email').fill(person.email);
    await page.getByTestId('sign-in-dialog-password').fill(person.password);
    await page.getByTestId('sign-in-dialog-submit').click();
    await canvasReady('large@1.1.0');
    await expect(page.getByTestId('version-screen').getAttribute('data-status')).resolves.toBe('draft');
    await expect(problem.count()).resolves.toBe(0);
  });

  it('reads the canvas at 12 px or more, with nothing covering the search box or the nodes', async () => {
    const scale = await page
      .locator('.react-flow__viewport')
      .evaluate((v) => new DOMMatrixReadOnly(getComputedStyle(v).transform).a);
    // The smallest text drawn on any node, as it appears on screen.
    const smallest = await page
      .locator('.react-flow__node')
      .evaluateAll((nodes) =>
        Math.min(
          ...nodes.flatMap((n) =>
            [...n.querySelectorAll<HTMLElement>('*')]
              .filter(
                (e) => e.childNodes.length && [...e.childNodes].some((c) => c.nodeType === 3 && c.textContent!.trim()),
              )
              .map((e) => parseFloat(getComputedStyle(e).fontSize)),
          ),
        ),
      );
    expect(smallest * scale).toBeGreaterThanOrEqual(12);
    // No minimap over the nodes at first; the search box and the tools do not overlap.
    await expect(page.locator('.react-flow__minimap').count()).resolves.toBe(0);
    const search = await box('.dbi-search');
    for (const tool of await page.locator('.dbi-canvas__tools > *').all())
      expect(overlaps(search, (await tool.boundingBox())!)).toBe(false);
    await shot('b2-draft-first-view');
  });

  it('a published version: the read-only badge stays clear of the search box', async () => {
    await page.getByTestId('open-large@1.0.0').click();
    await canvasReady('large@1.0.0');
    const badge = await box('.dbi-canvas .dbi-badge--readonly');
    expect(overlaps(await box('.dbi-search'), badge)).toBe(false);
    await shot('b3-published-read-only');
    await page.getByTestId('open-large@1.1.0').click();
    await canvasReady('large@1.1.0');
  });

  it('says what is wrong in the editor’s words on the field; undoes typing as one step', async () => {
    const search = page.getByRole('combobox');
    await search.fill('3.2.5');
    await search.press('Enter');
    const panel = page.locator('.dbi-panel[data-node="criterion:3.2.5"]');
    const vi = panel.locator('textarea[name="text-vi"]');
    const before = await vi.inputValue();
    // Spaces only: leaving the field makes it empty, which is an error shown under it in Vietnamese.
    await vi.fill('   ');
    await vi.blur();
    await expect(vi.inputValue()).resolves.toBe('');
    await expect(vi.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(panel.locator('.dbi-field__error').first().textContent()).resolves.toBe('đang để trống');
    await expect(panel.locator('.dbi-issue__message').first().textContent()).resolves.toBe(
      'Nội dung (Tiếng Việt): đang để trống',
    );
    await shot('b4-error-on-field');
    // Typing the spaces and their removal on leaving were one edit of one field: one undo step.
    await page.getByRole('button', { name: /Hoàn tác/ }).click();
    await expect(vi.inputValue()).resolves.toBe(before);

    const en = panel.locator('textarea[name="text-en"]');
    const original = await en.inputValue();
    await en.click();
    await en.press('End');
    await page.keyboard.type(' and edge');
    await expect(en.inputValue()).resolves.toBe(`${original} and edge`);
    await en.press('Control+z');
    await expect(en.inputValue()).resolves.toBe(original);
    await expect(page.getByTestId('dirty').count()).resolves.toBe(0);
  });

  it('asks before removing a node', async () => {
    const panel = page.locator('.dbi-panel[data-node="criterion:3.2.5"]');
    await panel.getByRole('button', { name: 'Xoá', exact: true }).click();
    const ask = panel.getByRole('alertdialog');
    await expect(ask.textContent()).resolves.toContain('Xoá Tiêu chí 3.2.5?');
    await shot('b5-remove-asks');
    await ask.getByRole('button', { name: 'Huỷ' }).click();
    await page.locator('.react-flow__node[data-id="criterion:3.2.5"]').waitFor();
  });

  it('shows rules as sentences with their explanations in full; json-logic only on request', async () => {
    await page.getByRole('tab', { name: /Quy tắc/ }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel.locator('.dbi-rules__raw').count()).resolves.toBe(0);
    const text = await box('.dbi-rules__text textarea');
    const side = (await panel.boundingBox())!;
    expect(text.x + text.width).toBeLessThanOrEqual(side.x + side.width);
    expect(text.width).toBeGreaterThan(200);
    await shot('b6-rules');
    await panel.getByLabel('Hiện json-logic').first().check();
    await expect(panel.locator('.dbi-rules__raw').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('tab', { name: /Thuộc tính/ }).click();
  });

  it('two editors save the same draft: the second is told, nothing is lost, and chooses', async () => {
    const panel = page.locator('.dbi-panel[data-node="criterion:3.2.5"]');
    await panel.locator('input[name="weight"]').fill('2');
    // Meanwhile a colleague saves the draft through the API from the same starting point.
    const theirs = structuredClone(draft.definition) as ScorecardDefinition;
    theirs.title.en = 'Revised by a colleague';
    await api(server, 'PUT', '/indices/large/versions/1.1.0', theirs);
    await page.getByTestId('save').click();
    const dialog = page.getByTestId('conflict-dialog');
    await expect(dialog.textContent()).resolves.toContain('Người khác đã lưu large@1.1.0');
    await shot('b7-save-conflict');
    // Nothing of ours was written over theirs.
    const stored = await api<VersionRecord>(server, 'GET', '/indices/large/versions/1.1.0');
    expect(stored.hash).toBe(contentHash(theirs));
    // Choosing to save over theirs is a knowing overwrite.
    await page.getByTestId('conflict-overwrite').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('notice').waitFor();
    const after = await api<VersionRecord>(server, 'GET', '/indices/large/versions/1.1.0');
    const weight = (after.definition as NationalScorecard).pillars[2]!.components[1]!.criteria[4]!;
    expect([weight.id, weight.weight]).toEqual(['3.2.5', 2]);
    expect((after.definition as ScorecardDefinition).title.en).toBe((draft.definition as ScorecardDefinition).title.en);
  });
});

describe('signing in without anything kept in the browser', () => {
  it('an integrator’s pasted key is held in memory only: nothing in localStorage, gone on reload', async () => {
    await page.goto(`${server.url}/designer/`);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').click();
    await page.getByTestId('use-key').click();
    await page.getByTestId('key-dialog-key').fill(server.key);
    await shot('b8-key-dialog');
    await page.getByTestId('key-dialog-submit').click();
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toBe('ministry-publisher');
    const stored = await storedValues(page);
    for (const v of Object.values(stored)) expect(v).not.toContain(server.key);
    await page.reload();
    await page.getByTestId('sign-in').waitFor();
    await expect(page.getByTestId('signed-in').count()).resolves.toBe(0);
  });

  it('an account whose password an administrator set must choose its own before going on', async () => {
    const made = await api<{ oneTimePassword: string }>(server, 'POST', '/accounts', {
      email: 'moi@example.gov.vn',
      name: 'Người mới',
      role: 'ministry-editor',
    });
    await page.getByTestId('sign-in').click();
    await page.getByTestId('sign-in-dialog-email').fill('moi@example.gov.vn');
    await page.getByTestId('sign-in-dialog-password').fill(made.oneTimePassword);
    await page.getByTestId('sign-in-dialog-submit').click();
    const dialog = page.getByTestId('password-dialog');
    await expect(dialog.textContent()).resolves.toContain('Mật khẩu của bạn do quản trị viên đặt');
    // Until then the account is anonymous to the server for everything else, whatever the page does; the page
    // shows no error for it (public reads still answer).
    const refused = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status));
    expect(refused).toBe(401);
    await expect(page.getByTestId('problem').count()).resolves.toBe(0);
    await page.getByTestId('password-dialog-old').fill(made.oneTimePassword);
    await page.getByTestId('password-dialog-new').fill('ngắn');
    await page.getByTestId('password-dialog-submit').click();
    await dialog.getByTestId('problem').waitFor();
    await expect(dialog.getByTestId('problem').textContent()).resolves.toContain('ít nhất 10 ký tự');
    await shot('b9-password-change');
    await page.getByTestId('password-dialog-new').fill('mật khẩu riêng của tôi');
    await page.getByTestId('password-dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('signed-in-role').textContent()).resolves.toBe('ministry-editor');
    expect(await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status))).toBe(200);
  });
});
