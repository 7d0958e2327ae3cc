// Meta-test: every migration has its own file and its own test beside it, and the list is numbered without gaps.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fileBase = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}-${m.name}`;

describe('migrations', () => {
  it('are numbered 1, 2, 3, … in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (const m of migrations) {
    it(`${fileBase(m)} has its file and a test beside it`, () => {
      expect(existsSync(join(here, `${fileBase(m)}.ts`))).toBe(true);
      expect(existsSync(join(here, `${fileBase(m)}.test.ts`))).toBe(true);
    });
  }

  it('every migration file in the folder is in the list', () => {
    const files = readdirSync(here).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.sort()).toEqual(migrations.map((m) => `${fileBase(m)}.ts`).sort());
  });
});
