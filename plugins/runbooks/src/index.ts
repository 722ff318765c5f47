/**
 * Runbooks for Backstage: the entity Runbooks tab and overview card.
 *
 * @packageDocumentation
 */

/** The plugin, its extensions and the entity filter that turns them on. */
export {
  runbooksPlugin,
  EntityRunbooksContent,
  EntityRunbooksCard,
  EntityRunbookStandardsCard,
  isRunbooksAvailable,
  RunbooksPage,
  EntityOnCallCard,
  isOnCallAvailable,
  EntityFiringAlertsCard,
  EntityFiringBanner,
  isFiring,
} from './plugin';
/** Props of the firing alerts card. */
export type { EntityFiringAlertsCardProps } from './components/Firing/EntityFiringAlertsCard';
/** The route the Runbooks tab is mounted on. */
export { rootRouteRef } from './routes';
/** The route the Runbooks page (coverage and alert landing page) is mounted on. */
export { runbooksPageRouteRef } from './routes';
/** The API the plugin reads runbooks through, and its HTTP client. */
export { runbooksApiRef, RunbooksClient } from './api';
/** The shape of the runbooks API, for alternative implementations. */
export type { RunbooksApi } from './api';
/** What the runbooks API answers for reviews, alert lookups and the coverage report. */
export type {
  AlertDefinition,
  AlertLookup,
  AlertMatch,
  RecordReviewResult,
  RunbookReviewRecord,
  RunbooksReport,
  RunbooksReportEntity,
  RunbooksReportTotals,
} from './api';
/** Props of the overview card. */
export type { EntityRunbooksCardProps } from './components/EntityRunbooksCard';
/** Props of the runbook standards card. */
export type { EntityRunbookStandardsCardProps } from './components/EntityRunbookStandardsCard';
/** Props of the on-call card. */
export type { EntityOnCallCardProps } from './components/EntityOnCallCard';
/** The search result list item for runbooks (document type `runbook`). */
export { RunbookSearchResultListItem } from './components/RunbookSearchResultListItem';
/** Props of the runbook search result list item. */
export type { RunbookSearchResultListItemProps } from './components/RunbookSearchResultListItem';
