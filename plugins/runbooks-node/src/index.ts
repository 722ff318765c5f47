/**
 * Extension points of the Runbooks for Backstage backend: on-call providers.
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
