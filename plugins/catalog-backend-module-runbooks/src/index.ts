/**
 * Catalog backend module for Runbooks for Backstage: validates `runbooks/*`
 * annotations and reports the problems on the entity.
 *
 * @packageDocumentation
 */

export { catalogModuleRunbooksAnnotations as default } from './module';
export { RunbooksAnnotationsProcessor } from './RunbooksAnnotationsProcessor';
