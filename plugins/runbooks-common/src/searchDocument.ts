import { ReviewStatus } from './types';

/**
 * The search document type of runbooks, for the search page's type filter and
 * the search backend's collator.
 *
 * @public
 */
export const RUNBOOK_SEARCH_TYPE = 'runbook';

/**
 * A runbook as the portal's search indexes it (document type `runbook`).
 * Every field is always present, so that search engines that learn their
 * schema from the first document (Lunr) index all of them.
 *
 * @public
 */
export type RunbookSearchDocument = {
  /** The runbook's title. */
  title: string;
  /** The runbook's words, markdown reduced to text. */
  text: string;
  /** The runbook's path in the portal (`viewUrl`). */
  location: string;
  /** The entity the runbook belongs to. */
  entityRef: string;
  /** The entity's title, else its name. */
  entityTitle: string;
  /** The entity's owner ref, or an empty string. */
  owner: string;
  /** The alerts the runbook answers. */
  alerts: string[];
  status: ReviewStatus;
  /** The runbook's category, or an empty string. */
  category: string;
  /** The runbook's id within its entity. */
  runbookId: string;
};
