import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CatalogFiring,
  EntityFiring,
  EntityOnCall,
  EntityRunbooks,
  RunbookDetail,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  AlertLookup,
  RecordReviewResult,
  RunbookReviewRecord,
  RunbooksReport,
  RunbooksReportPage,
  RunbooksReportQuery,
} from './types';

/**
 * Reads an entity's runbooks from the runbooks backend.
 *
 * @public
 */
export interface RunbooksApi {
  /** The runbook list, alert mappings, escalation and problems of an entity. */
  getEntityRunbooks(entityRef: CompoundEntityRef): Promise<EntityRunbooks>;
  /** One runbook of an entity with its markdown body and headings. */
  getRunbook(entityRef: CompoundEntityRef, id: string): Promise<RunbookDetail>;
  /** The entity's escalation, who is on call now, and its severity ladder. */
  getOnCall(entityRef: CompoundEntityRef): Promise<EntityOnCall>;
  /** Records a review of a runbook by the signed-in user; answers its new status. */
  recordReview(
    entityRef: CompoundEntityRef,
    id: string,
    note?: string,
  ): Promise<RecordReviewResult>;
  /** The reviews of a runbook recorded in the portal, newest first. */
  getReviews(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<RunbookReviewRecord[]>;
  /**
   * The runbooks that answer an alert, and the services that define it.
   * `query` (alert labels, or `entity=<ref>`) narrows the matches.
   */
  lookupAlert(
    alertName: string,
    query?: Record<string, string>,
  ): Promise<AlertLookup>;
  /** Runbook coverage across the catalog entities the user may read. */
  getReport(): Promise<RunbooksReport>;
  /** What fires in Alertmanager for the entity, beside its runbooks. */
  getEntityFiring(entityRef: CompoundEntityRef): Promise<EntityFiring>;
  /** What fires across the catalog (entities the caller may read), optionally one alert only. */
  getFiring(query?: { alertname?: string }): Promise<CatalogFiring>;
  /** One filtered, sorted page of the coverage report, with totals and counts per owner. */
  getReportPage(query: RunbooksReportQuery): Promise<RunbooksReportPage>;
}

/**
 * The API reference of {@link RunbooksApi}.
 *
 * @public
 */
export const runbooksApiRef = createApiRef<RunbooksApi>({
  id: 'plugin.runbooks.service',
});
