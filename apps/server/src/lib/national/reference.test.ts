// Provinces as typed → the 34 units' codes, by hand from Resolution 202/2025/QH15 and Decision 19/2025/QĐ-TTg.
import { describe, expect, it } from 'vitest';
import { resolveProvince, taxCodeError } from './reference.js';

describe('resolveProvince', () => {
  it.each([
    ['79', { province: '79', provinceFormer: null }],
    ['1', { province: '01', provinceFormer: null }],
    // 15 is a current code (Lào Cai) before it is Yên Bái's former one
    ['15', { province: '15', provinceFormer: null }],
    // 10 was Lào Cai's code; Lào Cai is 15 now
    ['10', { province: '15', provinceFormer: '10' }],
    // 77 was Bà Rịa – Vũng Tàu, merged into Hồ Chí Minh (79)
    ['77', { province: '79', provinceFormer: '77' }],
    ['Yên Bái', { province: '15', provinceFormer: '15' }],
    ['tinh binh duong', { province: '79', provinceFormer: '74' }],
    ['Thành phố Hà Nội', { province: '01', provinceFormer: null }],
    // the former province's name (an alias of Huế in the former list)
    ['Thừa Thiên Huế', { province: '46', provinceFormer: '46' }],
  ])('%s', (text, expected) => {
    expect(resolveProvince(text)).toEqual(expected);
  });

  it.each(['99', '00', 'Atlantis', '', '123'])('refuses %j', (text) => {
    expect(resolveProvince(text)).toBeUndefined();
  });
});

describe('taxCodeError', () => {
  it('names the field and the check digit a typo breaks', () => {
    // Viettel's code 0100109106 (published); a typo in the last digit
    expect(taxCodeError('0100109106')).toBeUndefined();
    expect(taxCodeError('0100109107')).toMatchObject({ pointer: '/taxCode', code: 'tax-code-check-digit' });
    expect(taxCodeError('0100109107')!.detail).toMatch(/should be 6, not 7/);
  });
});
