import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { RunbooksAnnotationsProcessor } from './RunbooksAnnotationsProcessor';

/**
 * Catalog backend module that validates every entity's `runbooks/*`
 * annotations and shows the problems on the entity.
 *
 * @public
 */
export const catalogModuleRunbooksAnnotations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'runbooks-annotations',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new RunbooksAnnotationsProcessor());
      },
    });
  },
});
