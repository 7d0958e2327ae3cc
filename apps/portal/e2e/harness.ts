// The portal's browser tests and benchmark on real parts: the designer's harness (the API server as a child process
// with its own SQLite file, Debian's Chromium), plus what the portal adds — keys made by the `dbi admin` CLI against
// the same database, axe-core run in the page, CSP violations collected, and screenshots at both viewports.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { repoDir, type RunningServer } from '@dbi/designer/harness';

export { api, launchBrowser, startServer, type RunningBrowser, type RunningServer } from '@dbi/designer/harness';

export const portalDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const artifactsDir = join(portalDir, 'test-artifacts');

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** `dbi admin create-key` against the server's database (the built CLI, or its source through tsx). */
export async function createKey(server: RunningServer, role: string, scope?: string): Promise<string> {
  const built = join(repoDir, 'apps', 'cli', 'dist', 'main.js');
  const args = existsSync(built)
    ? [built]
    : ['--import', 'tsx', '--conditions=@dbi/source', join(repoDir, 'apps', 'cli', 'src', 'main.ts')];
  args.push('admin', 'create-key', '--role', role, '--name', `${role}-e2e`, `--db=${server.dbFile}`);
  if (scope) args.push('--scope', scope);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`dbi admin create-key exited ${code}: ${err}`)),
    );
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A/AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not a <script> tag: the page's CSP (script-src 'self') stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Collects what the browser reports as CSP violations and uncaught errors on a page. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|unsafe-eval|EvalError/i.test(m.text()))
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { problems };
}

/** A screenshot in test-artifacts/ named after the screen and the viewport (the visible part, or the whole page). */
export async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  const v = page.viewportSize();
  await page.screenshot({ path: join(artifactsDir, `${name}-${v?.width}x${v?.height}.png`), fullPage });
}

/**
 * Screenshots at the desktop and phone sizes, with `focus` (a test id, when given) in the middle of the screen, and an
 * axe check at each. The page is back at the desktop size however this ends: a failure here must not leave the next
 * step on a phone-sized screen (where the signed-in name is in the folded menu) and fail it too.
 */
export async function screens(page: Page, name: string, opts: { focus?: string; fullPage?: boolean } = {}) {
  try {
    for (const v of [DESKTOP, PHONE]) {
      await page.setViewportSize(v);
      if (opts.focus) await page.getByTestId(opts.focus).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.waitForTimeout(opts.fullPage ? 100 : 50);
      await shoot(page, name, opts.fullPage);
      const violations = await seriousViolations(page);
      if (violations.length > 0)
        throw new Error(`${name} at ${v.width}×${v.height}: axe reports ${JSON.stringify(violations, null, 1)}`);
    }
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}
