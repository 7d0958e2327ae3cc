#!/usr/bin/env node
// Entry of the `dbi` command (bin). Everything else is in cli.ts so it can be imported without side effects.
import { main } from './cli.js';

// A reader that goes away early (`dbi … --ndjson | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(1); // not every result reached the reader
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
