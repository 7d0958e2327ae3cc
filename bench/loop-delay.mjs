// Preloaded into the server by bench/national-health.ts (node --import): the delay of the server's event loop,
// measured inside the server (perf_hooks, 10 ms resolution) from the bench's SIGUSR2 (the server up, each read done
// once) to its exit, so that "a request holds the server" is read directly, not only through /health's round trip
// (which also waits on the database and on the operating system's scheduler). Written as JSON to
// BENCH_LOOP_DELAY_FILE at exit.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (isMainThread && file) {
  const h = monitorEventLoopDelay({ resolution: 10 });
  process.on('SIGUSR2', () => {
    h.reset();
    h.enable();
  });
  process.on('exit', () => {
    // The histogram holds each 10 ms timer's interval; the delay is what exceeds the 10 ms.
    const ms = (ns) => Math.max(0, Number(ns) / 1e6 - 10);
    writeFileSync(file, JSON.stringify({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }));
  });
}
