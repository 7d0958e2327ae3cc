import { describe, expect, it } from 'vitest';
import { industryData, industrySection, industrySections, sectionOfActivity } from './industries.js';

describe('VSIC 2018 sections', () => {
  it('has the 21 sections A..U in order, with non-empty names in both languages', () => {
    expect(industrySections().map((s) => s.code)).toEqual([...'ABCDEFGHIJKLMNOPQRSTU']);
    for (const s of industrySections()) {
      expect(s.name.vi.trim().length).toBeGreaterThan(0);
      expect(s.name.en.trim().length).toBeGreaterThan(0);
    }
    expect(new Set(industrySections().map((s) => s.name.vi)).size).toBe(21);
  });

  it('spot checks of names', () => {
    expect(industrySection('C')?.name).toEqual({ vi: 'Công nghiệp chế biến, chế tạo', en: 'Manufacturing' });
    expect(industrySection('J')?.name.vi).toBe('Thông tin và truyền thông');
    expect(industrySection('V')).toBeUndefined();
  });

  it('divisions: 88 two-digit codes from 01 to 99, each in one section, in ascending order', () => {
    const all = industrySections().flatMap((s) => s.divisions);
    expect(all).toHaveLength(88);
    expect(new Set(all).size).toBe(88);
    expect([...all].sort()).toEqual(all);
    expect(all[0]).toBe('01');
    expect(all.at(-1)).toBe('99');
  });

  it('places an activity code in its section', () => {
    expect(sectionOfActivity('6201')?.code).toBe('J'); // computer programming
    expect(sectionOfActivity('47110')?.code).toBe('G'); // retail in non-specialised stores
    expect(sectionOfActivity('0111')?.code).toBe('A');
    expect(sectionOfActivity('35')?.code).toBe('D');
    expect(sectionOfActivity('99')?.code).toBe('U');
    expect(sectionOfActivity('0400')).toBeUndefined(); // division 04 does not exist
    expect(sectionOfActivity('4')).toBeUndefined();
    expect(sectionOfActivity('620100')).toBeUndefined();
    expect(sectionOfActivity('62a1')).toBeUndefined();
  });

  it('records its source', () => {
    expect(industryData.instrument.number).toBe('27/2018/QĐ-TTg');
  });
});
