import { CompoundEntityRef } from '@backstage/catalog-model';

/**
 * The portal path of a runbook: `/catalog/:namespace/:kind/:name/runbooks/:id`.
 *
 * @public
 */
export function runbookViewPath(
  entity: CompoundEntityRef,
  runbookId: string,
): string {
  return `/catalog/${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
    entity.kind.toLowerCase(),
  )}/${encodeURIComponent(entity.name)}/runbooks/${encodeURIComponent(
    runbookId,
  )}`;
}
