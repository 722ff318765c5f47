import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { ApiHolder } from '@backstage/core-plugin-api';
import { RUNBOOKS_LOCATION_ANNOTATION } from '@runbooks-for-backstage/plugin-runbooks-common';
import { runbooksApiRef } from '../../api';

/**
 * For `EntitySwitch.Case if={isFiring}`: true while an alert fires (state
 * active) for an entity with runbooks. Evaluated when the page renders; the
 * banner and card themselves update live.
 */
export async function isFiring(
  entity: Entity,
  context: { apis: ApiHolder },
): Promise<boolean> {
  if (!entity.metadata.annotations?.[RUNBOOKS_LOCATION_ANNOTATION]) {
    return false;
  }
  const api = context.apis.get(runbooksApiRef);
  if (!api) return false;
  try {
    const firing = await api.getEntityFiring(getCompoundEntityRef(entity));
    return firing.alerts.some(a => a.state === 'active');
  } catch {
    return false;
  }
}
