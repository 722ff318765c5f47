import { Entity } from '@backstage/catalog-model';
import { AlphaEntity, EntityStatusItem } from '@backstage/catalog-model/alpha';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { validateRunbooksAnnotations } from '@runbooks-for-backstage/plugin-runbooks-common';

/**
 * The status item type the catalog uses for processing errors
 * (`ENTITY_STATUS_CATALOG_PROCESSING_TYPE` of `@backstage/catalog-client`):
 * the entity page's processing errors panel shows the items of this type.
 */
const CATALOG_PROCESSING_STATUS_TYPE = 'backstage.io/catalog-processing';

/**
 * Validates the `runbooks/*` annotations of every entity with the validator
 * the runbooks backend and the lint CLI use, and reports each problem on the
 * entity as a catalog processing status item that names the annotation key.
 *
 * Problems are written to the entity's `status.items` instead of being
 * emitted as processing errors on purpose: an emitted error fails the whole
 * processing run, and the catalog then keeps a new entity out altogether and
 * freezes an existing one at its last good version. A typo in a runbooks
 * annotation must never hide a service from the catalog.
 *
 * @public
 */
export class RunbooksAnnotationsProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'RunbooksAnnotationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = entity.metadata.annotations ?? {};
    if (!Object.keys(annotations).some(key => key.startsWith('runbooks/'))) {
      return entity;
    }
    const problems = validateRunbooksAnnotations(annotations);
    if (!problems.length) return entity;

    const items: EntityStatusItem[] = problems.map(problem => ({
      type: CATALOG_PROCESSING_STATUS_TYPE,
      level: problem.level,
      message: `InputError: ${problem.message}`,
      error: { name: 'InputError', message: problem.message },
    }));
    const { status } = entity as AlphaEntity;
    const result: AlphaEntity = {
      ...entity,
      status: { ...status, items: [...(status?.items ?? []), ...items] },
    };
    return result;
  }
}
