import { startTestBackend } from '@backstage/backend-test-utils';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { techInsightsModuleRunbooksFacts } from './module';
import { runbooksFactRetriever } from './runbooksFactRetriever';

describe('techInsightsModuleRunbooksFacts', () => {
  it('adds the runbooks fact retriever to Tech Insights', async () => {
    const addFactRetrievers = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [techInsightsFactRetrieversExtensionPoint, { addFactRetrievers }],
      ],
      features: [techInsightsModuleRunbooksFacts],
    });
    expect(addFactRetrievers).toHaveBeenCalledWith({ runbooksFactRetriever });
  });
});
