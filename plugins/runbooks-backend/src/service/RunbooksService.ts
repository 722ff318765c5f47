import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AlertLookup,
  EntityRunbooks,
  Runbook,
  RunbookDetail,
  RunbookDocument,
  RunbookProblem,
  RunbooksReport,
  RunbooksReportPage,
  RunbooksReportQuery,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { RunbookReview } from './types';

/** What `POST /refresh` answers: the entity read again, or when to come back. */
export type RefreshAnswer =
  | {
      entityRef: string;
      runbooks: number;
      problems: RunbookProblem[];
      refreshedAt: string;
    }
  | { retryAfterSeconds: number; message: string };

/**
 * The plugin's answers, as the HTTP API and the actions give them: what is
 * stored, with review status computed now, limited to what the caller may
 * read.
 */
export interface RunbooksService {
  /**
   * An entity's runbooks. The entity is looked up with the caller's own
   * credentials, so those who may not read it get a 404. An entity never
   * refreshed yet is read on the spot.
   */
  getEntityRunbooks(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityRunbooks>;

  /** One runbook with its markdown and headings. */
  getRunbook(
    ref: CompoundEntityRef,
    runbookId: string,
    credentials: BackstageCredentials,
  ): Promise<RunbookDetail>;

  /**
   * Every stored runbook with its text, a page at a time, for search
   * collators. Callers are services; the search engine filters results by
   * each document's entity.
   */
  listDocuments(options: { after?: string; limit: number }): Promise<{
    items: RunbookDocument[];
    nextCursor?: string;
  }>;

  /**
   * The runbooks that answer an alert, limited to entities the caller may
   * read and narrowed by `entity=` or alert labels.
   */
  lookupAlert(
    alert: string,
    query: Record<string, string>,
    credentials: BackstageCredentials,
  ): Promise<AlertLookup>;

  /**
   * Records that the calling user re-read a runbook, if the
   * `runbooks.review.create` permission allows it; answers the runbook with
   * its new status.
   */
  recordReview(
    ref: CompoundEntityRef,
    runbookId: string,
    note: string | undefined,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ runbook: Runbook; review: RunbookReview }>;

  /** A runbook's review history, newest first. */
  listReviews(
    ref: CompoundEntityRef,
    runbookId: string,
    credentials: BackstageCredentials,
  ): Promise<{ reviews: RunbookReview[] }>;

  /** Coverage across the catalog, as far as the caller may read it. */
  report(credentials: BackstageCredentials): Promise<RunbooksReport>;

  /** One filtered, sorted page of the coverage report, with totals and per-owner counts. */
  reportPage(
    query: RunbooksReportQuery,
    credentials: BackstageCredentials,
  ): Promise<RunbooksReportPage>;

  /** Re-reads an entity's runbooks now, unless it was within the cooldown. */
  refresh(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<RefreshAnswer>;
}
