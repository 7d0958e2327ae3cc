import { describe, expect, it } from 'vitest';
import { industryData, provinceData, taxCodeRules } from './index.js';

describe('every shipped list', () => {
  const lists = [provinceData, industryData, taxCodeRules];

  it('names itself, its version and title in both languages', () => {
    expect(lists.map((l) => `${l.id}@${l.version}`)).toEqual(['provinces@1.0.0', 'industries@1.0.0', 'tax-code@1.0.0']);
    for (const l of lists) expect(l.title.vi && l.title.en).toBeTruthy();
  });

  it('records at least one legal source with its number, issuer and dates', () => {
    const sources = [...provinceData.sources.current, ...provinceData.sources.former, industryData.instrument];
    for (const s of [...sources, taxCodeRules.instrument]) {
      expect(s.number).toMatch(/\d+\/\d{4}\//);
      expect(s.issuer.vi && s.issuer.en && s.title.vi && s.title.en).toBeTruthy();
      expect(s.signed).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(s.effective >= s.signed).toBe(true);
    }
  });

  it('lists its decisions with unique ids and a reason', () => {
    for (const l of lists) {
      expect(l.decisions.length).toBeGreaterThan(0);
      expect(new Set(l.decisions.map((d) => d.id)).size).toBe(l.decisions.length);
      for (const d of l.decisions) expect(d.text.length).toBeGreaterThan(40);
    }
  });
});
