import { canonicalJson } from '@dbi/schema';
import { loadBundled } from '@dbi/indices';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, importWorkbook } from './index.js';

// Reading and writing a workbook is CPU-bound (exceljs); on a shared 2-core machine a cold first run can pass the
// 60 s default, so these get more time (no assertion here is about speed).
const SLOW = { timeout: 300_000 };

describe('export → import gives back the same definition', SLOW, () => {
  for (const ref of ['sme@1.0.0', 'large@1.0.0', 'readiness-example@1.0.0', 'group@1.0.0', 'size@1.0.0']) {
    it(ref, async () => {
      const def = loadBundled(ref)!;
      expect(def).toBeDefined();
      const back = await importWorkbook(await exportWorkbook(def));
      if (!back.ok) expect(back.errors).toEqual([]);
      expect(back.ok && canonicalJson(back.definition)).toBe(canonicalJson(def));
    });
  }
});
