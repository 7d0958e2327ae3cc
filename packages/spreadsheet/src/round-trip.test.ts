import { canonicalJson } from '@dbi/schema';
import { loadBundled } from '@dbi/indices';
import { describe, expect, it } from 'vitest';
import { exportWorkbook, importWorkbook } from './index.js';

describe('export → import gives back the same definition', () => {
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
