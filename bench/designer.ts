// Designer benchmark (issue 4 §8): headless Chromium (playwright-core, /usr/bin/chromium) against the built
// designer served by the real API server (its own SQLite file).
//
//   1. Draw: navigation → the large index fully drawn, i.e. the app's `dbi:canvas-ready` performance mark, set on
//      the frame after every node React Flow renders has been measured. Cold (HTTP cache disabled) and warm runs;
//      medians are reported. Target < 1 s.
//   2. Pan: a synthetic variant with 2,000 criteria (designer-ui's syntheticScorecard on the large index, stored as
//      a draft through the API), all pillars expanded; the pane is dragged with the mouse for a few seconds while a
//      requestAnimationFrame loop in the page records frame deltas. Two zooms: the readable zoom the canvas opens
//      at, and zoomed out to its minimum (hundreds of nodes in view). Target ≥ 50 fps.
//
// Headless Chromium here runs without a GPU (--disable-gpu): rasterising and compositing are done in software on
// the CPU, so these numbers are a floor for a laptop with a GPU, not a measurement of one.
//
//   pnpm --filter @dbi/designer build && pnpm --filter @dbi/server build   (or pnpm build)
//   node --conditions=@dbi/source --import tsx bench/designer.ts [drawRuns=7] [panSeconds=4] [panRounds=3]
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ScorecardDefinition } from '@dbi/schema';
import { syntheticScorecard } from '@dbi/designer-ui/testing';
import { loadNational } from '@dbi/indices';
import { api, createPerson, designerDir, launchBrowser, serverDir, startServer } from '@dbi/designer/harness';

const drawRuns = Number(process.argv[2] ?? 7);
const panSeconds = Number(process.argv[3] ?? 4);
const panRounds = Number(process.argv[4] ?? 3);
const SYNTHETIC_CRITERIA = 2000;

if (!existsSync(join(designerDir, 'dist', 'index.html'))) {
  console.error('apps/designer/dist is missing: run `pnpm --filter @dbi/designer build` first');
  process.exit(1);
}
const builtServer = existsSync(join(serverDir, 'dist', 'server.js'));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
/** Records requestAnimationFrame deltas into window.__frames until window.__stop. */
const FRAME_RECORDER = `(() => {
  window.__frames = [];
  window.__stop = false;
  let last = 0;
  function tick(t) {
    window.__frames.push(t - last);
    last = t;
    if (!window.__stop) requestAnimationFrame(tick);
  }
  requestAnimationFrame(function (t) { last = t; requestAnimationFrame(tick); });
})()`;
const metrics = (m: { metrics: { name: string; value: number }[] }) =>
  Object.fromEntries(m.metrics.map((x) => [x.name, x.value])) as Record<string, number>;
const ms = (x: number) => `${x.toFixed(0)} ms`;

const server = await startServer();
const browser = await launchBrowser({ width: 1440, height: 900 });
const log: string[] = [];
const say = (line: string) => {
  log.push(line);
  console.log(line);
};

try {
  const chromeVersion =
    browser.context.browser()?.version() ?? (await browser.page.evaluate(() => navigator.userAgent));
  say(`# Designer benchmark — ${new Date().toISOString().slice(0, 10)}`);
  say(
    `machine: ${cpus()[0]?.model.trim()} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; Chromium ${chromeVersion}`,
  );
  say(
    `load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (other work on the machine slows software rendering)`,
  );
  say(
    `server: ${builtServer ? 'apps/server/dist/server.js (built)' : 'apps/server/src (tsx; build it for a faithful run)'}; designer: apps/designer/dist`,
  );

  // --- 1. Draw the large index -------------------------------------------------------------------------------
  const draw = async (page: Page) => {
    await page.goto(`${server.url}/designer/indices/large/1.0.0`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.body?.dataset.canvasReady === 'large@1.0.0', null, { timeout: 60_000 });
    return page.evaluate(() => {
      const mark = performance.getEntriesByName('dbi:canvas-ready')[0] as PerformanceMark;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
      return {
        ready: mark.startTime,
        domContentLoaded: nav.domContentLoadedEventEnd,
        nodes: nodes.length,
        hidden: nodes.filter((n) => n.style.visibility === 'hidden').length,
      };
    });
  };
  const page = browser.page;
  const cdp = await browser.context.newCDPSession(page);
  const cold: number[] = [];
  const warm: number[] = [];
  let drawn = { nodes: 0, hidden: 0, dcl: 0 };
  await draw(page); // first load of the browser process (disk, V8 start-up): not counted
  for (let i = 0; i < drawRuns; i++) {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const c = await draw(page);
    cold.push(c.ready);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    const w = await draw(page);
    warm.push(w.ready);
    drawn = { nodes: w.nodes, hidden: w.hidden, dcl: w.domContentLoaded };
  }
  say('');
  say(`## Draw large@1.0.0 (139 criteria), navigation → dbi:canvas-ready, ${drawRuns} runs each`);
  say(`nodes rendered at the mark: ${drawn.nodes} (unmeasured: ${drawn.hidden})`);
  say(`cold (HTTP cache off): median ${ms(median(cold))}, min ${ms(Math.min(...cold))}, max ${ms(Math.max(...cold))}`);
  say(`warm (HTTP cache on):  median ${ms(median(warm))}, min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))}`);
  say(`target < 1000 ms: ${median(cold) < 1000 ? 'met' : 'MISSED'} (cold median)`);

  // --- 2. Pan the 2,000-criterion variant ---------------------------------------------------------------------
  const large = loadNational('large@1.0.0') as ScorecardDefinition;
  const synthetic = syntheticScorecard(large, SYNTHETIC_CRITERIA);
  await api(server, 'POST', '/indices', { id: synthetic.id, from: 'large@1.0.0', version: synthetic.version });
  const written = await api<{ valid: boolean; issues: unknown[] }>(
    server,
    'PUT',
    `/indices/${synthetic.id}/versions/${synthetic.version}`,
    synthetic,
  );
  if (!written.valid)
    throw new Error(`the synthetic variant does not validate: ${JSON.stringify(written.issues.slice(0, 3))}`);
  const ref = `${synthetic.id}@${synthetic.version}`;

  // Drafts are shown to editors only: sign the page in as a person (the context's requests share its cookies).
  const person = await createPerson(server);
  await page.request.post(`${server.url}/api/v1/auth/sign-in`, { data: person });
  await page.goto(`${server.url}/designer/indices/${synthetic.id}/${synthetic.version}`);
  await page.waitForFunction((r) => document.body.dataset.canvasReady === r, ref, { timeout: 60_000 });
  await page.getByRole('button', { name: /^(Expand all|Mở rộng tất cả)$/ }).click();
  // Read in the middle of the tree: jump to a criterion of pillar 3 (the canvas centres on it at a reading zoom).
  const search = page.getByRole('combobox').first();
  await search.fill('3.5.10');
  await search.press('Enter');
  await page.waitForTimeout(800);

  /** A point on the empty pane (a press there pans; on a node it would drag the node). */
  const panePoint = () =>
    page.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      for (let y = pane.top + 80; y < pane.bottom - 40; y += 17) {
        for (let x = pane.left + 20; x < pane.right - 200; x += 23) {
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'))
            return { x, y, height: pane.height };
        }
      }
      throw new Error('no empty point on the pane');
    });

  const panOnce = async (label: string) => {
    const start = await panePoint();
    await cdp.send('Performance.enable');
    const before = metrics(await cdp.send('Performance.getMetrics'));
    // Given as text: tsx's helpers for named functions do not exist inside the page.
    await page.evaluate(FRAME_RECORDER);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    // Drag up and down by up to 300 px (moving the view over the tree), 6 px per input event, for panSeconds.
    const t0 = Date.now();
    let dy = 0;
    let dir = -1;
    while (Date.now() - t0 < panSeconds * 1000) {
      dy += dir * 6;
      if (dy <= -300 || dy >= 0) dir = -dir;
      await page.mouse.move(start.x + dy / 3, start.y + dy);
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames.slice(1);
    });
    const after = metrics(await cdp.send('Performance.getMetrics'));
    const busy = (k: string) => (((after[k] ?? 0) - (before[k] ?? 0)) * 1000).toFixed(0);
    const info = await page.evaluate(() => ({
      nodes: document.querySelectorAll('.react-flow__node').length,
      zoom: (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform,
    }));
    const total = frames.reduce((a, b) => a + b, 0);
    const fps = (frames.length * 1000) / total;
    const p95 = percentile(frames, 95);
    say(
      `${label}: ${frames.length} frames in ${(total / 1000).toFixed(1)} s → mean ${fps.toFixed(1)} fps; frame time median ${median(frames).toFixed(1)} ms, ` +
        `p95 ${p95.toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms; ${info.nodes} nodes in the DOM at the end (${info.zoom})`,
    );
    say(
      `  main thread during the pan: script ${busy('ScriptDuration')} ms, style ${busy('RecalcStyleDuration')} ms, layout ${busy('LayoutDuration')} ms, all tasks ${busy('TaskDuration')} ms`,
    );
    return { fps, p95 };
  };

  /** Several rounds at the same zoom: the median round is reported, every round is listed. */
  const pan = async (label: string) => {
    const rounds: { fps: number; p95: number }[] = [];
    for (let r = 1; r <= panRounds; r++) rounds.push(await panOnce(`${label}, round ${r}`));
    const fps = median(rounds.map((x) => x.fps));
    const p95 = median(rounds.map((x) => x.p95));
    say(`${label}: median of ${panRounds} rounds: ${fps.toFixed(1)} fps, p95 frame time ${p95.toFixed(1)} ms`);
    return { fps, p95 };
  };

  say('');
  say(
    `## Pan ${ref} (${SYNTHETIC_CRITERIA} criteria, all pillars expanded), mouse drag, ${panRounds} rounds of ${panSeconds} s per zoom`,
  );
  const readable = await pan('opening zoom (readable)');
  // Zoomed out as far as the canvas allows: the most nodes in view at once.
  await page.getByRole('button', { name: /^(Fit view|Xem toàn bộ)$/ }).click();
  await page.waitForTimeout(800);
  const out = await pan('zoomed out (minimum zoom)');
  const worst = Math.min(readable.fps, out.fps);
  say(`target ≥ 50 fps: ${worst >= 50 ? 'met' : 'MISSED'} (worse of the two medians: ${worst.toFixed(1)} fps)`);
  say(
    `load average at end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
