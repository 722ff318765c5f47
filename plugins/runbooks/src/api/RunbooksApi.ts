import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  EntityRunbooks,
  RunbookDetail,
} from '@runbooks-for-backstage/plugin-runbooks-common';

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
}

/**
 * The API reference of {@link RunbooksApi}.
 *
 * @public
 */
export const runbooksApiRef = createApiRef<RunbooksApi>({
  id: 'plugin.runbooks.service',
});
