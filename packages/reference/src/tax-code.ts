// Tax codes (mã số thuế) of enterprises and their dependent units: format and check digit (Circular 105/2020/TT-BTC).
import data from './lists/tax-code/1.0.0.json' with { type: 'json' };
import type { DataDecision, Instrument } from './provinces.js';
import type { Text } from './text.js';

export interface TaxCodeRules {
  id: 'tax-code';
  version: string;
  title: Text;
  instrument: Instrument;
  format: { base: string; dependent: string };
  checkDigit: { weights: number[]; modulus: number; from: number };
  decisions: DataDecision[];
}

/** The tax code rules as shipped (version 1.0.0). */
export const taxCodeRules = data as TaxCodeRules;

export type TaxCodeProblem =
  'empty' | 'characters' | 'length' | 'personal-id' | 'hyphen-missing' | 'branch' | 'no-check-digit' | 'check-digit';

export type TaxCodeCheck =
  { ok: true; base: string; branch?: string } | { ok: false; problem: TaxCodeProblem; reason: Text };

const fail = (problem: TaxCodeProblem, vi: string, en: string): TaxCodeCheck => ({
  ok: false,
  problem,
  reason: { vi, en },
});

/**
 * The check digit of a code's first nine digits, or undefined when none exists (10 − (s mod 11) would be 10).
 * `nine` must be nine ASCII digits.
 */
export function taxCodeCheckDigit(nine: string): number | undefined {
  const { weights, modulus, from } = taxCodeRules.checkDigit;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]! * (nine.charCodeAt(i) - 48);
  const digit = from - (sum % modulus);
  return digit <= 9 ? digit : undefined;
}

/**
 * Checks a tax code as typed: surrounding spaces are ignored; the code is 10 digits, or 10 digits, "-" and a 3-digit
 * dependent unit number. Returns the parts, or the first problem in Vietnamese and English.
 */
export function checkTaxCode(text: string): TaxCodeCheck {
  const code = text.trim();
  if (code === '') return fail('empty', 'Chưa nhập mã số thuế.', 'The tax code is empty.');
  const bad = [...code].find((c) => !/[0-9-]/.test(c));
  if (bad !== undefined)
    return fail(
      'characters',
      `Mã số thuế chỉ gồm chữ số (và một dấu gạch ngang trước số của đơn vị phụ thuộc); có ký tự "${bad}".`,
      `A tax code has only digits (and one hyphen before a dependent unit's number); it contains "${bad}".`,
    );
  const parts = code.split('-');
  const base = parts[0]!;
  if (parts.length === 1 && code.length === 13)
    return fail(
      'hyphen-missing',
      `Mã số thuế của đơn vị phụ thuộc viết có dấu gạch ngang: ${code.slice(0, 10)}-${code.slice(10)}.`,
      `A dependent unit's tax code is written with a hyphen: ${code.slice(0, 10)}-${code.slice(10)}.`,
    );
  if (parts.length === 1 && code.length === 12)
    return fail(
      'personal-id',
      'Số có 12 chữ số là số định danh cá nhân, không phải mã số thuế doanh nghiệp (10 chữ số).',
      'A 12-digit number is a personal identification number, not an enterprise tax code (10 digits).',
    );
  if (parts.length > 2)
    return fail('characters', 'Mã số thuế có nhiều nhất một dấu gạch ngang.', 'A tax code has at most one hyphen.');
  if (base.length !== 10) {
    const where = parts.length > 1 ? { vi: ' trước dấu gạch ngang', en: ' before the hyphen' } : { vi: '', en: '' };
    return fail(
      'length',
      `Mã số thuế gồm 10 chữ số (đơn vị phụ thuộc: 10 chữ số, dấu gạch ngang và 3 chữ số); mã đã nhập có ${base.length} chữ số${where.vi}.`,
      `A tax code has 10 digits (a dependent unit's: 10 digits, a hyphen and 3 digits); this one has ${base.length}${where.en}.`,
    );
  }
  const branch = parts[1];
  if (branch !== undefined && !/^\d{3}$/.test(branch))
    return fail(
      'branch',
      `Sau dấu gạch ngang là số của đơn vị phụ thuộc, gồm 3 chữ số; đã nhập "${branch}".`,
      `After the hyphen comes the dependent unit's number, 3 digits; this is "${branch}".`,
    );
  if (branch === '000')
    return fail(
      'branch',
      'Số của đơn vị phụ thuộc đi từ 001 đến 999, không phải 000.',
      "A dependent unit's number runs from 001 to 999, not 000.",
    );
  const expected = taxCodeCheckDigit(base.slice(0, 9));
  if (expected === undefined)
    return fail(
      'no-check-digit',
      `Không có mã số thuế hợp lệ nào bắt đầu bằng ${base.slice(0, 9)}; hãy kiểm tra lại các chữ số.`,
      `No valid tax code begins with ${base.slice(0, 9)}; please check the digits.`,
    );
  const given = base.charCodeAt(9) - 48;
  if (given !== expected)
    return fail(
      'check-digit',
      `Chữ số kiểm tra (chữ số thứ 10) phải là ${expected}, không phải ${given}; hãy kiểm tra lại các chữ số.`,
      `The check digit (the 10th) should be ${expected}, not ${given}; please check the digits.`,
    );
  return branch === undefined ? { ok: true, base } : { ok: true, base, branch };
}
