// The key secret file: created once (mode 600), then reused; a given secret wins and must be long enough.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../common.js';
import { loadKeySecret } from './secret.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dbi-key-secret-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadKeySecret', () => {
  it('generates a secret into a new file (mode 600, folder created) and reads the same one back', () => {
    const file = join(dir, 'data', 'key-secret');
    const a = loadKeySecret(file);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(a);
    expect(loadKeySecret(file)).toBe(a);
  });

  it('a given secret wins over the file; one shorter than 32 characters is refused, also in the file', () => {
    const file = join(dir, 'key-secret');
    expect(loadKeySecret(file, 'x'.repeat(32))).toBe('x'.repeat(32));
    expect(() => loadKeySecret(file, 'short')).toThrow(StorageError);
    writeFileSync(file, 'short\n');
    expect(() => loadKeySecret(file)).toThrow(/at least 32/);
  });
});
