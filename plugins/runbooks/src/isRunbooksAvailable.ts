import { Entity } from '@backstage/catalog-model';
import { RUNBOOKS_LOCATION_ANNOTATION } from '@runbooks-for-backstage/plugin-runbooks-common';

/**
 * True when the entity names where its runbooks live (a non-empty
 * `runbooks/location` annotation); use it in `EntitySwitch.Case`.
 *
 * @public
 */
export function isRunbooksAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[RUNBOOKS_LOCATION_ANNOTATION]?.trim(),
  );
}
