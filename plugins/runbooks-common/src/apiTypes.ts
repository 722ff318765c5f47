import { Runbook } from './types';

/**
 * A review of a runbook recorded in the portal ("Mark as reviewed").
 *
 * @public
 */
export type RunbookReview = {
  /** The user entity ref of who reviewed it. */
  reviewer: string;
  /** When (ISO 8601). */
  reviewedAt: string;
  note?: string;
  /** sha256 of the runbook's text as it was reviewed; absent for reviews recorded before it was kept. */
  contentHash?: string;
};

/**
 * What `POST .../runbooks/:id/reviews` answers: the runbook with its new
 * status, and the review just recorded.
 *
 * @public
 */
export type RecordReviewResult = {
  runbook: Runbook;
  review: RunbookReview;
};

/**
 * A runbook that answers an alert.
 *
 * @public
 */
export type AlertMatch = {
  entityRef: string;
  entityTitle?: string;
  owner?: string;
  runbook: Runbook;
  anchor?: string;
  /** Path of the runbook in the portal, with `#anchor` when there is one. */
  url: string;
};

/**
 * A service whose alert rules define an alert.
 *
 * @public
 */
export type AlertDefinition = {
  entityRef: string;
  entityTitle?: string;
  owner?: string;
  severity?: string;
  /** The rule file that defines the alert. */
  file?: string;
};

/**
 * What `GET /alerts/:alertName` answers.
 *
 * @public
 */
export type AlertLookup = {
  alert: string;
  matches: AlertMatch[];
  /** Services whose rule files define the alert without a runbook for it. */
  definedBy: AlertDefinition[];
};

/**
 * Catalog-wide counts of `GET /report`.
 *
 * @public
 */
export type RunbooksReportTotals = {
  entities: number;
  withRunbooks: number;
  runbooks: number;
  fresh: number;
  dueSoon: number;
  stale: number;
  neverReviewed: number;
  missing: number;
  alerts: number;
  alertsWithoutRunbook: number;
};

/**
 * One entity of `GET /report`.
 *
 * @public
 */
export type RunbooksReportEntity = {
  entityRef: string;
  entityTitle?: string;
  owner?: string;
  /** False for components without the `runbooks/location` annotation. */
  hasRunbooks: boolean;
  /** The entity's runbooks, without their markdown. */
  runbooks: Runbook[];
  /** Number of alerts mapped to a runbook. */
  alerts: number;
  /** Names of the entity's alerts that no runbook answers. */
  alertsWithoutRunbook: string[];
  /** Standards checks passed and made over the entity's runbooks (absent without runbooks). */
  standards?: { passed: number; total: number };
};

/**
 * What `GET /report` answers: runbook coverage across the entities the
 * caller may read.
 *
 * @public
 */
export type RunbooksReport = {
  totals: RunbooksReportTotals;
  entities: RunbooksReportEntity[];
};

/**
 * What `GET /report` filters an entity page by: entities with at least one
 * runbook of that status, `without-runbooks` (components without the
 * annotation, or whose runbooks are all missing), `alerts-without-runbook`.
 *
 * @public
 */
export type RunbooksReportFilter =
  | 'fresh'
  | 'due-soon'
  | 'stale'
  | 'never-reviewed'
  | 'missing'
  | 'without-runbooks'
  | 'alerts-without-runbook';

/**
 * Query parameters of `GET /report` that ask for one page of entities.
 *
 * @public
 */
export type RunbooksReportQuery = {
  status?: RunbooksReportFilter;
  /** Owner entity ref, as in `spec.owner`. */
  owner?: string;
  /** Entity kind, any case (`component`). */
  kind?: string;
  /** Text in the entity's ref, title or owner, any case. */
  q?: string;
  /** `name` (entity ref, the default), `owner`, `stale` (most stale runbooks first) or `due` (soonest due first). */
  sort?: 'name' | 'owner' | 'stale' | 'due';
  order?: 'asc' | 'desc';
  offset?: number;
  /** Entities per page, 1 to 200; 50 by default. */
  limit?: number;
};

/**
 * Per owner counts of `GET /report` when a page is asked for.
 *
 * @public
 */
export type RunbooksReportOwner = {
  owner: string;
  entities: number;
  withRunbooks: number;
  runbooks: number;
  stale: number;
  neverReviewed: number;
  dueSoon: number;
  missing: number;
  alertsWithoutRunbook: number;
};

/**
 * `GET /report` with any of {@link RunbooksReportQuery}'s parameters: the
 * totals over every entity the caller may read, one page of the entities
 * that match, and counts per owner.
 *
 * @public
 */
export type RunbooksReportPage = RunbooksReport & {
  page: { offset: number; limit: number; total: number };
  owners: RunbooksReportOwner[];
};

/**
 * A runbook as `GET /documents` hands it to search collators.
 *
 * @public
 */
export type RunbookDocument = {
  entityRef: string;
  entityTitle?: string;
  owner?: string;
  runbook: Runbook;
  /** The runbook's text without markup. */
  text: string;
};
