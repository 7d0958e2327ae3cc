// Reference data on the way in (issue 9 item 2): a tax code must pass its check digit, a province is one of the 34
// units (a former-63 name or code is mapped to its unit, the former code kept), an industry is a VSIC 2018 section.
// Each refusal names its field in Vietnamese and English. The lists and rules are @dbi/reference's, never restated.
import {
  checkTaxCode,
  currentProvince,
  findProvince,
  formerProvince,
  industrySection,
  successorOf,
} from '@dbi/reference';
import type { ProblemError } from '@dbi/schema';
import { invalidInput } from '../problems.js';

type In = NonNullable<ProblemError['in']>;
const error = (pointer: string, detail: string, code: string, where: In): ProblemError => ({
  pointer,
  detail,
  code,
  in: where,
});

/** The tax code's problem, or undefined when its format and check digit are right. */
export function taxCodeError(taxCode: string, pointer = '/taxCode', where: In = 'body'): ProblemError | undefined {
  const c = checkTaxCode(taxCode);
  return c.ok ? undefined : error(pointer, `${c.reason.en} / ${c.reason.vi}`, `tax-code-${c.problem}`, where);
}

export interface ResolvedProvince {
  /** The code of one of the 34 units. */
  province: string;
  /** The former-63 code the province was given as, or null. */
  provinceFormer: string | null;
}

/**
 * A province as typed → the current unit's code. A two-digit code is read in the current list first (codes are
 * unique within a list only: 15 is Lào Cai now, was Yên Bái), then as a former code that is no current one (10, the
 * former Lào Cai, becomes 15); a name may be either list's.
 */
export function resolveProvince(text: string): ResolvedProvince | undefined {
  const t = text.trim();
  if (/^[0-9]{1,2}$/.test(t)) {
    const code = t.padStart(2, '0');
    if (currentProvince(code)) return { province: code, provinceFormer: null };
    const successor = successorOf(code);
    return successor && formerProvince(code) ? { province: successor.code, provinceFormer: code } : undefined;
  }
  const found = findProvince(t);
  return found && { province: found.current.code, provinceFormer: found.former?.code ?? null };
}

export function provinceError(text: string, pointer: string, where: In): ProblemError {
  return error(
    pointer,
    `"${text}" is not a province: give the code of one of the 34 provincial units (e.g. 01, 79) or a province name ` +
      `/ "${text}" không phải tỉnh, thành phố: nhập mã của một trong 34 đơn vị cấp tỉnh (ví dụ 01, 79) hoặc tên tỉnh`,
    'unknown-province',
    where,
  );
}

/** A province filter or scope: only the 34 current codes (lists and rankings are by current unit). */
export function currentProvinceError(code: string, pointer: string, where: In): ProblemError | undefined {
  return currentProvince(code) ? undefined : provinceError(code, pointer, where);
}

export function industryError(section: string, pointer: string, where: In): ProblemError | undefined {
  return industrySection(section)
    ? undefined
    : error(
        pointer,
        `"${section}" is not a VSIC 2018 section (A … U) / "${section}" không phải ngành cấp 1 của VSIC 2018 (A … U)`,
        'unknown-industry',
        where,
      );
}

/** Enterprise facts as given → with the province resolved; every bad field in one 400. */
export function checkEnterpriseFacts<F extends { province: string; industry: string }>(
  facts: F,
  taxCode?: string,
): F & ResolvedProvince {
  const errors: ProblemError[] = [];
  if (taxCode !== undefined) {
    const t = taxCodeError(taxCode);
    if (t) errors.push(t);
  }
  const province = resolveProvince(facts.province);
  if (!province) errors.push(provinceError(facts.province, '/province', 'body'));
  const industry = industryError(facts.industry, '/industry', 'body');
  if (industry) errors.push(industry);
  if (errors.length || !province) throw invalidInput(errors);
  return { ...facts, ...province };
}

/** Throws one 400 for the query's bad filters (province, industry). */
export function checkFilters(q: { province?: string; industry?: string }): void {
  const errors: ProblemError[] = [];
  if (q.province !== undefined) {
    const e = currentProvinceError(q.province, '/province', 'query');
    if (e) errors.push(e);
  }
  if (q.industry !== undefined) {
    const e = industryError(q.industry, '/industry', 'query');
    if (e) errors.push(e);
  }
  if (errors.length) throw invalidInput(errors);
}
