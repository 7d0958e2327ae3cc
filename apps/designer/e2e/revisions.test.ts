// Revising sme@1.0.0 in the designer, in Chromium against the real server: beside Publish, "Impact" re-scores the
// stored assessments under the draft (level-3 edge 128 → 140, 1.2.4 dropped, 1.2.5 added) and shows the counts a
// scorer written here from the Decision's text expects; "Crosswalk" suggests the crosswalk from ids and texts, and
// the saved draft carries it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compile, score, type CompiledScorecard } from '@dbi/engine';
import { nationalIndices } from '@dbi/indices';
import { contentHash, type LevelCriterion, type ScorecardDefinition, type VersionRecord } from '@dbi/schema';
import { openSqliteStorage } from '@dbi/storage';
import {
  createPerson,
  api,
  artifactsDir,
  launchBrowser,
  startServer,
  type RunningBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
const sme = nationalIndices.find((d) => d.id === 'sme')! as ScorecardDefinition;
const shot = (name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`) });

function revision(): ScorecardDefinition {
  const d = structuredClone(sme);
  d.version = '1.1.0';
  d.derivedFrom = 'sme@1.0.0';
  d.rules.overall.find((r) => r.level === 3)!.when = {
    and: [{ '>': [{ var: 'total' }, 140] }, { '>=': [{ var: 'atLeast.3' }, 4] }],
  };
  const c12 = d.pillars[0]!.components!.find((c) => c.id === '1.2')!;
  c12.criteria = [
    ...c12.criteria.filter((k) => k.id !== '1.2.4'),
    { id: '1.2.5', text: { vi: 'Tiêu chí mới', en: 'A new criterion' }, weight: 1 } as LevelCriterion,
  ];
  return d;
}

// Decision 1970: pillar levels by share of the pillar maximum (Appendix I), overall thresholds (section 2.2).
const MAX: Record<string, number> = { '1': 65, '2': 25, '3': 80, '4': 65, '5': 50, '6': 35 };
const band = (p: number, m: number) =>
  p * 100 > m * 80 ? 5 : p * 100 > m * 60 ? 4 : p * 100 > m * 40 ? 3 : p * 100 > m * 20 ? 2 : p * 100 >= m * 10 ? 1 : 0;
function hand(answers: Record<string, number>, edge3: number, dropped: string | null): number {
  const pts: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0 };
  for (const [id, v] of Object.entries(answers)) if (id !== dropped) pts[id[0]!]! += v * (id === '2.1.1' ? 5 : 1);
  const lv = Object.keys(pts).map((p) => band(pts[p]!, MAX[p]!));
  const total = Object.values(pts).reduce((a, b) => a + b, 0);
  const atLeast = (k: number) => lv.filter((l) => l >= k).length;
  if (total > 256 && atLeast(5) === 6) return 5;
  if (total > 192 && atLeast(4) >= 5) return 4;
  if (total > edge3 && atLeast(3) >= 4) return 3;
  if (total > 64 && atLeast(2) >= 4) return 2;
  if (total > 20 && atLeast(1) >= 4) return 1;
  return 0;
}

const stored: Array<Record<string, number>> = [];

beforeAll(async () => {
  mkdirSync(artifactsDir, { recursive: true });
  server = await startServer();
  // Stored assessments written beside the running server (SQLite in WAL mode): 9 enterprises, each a draft whose self
  // column answers 2 everywhere, 3 on each pillar's first criterion and on the last i criteria, 1.2.4 at 5 for every
  // third.
  const s = openSqliteStorage(server.dbFile);
  const base = compile(sme) as CompiledScorecard;
  const stamp = { id: 'sme', version: '1.0.0', hash: contentHash(sme) };
  const classifier = { id: 'size', version: '1.0.0', hash: contentHash(nationalIndices.find((d) => d.id === 'size')!) };
  const ids = sme.pillars.flatMap((p) => p.components!.flatMap((c) => c.criteria.map((k) => k.id)));
  const actor = { id: 'e2e', name: 'e2e' };
  for (let i = 0; i < 9; i++) {
    const taxCode = `03000000${String(i).padStart(2, '0')}`;
    await s.enterprises.create(
      {
        taxCode,
        name: `Công ty ${i}`,
        province: i % 2 ? '79' : '01',
        sector: 'trade-services',
        employees: 8,
        revenueVnd: 5_000_000_000,
        capitalVnd: null,
        hasSubsidiaries: false,
        classification: { size: 'micro', index: 'sme', classifier },
      },
      actor,
    );
    const answers = Object.fromEntries(ids.map((id) => [id, 2]));
    for (const p of sme.pillars) answers[p.components![0]!.criteria[0]!.id] = 3;
    for (const id of ids.slice(ids.length - i)) answers[id] = 3;
    if (i % 3 === 0) answers['1.2.4'] = 5;
    const a = await s.assessments.create({ taxCode, index: stamp }, actor);
    await s.assessments.writeColumn(
      a.id,
      'self',
      { answers, evidence: {}, result: score(base, { answers }), from: null },
      actor,
      () => {
        throw new Error('no groups');
      },
    );
    stored.push(answers);
  }
  await s.close();
  await api<VersionRecord>(server, 'POST', '/indices/sme/versions', { from: '1.0.0', version: '1.1.0' });
  await api(server, 'PUT', '/indices/sme/versions/1.1.0', revision());
  browser = await launchBrowser();
  page = browser.page;
  page.setDefaultTimeout(30_000);
  // Signed in as a person: the context's requests share the page's cookies, so the page holds the session.
  const person = await createPerson(server, `bo-${Date.now()}@example.gov.vn`);
  expect((await page.request.post(`${server.url}/api/v1/auth/sign-in`, { data: person })).status()).toBe(200);
  await page.goto(`${server.url}/designer/indices/sme/1.1.0`);
  await page.waitForFunction(() => document.body.dataset.canvasReady === 'sme@1.1.0');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await shot(`failed-rev-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('revising sme@1.0.0 in the designer', () => {
  it('shows the impact beside Publish: the counts the Decision’s rules give, and who crosses a level', async () => {
    const down = stored.filter((a) => hand(a, 140, '1.2.4') < hand(a, 128, null)).length;
    expect(down).toBeGreaterThan(0);
    await page.getByTestId('impact').click();
    const report = page.getByTestId('impact-report');
    await report.waitFor();
    await expect(page.getByTestId('impact-assessments').textContent()).resolves.toMatch(/^9 /);
    await expect(page.getByTestId('impact-down').textContent()).resolves.toMatch(new RegExp(`: ${down}$`));
    await expect(page.getByTestId('impact-up').textContent()).resolves.toMatch(/: 0$/);
    await expect(page.getByTestId('impact-crossings').locator('tbody tr').count()).resolves.toBe(down);
    await expect(page.getByTestId('impact-not-carried').textContent()).resolves.toContain('1.2.4 — dropped (9)');
    await shot('rev-1-impact');
    await page.keyboard.press('Escape');
    await expect(report.count()).resolves.toBe(0);
  });

  it('suggests the crosswalk from ids and texts, edits it, and saves it with the draft', async () => {
    await page.getByTestId('crosswalk').click();
    await page.getByTestId('crosswalk-panel').waitFor();
    await page.getByTestId('crosswalk-suggest').click();
    await expect(page.getByTestId('crosswalk-summary').textContent()).resolves.toMatch(/59 · .*1 · .*1/);
    // Turn "1.2.5 is new" into "1.2.4 renamed 1.2.5" by hand.
    const testId = await page
      .locator('[data-testid^="crosswalk-row-"]')
      .evaluateAll((rows) => rows.find((r) => r.querySelectorAll('input')[1]?.value === '1.2.5')?.dataset.testid);
    const newRow = page.getByTestId(testId!);
    await expect(newRow.locator('select').first().inputValue()).resolves.toBe('new');
    await newRow.locator('select').first().selectOption('renamed');
    await newRow.locator('input').first().fill('1.2.4');
    await newRow.locator('input').first().blur();
    await shot('rev-2-crosswalk');
    await page.getByTestId('crosswalk-close').click();
    await page.getByTestId('save').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="dirty"]'));
    const saved = await api<VersionRecord>(server, 'GET', '/indices/sme/versions/1.1.0');
    const cw = (saved.definition as ScorecardDefinition).crosswalk!;
    expect(cw.from).toBe('sme@1.0.0');
    expect(cw.criteria.find((e) => e.to.includes('1.2.5'))).toEqual({
      kind: 'renamed',
      from: ['1.2.4'],
      to: ['1.2.5'],
    });
    // 1.2.4 is both renamed and (still) dropped: the panel names the duplicate until the dropped row goes.
    await page.getByTestId('crosswalk').click();
    await expect(page.getByTestId('crosswalk-issues').textContent()).resolves.toContain('1.2.4 is already mapped');
    await shot('rev-3-crosswalk-issue');
    await page.getByTestId('crosswalk-close').click();
  });
});
