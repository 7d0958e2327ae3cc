// @dbi/reference: reference data as versioned data with small typed accessors. Pure and isomorphic.
export type { Text } from './text.js';
export { foldName } from './text.js';
export type { DataDecision, FormerProvince, Instrument, Province, ProvinceList } from './provinces.js';
export {
  currentProvince,
  currentProvinces,
  findProvince,
  formedFrom,
  formerProvince,
  formerProvinces,
  provinceData,
  successorOf,
} from './provinces.js';
export type { IndustryList, IndustrySection } from './industries.js';
export { industryData, industrySection, industrySections, sectionOfActivity } from './industries.js';
export type { TaxCodeCheck, TaxCodeProblem, TaxCodeRules } from './tax-code.js';
export { checkTaxCode, taxCodeCheckDigit, taxCodeRules } from './tax-code.js';
