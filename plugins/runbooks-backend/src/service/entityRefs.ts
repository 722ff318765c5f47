import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The key an entity is stored under: its ref, lower-cased as the catalog compares them. */
export function entityKey(entity: Entity | CompoundEntityRef): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}
