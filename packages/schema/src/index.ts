export * from './definition.js';
export * from './io.js';
export {
  ALLOWED_OPERATIONS,
  RULE_LIMITS,
  checkRule,
  SCORECARD_PILLAR_VARS,
  SCORECARD_OVERALL_VARS,
  AGGREGATE_VARS,
  PILLAR_FIELDS,
  profileVars,
  scorecardPillarVars,
  scorecardOverallVars,
  listNames,
} from './rules.js';
export type { AllowedOperation } from './rules.js';
export { checkDefinition, criterionMax, maxOfCriterion, answerScale, criteriaOf } from './check.js';
export {
  answerProblem,
  carrier,
  carryAnswers,
  checkCrosswalk,
  checkCrosswalkTarget,
  criteriaById,
  crosswalkEntryText,
  suggestCrosswalk,
} from './crosswalk.js';
export type { Carried, CarryResult, NotCarried, NotCarriedCode } from './crosswalk.js';
export { decimalOf, compareRatio, compareDecimal } from './decimal.js';
export type { Ratio } from './decimal.js';
export {
  validateDefinition,
  validateScoreInput,
  validateGroupInput,
  validateClassifyInput,
  toIssues,
  getAjv,
} from './validate.js';
export type { Checked } from './validate.js';
export { canonicalJson, contentHash, sha256Hex } from './canonical.js';
export { parseIndexRef, formatIndexRef, compareVersions } from './ref.js';
export { escapePointer } from './pointer.js';
export type { ParsedRef } from './ref.js';
export * from './api.js';
export { diffDefinitions, ruleText, DefinitionDiff, DiffChange, DiffChangeKind, DiffNodeKind } from './diff.js';
export * from './assessment.js';
export * from './assessment-rules.js';
export * from './accounts.js';
export * from './national.js';
export * from './certificates.js';
export { ForcePeriod, inForceOn, isIsoDate } from './in-force.js';
export * from './revisions-api.js';
