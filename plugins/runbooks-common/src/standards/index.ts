export * from './types';
export { normalizeSectionName, headingMatchesName } from './headings';
export {
  DEFAULT_RUNBOOK_STANDARD,
  DEFAULT_STANDARD_REQUIREMENTS,
} from './defaultStandard';
export {
  parseStandardsConfig,
  runbookStandardsConfigSchema,
} from './configStandard';
export { readDeclaredStandard } from './declaredStandard';
export { checkRunbookStandards, reviewCheck, withReview } from './checkRunbook';
export type { RunbookStandardsInput } from './checkRunbook';
export { checkEntityStandards, missingRunbookStandards } from './entityChecks';
export type { EntityStandardsInput } from './entityChecks';
export {
  runbookSkeleton,
  writeRunbookLink,
  runbookFileName,
} from './writeLink';
export type { WriteRunbookLink } from './writeLink';
