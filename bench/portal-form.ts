// Portal benchmark (issue 10 §6): headless Chromium (playwright-core, /usr/bin/chromium) against the built portal
// served by the real API server (its own SQLite file), on the 139-criterion large@1.0.0 questionnaire.
//
//   1. First screen: navigation → the published indices listed (`[data-testid=index-list]`), cold (HTTP cache
//      disabled) and warm; medians. Target < 2 s.
//   2. Input latency, clicks: an answer is clicked in the page (element.click(), i.e. the whole synchronous event,
//      React's update of the live result and the pillar's progress) and the time to the next frame after it is taken
//      (requestAnimationFrame → setTimeout 0). Every criterion in turn, a different level each time.
//   3. Input latency, keyboard: real key presses through the browser's input pipeline (ArrowRight moving through a
//      criterion's levels); the Event Timing API reports each keydown whose input delay + processing + presentation
//      takes ≥ 16 ms (one frame); we count them and give their maximum.
//   Long tasks (> 50 ms on the main thread, which would delay the next keystroke) are recorded during 2 and 3: the
//   "what to improve first" panel rescoring every candidate answer runs deferred (useDeferredValue), and this shows
//   whether it still blocks input.
//
// Headless Chromium here runs without a GPU (--disable-gpu) on a shared 2-core machine: a floor, not a laptop.
//
//   pnpm --filter @dbi/portal build && pnpm --filter @dbi/server build   (or pnpm build)
//   node --conditions=@dbi/source --import tsx bench/portal-form.ts [firstScreenRuns=5] [clicks=139] [keys=60]
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, portalDir, startServer } from '@dbi/portal/harness';

const firstRuns = Number(process.argv[2] ?? 5);
const clicks = Number(process.argv[3] ?? 139);
const keys = Number(process.argv[4] ?? 60);

if (!existsSync(join(portalDir, 'dist', 'index.html'))) {
  console.error('apps/portal/dist is missing: run `pnpm --filter @dbi/portal build` first');
  process.exit(1);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: number[]) => pct(xs, 50);
const ms = (x: number) => `${x.toFixed(1)} ms`;

const server = await startServer();
const browser = await launchBrowser({ width: 1440, height: 900 });
const { page, context } = browser;
try {
  // 1. First screen.
  const cdp = await context.newCDPSession(page);
  const firstScreen = async (cold: boolean) => {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: cold });
    await page.goto('about:blank');
    const t0 = Date.now();
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await page.getByTestId('index-list').waitFor();
    return Date.now() - t0;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < firstRuns; i++) cold.push(await firstScreen(true));
  for (let i = 0; i < firstRuns; i++) warm.push(await firstScreen(false));
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });

  // The form.
  const t0 = Date.now();
  await page.goto(`${server.url}/indices/large/1.0.0/try`);
  await page.getByTestId('assessment-form').waitFor();
  await page.locator('[data-testid="criterion-6.3.3"]').waitFor({ state: 'attached' });
  const formReady = Date.now() - t0;
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __events: { name: string; duration: number }[] };
    w.__long = [];
    w.__events = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({
      type: 'longtask',
    });
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => w.__events.push({ name: e.name, duration: e.duration })),
    ).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  });

  // 2. Clicks.
  const ids = await page.locator('fieldset.criterion').evaluateAll((els) => els.map((e) => e.id));
  const clickLatency: number[] = [];
  for (let i = 0; i < clicks; i++) {
    const id = ids[i % ids.length]!;
    const level = String((i % 5) + 1);
    clickLatency.push(
      await page.evaluate(
        async ([fid, v]) => {
          const input = document.querySelector<HTMLInputElement>(`[id="${fid}"] input[value="${v}"]`)!;
          const start = performance.now();
          input.click();
          await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return performance.now() - start;
        },
        [id, level] as const,
      ),
    );
  }
  const longAfterClicks = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.slice());

  // 3. Keyboard.
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __events: unknown[] };
    w.__long = [];
    w.__events = [];
  });
  await page.locator(`[id="${ids[0]}"] input[value="1"]`).focus();
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(i % 10 < 5 ? 'ArrowRight' : 'ArrowLeft');
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.waitForTimeout(500);
  const { longKeys, slowKeys } = await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __events: { name: string; duration: number }[] };
    return {
      longKeys: w.__long.slice(),
      slowKeys: w.__events.filter((e) => e.name === 'keydown').map((e) => e.duration),
    };
  });
  const ram = Math.round(totalmem() / 2 ** 30);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model}), ${ram} GiB, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `first screen (indices listed): cold median ${median(cold)} ms [${cold.join(', ')}], warm median ${median(warm)} ms [${warm.join(', ')}]`,
  );
  console.log(`large@1.0.0 form (139 criteria) ready: ${formReady} ms`);
  console.log(
    `click → next frame over ${clicks} answers: p50 ${ms(median(clickLatency))}, p95 ${ms(pct(clickLatency, 95))}, max ${ms(Math.max(...clickLatency))}`,
  );
  console.log(
    `long tasks during the clicks: ${longAfterClicks.length} (max ${ms(Math.max(0, ...longAfterClicks))}, total ${ms(longAfterClicks.reduce((a, b) => a + b, 0))})`,
  );
  console.log(
    `keyboard: ${slowKeys.length} of ${keys} keydowns ≥ 16 ms (max ${ms(Math.max(0, ...slowKeys))}); long tasks ${longKeys.length} (max ${ms(Math.max(0, ...longKeys))})`,
  );
} finally {
  await browser.close();
  await server.stop();
}
