import { describe, expect, it } from 'vitest';
import {
  currentProvince,
  currentProvinces,
  findProvince,
  formedFrom,
  formerProvince,
  formerProvinces,
  provinceData,
  successorOf,
} from './provinces.js';

// Typed from Resolution 202/2025/QH15, Article 1: each new unit and the former provinces it is formed from.
const MERGED: Array<[string, string[]]> = [
  ['Tuyên Quang', ['Hà Giang', 'Tuyên Quang']],
  ['Lào Cai', ['Yên Bái', 'Lào Cai']],
  ['Thái Nguyên', ['Bắc Kạn', 'Thái Nguyên']],
  ['Phú Thọ', ['Vĩnh Phúc', 'Hòa Bình', 'Phú Thọ']],
  ['Bắc Ninh', ['Bắc Giang', 'Bắc Ninh']],
  ['Hưng Yên', ['Thái Bình', 'Hưng Yên']],
  ['Hải Phòng', ['Hải Dương', 'Hải Phòng']],
  ['Ninh Bình', ['Hà Nam', 'Nam Định', 'Ninh Bình']],
  ['Quảng Trị', ['Quảng Bình', 'Quảng Trị']],
  ['Đà Nẵng', ['Quảng Nam', 'Đà Nẵng']],
  ['Quảng Ngãi', ['Kon Tum', 'Quảng Ngãi']],
  ['Gia Lai', ['Gia Lai', 'Bình Định']],
  ['Khánh Hòa', ['Ninh Thuận', 'Khánh Hòa']],
  ['Lâm Đồng', ['Đắk Nông', 'Bình Thuận', 'Lâm Đồng']],
  ['Đắk Lắk', ['Phú Yên', 'Đắk Lắk']],
  ['Hồ Chí Minh', ['Bà Rịa - Vũng Tàu', 'Bình Dương', 'Hồ Chí Minh']],
  ['Đồng Nai', ['Bình Phước', 'Đồng Nai']],
  ['Tây Ninh', ['Long An', 'Tây Ninh']],
  ['Cần Thơ', ['Sóc Trăng', 'Hậu Giang', 'Cần Thơ']],
  ['Vĩnh Long', ['Bến Tre', 'Trà Vinh', 'Vĩnh Long']],
  ['Đồng Tháp', ['Tiền Giang', 'Đồng Tháp']],
  ['Cà Mau', ['Bạc Liêu', 'Cà Mau']],
  ['An Giang', ['Kiên Giang', 'An Giang']],
];
// Resolution 202/2025/QH15, Article 1 (the units not rearranged).
const UNCHANGED = [
  'Hà Nội',
  'Huế',
  'Lai Châu',
  'Điện Biên',
  'Sơn La',
  'Lạng Sơn',
  'Quảng Ninh',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Cao Bằng',
];

const formerNamed = (vi: string) => formerProvinces().filter((p) => p.name.vi === vi);
const currentNamed = (vi: string) => currentProvinces().filter((p) => p.name.vi === vi);

describe('province lists', () => {
  it('has 34 current units (6 cities, 28 provinces) and 63 former ones', () => {
    expect(currentProvinces()).toHaveLength(34);
    expect(currentProvinces().filter((p) => p.type === 'city')).toHaveLength(6);
    expect(formerProvinces()).toHaveLength(63);
    expect(formerProvinces().filter((p) => p.type === 'city')).toHaveLength(6);
  });

  it('codes are two digits, unique and in ascending order within each list; names are unique', () => {
    for (const list of [currentProvinces(), formerProvinces()]) {
      const codes = list.map((p) => p.code);
      expect(codes.every((c) => /^\d\d$/.test(c))).toBe(true);
      expect([...codes].sort()).toEqual(codes);
      expect(new Set(codes).size).toBe(list.length);
      expect(new Set(list.map((p) => p.name.vi)).size).toBe(list.length);
      expect(new Set(list.map((p) => p.name.en)).size).toBe(list.length);
    }
  });

  it('names are NFC, non-empty, and the English name is the Vietnamese one without diacritics', () => {
    for (const p of [...currentProvinces(), ...formerProvinces()]) {
      expect(p.name.vi.normalize('NFC')).toBe(p.name.vi);
      expect(p.name.vi.length).toBeGreaterThan(1);
      expect(p.name.en).toMatch(/^[A-Za-z -]+$/);
      const stripped = p.name.vi.normalize('NFD').replace(/\p{M}/gu, '').replace('Đ', 'D').replace('đ', 'd');
      expect(p.name.en).toBe(stripped);
    }
  });

  it('spot checks of the former GSO codes (Decision 124/2004/QĐ-TTg)', () => {
    expect(formerProvince('01')?.name.vi).toBe('Hà Nội');
    expect(formerProvince('02')?.name.vi).toBe('Hà Giang');
    expect(formerProvince('15')?.name.vi).toBe('Yên Bái');
    expect(formerProvince('46')?.name.vi).toBe('Huế');
    expect(formerProvince('46')?.aliases).toEqual(['Thừa Thiên Huế']);
    expect(formerProvince('77')?.name.vi).toBe('Bà Rịa - Vũng Tàu');
    expect(formerProvince('79')?.name.vi).toBe('Hồ Chí Minh');
    expect(formerProvince('92')?.name.vi).toBe('Cần Thơ');
    expect(formerProvince('96')?.name.vi).toBe('Cà Mau');
    expect(formerProvince('28')).toBeUndefined(); // Hà Tây, merged into Hà Nội in 2008
    expect(formerProvinces()[0]?.code).toBe('01');
    expect(formerProvinces().at(-1)?.code).toBe('96');
  });

  it('spot checks of the current codes (Decision 19/2025/QĐ-TTg)', () => {
    const codes = Object.fromEntries(currentProvinces().map((p) => [p.name.vi, p.code]));
    expect(codes).toMatchObject({
      'Hà Nội': '01',
      'Tuyên Quang': '08',
      'Lào Cai': '15',
      'Bắc Ninh': '24',
      'Quảng Trị': '44',
      Huế: '46',
      'Gia Lai': '52',
      'Hồ Chí Minh': '79',
      'Tây Ninh': '80',
      'Đồng Tháp': '82',
      'An Giang': '91',
      'Cà Mau': '96',
    });
  });
});

describe('former → current mapping', () => {
  it('every former province maps to exactly one existing current unit', () => {
    for (const f of formerProvinces()) {
      expect(currentProvinces().filter((p) => p.code === f.becomes)).toHaveLength(1);
      expect(successorOf(f.code)?.code).toBe(f.becomes);
    }
  });

  it('every current unit is formed from at least one former province, whose code it carries', () => {
    for (const p of currentProvinces()) {
      const from = formedFrom(p.code);
      expect(from.length).toBeGreaterThan(0);
      expect(from.map((f) => f.code)).toContain(p.code);
      // and its name is the name of one of them
      expect(from.map((f) => f.name.vi)).toContain(p.name.vi);
    }
  });

  it('the 11 units not rearranged map to themselves, alone', () => {
    expect(UNCHANGED).toHaveLength(11);
    for (const name of UNCHANGED) {
      const [f] = formerNamed(name);
      const [c] = currentNamed(name);
      expect(f && c, name).toBeTruthy();
      expect(f!.code).toBe(c!.code);
      expect(formedFrom(c!.code).map((x) => x.name.vi)).toEqual([name]);
    }
  });

  it('the 23 merged units are formed exactly from the provinces the Resolution names', () => {
    expect(MERGED).toHaveLength(23);
    expect(MERGED.flatMap(([, from]) => from).length + UNCHANGED.length).toBe(63);
    for (const [unit, from] of MERGED) {
      const [c] = currentNamed(unit);
      expect(c, unit).toBeDefined();
      expect(
        formedFrom(c!.code)
          .map((f) => f.name.vi)
          .sort(),
        unit,
      ).toEqual([...from].sort());
    }
  });

  it('named examples: Hà Giang + Tuyên Quang → Tuyên Quang; Bình Dương + Bà Rịa - Vũng Tàu + Hồ Chí Minh → Hồ Chí Minh', () => {
    expect(successorOf('02')?.name.vi).toBe('Tuyên Quang');
    expect(successorOf('08')?.name.vi).toBe('Tuyên Quang');
    expect(successorOf('74')?.name.vi).toBe('Hồ Chí Minh');
    expect(successorOf('77')?.name.vi).toBe('Hồ Chí Minh');
    expect(successorOf('79')?.code).toBe('79');
    expect(successorOf('10')?.code).toBe('15'); // Lào Cai (10) is now in Lào Cai, code 15
    expect(successorOf('28')).toBeUndefined();
    expect(currentProvince('10')).toBeUndefined();
  });
});

describe('findProvince', () => {
  it('finds current units with or without diacritics, prefixes and case', () => {
    expect(findProvince('Thành phố Hồ Chí Minh')).toEqual({ current: currentProvince('79') });
    expect(findProvince('TP. Ho Chi Minh')?.current.code).toBe('79');
    expect(findProvince('  tỉnh  LÀO CAI ')?.current.code).toBe('15');
    expect(findProvince('Thanh Hoá')?.current.code).toBe('38'); // the other tone-mark placement
    expect(findProvince('Ba Ria – Vung Tau')?.current.code).toBe('79');
  });

  it('resolves a former province, or its alias, to its current unit and says which it was', () => {
    expect(findProvince('Bình Dương')).toEqual({ current: currentProvince('79'), former: formerProvince('74') });
    expect(findProvince('Thừa Thiên Huế')).toEqual({ current: currentProvince('46'), former: formerProvince('46') });
    expect(findProvince('Yen Bai')?.current.name.vi).toBe('Lào Cai');
  });

  it('finds nothing for unknown names, codes or empty text', () => {
    expect(findProvince('Hà Tây')).toBeUndefined();
    expect(findProvince('79')).toBeUndefined();
    expect(findProvince('')).toBeUndefined();
    expect(findProvince('Tỉnh')).toBeUndefined();
  });

  it('records its sources and decisions', () => {
    expect(provinceData.sources.current.map((s) => s.number)).toEqual(['202/2025/QH15', '19/2025/QĐ-TTg']);
    expect(provinceData.sources.former.map((s) => s.number)).toEqual(['124/2004/QĐ-TTg']);
    expect(provinceData.decisions.map((d) => d.id)).toContain('current-codes');
  });
});
