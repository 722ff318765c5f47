/**
 * Node-side pieces of Runbooks for Backstage: the on-call provider extension
 * point, and the reader of local runbook folders shared by the backend and the
 * lint CLI.
 *
 * @packageDocumentation
 */
export { runbooksOnCallExtensionPoint } from './onCall';
export type {
  OnCallAnswer,
  OnCallProvider,
  OnCallRequest,
  RunbooksOnCallExtensionPoint,
} from './onCall';
/** Who is on call on one level, re-exported for provider authors. */
export type {
  OnCallShift,
  EscalationContact,
  EscalationLevel,
} from '@runbooks-for-backstage/plugin-runbooks-common';
export {
  isInside,
  resolveInsideEntityFolder,
  SKIPPED_DIRECTORIES,
  walkLocalFolder,
} from './localFolder';
export type { LocalFolderFile, ResolvedLocalLocation } from './localFolder';
export {
  DEFAULT_SOURCE_LIMITS,
  isMarkdownPath,
  isYamlPath,
} from './sourceLimits';
