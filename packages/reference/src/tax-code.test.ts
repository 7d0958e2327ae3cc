import { describe, expect, it } from 'vitest';
import { checkTaxCode, taxCodeCheckDigit, taxCodeRules } from './tax-code.js';

// Every expected value below was worked out by hand with weights 31 29 23 19 17 13 7 5 3 and 10 − (s mod 11).
describe('checkTaxCode: valid codes', () => {
  it('accepts published codes of well-known companies', () => {
    // Viettel: s = 29 + 17 + 63 + 5 = 114, 114 mod 11 = 4 → 6
    expect(checkTaxCode('0100109106')).toEqual({ ok: true, base: '0100109106' });
    // Vinamilk: s = 87 + 85 + 104 + 56 + 25 + 18 = 375, mod 11 = 1 → 9
    expect(checkTaxCode('0300588569')).toEqual({ ok: true, base: '0300588569' });
    // Vietcombank: s = 29 + 17 + 13 + 14 + 20 + 9 = 102, mod 11 = 3 → 7
    expect(checkTaxCode('0100112437')).toEqual({ ok: true, base: '0100112437' });
  });

  it('check digit 0 when s mod 11 = 10', () => {
    // 101000000: s = 31 + 23 = 54, 54 mod 11 = 10 → 0
    expect(taxCodeCheckDigit('101000000')).toBe(0);
    expect(checkTaxCode('1010000000')).toEqual({ ok: true, base: '1010000000' });
  });

  it('ignores surrounding spaces', () => {
    expect(checkTaxCode(' 0100109106\n')).toEqual({ ok: true, base: '0100109106' });
  });

  it('accepts a dependent unit: 10 digits, hyphen, 001..999', () => {
    expect(checkTaxCode('0100109106-001')).toEqual({ ok: true, base: '0100109106', branch: '001' });
    expect(checkTaxCode('0300588569-999')).toEqual({ ok: true, base: '0300588569', branch: '999' });
  });
});

describe('checkTaxCode: mistakes', () => {
  const problem = (text: string) => {
    const r = checkTaxCode(text);
    if (r.ok) throw new Error(`${text} was accepted`);
    return r;
  };

  it('one wrong digit: the check digit itself, or one of the first nine', () => {
    const r = problem('0100109107');
    expect(r.problem).toBe('check-digit');
    expect(r.reason.en).toBe('The check digit (the 10th) should be 6, not 7; please check the digits.');
    expect(r.reason.vi).toBe('Chữ số kiểm tra (chữ số thứ 10) phải là 6, không phải 7; hãy kiểm tra lại các chữ số.');
    // 0100119106: the 6th digit 0 → 1 adds 13: s = 127, mod 11 = 6 → 4
    expect(problem('0100119106').reason.en).toContain('should be 4, not 6');
  });

  it('transposed digits', () => {
    // Vinamilk with its 5th and 6th digits swapped, 0300858569: s = 387, mod 11 = 2 → 8
    expect(problem('0300858569').reason.en).toContain('should be 8, not 9');
    // Vietcombank with its last two digits swapped, 0100112473: s = 114, mod 11 = 4 → 6
    expect(problem('0100112473').reason.en).toContain('should be 6, not 3');
  });

  it('nine digits that no check digit completes (s mod 11 = 0)', () => {
    // 100001000: s = 31 + 13 = 44 ≡ 0
    expect(taxCodeCheckDigit('100001000')).toBeUndefined();
    for (const last of ['0', '9']) {
      const r = problem(`100001000${last}`);
      expect(r.problem).toBe('no-check-digit');
      expect(r.reason.en).toBe('No valid tax code begins with 100001000; please check the digits.');
    }
  });

  it('wrong length', () => {
    const nine = problem('010010910');
    expect(nine.problem).toBe('length');
    expect(nine.reason.en).toContain('this one has 9.');
    expect(nine.reason.vi).toContain('mã đã nhập có 9 chữ số.');
    expect(problem('01001091066').reason.en).toContain('this one has 11.');
    expect(problem('010010910-001').reason.en).toContain('this one has 9 before the hyphen.');
    expect(problem('').problem).toBe('empty');
    expect(problem('   ').reason.en).toBe('The tax code is empty.');
  });

  it('letters and other characters are named', () => {
    const r = problem('01001O9106');
    expect(r.problem).toBe('characters');
    expect(r.reason.en).toContain('it contains "O"');
    expect(r.reason.vi).toContain('có ký tự "O"');
    expect(problem('0100 109 106').reason.en).toContain('it contains " "');
    expect(problem('0100109106-00-1').problem).toBe('characters');
  });

  it('dependent unit numbers: three digits, not 000, hyphen required; the base is still checked', () => {
    expect(problem('0100109106-01').problem).toBe('branch');
    expect(problem('0100109106-').problem).toBe('branch');
    expect(problem('0100109106-000').reason.en).toBe("A dependent unit's number runs from 001 to 999, not 000.");
    const joined = problem('0100109106001');
    expect(joined.problem).toBe('hyphen-missing');
    expect(joined.reason.en).toContain('0100109106-001');
    expect(problem('0100109107-001').reason.en).toContain('should be 6, not 7');
  });

  it('a 12-digit personal identification number is not an enterprise tax code', () => {
    expect(problem('001099012345').problem).toBe('personal-id');
  });
});

describe('tax code rules data', () => {
  it('records the Circular and the algorithm', () => {
    expect(taxCodeRules.instrument.number).toBe('105/2020/TT-BTC');
    expect(taxCodeRules.checkDigit).toEqual({ weights: [31, 29, 23, 19, 17, 13, 7, 5, 3], modulus: 11, from: 10 });
    expect(taxCodeRules.decisions.map((d) => d.id)).toContain('algorithm');
  });
});
