// Programmatic entry: run the `dbi` command with an argv, get its exit code (output goes to process.stdout/stderr).
export { main } from './cli.js';
export { DEFAULT_CLASSIFIER } from './commands.js';
export { EXIT } from './errors.js';
