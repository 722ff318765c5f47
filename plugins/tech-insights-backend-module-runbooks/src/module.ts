import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { runbooksFactRetriever } from './runbooksFactRetriever';

/**
 * Adds the runbooks fact retriever to the Tech Insights backend.
 *
 * @public
 */
export const techInsightsModuleRunbooksFacts = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'runbooks-facts',
  register(reg) {
    reg.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({ runbooksFactRetriever });
      },
    });
  },
});
